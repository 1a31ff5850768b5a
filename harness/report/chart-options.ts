import type { ChartConfiguration } from 'chart.js';
import type { BenchResults, IndexState } from '../results/bench-results.ts';
import { reportCollectors, type CollectorRole } from './report-collectors.ts';

/** A chart to draw, or the reason it is skipped. Pure data: see `planCharts`. */
export interface ChartPlan {
  file: string;
  title: string;
  config: ChartConfiguration | null;
  skipped?: string;
}

const ROLE_COLORS: Record<CollectorRole, string> = {
  premise: '#c0392b',
  production: '#e67e22',
  candidate: '#1f6fb2',
};
const OTHER_COLORS = ['#8e44ad', '#16a085', '#7f8c8d'];

/** One colour per collector, by role (premise red, production orange, candidate blue), the same in every chart. */
export function collectorColors(results: BenchResults): Map<string, string> {
  const colors = new Map<string, string>();
  let other = 0;
  for (const c of reportCollectors(results)) {
    colors.set(c.id, c.role ? ROLE_COLORS[c.role] : OTHER_COLORS[other++ % OTHER_COLORS.length]!);
  }
  return colors;
}

export const STATE_COLORS: Record<IndexState, string> = { schema: '#7f8c8d', 'proposed-indexes': '#27ae60' };

/**
 * Log axes label only 1, 2 and 5 times a power of ten: chart.js's default labels 8, 9 and 10 next to each
 * other, which overlap.
 */
export function logTickLabel(value: number | string): string {
  const n = Number(value);
  if (!(n > 0)) return '';
  const mantissa = n / 10 ** Math.floor(Math.log10(n) + 1e-9);
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? n.toLocaleString('en-US') : '';
}

const LOG_TICKS = { ticks: { callback: logTickLabel, autoSkip: false } };

/** Title, legend and two titled axes: what every chart of the report has. */
export function baseOptions(
  title: string,
  xTitle: string,
  yTitle: string,
  xType: 'linear' | 'logarithmic' | 'category',
  yType: 'linear' | 'logarithmic',
) {
  return {
    plugins: {
      title: { display: true, text: title, font: { size: 20, weight: 'bold' as const } },
      legend: { position: 'top' as const },
    },
    scales: {
      x: {
        type: xType,
        title: { display: true, text: xTitle },
        ...(xType === 'logarithmic' ? LOG_TICKS : {}),
      },
      y: {
        type: yType,
        title: { display: true, text: yTitle },
        ...(yType === 'linear' ? { beginAtZero: true } : LOG_TICKS),
      },
    },
  };
}

/**
 * A line chart of `datasets` with `options`, or, when there is no dataset, the plan that says why it is
 * skipped (under `skippedTitle`, default `title`).
 */
export function lineChartPlan(
  file: string,
  title: string,
  datasets: ChartConfiguration<'line'>['data']['datasets'],
  options: ReturnType<typeof baseOptions>,
  skipped: string,
  skippedTitle = title,
): ChartPlan {
  if (datasets.length === 0) return { file, title: skippedTitle, config: null, skipped };
  return { file, title, config: { type: 'line', data: { datasets }, options } };
}

/** Points sorted by x, duplicates removed (two index states often give the same count). */
export function sortedPoints(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const unique = new Map(points.map((p) => [`${p.x}:${p.y}`, p]));
  return [...unique.values()].sort((a, b) => a.x - b.x || a.y - b.y);
}
