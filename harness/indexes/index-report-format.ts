/**
 * Number and Markdown formatting of `indexes.md`. Interim: the shared report formatters (`harness/report/`) are
 * meant to replace these; the names and outputs follow the same conventions (US digit grouping, `−` for
 * negative signs, 95 % intervals printed only when there is one).
 */

/** The parts of a ratio comparison the formatters read. */
export interface RatioInterval {
  ratio: number;
  low: number | null;
  high: number | null;
  verdict: string;
  baselineSamples: number;
  candidateSamples: number;
}

/** 12,345 (rounded). */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with the precision that suits their size: 0.042, 3.14, 42.7, 1,234. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return formatInt(ms);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** `+3.4 %`, `−7.4 %`, `0.0 %`. */
export function formatSignedPct(p: number): string {
  const rounded = Number(Math.abs(p).toFixed(1));
  const sign = rounded === 0 ? '' : p > 0 ? '+' : '−';
  return `${sign}${rounded.toFixed(1)} %`;
}

/** 512 B, 48.0 KiB, 1.25 MiB (binary units). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

/**
 * A change of time (ratio − 1) with its interval and verdict: `−3.1 % (95 % CI −5.0 % to +1.2 %), no detectable
 * difference`; without an interval: `+12.0 % (1 sample: no interval)`.
 */
export function formatChangeInterval(c: RatioInterval): string {
  const pct = (r: number) => formatSignedPct((r - 1) * 100);
  if (c.low === null || c.high === null) {
    const n = Math.min(c.baselineSamples, c.candidateSamples);
    return `${pct(c.ratio)} (${n} sample${n === 1 ? '' : 's'}: no interval)`;
  }
  return `${pct(c.ratio)} (95 % CI ${pct(c.low)} to ${pct(c.high)}), ${c.verdict}`;
}

/** Text safe inside a table cell or a sentence: pipes and Markdown characters escaped, newlines flattened. */
export function escapeInline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** A code span on one line; in a table cell its pipes are escaped. */
export function codeSpan(text: string, inTable = true): string {
  const oneLine = text.replace(/\s*\r?\n\s*/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A Markdown table; cells must already be escaped. `right` aligns numeric columns. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}
