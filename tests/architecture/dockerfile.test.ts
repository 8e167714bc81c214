import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Every workspace folder (apps/*, packages/*) that has a package.json. */
function workspaces(): string[] {
  return ['apps', 'packages'].flatMap((group) =>
    readdirSync(join(repoRoot, group)).filter((name) => existsSync(join(repoRoot, group, name, 'package.json'))).map((name) => `${group}/${name}`),
  );
}

describe('infra/Dockerfile', () => {
  it('copies every workspace package.json before npm ci, which fails on a lockfile naming a workspace it cannot see', () => {
    const dockerfile = readFileSync(join(repoRoot, 'infra/Dockerfile'), 'utf8');
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    const missing = workspaces().filter((workspace) => !beforeInstall.includes(`COPY ${workspace}/package.json ${workspace}/`));
    expect(missing).toEqual([]);
  });
});
