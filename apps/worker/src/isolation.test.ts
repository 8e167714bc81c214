import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectKernel, freshWorkerDatabase, startWorkerProcess, stdoutOf, type KernelConnection, type TestDatabase, type WorkerProcess } from './testing.ts';

const repoFile = resolve(import.meta.dirname, '../../../package.json');
const outside = `/tmp/cohort-kernel-escape-${process.pid}.txt`;

// What a cell tries, each attempt reported as "allowed: …" or "refused: <error code>".
const escapeAttempts = `
const fs = process.getBuiltinModule('node:fs');
const childProcess = process.getBuiltinModule('node:child_process');
const net = process.getBuiltinModule('node:net');
const threads = process.getBuiltinModule('node:worker_threads');
const attempt = (what: () => unknown) => {
  try {
    return 'allowed: ' + String(what());
  } catch (error) {
    return 'refused: ' + (error as { code?: string }).code;
  }
};
const report = {
  envKeys: Object.keys(process.env).sort(),
  databaseUrl: process.env.DATABASE_URL ?? null,
  authSecret: process.env.AUTH_SECRET ?? null,
  parentEnvironment: attempt(() => fs.readFileSync('/proc/' + process.ppid + '/environ', 'utf8').length),
  repositoryFile: attempt(() => fs.readFileSync(${JSON.stringify(repoFile)}, 'utf8').length),
  spawn: attempt(() => childProcess.spawnSync('sh', ['-c', 'echo escaped']).stdout),
  workerThread: attempt(() => new threads.Worker('1', { eval: true })),
  writeOutsideScratch: attempt(() => fs.writeFileSync(${JSON.stringify(outside)}, 'x')),
  writeScratch: attempt(() => {
    fs.writeFileSync('notes.txt', 'kept in scratch');
    return fs.readFileSync('notes.txt', 'utf8');
  }),
  scratch: process.cwd(),
  postgres: await new Promise((done) => {
    const socket = net.connect(5432, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); done('connected'); });
    socket.on('error', (error: { code?: string }) => done('refused: ' + error.code));
  }),
};
console.log(JSON.stringify(report));
`;

describe('a kernel process is isolated from the worker', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let worker: WorkerProcess;
  let kernel: KernelConnection;
  beforeAll(async () => {
    database = await freshWorkerDatabase();
    worker = await startWorkerProcess(database.url);
    kernel = connectKernel({ workerUrl: worker.url, kernelId: crypto.randomUUID(), notebookId: await database.createNotebook() });
    await kernel.ready;
  }, 120_000);
  afterAll(async () => {
    kernel?.close();
    await worker?.stop();
    await database?.drop();
  });

  it('WORKER-PROC-1 WORKER-PROC-2 WORKER-PROC-3 WORKER-PROC-4 a cell cannot read the secrets, the worker\'s environment or files, spawn, or write outside its scratch folder; it can open TCP sockets', async () => {
    const report = JSON.parse(stdoutOf(await kernel.execute(escapeAttempts)));
    expect(report.databaseUrl).toBeNull();
    expect(report.authSecret).toBeNull();
    const driverVariable = /^(VK_|CUDA_|NVIDIA_|LD_LIBRARY_PATH$)/;
    expect(report.envKeys.filter((key: string) => !driverVariable.test(key))).toEqual(['HOME', 'NODE_ENV', 'PATH', 'TMPDIR', 'XDG_RUNTIME_DIR']);
    expect(report).toMatchObject({
      parentEnvironment: 'refused: ERR_ACCESS_DENIED',
      repositoryFile: 'refused: ERR_ACCESS_DENIED',
      spawn: 'refused: ERR_ACCESS_DENIED',
      workerThread: 'refused: ERR_ACCESS_DENIED',
      writeOutsideScratch: 'refused: ERR_ACCESS_DENIED',
      writeScratch: 'allowed: kept in scratch',
      // Node's permission model does not cover the network (SPEC.md WORKER-PROC-4: production runs
      // kernels without a route to Postgres); no credentials reach the kernel, though.
      postgres: 'connected',
    });
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(`${report.scratch}/notes.txt`)).toBe(true);

    // WORKER-PROC-3: a restart is a new process with a new scratch folder; the old one is removed.
    await kernel.request('restart_request', {});
    const after = JSON.parse(stdoutOf(await kernel.execute('console.log(JSON.stringify({ scratch: process.cwd() }))')));
    expect(after.scratch).not.toBe(report.scratch);
    expect(existsSync(report.scratch)).toBe(false);
  });
});
