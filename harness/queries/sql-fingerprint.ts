import { createHash } from 'node:crypto';

/**
 * SQL fingerprints: the shape of a statement with its values taken out, so that the counting client can
 * say "this statement was sent 1,000 times" even though each copy carried a different id.
 *
 * The normalisation, in order:
 * - comments (`-- ...` to end of line, `/* ... *\/`, nested as PostgreSQL nests them) are removed;
 * - string literals (`'...'` with `''` escapes, `E'...'` with backslash escapes, `B'...'`, `X'...'`, `N'...'`,
 *   `U&'...'`, dollar-quoted `$$...$$` / `$tag$...$tag$`), numeric literals (integers, decimals, exponents,
 *   `0x`/`0o`/`0b` and `_` separators, a unary minus folded in) and `$n` placeholders become `?`;
 * - a parenthesised list holding only `?` (`(?, ?, ?)`, hence also `IN (?, ?)`) becomes `(?...)`, and
 *   `ARRAY[?, ?]` becomes `ARRAY[?...]`, whatever the number of items, one item included; a cast that every
 *   item carries is kept (`(?::int...)`); a comma-separated run of such lists (`VALUES (?...), (?...)`)
 *   becomes one list, so multi-row inserts of different sizes also share a fingerprint;
 * - runs of whitespace become one space; whitespace that was absent stays absent (`t1.id`, `$1::int`).
 *
 * Untouched: identifiers, including those with digits (`year_1`, `t1.id`, `"col2"`), keywords and their case,
 * `TRUE`/`FALSE`/`NULL` (they change the meaning of a predicate, not just its value), operators.
 */
export function sqlFingerprint(sql: string): string {
  const tokens = foldUnaryMinus(tokenize(sql));
  return render(collapseLists(tokens));
}

/**
 * A short, stable name for a fingerprint, for tables and file names: the first 12 hex digits of its SHA-1.
 * Equal fingerprints always get equal ids; 48 bits make an accidental clash among a run's few hundred
 * fingerprints practically impossible.
 */
export function fingerprintId(fingerprint: string): string {
  return createHash('sha1').update(fingerprint, 'utf8').digest('hex').slice(0, 12);
}

type TokenKind = 'word' | 'quoted' | 'value' | 'op' | 'punct';

interface Token {
  kind: TokenKind;
  text: string;
  /** Whether the source had whitespace (or a comment) between this token and the previous one. */
  spaced: boolean;
}

const OPERATOR_CHARS = new Set('+-*/<>=~!@#%^&|`?');
// PostgreSQL lets an operator end in + or - only when it also holds one of these (scan.l), so that
// `x=-1` reads as `x = -1`.
const OPERATOR_SPECIALS = new Set('~!@#%^&|`?');
const PUNCTUATION = new Set('()[],;.:');
const STRING_PREFIXES = new Set(['e', 'b', 'x', 'n']);
// Keywords after which a `-` can only be a sign, never a subtraction.
const SIGN_CONTEXT_WORDS = new Set([
  'select',
  'where',
  'and',
  'or',
  'not',
  'on',
  'when',
  'then',
  'else',
  'in',
  'is',
  'between',
  'like',
  'ilike',
  'limit',
  'offset',
  'values',
  'set',
  'returning',
  'by',
  'having',
  'return',
  'any',
  'all',
  'some',
]);

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_\u0080-\uffff]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

/** Index just past a comment starting at `i`, or `i` when there is no comment there. */
function skipComment(sql: string, i: number): number {
  if (sql.startsWith('--', i)) {
    const end = sql.indexOf('\n', i + 2);
    return end === -1 ? sql.length : end + 1;
  }
  if (sql.startsWith('/*', i)) {
    let depth = 1;
    let j = i + 2;
    while (j < sql.length && depth > 0) {
      if (sql.startsWith('/*', j)) {
        depth++;
        j += 2;
      } else if (sql.startsWith('*/', j)) {
        depth--;
        j += 2;
      } else {
        j++;
      }
    }
    return j;
  }
  return i;
}

