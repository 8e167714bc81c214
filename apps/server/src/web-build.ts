import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildKernelHost, kernelHostDir } from '@cohort/web/build-kernel-host';
import { repoRoot, webDir } from './paths.ts';

// What the web build is made from; a file newer than the last build means it is stale.
const sourceRoots = ['apps/web/app', 'apps/web/src', 'apps/web/next.config.ts', 'apps/web/package.json', 'packages', 'package-lock.json'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const buildId = join(webDir, '.next', 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(join(kernelHostDir, 'kernel-worker.js'))) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return sourceRoots.every((root) => newestChange(join(repoRoot, root)) <= builtAt);
}

const lockDir = join(webDir, '.next-build-lock');
const staleLockMs = 10 * 60_000;

/**
 * Runs `next build` for apps/web, printing its output, when no current build exists. Processes
 * starting at once (parallel test files, several `npm start`) take turns through a lock folder.
 */
export async function ensureWebBuild(): Promise<void> {
  while (!webBuildIsCurrent()) {
    if (!takeLock()) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!webBuildIsCurrent()) await build();
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

function takeLock(): boolean {
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a build that was killed is taken over once it is old.
    if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > staleLockMs) {
      rmSync(lockDir, { recursive: true, force: true });
    }
    return false;
  }
}

async function build(): Promise<void> {
  console.log('Building the web app (first start, or sources changed)...');
  // Public files must be in place before Next.js builds.
  await buildKernelHost();
  const nextBin = createRequire(join(webDir, 'package.json')).resolve('next/dist/bin/next');
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: webDir,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`next build failed (exit code ${code})`))));
  });
}
