import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiMarkdown } from '../apps/web/src/api/api-docs.ts';
import { routes } from '../apps/web/src/api/registry.ts';

const target = resolve(import.meta.dirname, '../docs/api.md');
writeFileSync(target, apiMarkdown(routes));
console.log(`wrote ${target} (${routes.length} routes)`);
