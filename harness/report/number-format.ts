import type { RatioComparison } from '../timing/ratio-comparison.ts';

/**
 * How every report of the project prints numbers: counts, durations, ratios with their 95 % interval and
 * verdict, percentages, sizes. One set, so the same figure reads the same in `report.md`, its appendices,
 * `indexes.md` and the gate's summary. Pure functions; US digit grouping (`12,345`), a thin space before
 * units, `−` (U+2212) for negative signs.
 */

/** 12,345 (rounded to an integer). */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with the precision that suits their size: 0.042, 3.14, 42.7, 1,234. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return Math.round(ms).toLocaleString('en-US');
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** A run's length: `42.0 s`, `3 min 7 s`, `1 h 2 min`. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const totalMinutes = Math.floor(seconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min ${Math.round(seconds - totalMinutes * 60)} s`;
  const hours = Math.floor(totalMinutes / 60);
  return `${hours} h ${totalMinutes - hours * 60} min`;
}

/** A ratio as "times": 2.53×, 17.4×, 172×; below 1 with two decimals (0.85×). */
export function formatTimes(x: number): string {
  if (x >= 100) return `${Math.round(x)}×`;
  if (x >= 10) return `${x.toFixed(1)}×`;
  return `${x.toFixed(2)}×`;
}

/** A percentage: `99.7 %`. */
export function formatPct(p: number): string {
  return `${p.toFixed(1)} %`;
}

/** A signed percentage change: `+3.4 %`, `−7.4 %`, `0.0 %`. */
export function formatSignedPct(p: number): string {
  const rounded = Number(Math.abs(p).toFixed(1));
  const sign = rounded === 0 ? '' : p > 0 ? '+' : '−';
  return `${sign}${rounded.toFixed(1)} %`;
}

/** A small decimal: integers as they are, others with two decimals (`1`, `2.50`). */
export function formatDecimal(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** 512 B, 48.0 KiB, 1.25 MiB, 24.0 GiB (binary units). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0
    ? `${bytes} B`
    : `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

/** `3 to 9`, or `9` when all values print the same. `values` must not be empty. */
export function formatRange(values: readonly number[], format: (v: number) => string): string {
  const low = format(Math.min(...values));
  const high = format(Math.max(...values));
  return low === high ? low : `${low} to ${high}`;
}

/** The parts of a `compareRatio` result the formatters read. */
export type RatioInterval = Pick<
  RatioComparison,
  'ratio' | 'low' | 'high' | 'verdict' | 'baselineSamples' | 'candidateSamples'
>;

/**
 * Why a comparison has no interval: `1 sample: no interval` (the smaller side's count). One sample has no
 * spread; printing a margin for it would be invented.
 */
export function noIntervalReason(c: RatioInterval): string {
  const n = Math.min(c.baselineSamples, c.candidateSamples);
  return `${n} sample${n === 1 ? '' : 's'}: no interval`;
}

/**
 * A speed-up (baseline time / candidate time, the inverse of the comparison's ratio) with its interval and
 * verdict: `6.25× (95 % CI 5.90× to 6.61×), faster`; `21.2× (1 sample: no interval)`.
 */
export function formatSpeedupInterval(c: RatioInterval): string {
  const point = formatTimes(1 / c.ratio);
  if (c.low === null || c.high === null) return `${point} (${noIntervalReason(c)})`;
  return `${point} (95 % CI ${formatTimes(1 / c.high)} to ${formatTimes(1 / c.low)}), ${c.verdict}`;
}

/**
 * A change of time as a signed percentage (candidate / baseline − 1) with its interval and verdict:
 * `−3.1 % (95 % CI −5.0 % to +1.2 %), no detectable difference`; one sample: `+12.0 % (1 sample: no interval)`.
 */
export function formatChangeInterval(c: RatioInterval): string {
  const pct = (r: number) => formatSignedPct((r - 1) * 100);
  if (c.low === null || c.high === null) return `${pct(c.ratio)} (${noIntervalReason(c)})`;
  return `${pct(c.ratio)} (95 % CI ${pct(c.low)} to ${pct(c.high)}), ${c.verdict}`;
}

/**
 * The verdict of a comparison in a table cell: `faster`, `slower`, `no detectable difference`, or the reason
 * there is none (`1 sample: no interval`).
 */
export function formatVerdict(c: RatioInterval): string {
  return c.low === null || c.high === null ? noIntervalReason(c) : c.verdict;
}

/** An interval's relative width as a percentage (`±3.1 %` reads as half of it): `6.2 %`. */
export function formatWidthPct(width: number | null): string {
  return width === null ? 'unknown' : formatPct(width * 100);
}
