/**
 * Text for hand-written SpreadsheetML: escaping, and the characters XML 1.0 cannot carry at all.
 */

// XML 1.0 allows tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and the astral planes
// (surrogate pairs in a JavaScript string). The pattern works on UTF-16 code units (no `u` flag) so that it
// can find a lone surrogate, which has no UTF-8 form.
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first character of `text` that XML 1.0 cannot represent (a control character other than tab, line
 * feed and carriage return, U+FFFE/U+FFFF, or a lone surrogate), as `U+XXXX`; `undefined` when none.
 * openpyxl, which the original export writes with, refuses such text too (`IllegalCharacterError`).
 */
export function forbiddenXmlCharacter(text: string): string | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (match === null) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A parser turns a raw CR (and CR LF) into LF; a character reference survives.
  '\r': '&#13;',
};

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  // Attribute values are whitespace-normalised by parsers: keep tabs and line feeds as references.
  '\t': '&#9;',
  '\n': '&#10;',
};

/** `text` escaped for element content. It must hold no {@link forbiddenXmlCharacter}. */
export function escapeXmlText(text: string): string {
  return /[&<>\r]/.test(text) ? text.replace(/[&<>\r]/g, (character) => TEXT_ESCAPES[character] ?? '') : text;
}

/** `text` escaped for a double-quoted attribute value. It must hold no {@link forbiddenXmlCharacter}. */
export function escapeXmlAttribute(text: string): string {
  return text.replace(/[&<>\r"\t\n]/g, (character) => ATTRIBUTE_ESCAPES[character] ?? '');
}
