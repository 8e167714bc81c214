/**
 * Checks of nbformat 4 pieces against the 4.5 schema. Each check returns the value normalized
 * (multi-line strings joined, invalid parts left out) and records what was wrong in `errors`, so
 * import can refuse content with errors while export and reads can drop what would be invalid.
 */
import type { Attachments, CellType, ContentError, JsonObject, MimeBundle, Output } from './api.ts';
import { isJsonObject, isJsonValue, isRecord } from './json.ts';

/** `base` extended by one JSON Pointer segment. */
export function pointer(base: string, key: string | number): string {
  return `${base}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** MIME types whose data is any JSON rather than text, as the schema's patternProperties say. */
const JSON_MIME = /^application\/(.*\+)?json$/;

/** nbformat's multiline_string: a string or an array of strings, joined. */
export function checkMultiline(value: unknown, path: string, errors: ContentError[]): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  errors.push({ path, message: 'expected a string or an array of strings' });
  return undefined;
}

function checkMimeBundle(value: unknown, path: string, errors: ContentError[]): MimeBundle | undefined {
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected an object of MIME type to data' });
    return undefined;
  }
  const bundle: MimeBundle = {};
  for (const [mimeType, data] of Object.entries(value)) {
    const at = pointer(path, mimeType);
    if (!JSON_MIME.test(mimeType)) {
      const text = checkMultiline(data, at, errors);
      if (text !== undefined) bundle[mimeType] = text;
    } else if (isJsonValue(data)) bundle[mimeType] = data;
    else errors.push({ path: at, message: 'expected JSON data' });
  }
  return bundle;
}

export function checkAttachments(value: unknown, path: string, errors: ContentError[]): Attachments | undefined {
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected an object of file name to MIME bundle' });
    return undefined;
  }
  const attachments: Attachments = {};
  for (const [name, bundle] of Object.entries(value)) {
    const checked = checkMimeBundle(bundle, pointer(path, name), errors);
    if (checked) attachments[name] = checked;
  }
  return attachments;
}

function checkString(value: Record<string, unknown>, key: string, path: string, errors: ContentError[]): string {
  const field = value[key];
  if (typeof field === 'string') return field;
  errors.push({ path: pointer(path, key), message: 'expected a string' });
  return '';
}

function isCount(value: unknown): value is number | null {
  return value === null || (Number.isInteger(value) && (value as number) >= 0);
}

/** An execution count: a non-negative integer or null; missing means null. */
export function checkCount(value: Record<string, unknown>, path: string, errors: ContentError[]): number | null {
  const count = value['execution_count'] ?? null;
  if (isCount(count)) return count;
  errors.push({ path: pointer(path, 'execution_count'), message: 'expected a non-negative integer or null' });
  return null;
}

/** Output metadata: an object; missing means {}. */
function checkOutputMetadata(value: Record<string, unknown>, path: string, errors: ContentError[]): JsonObject {
  const metadata = value['metadata'] ?? {};
  if (isJsonObject(metadata)) return metadata;
  errors.push({ path: pointer(path, 'metadata'), message: 'expected a JSON object' });
  return {};
}

function displayId(value: Record<string, unknown>): { display_id: string } | undefined {
  const transient = value['transient'];
  return isRecord(transient) && typeof transient['display_id'] === 'string' ? { display_id: transient['display_id'] } : undefined;
}

/** One output; undefined when it has any error. Fields the schema does not know are left out. */
export function checkOutput(value: unknown, path: string, errors: ContentError[]): Output | undefined {
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected an output object' });
    return undefined;
  }
  const before = errors.length;
  const type = value['output_type'];
  let output: Output | undefined;
  switch (type) {
    case 'stream': {
      const name = checkString(value, 'name', path, errors);
      const text = checkMultiline(value['text'], pointer(path, 'text'), errors) ?? '';
      output = { output_type: 'stream', name, text };
      break;
    }
    case 'display_data': {
      const data = checkMimeBundle(value['data'], pointer(path, 'data'), errors) ?? {};
      const metadata = checkOutputMetadata(value, path, errors);
      const transient = displayId(value);
      output = { output_type: 'display_data', data, metadata, ...(transient ? { transient } : {}) };
      break;
    }
    case 'execute_result': {
      const data = checkMimeBundle(value['data'], pointer(path, 'data'), errors) ?? {};
      const metadata = checkOutputMetadata(value, path, errors);
      output = { output_type: 'execute_result', execution_count: checkCount(value, path, errors), data, metadata };
      break;
    }
    case 'error': {
      const ename = checkString(value, 'ename', path, errors);
      const evalue = checkString(value, 'evalue', path, errors);
      const traceback = value['traceback'];
      if (!Array.isArray(traceback) || !traceback.every((line) => typeof line === 'string')) {
        errors.push({ path: pointer(path, 'traceback'), message: 'expected an array of strings' });
      } else output = { output_type: 'error', ename, evalue, traceback };
      break;
    }
    default:
      errors.push({
        path: pointer(path, 'output_type'),
        message: `unknown output_type ${JSON.stringify(type) ?? 'undefined'}; expected stream, display_data, execute_result or error`,
      });
  }
  return errors.length === before ? output : undefined;
}

const NAME = /^.+$/u;
const TAG = /^[^,]+$/u;

type MetadataRule = (value: unknown) => string | null;

const isString: MetadataRule = (v) => (typeof v === 'string' ? null : 'expected a string');
const isObject: MetadataRule = (v) => (isRecord(v) ? null : 'expected an object');
const rules: Record<string, MetadataRule> = {
  name: (v) => (typeof v === 'string' && NAME.test(v) ? null : 'expected a non-empty single-line string'),
  tags: (v) =>
    Array.isArray(v) && v.every((tag) => typeof tag === 'string' && TAG.test(tag)) && new Set(v).size === v.length
      ? null
      : 'expected an array of distinct non-empty strings without commas',
  jupyter: isObject,
};
const codeRules: Record<string, MetadataRule> = {
  ...rules,
  collapsed: (v) => (typeof v === 'boolean' ? null : 'expected a boolean'),
  scrolled: (v) => (v === true || v === false || v === 'auto' ? null : 'expected true, false or "auto"'),
  execution: (v) => (isRecord(v) && Object.values(v).every((t) => typeof t === 'string') ? null : 'expected an object of strings'),
};
const rawRules: Record<string, MetadataRule> = { ...rules, format: isString };
const rulesByType: Record<CellType, Record<string, MetadataRule>> = { code: codeRules, markdown: rules, raw: rawRules };

/** Cell metadata: any JSON object, with the keys the schema names checked; missing means {}. */
export function checkCellMetadata(value: unknown, type: CellType, path: string, errors: ContentError[]): JsonObject {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected an object' });
    return {};
  }
  const metadata: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    const problem = isJsonValue(field) ? (rulesByType[type][key]?.(field) ?? null) : 'expected JSON';
    if (problem !== null) errors.push({ path: pointer(path, key), message: problem });
    else if (isJsonValue(field)) metadata[key] = field;
  }
  return metadata;
}

/** Notebook metadata keys that export writes itself and import does not keep. */
const OWN_NOTEBOOK_KEYS: readonly string[] = ['kernelspec', 'language_info', 'orig_nbformat', 'title'];

/** Notebook metadata without the keys export writes itself (kernelspec, language_info, title, orig_nbformat). */
export function checkNotebookMetadata(value: unknown, path: string, errors: ContentError[]): JsonObject {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected an object' });
    return {};
  }
  const metadata: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (OWN_NOTEBOOK_KEYS.includes(key)) continue;
    if (!isJsonValue(field)) errors.push({ path: pointer(path, key), message: 'expected JSON' });
    else if (key === 'authors' && !Array.isArray(field)) errors.push({ path: pointer(path, key), message: 'expected an array' });
    else metadata[key] = field;
  }
  return metadata;
}
