import { resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { architectureRules } from './rules.ts';

async function violations(baseDir: string, roots: string[]) {
  const result = await cruise(
    roots,
    {
      baseDir,
      validate: true,
      ruleSet: { forbidden: architectureRules },
      exclude: { path: 'node_modules|\\.next' },
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
      combinedDependencies: true,
    },
    // Workspace packages resolve through their package.json exports to TypeScript sources.
    { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], conditionNames: ['import', 'default'], exportsFields: ['exports'], mainFields: ['module', 'main'] },
    { tsConfig: { fileName: resolve(baseDir, 'tsconfig.json') } },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`);
}

describe('architecture', () => {
  it('has no package importing an app, no impure notebook/compiler and no import cycle', async () => {
    const repoRoot = resolve(import.meta.dirname, '../..');
    expect(await violations(repoRoot, ['apps', 'packages'])).toEqual([]);
  });

  it('would catch a package importing an app, and a cycle (checked on a small fixture)', async () => {
    const fixture = resolve(import.meta.dirname, 'fixture');
    expect((await violations(fixture, ['apps', 'packages'])).sort()).toEqual([
      'no-cycles: packages/a/index.ts -> packages/a/other.ts (cycle packages/a/other.ts -> packages/a/index.ts)',
      'package-imports-app: packages/a/index.ts -> apps/web/page.ts',
    ]);
  });
});
