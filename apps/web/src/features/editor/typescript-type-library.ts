import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The declaration files cell code can import, as the editor's TypeScript worker reads them. */
export interface TypeLibrary {
  /**
   * Text by path under node_modules, e.g. `@tensorflow/tfjs-core/dist/index.d.ts`; each package
   * also has a `package.json` reduced to the fields TypeScript's module resolution reads.
   */
  files: Record<string, string>;
  /** Files loaded as global declarations: the UMD globals TensorFlow.js's own types refer to (e.g. `Long`). */
  globals: string[];
}

/** What cells import: TensorFlow.js (core, layers, converter, data, cpu and webgl re-exported) and the backends the kernel loads. */
export const cellTypeModules = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'] as const;
/** Global type packages that TensorFlow.js's declarations use without importing them. */
export const cellGlobalTypes = ['@types/long', '@types/seedrandom', '@types/emscripten', '@webgpu/types'] as const;

// Module specifiers in declaration files: `from '…'`, `import '…'`, `import('…')`, `/// <reference types|path="…" />`.
const specifierPatterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
const referencePattern = /^\/\/\/\s*<reference\s+(types|path)=['"]([^'"]+)['"]/gm;

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

function packageNameOf(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, length).join('/'), subpath: parts.slice(length).join('/') };
}

/** A declaration file for `base` (a path without extension, or with `.js`/`.d.ts`), as TypeScript would pick it. */
function declarationFile(base: string): string | null {
  const stem = base.replace(/\.js$/, '');
  const candidates = [base.endsWith('.d.ts') ? base : null, `${stem}.d.ts`, join(stem, 'index.d.ts')];
  return candidates.find((candidate) => candidate !== null && isFile(candidate)) ?? null;
}

/** Node's lookup: `node_modules/<name>` in `fromDir` and each folder above it, up to `root`. */
function packageDir(name: string, fromDir: string, root: string): string | null {
  for (let dir = fromDir; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = dir.endsWith(`${sep}node_modules`) ? join(dir, name) : join(dir, 'node_modules', name);
    if (isFile(join(candidate, 'package.json'))) return candidate;
    if (dir === root) break;
  }
  return null;
}

function packageTypesEntry(dir: string): string | null {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { types?: string; typings?: string };
  return declarationFile(join(dir, manifest.types ?? manifest.typings ?? 'index.d.ts'));
}

/**
 * Collects the declaration files reachable from `modules` and `globalTypes` (packages under
 * `nodeModules`), following imports, re-exports and references the way TypeScript resolves them,
 * so the browser gets what `import * as tf from "@tensorflow/tfjs"` needs and nothing else (no
 * tests, no sources). Specifiers that do not resolve to a declaration file are left out; TypeScript
 * reports those only inside the library, never in a cell.
 */
export function collectTypeLibrary(
  nodeModules: string,
  { modules = cellTypeModules, globalTypes = cellGlobalTypes }: { modules?: readonly string[]; globalTypes?: readonly string[] } = {},
): TypeLibrary {
  const files: Record<string, string> = {};
  const key = (path: string) => relative(nodeModules, path).split(sep).join('/');
  const pending: string[] = [];

  const addPackage = (name: string, fromDir: string, subpath = ''): string | null => {
    const dir = packageDir(name, fromDir, nodeModules);
    if (!dir) return null;
    const entry = subpath ? declarationFile(join(dir, subpath)) : packageTypesEntry(dir);
    if (!entry) return null;
    const manifestKey = `${key(dir)}/package.json`;
    if (!(manifestKey in files)) {
      const entryFile = packageTypesEntry(dir);
      files[manifestKey] = JSON.stringify({ name, ...(entryFile ? { types: relative(dir, entryFile).split(sep).join('/') } : {}) });
    }
    pending.push(entry);
    return entry;
  };

  for (const name of modules) addPackage(name, nodeModules);
  const globals = globalTypes.flatMap((name) => addPackage(name, nodeModules) ?? []).map(key);

  while (pending.length > 0) {
    const file = pending.pop()!;
    if (key(file) in files) continue;
    const text = readFileSync(file, 'utf8');
    files[key(file)] = text;
    const fromDir = dirname(file);
    const specifiers = specifierPatterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = declarationFile(join(fromDir, specifier));
        if (target) pending.push(target);
      } else {
        const { name, subpath } = packageNameOf(specifier);
        addPackage(name, fromDir, subpath);
      }
    }
    for (const [, kind, target] of text.matchAll(referencePattern)) {
      if (kind === 'path') {
        const path = declarationFile(join(fromDir, target!));
        if (path) pending.push(path);
      } else {
        addPackage(`@types/${target}`, fromDir) ?? addPackage(target!, fromDir);
      }
    }
  }
  return { files, globals };
}

/** The repository's node_modules: the first folder named so from `start` upwards that holds TensorFlow.js. */
export function findNodeModules(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (isFile(join(candidate, '@tensorflow', 'tfjs', 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no node_modules with @tensorflow/tfjs above ${start}`);
  }
}
