import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiMarkdown } from './api-docs.ts';
import { routes } from './registry.ts';

describe('docs/api.md', () => {
  it('describes every /api/v1 route as the router serves it (run `npm run docs:api` after changing a route)', () => {
    const written = readFileSync(resolve(import.meta.dirname, '../../../../docs/api.md'), 'utf8');
    expect(written).toBe(apiMarkdown(routes));
  });
});
