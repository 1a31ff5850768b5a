/**
 * Python's `str` comparison: by Unicode code point, no case folding, no normalisation (spec 3.4). JavaScript's
 * `<` compares UTF-16 code units instead, which disagrees for characters outside the Basic Multilingual Plane
 * (a surrogate pair sorts below U+E000..U+FFFF), so strings are compared code point by code point.
 * PostgreSQL's `COLLATE "C"` on UTF-8 gives the same order (UTF-8 byte order is code-point order).
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when one side is a surrogate can UTF-16 order differ from code-point order.
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
      return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
    }
    return x - y;
  }
  return a.length - b.length;
}
