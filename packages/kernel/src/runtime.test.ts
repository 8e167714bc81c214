import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsOf, expectFinished, startTestKernel, stdout, type TestKernel } from './test-kernel.ts';

let kernel: TestKernel;
beforeAll(async () => {
  kernel = await startTestKernel({ backend: 'cpu' });
});
afterAll(() => kernel.dispose());

const reply = (sequence: Awaited<ReturnType<TestKernel['execute']>>) => contentsOf(sequence, 'execute_reply')[0]!;

describe('executing cells', () => {
  it('KERNEL-EXEC-1 a request is answered by busy, outputs, execute_reply, then idle', async () => {
    const sequence = await kernel.execute('1 + 1');
    expect(sequence.map((message) => message.header.msg_type)).toEqual(['status', 'execute_result', 'execute_reply', 'status']);
    expect(sequence[0]!.content).toEqual({ execution_state: 'busy' });
    expectFinished(sequence);
    expect(reply(sequence)).toMatchObject({ status: 'ok' });
  });

  it('KERNEL-EXEC-2 declarations persist across cells and re-running a cell rebinds them', async () => {
    expectFinished(await kernel.execute('const rate: number = 0.1;\nfunction scale(x: number) { return x * rate; }', 'a'));
    expect(contentsOf(await kernel.execute('scale(20)', 'b'), 'execute_result')[0]!.data['text/plain']).toBe('2');
    await kernel.execute('const rate: number = 0.5;\nfunction scale(x: number) { return x * rate; }', 'a');
    expect(contentsOf(await kernel.execute('scale(20)', 'b'), 'execute_result')[0]!.data['text/plain']).toBe('10');
  });

  it('KERNEL-EXEC-3 the execution count grows with each stored execution and is in the result and reply', async () => {
    const first = await kernel.execute('"x"');
    const second = await kernel.execute('"y"');
    const count = reply(first).execution_count;
    expect(reply(second).execution_count).toBe(count + 1);
    expect(contentsOf(second, 'execute_result')[0]!.execution_count).toBe(count + 1);
    const silent = await kernel.request('execute_request', { code: '"z"', cell_id: 'c', silent: true });
    expect(contentsOf(silent, 'execute_result')).toEqual([]);
    expect(reply(silent).execution_count).toBe(count + 1);
  });

  it('KERNEL-EXEC-4 a cell ending in a declaration or undefined has no result', async () => {
    expect(contentsOf(await kernel.execute('const unused = 3;'), 'execute_result')).toEqual([]);
    expect(contentsOf(await kernel.execute('undefined'), 'execute_result')).toEqual([]);
  });

  it('KERNEL-IO-1 console.log/info/debug go to stdout and console.warn/error to stderr, in order', async () => {
    const sequence = await kernel.execute('console.log("a", 1, { b: 2 });\nconsole.info("c");\nconsole.warn("careful");\nconsole.debug("d")');
    expect(contentsOf(sequence, 'stream')).toEqual([
      { name: 'stdout', text: "a 1 { b: 2 }\nc\n" },
      { name: 'stderr', text: 'careful\n' },
      { name: 'stdout', text: 'd\n' },
    ]);
  });

  it('KERNEL-IO-2 output of a timer that fires after its cell finished goes to that cell', async () => {
    const first = await kernel.execute('setTimeout(() => console.log("late"), 30);', 'timer');
    const second = await kernel.execute('await new Promise((resolve) => setTimeout(resolve, 120));\nconsole.log("second")', 'waiting');
    expect(stdout(second)).toBe('second\n');
    await kernel.printed('late');
    const late = kernel.messages.find((message) => message.header.msg_type === 'stream' && (message.content as { text: string }).text === 'late\n');
    expect(late?.parent_header).toEqual(first[0]!.parent_header);
  });
});

