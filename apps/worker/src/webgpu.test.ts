import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectKernel, freshWorkerDatabase, resultOf, startWorkerProcess, stdoutOf, type KernelConnection, type TestDatabase, type WorkerProcess } from './testing.ts';

// Chromium's SwiftShader: a software Vulkan driver, so Dawn finds an adapter on a machine without a GPU (.ci/run installs it).
const swiftShader = '/usr/lib/chromium/vk_swiftshader_icd.json';

describe('webgpu through Dawn on the SwiftShader Vulkan driver', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let worker: WorkerProcess;
  let notebookId: string;
  const open: KernelConnection[] = [];
  const start = (backend?: 'webgpu') => {
    const kernel = connectKernel({ workerUrl: worker.url, kernelId: crypto.randomUUID(), notebookId, ...(backend ? { backend } : {}) });
    open.push(kernel);
    return kernel;
  };

  beforeAll(async () => {
    if (!existsSync(swiftShader)) throw new Error(`this test needs Chromium's SwiftShader Vulkan driver at ${swiftShader} (apt-get install chromium libvulkan1)`);
    database = await freshWorkerDatabase();
    notebookId = await database.createNotebook();
    worker = await startWorkerProcess(database.url, { VK_ICD_FILENAMES: swiftShader });
  }, 120_000);
  afterAll(async () => {
    for (const kernel of open) kernel.close();
    await worker?.stop();
    await database?.drop();
  });

  it('WORKER-BACKEND-1 a kernel asked for webgpu runs on Dawn and reports the software device', async () => {
    const kernel = start('webgpu');
    const info = await kernel.ready;
    expect(info.backend).toMatchObject({ name: 'webgpu', software: true });
    expect(info.backend.device).toMatch(/swiftshader/i);
    expect(info.backends).toEqual(['webgpu', 'wasm', 'cpu']);
    const run = await kernel.execute("import * as tf from '@tensorflow/tfjs'; console.log(tf.getBackend()); Array.from(await tf.square(tf.tensor([1, 2, 3])).data())");
    expect(stdoutOf(run)).toBe('webgpu\n');
    expect(resultOf(run)).toBe('[ 1, 4, 9 ]');
  });

  it('WORKER-BACKEND-1 a software GPU is never the automatic choice: the kernel takes wasm', async () => {
    const info = await start().ready;
    expect(info.backend).toEqual({ name: 'wasm', device: 'CPU (WebAssembly)', software: false });
  });
});
