/**
 * Fractional indices: strings over 62 ASCII digits, ordered by plain string comparison, that
 * never end in the lowest digit '0', so there is always room before and between any two
 * (after David Greenspan's "Implementing Fractional Indexing").
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const POSITION = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

export function isPosition(value: unknown): value is string {
  return typeof value === 'string' && POSITION.test(value);
}

function digit(key: string, at: number): number {
  const char = key[at];
  return char === undefined ? 0 : DIGITS.indexOf(char);
}

/** A key strictly between `low` ('' = the start) and `high` (null = the end). */
function midpoint(low: string, high: string | null): string {
  if (high !== null) {
    let common = 0;
    while (digit(low, common) === digit(high, common)) common++;
    if (common > 0) return high.slice(0, common) + midpoint(low.slice(common), high.slice(common));
  }
  const lowDigit = digit(low, 0);
  const highDigit = high === null ? DIGITS.length : digit(high, 0);
  if (highDigit - lowDigit > 1) return DIGITS.charAt(Math.round((lowDigit + highDigit) / 2));
  if (high !== null && high.length > 1) return high.slice(0, 1);
  return DIGITS.charAt(lowDigit) + midpoint(low.slice(1), null);
}

/**
 * `count` ascending positions strictly between `low` and `high` (null: unbounded on that side).
 * Requires low < high.
 */
export function positionsBetween(low: string | null, high: string | null, count: number): string[] {
  if (low !== null && high !== null && low >= high) throw new RangeError(`positionsBetween: ${low} >= ${high}`);
  if (count <= 0) return [];
  const middle = midpoint(low ?? '', high);
  const before = Math.floor((count - 1) / 2);
  return [...positionsBetween(low, middle, before), middle, ...positionsBetween(middle, high, count - 1 - before)];
}
