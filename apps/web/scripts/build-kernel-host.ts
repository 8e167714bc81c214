/**
 * Builds the browser kernel host into public/_kernel/: the iframe page and its script, the Worker
 * that runs cells (the kernel runtime, the cell compiler and TensorFlow.js in one bundle), and the
 * wasm backend's binaries. The app serves these on the user-content origin. Runs before `next build`
 * (public files must exist when Next.js builds), and on its own: `node --import tsx scripts/build-kernel-host.ts`.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const webDir = resolve(import.meta.dirname, '..');
export const kernelHostDir = join(webDir, 'public', '_kernel');

const framePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Cohort kernel</title></head>
<body><script src="kernel-frame.js"></script></body>
</html>
`;

function wasmBinariesDir(): string {
  const require = createRequire(join(webDir, 'package.json'));
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
}

/** How a classic browser script with the kernel runtime, the compiler and TensorFlow.js is bundled. */
export const browserKernelBundle = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // TypeScript's compiler and TensorFlow.js mention Node built-ins behind runtime checks; a browser never reaches them.
  external: ['fs', 'path', 'os', 'crypto', 'perf_hooks', 'worker_threads', 'inspector', 'buffer', 'node-fetch', 'string_decoder', 'util'],
  define: { 'process.env.NODE_ENV': '"production"' },
} as const satisfies BuildOptions;

export async function buildKernelHost(): Promise<void> {
  rmSync(kernelHostDir, { recursive: true, force: true });
  mkdirSync(kernelHostDir, { recursive: true });
  await build({
    ...browserKernelBundle,
    entryPoints: { 'kernel-frame': join(webDir, 'src/kernel-host/kernel-frame.ts'), 'kernel-worker': join(webDir, 'src/kernel-host/kernel-worker.ts') },
    outdir: kernelHostDir,
  });
  writeFileSync(join(kernelHostDir, 'frame.html'), framePage);
  const wasmDir = wasmBinariesDir();
  for (const file of readdirSync(wasmDir).filter((name) => name.endsWith('.wasm'))) copyFileSync(join(wasmDir, file), join(kernelHostDir, file));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await buildKernelHost();
