/**
 * The kernel process as one JavaScript file: the permission model the kernel runs under forbids
 * child processes, so it cannot run TypeScript through tsx (esbuild starts a process); the worker
 * bundles kernel-process.ts (runtime, compiler, TensorFlow.js) with esbuild once and runs that with
 * plain node. The bundle is kept in a cache folder and rebuilt when one of its inputs changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

const entryPoint = join(import.meta.dirname, 'kernel-process.ts');
/** Where esbuild resolves inputs from and metafile paths are relative to. */
const workingDir = resolve(import.meta.dirname, '../../..');
export const defaultBundleDir = join(workingDir, 'node_modules', '.cache', 'cohort-worker');

/** Returns the path of a current bundle of the kernel process in `dir`, building it when missing or stale. */
export async function ensureKernelBundle(dir: string = defaultBundleDir): Promise<string> {
  const bundle = join(dir, 'kernel-process.cjs');
  const metafile = join(dir, 'kernel-process.meta.json');
  if (isCurrent(bundle, metafile)) return bundle;
  mkdirSync(dir, { recursive: true });
  // Several workers may start at once: each writes its own files and renames them into place.
  const unique = `${process.pid}-${Date.now()}`;
  const result = await build({
    entryPoints: [entryPoint],
    outfile: `${bundle}.${unique}`,
    absWorkingDir: workingDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    // Native code and optional packages stay outside: loaded at run time from the paths the worker passes.
    external: ['webgpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  writeFileSync(`${metafile}.${unique}`, JSON.stringify(result.metafile));
  renameSync(`${bundle}.${unique}`, bundle);
  renameSync(`${metafile}.${unique}`, metafile);
  return bundle;
}

function isCurrent(bundle: string, metafile: string): boolean {
  if (!existsSync(bundle) || !existsSync(metafile)) return false;
  const builtAt = statSync(bundle).mtimeMs;
  const inputs = Object.keys((JSON.parse(readFileSync(metafile, 'utf8')) as Metafile).inputs);
  return inputs.every((input) => {
    const path = resolve(workingDir, input);
    return existsSync(path) && statSync(path).mtimeMs <= builtAt;
  });
}
