// Writes test-fixtures/schema-v<N>.yupdate for the current schema version. Run it once when a
// schemaVersion is introduced; a committed fixture of an older version is never rewritten.
import { writeFileSync } from 'node:fs';
import { SCHEMA_VERSION } from '../src/keys.ts';
import { buildSchemaV1, fixturePath } from './compat-fixtures.ts';

if (SCHEMA_VERSION !== 1) throw new Error(`no fixture builder for schemaVersion ${SCHEMA_VERSION}: add one to compat-fixtures.ts`);
writeFileSync(fixturePath(1), buildSchemaV1());
console.log(`wrote ${fixturePath(1)}`);
