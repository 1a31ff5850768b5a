/**
 * Masks the parts of a SQL text whose content must not be read as SQL: comments (`--`, nested block
 * comments), string literals (`'...'` with `''`, `E'...'` with backslash escapes, dollar-quoted bodies) and,
 * optionally, double-quoted identifiers. Every offset is kept (one output character per input character,
 * newlines kept), so a match in the masked text points at the same place in the original.
 *
 * Comments become spaces. Literals become `literalFiller`: a checker that must not see a statement end in a
 * dollar-quoted body as empty uses a non-space filler.
 */
export function maskSql(
  sql: string,
  options: { literalFiller?: string; maskQuotedIdentifiers?: boolean } = {},
): string {
  const filler = options.literalFiller ?? ' ';
  let out = '';
  let i = 0;
  while (i < sql.length) {
    let end = -1;
    let isComment = false;
    if (sql.startsWith('--', i)) {
      const newline = sql.indexOf('\n', i);
      end = newline < 0 ? sql.length : newline;
      isComment = true;
    } else if (sql.startsWith('/*', i)) {
      end = blockCommentEnd(sql, i);
      isComment = true;
    } else if (sql[i] === "'") {
      const backslashEscapes = /[eE]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? '');
      end = quotedEnd(sql, i, backslashEscapes);
    } else if (sql[i] === '"') {
      end = quotedEnd(sql, i, false);
      if (!options.maskQuotedIdentifiers) {
        out += sql.slice(i, end);
        i = end;
        continue;
      }
    } else if (sql[i] === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
      if (tag !== undefined) {
        const close = sql.indexOf(tag, i + tag.length);
        end = close < 0 ? sql.length : close + tag.length;
      }
    }
    if (end < 0) {
      out += sql[i];
      i++;
      continue;
    }
    out += sql.slice(i, end).replace(/[^\n]/g, isComment ? ' ' : filler);
    i = end;
  }
  return out;
}

/** End (exclusive) of a block comment starting at `start`; PostgreSQL nests them. */
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** End (exclusive) of a quoted literal or identifier starting at `start` (doubled quotes escape). */
function quotedEnd(sql: string, start: number, backslashEscapes: boolean): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return sql.length;
}
