/**
 * The Markdown building blocks every report of the project uses (`report.md` and its appendices,
 * `indexes.md`, the gate's summary): escaping, code spans, tables, collapsed blocks. One set, so a cell is
 * escaped the same way wherever it is printed. Pure functions; numbers are formatted by `number-format.ts`.
 */

/** Text safe inside a table cell or a sentence: pipes escaped, newlines flattened, Markdown emphasis characters escaped. */
export function escapeInline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/**
 * A code span. In a table cell (the default) pipes are escaped: GitHub removes the `\\` of `\|` inside code
 * spans in tables, and only there. The fence is longer than any run of backticks in the text.
 */
export function codeSpan(text: string, inTable = true): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Column alignment of a {@link table}: numbers read best right-aligned. */
export type Align = 'left' | 'right';

/**
 * A GitHub-flavoured Markdown table. Cells must already be escaped (`escapeInline`, `codeSpan`): the table
 * cannot tell a pipe meant as text from one meant as Markdown. A row shorter than the header is padded with
 * empty cells, so every row has as many cells as the header.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  const padded = rows.map((row) =>
    row.length >= headers.length ? row : [...row, ...headers.slice(row.length).map(() => '')],
  );
  return [line(headers), line(rule), ...padded.map(line)].join('\n');
}

/** A collapsed block: GitHub shows `summary` and opens the rest on a click. `body` is Markdown. */
export function details(summary: string, body: string): string {
  // The blank lines around the body let GitHub render the Markdown inside the HTML block.
  return `<details>\n<summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}

/** Text safe inside an HTML element (`<summary>`). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Markdown link to a file of the same folder (the path is percent-encoded, the text escaped). */
export function fileLink(text: string, file: string): string {
  return `[${escapeInline(text)}](${encodeURI(file)})`;
}

/** `text` cut to `max` characters, with an ellipsis when it was cut. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `''` for one, `'s'` otherwise: `${n} case${plural(n)}`. */
export function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** `3 cases`, `1 case`: a count with its noun (regular plurals only). */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${plural(n)}`;
}
