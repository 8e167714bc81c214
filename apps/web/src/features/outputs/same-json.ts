/**
 * Deep equality of JSON-like data (plain objects, arrays, primitives). Outputs are read as fresh
 * snapshots on every change of a cell; comparing them lets unchanged outputs keep their rendering.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  if (keys.length !== Object.keys(bRecord).filter((key) => bRecord[key] !== undefined).length) return false;
  return keys.every((key) => sameJson(aRecord[key], bRecord[key]));
}
