// `npm run bench:backends`: the TensorFlow.js workloads (tests/bench/support/tf-workloads.ts) in
// Node on each backend a Node kernel can use: tensorflow (tfjs-node-gpu / tfjs-node, where
// installed), webgpu through Dawn (npm `webgpu`) on the host's Vulkan driver, wasm and cpu. Each
// backend runs in its own child process with a timeout. Prints the adapter info and a table with
// ratios to wasm, and writes bench-results/backends.json.
// Vulkan: VK_DRIVER_FILES / VK_ICD_FILENAMES from the environment, else the loader's default search;
// `--swiftshader` or BENCH_SWIFTSHADER=1 uses Chromium's SwiftShader instead (a CPU emulation).
// BENCH_BACKENDS=webgpu,wasm picks backends; BENCH_BUDGET_S, BENCH_MAX_RUNS, BENCH_WARMUP_RUNS size
// each workload; BENCH_BACKEND_TIMEOUT_S caps a backend's process.
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineInfo, printBackendTable, backendRows, writeBenchResults, type BackendRun } from '../support/backend-report.ts';
import { timedRunsOptionsFromEnv, type TimedRunsOptions } from '../support/timed-runs.ts';
import { nodeBackends, type NodeBackend } from './run-backend.ts';

const reference = 'wasm';
const swiftshaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** Where the Vulkan loader looks for driver manifests when no variable names them (Linux). */
const loaderSearchDirs = ['/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', '/usr/share/vulkan/icd.d'];

interface VulkanDriver {
  /** Variables set for the child processes on top of ours. */
  env: Record<string, string>;
  description: string;
}

function manifestLibrary(file: string): string {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { ICD?: { library_path?: string } }).ICD?.library_path ?? '?';
  } catch {
    return 'unreadable';
  }
}

function vulkanDriver(): VulkanDriver {
  if (process.argv.includes('--swiftshader') || process.env.BENCH_SWIFTSHADER === '1') {
    if (!existsSync(swiftshaderIcd)) throw new Error(`--swiftshader: ${swiftshaderIcd} does not exist (Debian's chromium package provides it)`);
    // Newer loaders read VK_DRIVER_FILES and ignore VK_ICD_FILENAMES when both are set.
    return { env: { VK_DRIVER_FILES: swiftshaderIcd, VK_ICD_FILENAMES: swiftshaderIcd }, description: `SwiftShader, as asked: ${swiftshaderIcd} (${manifestLibrary(swiftshaderIcd)})` };
  }
  for (const variable of ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES'] as const) {
    const files = process.env[variable];
    if (files) return { env: {}, description: `${variable}=${files} (${files.split(':').map(manifestLibrary).join(', ')})` };
  }
  const manifests = loaderSearchDirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => join(dir, name)) : []));
  const found = manifests.map((file) => `${file} (${manifestLibrary(file)})`).join(', ') || 'none';
  return { env: {}, description: `the Vulkan loader's default search; manifests found: ${found}` };
}

function runInChild(backend: NodeBackend, options: TimedRunsOptions, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<BackendRun> {
  return new Promise((resolve) => {
    const child = fork(join(import.meta.dirname, 'run-backend.ts'), [backend, JSON.stringify(options)], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let result: BackendRun | undefined;
    let stderrTail = '';
    let timedOut = false;
    // The child's chatter (TensorFlow.js banners, Dawn warnings) goes to our stderr: stdout carries the report.
    child.stdout!.pipe(process.stderr);
    child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    child.on('message', (message) => (result = message as BackendRun));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Native libraries (Dawn, the Vulkan loader) explain themselves on stderr only.
      const diagnostics = stderrTail.split('\n').filter((line) => /warning|error|abort/i.test(line) && !line.includes('XDG_RUNTIME_DIR')).slice(-3).join(' | ');
      if (result) return resolve(result.ok || !diagnostics ? result : { ...result, details: { ...result.details, stderr: diagnostics } });
      const lastLines = stderrTail.trim().split('\n').slice(-3).join(' | ');
      const how = timedOut ? `timed out after ${timeoutMs / 1000} s` : `its process ended (${signal ?? `exit code ${code}`}) before reporting`;
      resolve({ backend, ok: false, error: `${how}${lastLines ? `; last output: ${lastLines}` : ''}` });
    });
  });
}

const options = timedRunsOptionsFromEnv(process.env);
const timeoutMs = Number(process.env.BENCH_BACKEND_TIMEOUT_S ?? 60 + (8 * options.budgetMs) / 1000) * 1000;
const backends = process.env.BENCH_BACKENDS ? (process.env.BENCH_BACKENDS.split(',') as NodeBackend[]) : [...nodeBackends];
const unknown = backends.filter((name) => !nodeBackends.includes(name));
if (unknown.length) throw new Error(`BENCH_BACKENDS: unknown backend ${unknown.join(', ')} (expected some of ${nodeBackends.join(', ')})`);
const driver = vulkanDriver();
const machine = machineInfo();

console.log(`Backend benchmark (Node): ${backends.join(', ')}; each workload: up to ${options.maxRuns} runs or ${options.budgetMs / 1000} s after up to ${options.warmupRuns} warm-up runs`);
console.log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}`);
console.log(`Vulkan driver (webgpu through Dawn): ${driver.description}`);

const runs: BackendRun[] = [];
for (const backend of backends) {
  console.error(`\n${backend}: starting its process`);
  runs.push(await runInChild(backend, options, { ...process.env, ...driver.env }, timeoutMs));
}

console.log('\nBackends (device each ran on):');
printBackendTable(runs, reference);
const file = writeBenchResults('backends', { machine, vulkanDriver: driver.description, config: { ...options, timeoutMs, reference }, table: backendRows(runs, reference), runs });
console.log(`\nFigures written to ${file}`);