/** Index just past a quoted run opened by `quote` at `i`; a doubled quote is an escaped quote. */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const ch = sql[j];
    if (backslashEscapes && ch === '\\') {
      j += 2;
    } else if (ch === quote) {
      if (sql[j + 1] === quote) {
        j += 2;
      } else {
        return j + 1;
      }
    } else {
      j++;
    }
  }
  // An unterminated literal runs to the end, as the server would report; the fingerprint only needs to be
  // deterministic here.
  return sql.length;
}

/** Index just past a dollar-quoted string opened at `i`, or -1 when `$` at `i` does not open one. */
function skipDollarQuoted(sql: string, i: number): number {
  const open = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 256));
  if (open === null) return -1;
  const delimiter = open[0];
  const close = sql.indexOf(delimiter, i + delimiter.length);
  return close === -1 ? sql.length : close + delimiter.length;
}

const NUMBER =
  /0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;

/** Index just past a numeric literal starting at `i` (a digit, or a `.` followed by a digit). */
function skipNumber(sql: string, i: number): number {
  // Sticky matching from `i`: slicing the rest of the text for each literal would make a long IN list
  // quadratic.
  NUMBER.lastIndex = i;
  const match = NUMBER.exec(sql);
  return i + (match === null ? 1 : match[0].length);
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let spaced = false;
  let i = 0;
  const push = (kind: TokenKind, text: string): void => {
    tokens.push({ kind, text, spaced });
    spaced = false;
  };
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (isSpace(ch)) {
      spaced = true;
      i++;
      continue;
    }
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      spaced = true;
      i = afterComment;
      continue;
    }
    if (ch === "'") {
      i = skipQuoted(sql, i, "'", false);
      push('value', '?');
      continue;
    }
    if (ch === '"') {
      const end = skipQuoted(sql, i, '"', false);
      push('quoted', sql.slice(i, end));
      i = end;
      continue;
    }
    if (ch === '$') {
      if (isDigit(sql[i + 1])) {
        let j = i + 1;
        while (isDigit(sql[j])) j++;
        push('value', '?');
        i = j;
        continue;
      }
      const end = skipDollarQuoted(sql, i);
      if (end !== -1) {
        push('value', '?');
        i = end;
        continue;
      }
    }
    if (isDigit(ch) || (ch === '.' && isDigit(sql[i + 1]))) {
      i = skipNumber(sql, i);
      push('value', '?');
      continue;
    }
    if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < sql.length && isIdentPart(sql[j] as string)) j++;
      const word = sql.slice(i, j);
      if (sql[j] === "'" && STRING_PREFIXES.has(word.toLowerCase())) {
        i = skipQuoted(sql, j, "'", word.toLowerCase() === 'e');
        push('value', '?');
        continue;
      }
      if (word.toLowerCase() === 'u' && sql.startsWith("&'", j)) {
        i = skipQuoted(sql, j + 1, "'", false);
        push('value', '?');
        continue;
      }
      if (word.toLowerCase() === 'u' && sql.startsWith('&"', j)) {
        const end = skipQuoted(sql, j + 1, '"', false);
        push('quoted', sql.slice(i, end));
        i = end;
        continue;
      }
      push('word', word);
      i = j;
      continue;
    }
    if (ch === ':' && sql[i + 1] === ':') {
      push('punct', '::');
      i += 2;
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      push('punct', ch);
      i++;
      continue;
    }
    if (OPERATOR_CHARS.has(ch)) {
      let j = i;
      while (j < sql.length && OPERATOR_CHARS.has(sql[j] as string) && skipComment(sql, j) === j) j++;
      let op = sql.slice(i, j);
      if (![...op].some((c) => OPERATOR_SPECIALS.has(c))) {
        while (op.length > 1 && (op.endsWith('+') || op.endsWith('-'))) op = op.slice(0, -1);
      }
      push('op', op);
      i += op.length;
      continue;
    }
    // Anything else (a stray character the server would reject) is kept verbatim.
    push('op', ch);
    i++;
  }
  return tokens;
}

