import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../results/bench-results.ts';
import { drawPng, prepareChartJs } from './chart-canvas.ts';
import { latencyChart } from './chart-latency.ts';
import type { ChartPlan } from './chart-options.ts';
import { planTimeChart } from './chart-plan-time.ts';
import { queriesChart } from './chart-queries.ts';
import { speedupChart } from './chart-speedup.ts';
import { timeSplitChart } from './chart-time-split.ts';
import { timeChart } from './chart-time.ts';
import type { ChartRef } from './report-markdown.ts';

export { CHART_FONT_CANDIDATES, CHART_FONT_ENV, CHART_HEIGHT, CHART_WIDTH } from './chart-canvas.ts';
export { logTickLabel } from './chart-options.ts';
export { planLabel } from './chart-plan-time.ts';
export type { ChartPlan } from './chart-options.ts';

export interface RenderChartsOptions {
  /** Receives a message when no font file was found (labels then use whatever font the canvas has). */
  onWarning?: (message: string) => void;
}

/**
 * The report's charts' chart.js configurations, computed from the results alone, in report order. Pure
 * (apart from the chart.js defaults it relies on), so the data behind each chart can be tested without drawing.
 */
export function planCharts(results: BenchResults): ChartPlan[] {
  return [
    queriesChart(results),
    timeChart(results),
    timeSplitChart(results),
    speedupChart(results),
    latencyChart(results),
    planTimeChart(results),
  ];
}

/**
 * Draws the report's charts as PNG files in `outDir` (chart.js on @napi-rs/canvas, no system libraries).
 * Charts without data are not drawn; they are returned with `skipped` set, so the report can say so.
 *
 * @returns every chart, drawn or skipped, in report order; `file` is relative to `outDir`.
 */
export async function renderCharts(
  results: BenchResults,
  outDir: string,
  options: RenderChartsOptions = {},
): Promise<ChartRef[]> {
  prepareChartJs(options.onWarning);
  await mkdir(outDir, { recursive: true });
  const refs: ChartRef[] = [];
  for (const plan of planCharts(results)) {
    if (plan.config === null) {
      refs.push({ file: plan.file, title: plan.title, skipped: plan.skipped ?? 'no data' });
      continue;
    }
    await writeFile(path.join(outDir, plan.file), await drawPng(plan.config));
    refs.push({ file: plan.file, title: plan.title });
  }
  return refs;
}
