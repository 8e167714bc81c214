/**
 * Values as text, in the spirit of Node's util.inspect (which the browser Worker lacks): strings
 * quoted, nested objects to a bounded depth, long collections and long text cut with a count of
 * what was left out.
 */
import { isTensorLike, tensorHeader } from './format-tensor.ts';

export interface InspectLimits {
  depth: number;
  /** Entries shown per array, object, Map or Set. */
  items: number;
  /** Characters of the whole text. */
  length: number;
}

const defaultLimits: InspectLimits = { depth: 2, items: 100, length: 10_000 };

export function inspect(value: unknown, limits: Partial<InspectLimits> = {}): string {
  const { depth, items, length } = { ...defaultLimits, ...limits };
  const seen = new Set<object>();

  const entriesText = (open: string, close: string, parts: string[], more: number): string => {
    const all = more > 0 ? [...parts, `... ${more} more item${more === 1 ? '' : 's'}`] : parts;
    if (all.length === 0) return `${open}${close}`;
    return `${open} ${all.join(', ')} ${close}`;
  };

  const show = (item: unknown, level: number): string => {
    switch (typeof item) {
      case 'string':
        return level === 0 ? quote(item) : quote(item.length > 200 ? `${item.slice(0, 200)}…` : item);
      case 'number':
        return Object.is(item, -0) ? '-0' : String(item);
      case 'bigint':
        return `${item}n`;
      case 'boolean':
      case 'undefined':
        return String(item);
      case 'symbol':
        return item.toString();
      case 'function':
        return /^class\b/.test(Function.prototype.toString.call(item)) ? `[class ${item.name || '(anonymous)'}]` : `[Function: ${item.name || '(anonymous)'}]`;
    }
    if (item === null) return 'null';
    const object = item as object;
    if (isTensorLike(object)) return tensorHeader(object);
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    if (object instanceof RegExp) return String(object);
    if (object instanceof Error) return object.stack ?? `${object.name}: ${object.message}`;
    if (object instanceof Promise) return 'Promise { ... }';
    if (seen.has(object)) return '[Circular]';
    const name = constructorName(object);
    if (level > depth) return Array.isArray(object) ? '[Array]' : `[${name ?? 'Object'}]`;
    seen.add(object);
    try {
      if (Array.isArray(object) || ArrayBuffer.isView(object)) {
        const list = object as ArrayLike<unknown>;
        const parts = Array.from({ length: Math.min(list.length, items) }, (_, index) => show(list[index], level + 1));
        const prefix = Array.isArray(object) ? '' : `${name}(${list.length}) `;
        return prefix + entriesText('[', ']', parts, list.length - parts.length);
      }
      if (object instanceof Map) {
        const parts = [...object].slice(0, items).map(([key, entry]) => `${show(key, level + 1)} => ${show(entry, level + 1)}`);
        return `Map(${object.size}) ${entriesText('{', '}', parts, object.size - parts.length)}`;
      }
      if (object instanceof Set) {
        const parts = [...object].slice(0, items).map((entry) => show(entry, level + 1));
        return `Set(${object.size}) ${entriesText('{', '}', parts, object.size - parts.length)}`;
      }
      const keys = Object.keys(object);
      const parts = keys.slice(0, items).map((key) => `${propertyKey(key)}: ${show((object as Record<string, unknown>)[key], level + 1)}`);
      const prefix = name === undefined || name === 'Object' ? '' : `${name} `;
      return prefix + entriesText('{', '}', parts, keys.length - parts.length);
    } finally {
      seen.delete(object);
    }
  };

  const text = show(value, 0);
  return text.length > length ? `${text.slice(0, length)}… (${text.length - length} more characters)` : text;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function constructorName(object: object): string | undefined {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null) return '[Object: null prototype]';
  const constructor = (prototype as { constructor?: unknown }).constructor;
  return typeof constructor === 'function' ? constructor.name : undefined;
}