/** Whether a `-` or `+` right after `previous` is a sign (part of a literal) rather than arithmetic. */
function isSignContext(previous: Token | undefined): boolean {
  if (previous === undefined) return true;
  if (previous.kind === 'op') return true;
  if (previous.kind === 'punct') return previous.text !== ')' && previous.text !== ']';
  if (previous.kind === 'word') return SIGN_CONTEXT_WORDS.has(previous.text.toLowerCase());
  return false;
}

/**
 * `-1` is one literal for the fingerprint, so `id = -1` and `id = 1` share a shape. Placeholders are
 * folded too: `-$1` and `$1` differ only in the value.
 */
function foldUnaryMinus(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    const next = tokens[k + 1];
    if (
      token.kind === 'op' &&
      (token.text === '-' || token.text === '+') &&
      next?.kind === 'value' &&
      isSignContext(out[out.length - 1])
    ) {
      out.push({ kind: 'value', text: '?', spaced: token.spaced });
      k++;
      continue;
    }
    out.push(token);
  }
  return out;
}

/**
 * If `tokens[start]` opens a list whose items are all `?` with the same optional cast, returns the index
 * just past the closing bracket and the cast; otherwise undefined.
 */
function matchValueList(
  tokens: readonly Token[],
  start: number,
  close: string,
): { end: number; cast: string } | undefined {
  let k = start + 1;
  let cast: string | undefined;
  for (;;) {
    const value = tokens[k];
    if (value?.kind !== 'value') return undefined;
    k++;
    let itemCast = '';
    while (tokens[k]?.kind === 'punct' && tokens[k]?.text === '::') {
      itemCast += '::';
      k++;
      const typeName = tokens[k];
      if (typeName?.kind !== 'word' && typeName?.kind !== 'quoted') return undefined;
      itemCast += typeName.text;
      k++;
      while (tokens[k]?.text === '[' && tokens[k + 1]?.text === ']') {
        itemCast += '[]';
        k += 2;
      }
    }
    if (cast === undefined) cast = itemCast;
    else if (cast !== itemCast) return undefined;
    const separator = tokens[k];
    if (separator?.kind === 'punct' && separator.text === ',') {
      k++;
      continue;
    }
    if (separator?.kind === 'punct' && separator.text === close) return { end: k + 1, cast };
    return undefined;
  }
}

function collapseLists(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let k = 0;
  while (k < tokens.length) {
    const token = tokens[k] as Token;
    const previous = out[out.length - 1];
    if (token.kind === 'punct' && token.text === '(') {
      const list = matchValueList(tokens, k, ')');
      if (list !== undefined) {
        out.push({ kind: 'value', text: `(?${list.cast}...)`, spaced: token.spaced });
        k = list.end;
        continue;
      }
    }
    if (
      token.kind === 'punct' &&
      token.text === '[' &&
      previous?.kind === 'word' &&
      previous.text.toUpperCase() === 'ARRAY'
    ) {
      const list = matchValueList(tokens, k, ']');
      if (list !== undefined) {
        out.pop();
        out.push({ kind: 'value', text: `${previous.text}[?${list.cast}...]`, spaced: previous.spaced });
        k = list.end;
        continue;
      }
    }
    out.push(token);
    k++;
  }
  return mergeListRuns(out);
}

/**
 * `(?...), (?...)` (rows of a VALUES list, or tuples in an IN list) becomes one `(?...)`, so
 * `IN ((?, ?), (?, ?))` and `IN ((?, ?))` both read `IN ((?...))`.
 */
function mergeListRuns(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    const comma = out[out.length - 1];
    const first = out[out.length - 2];
    if (
      token.kind === 'value' &&
      token.text.startsWith('(') &&
      comma?.kind === 'punct' &&
      comma.text === ',' &&
      first?.kind === 'value' &&
      first.text === token.text
    ) {
      out.pop();
      continue;
    }
    out.push(token);
  }
  return out;
}

function render(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (text !== '' && token.spaced) text += ' ';
    text += token.text;
  }
  return text;
}