describe('displays', () => {
  it('KERNEL-DISPLAY-8 a tensor that can only be read asynchronously shows its header at once, then its values in place; as a result, its values', async () => {
    const fake = [
      '// A tensor on a backend without synchronous reads, as WebGPU in Node.',
      'const gpuTensor = { shape: [2], dtype: "float32", isDisposed: false,',
      '  dataSync(): never { throw new Error("synchronous read needs OffscreenCanvas"); },',
      '  data: async () => new Float32Array([1.5, 2]) };',
      'display(gpuTensor);',
      'gpuTensor',
    ].join('\n');
    const sequence = await kernel.execute(fake);
    expectFinished(sequence);
    const [shown] = contentsOf(sequence, 'display_data');
    expect(shown!.data['text/plain']).toBe('Tensor float32 [2] (reading its values…)');
    const [result] = contentsOf(sequence, 'execute_result');
    expect(result!.data['text/plain']).toBe('Tensor float32 [2]\n[1.5, 2.0]');
    const updates = kernel.messages.filter((message) => message.header.msg_type === 'update_display_data').map((message) => message.content as { data: { 'text/plain'?: string }; transient: { display_id: string } });
    expect(updates.find((update) => update.transient.display_id === shown!.transient!.display_id)?.data['text/plain']).toBe(result!.data['text/plain']);
  });

  it('KERNEL-DISPLAY-1 display() of a tensor shows numpy-like text; the result of a tensor expression too', async () => {
    const sequence = await kernel.execute('import * as tf from "@tensorflow/tfjs";\nconst m = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);\ndisplay(m);\nm.sum()');
    expectFinished(sequence);
    expect(contentsOf(sequence, 'display_data')[0]!.data['text/plain']).toBe('Tensor float32 [2, 3]\n[[1, 2, 3],\n [4, 5, 6]]');
    expect(contentsOf(sequence, 'execute_result')[0]!.data['text/plain']).toBe('Tensor float32 []\n21');
  });

  it('KERNEL-DISPLAY-1 a large tensor is abbreviated', async () => {
    const sequence = await kernel.execute('tf.range(0, 2000, 1, "int32")');
    expect(contentsOf(sequence, 'execute_result')[0]!.data['text/plain']).toBe('Tensor int32 [2000]\n[   0,    1,    2, ..., 1997, 1998, 1999]');
  });

  it('KERNEL-DISPLAY-2 an array of records is an escaped HTML table', async () => {
    const sequence = await kernel.execute('[{ name: "<script>alert(1)</script>", score: 3 }]');
    const data = contentsOf(sequence, 'execute_result')[0]!.data;
    expect(data['text/html']).toContain('<td>&#60;script&#62;alert(1)&#60;/script&#62;</td>');
    expect(data['text/html']).not.toContain('<script>');
    expect(data['text/plain']).toContain('name');
  });

  it('KERNEL-DISPLAY-3 image() of a tensor is a PNG', async () => {
    const sequence = await kernel.execute('display(image(tf.ones([2, 3, 3])))');
    expect(contentsOf(sequence, 'display_data')[0]!.data['image/png']).toMatch(/^iVBORw0KGgo/);
  });

  it('KERNEL-DISPLAY-5 vegaLite, html and markdown values are shown as their MIME type', async () => {
    const sequence = await kernel.execute('display(vegaLite({ mark: "bar", data: { values: [{ a: 1 }] } }));\ndisplay(html("<i>x</i>"));\nmarkdown("**m**")');
    const [chart, markup] = contentsOf(sequence, 'display_data');
    expect(chart!.data['application/vnd.vegalite.v5+json']).toEqual({ mark: 'bar', data: { values: [{ a: 1 }] } });
    expect(markup!.data['text/html']).toBe('<i>x</i>');
    expect(contentsOf(sequence, 'execute_result')[0]!.data['text/markdown']).toBe('**m**');
  });

  it('KERNEL-DISPLAY-6 a display handle updates its display in place, also from a later cell', async () => {
    const first = await kernel.execute('const shown = display("step 1");\nshown.update("step 2");', 'handle');
    const [displayed] = contentsOf(first, 'display_data');
    const [updated] = contentsOf(first, 'update_display_data');
    expect(displayed!.transient?.display_id).toBeTruthy();
    expect(updated).toEqual({ data: { 'text/plain': "'step 2'" }, metadata: {}, transient: { display_id: displayed!.transient!.display_id } });
    const before = kernel.messages.length;
    await kernel.execute('shown.update("step 3")', 'other');
    const later = kernel.messages.slice(before).find((message) => message.header.msg_type === 'update_display_data')!;
    expect(later.parent_header).toEqual(first[0]!.parent_header);
    expect((later.content as { transient: { display_id: string } }).transient.display_id).toBe(displayed!.transient!.display_id);
  });

  it('KERNEL-DISPLAY-7 progress() shows a bar and updates it at most ~10 times a second, ending complete', async () => {
    const sequence = await kernel.execute('const bar = progress(100, { label: "load" });\nfor (let i = 1; i <= 100; i++) bar.update(i);\nbar.close();');
    const updates = contentsOf(sequence, 'update_display_data');
    expect(contentsOf(sequence, 'display_data')[0]!.data['text/plain']).toContain('load [');
    expect(updates.length).toBeLessThanOrEqual(2);
    expect(updates.at(-1)!.data['text/plain']).toContain('100/100 (100%)');
  });
});

