import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessage, type KernelMessage } from './protocol.ts';
import { contentsOf, expectFinished, startTestKernel, type TestKernel } from './test-kernel.ts';

let kernel: TestKernel | undefined;
afterEach(() => kernel?.dispose());

const replyOf = (sequence: KernelMessage[]) => contentsOf(sequence, 'execute_reply')[0]!;
const TINY_MODEL = [
  'import * as tf from "@tensorflow/tfjs";',
  'const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });',
  'model.compile({ optimizer: tf.train.sgd(0.05), loss: "meanSquaredError" });',
  'const xs = tf.tensor2d([[0], [1], [2], [3]]);',
  'const ys = tf.tensor2d([[1], [3], [5], [7]]);',
].join('\n');

describe('kernel lifecycle', () => {
  it('KERNEL-LIFE-1 a starting kernel sends status starting, then idle, with no parent', async () => {
    kernel = await startTestKernel();
    expect(kernel.messages.map((message) => [message.content, message.parent_header])).toEqual([
      [{ execution_state: 'starting' }, {}],
      [{ execution_state: 'idle' }, {}],
    ]);
  });

  it('KERNEL-INFO-1 kernel_info_reply names the backend, device, the backends here and the runtime', async () => {
    kernel = await startTestKernel({ backend: 'cpu' });
    const sequence = await kernel.request('kernel_info_request', {});
    expectFinished(sequence, 'kernel_info_reply');
    expect(contentsOf(sequence, 'kernel_info_reply')[0]).toMatchObject({
      status: 'ok',
      implementation: 'cohort',
      language_info: { name: 'typescript', file_extension: '.ts' },
      backend: { name: 'cpu', device: 'CPU', software: false },
      backends: ['wasm', 'cpu'],
      runtime: 'node',
    });
  });

  it('KERNEL-INT-1 an interrupt ends an awaiting cell promptly with KeyboardInterrupt, and drops its later output', async () => {
    kernel = await startTestKernel();
    const running = kernel.execute('console.log("started");\nawait new Promise((resolve) => setTimeout(resolve, 1500));\nconsole.log("after")', 'slow');
    await kernel.printed('started');
    const started = Date.now();
    const interrupt = await kernel.request('interrupt_request', {});
    const sequence = await running;
    expect(Date.now() - started).toBeLessThan(1000);
    expectFinished(interrupt, 'interrupt_reply');
    expectFinished(sequence);
    expect(contentsOf(sequence, 'error')[0]).toMatchObject({ ename: 'KeyboardInterrupt' });
    expect(replyOf(sequence)).toMatchObject({ status: 'error', ename: 'KeyboardInterrupt' });
    // The interrupted execution's reply came before the interrupt's reply.
    expect(kernel.messages.indexOf(sequence.at(-1)!)).toBeLessThan(kernel.messages.indexOf(interrupt.at(-2)!));
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(kernel.messages.some((message) => (message.content as { text?: string }).text === 'after\n')).toBe(false);
    expect(contentsOf(await kernel.execute('"still here"'), 'execute_result')[0]!.data['text/plain']).toBe("'still here'");
  });

  it('KERNEL-INT-2 a host interrupt of a synchronous loop (vm breakOnSigint) ends the cell with KeyboardInterrupt and the kernel stays usable', async () => {
    kernel = await startTestKernel({
      evaluate(code, fileName) {
        if (code.includes('while (true)')) throw Object.assign(new Error('Script execution was interrupted by `SIGINT`'), { code: 'ERR_SCRIPT_EXECUTION_INTERRUPTED' });
        return vm.runInThisContext(code, { filename: fileName });
      },
    });
    const sequence = await kernel.execute('while (true) {}');
    expectFinished(sequence);
    expect(replyOf(sequence)).toMatchObject({ status: 'error', ename: 'KeyboardInterrupt' });
    expect(replyOf(await kernel.execute('1')).status).toBe('ok');
  });

  it('KERNEL-EXEC-5 a failing cell aborts the requests queued behind it', async () => {
    kernel = await startTestKernel();
    const [failed, queued] = await Promise.all([kernel.execute('throw new Error("stop")', 'first'), kernel.execute('console.log("never")', 'second')]);
    expect(replyOf(failed).status).toBe('error');
    expectFinished(queued);
    expect(replyOf(queued).status).toBe('aborted');
    expect(contentsOf(queued, 'stream')).toEqual([]);
    expect(replyOf(await kernel.execute('1')).status).toBe('ok');
  });

  it('KERNEL-LIFE-2 restart clears what cells declared, resets the count and switches backend (wasm)', async () => {
    kernel = await startTestKernel({ backend: 'cpu' });
    await kernel.execute('const remembered = 1;\nconst setTimeout = "shadowed";');
    const restart = await kernel.request('restart_request', { backend: 'wasm' });
    expectFinished(restart, 'restart_reply');
    expect(contentsOf(restart, 'restart_reply')[0]).toEqual({ status: 'ok', backend: { name: 'wasm', device: 'CPU (WebAssembly)', software: false } });
    const after = await kernel.execute(
      'import * as tf from "@tensorflow/tfjs";\n[typeof remembered, typeof setTimeout, kernel.backend, tf.getBackend(), tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).arraySync()]',
    );
    expect(replyOf(after)).toMatchObject({ status: 'ok', execution_count: 1 });
    expect(contentsOf(after, 'execute_result')[0]!.data['application/json']).toEqual(['undefined', 'function', 'wasm', 'wasm', [[2, 2], [2, 2]]]);
  });

  it('KERNEL-TRAIN-1 trainingChart draws a Vega-Lite loss chart whose final update holds the final loss', async () => {
    kernel = await startTestKernel();
    const sequence = await kernel.execute(`${TINY_MODEL}\nconst history = await model.fit(xs, ys, { epochs: 8, verbose: 0, callbacks: trainingChart({ title: "fit" }) });\nhistory.history.loss.at(-1)`);
    expectFinished(sequence);
    const finalLoss = Number(contentsOf(sequence, 'execute_result')[0]!.data['text/plain']);
    const [chart, bar] = contentsOf(sequence, 'display_data');
    const chartId = chart!.transient!.display_id;
    const chartUpdates = contentsOf(sequence, 'update_display_data').filter((update) => update.transient.display_id === chartId);
    expect(chartUpdates.length).toBeGreaterThan(0);
    const spec = chartUpdates.at(-1)!.data['application/vnd.vegalite.v5+json'] as { title: string; data: { values: { epoch: number; metric: string; value: number }[] }; encoding: object };
    expect(spec.title).toBe('fit');
    expect(spec.encoding).toMatchObject({ x: { field: 'epoch' }, y: { field: 'value' }, color: { field: 'metric' } });
    expect(spec.data.values).toHaveLength(8);
    expect(spec.data.values.at(-1)).toEqual({ epoch: 8, metric: 'loss', value: finalLoss });
    const barUpdates = contentsOf(sequence, 'update_display_data').filter((update) => update.transient.display_id === bar!.transient!.display_id);
    expect(barUpdates.at(-1)!.data['text/plain']).toContain('8/8');
  });

  it('KERNEL-TRAIN-2 interrupting a training cell stops model.fit, and the model can train again', async () => {
    kernel = await startTestKernel();
    const running = kernel.execute(
      `${TINY_MODEL}\nlet epochsRun = 0;\nawait model.fit(xs, ys, { epochs: 100000, verbose: 0, callbacks: [trainingChart(), { onEpochEnd: async () => { epochsRun++; if (epochsRun === 3) console.log("training"); } }] });`,
      'train',
    );
    await kernel.printed('training');
    await kernel.request('interrupt_request', {});
    expect(replyOf(await running)).toMatchObject({ ename: 'KeyboardInterrupt' });
    const stopped = await kernel.execute('const seen = epochsRun;\nawait new Promise((resolve) => setTimeout(resolve, 200));\n[epochsRun - seen, epochsRun < 100000]');
    expect(contentsOf(stopped, 'execute_result')[0]!.data['application/json']).toEqual([0, true]);
    const again = await kernel.execute('(await model.fit(xs, ys, { epochs: 2, verbose: 0 })).epoch');
    expect(contentsOf(again, 'execute_result')[0]!.data['application/json']).toEqual([0, 1]);
  });
});

describe('messages the runtime ignores', () => {
  it('KERNEL-MSG-4 a reply or output sent to the kernel is ignored', async () => {
    kernel = await startTestKernel();
    const before = kernel.messages.length;
    await kernel.runtime.handle(createMessage('stream', { name: 'stdout', text: 'x' }) as KernelMessage);
    expect(kernel.messages.length).toBe(before);
  });
});
