/**
 * Y.Text counts UTF-16 code units. An edit at an offset inside a surrogate pair makes Yjs split
 * the pair, and peers can then end up with different text (a lone surrogate on one, U+FFFD on
 * another; found by the convergence fuzz). So every offset is moved to a code point boundary.
 */
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `index` moved off the middle of a surrogate pair, towards the start ('down') or the end ('up'). */
export function alignToCodePoint(text: string, index: number, direction: 'down' | 'up'): number {
  const splitsPair = index > 0 && index < text.length && isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
  if (!splitsPair) return index;
  return direction === 'down' ? index - 1 : index + 1;
}
