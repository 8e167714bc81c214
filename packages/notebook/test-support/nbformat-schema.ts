/** The nbformat 4.5 JSON schema (draft-04) from /work/shared/data, compiled with ajv, and the .ipynb fixtures. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';

const schemaPath = resolve(import.meta.dirname, '../../../../shared/data/nbformat.v4.5.schema.json');
// strict: false because the official schema has keywords ajv does not know ("item" for "items",
// "source_hidden" placed among keywords); they constrain nothing either way.
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** Schema violations of `notebook`, as "instancePath message" lines; [] when valid. */
export function schemaErrors(notebook: unknown): string[] {
  return validate(notebook) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

export const fixtureNames = ['nbformat-4.0.ipynb', 'nbformat-4.4.ipynb', 'nbformat-4.5.ipynb'] as const;

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../test-fixtures', name), 'utf8'));
}