describe('errors', () => {
  it('KERNEL-ERR-1 a thrown error is an error output and reply whose traceback names the cell and the TypeScript line:column', async () => {
    const code = ['type Point = {', '  x: number;', '};', 'function check(p: Point) {', '  if (p.x < 0) throw new RangeError("negative");', '}', 'check({ x: -1 });'].join('\n');
    const sequence = await kernel.execute(code, 'failing');
    expectFinished(sequence);
    const [error] = contentsOf(sequence, 'error');
    expect(error).toMatchObject({ ename: 'RangeError', evalue: 'negative' });
    expect(error!.traceback).toEqual(['RangeError: negative', '    at check (cell failing, line 5:22)', '    at cell failing, line 7:1']);
    expect(reply(sequence)).toMatchObject({ status: 'error', ename: 'RangeError', evalue: 'negative' });
  });

  it('KERNEL-ERR-5 an operation the backend lacks (wasm cannot train convolutions) ends with a hint to pick another backend', async () => {
    const wasmKernel = await startTestKernel({ backend: 'wasm' });
    try {
      const code = [
        'import * as tf from "@tensorflow/tfjs";',
        'const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3 }), tf.layers.flatten(), tf.layers.dense({ units: 1 })] });',
        'model.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
        'await model.trainOnBatch(tf.zeros([2, 8, 8, 1]), tf.zeros([2, 1]));',
      ].join('\n');
      const [error] = contentsOf(await wasmKernel.execute(code), 'error');
      expect(error!.evalue).toContain("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'");
      expect(error!.traceback.at(-1)).toBe(
        "Hint: the wasm backend cannot run Conv2DBackpropFilter. Pick another backend (CPU, or a GPU one) in the notebook's Backend menu and run again.",
      );
    } finally {
      wasmKernel.dispose();
      // One TensorFlow.js per realm: give the other tests their backend back.
      await (await import('@tensorflow/tfjs')).setBackend('cpu');
    }
  });

  it('KERNEL-ERR-2 the kernel stays usable after an error', async () => {
    await kernel.execute('throw new Error("x")');
    expect(contentsOf(await kernel.execute('40 + 2'), 'execute_result')[0]!.data['text/plain']).toBe('42');
  });

  it('KERNEL-ERR-3 a syntax error is a SyntaxError output with line:column, not a crash', async () => {
    const sequence = await kernel.execute('const a = 1;\nconst = 2;', 'broken');
    expectFinished(sequence);
    const [error] = contentsOf(sequence, 'error');
    expect(error!.ename).toBe('SyntaxError');
    expect(error!.evalue).toMatch(/\(2:\d+\)$/);
    expect(reply(sequence).status).toBe('error');
  });

  it('KERNEL-ERR-4 importing a module the kernel does not provide is an error naming it', async () => {
    const [error] = contentsOf(await kernel.execute('import _ from "lodash";'), 'error');
    expect(error!.evalue).toContain('lodash');
  });
});
