import type { ChartConfiguration } from 'chart.js';
import type { BenchResults, CaseResult, CollectorRecord } from '../results/bench-results.ts';
import {
  baseOptions,
  collectorColors,
  lineChartPlan,
  sortedPoints,
  type ChartPlan,
} from './chart-options.ts';
import { caseName } from './plan-predictions.ts';
import { exportedDocumentsOf, recordOf, reportCollectors } from './report-collectors.ts';

/** Export time with no network: client + server when the time was split, else the median. */
export function timeWithoutNetworkMs(r: CollectorRecord): number | null {
  const split = r.timeSplit;
  if (split && split.clientMs !== null && split.serverMs !== null) return split.clientMs + split.serverMs;
  return r.timing ? r.timing.p50Ms : null;
}

/**
 * Projected export time against round-trip time for the case the `--rtt-ms` checks ran on (else the largest
 * timed case): one line per collector, from the parts of its time, with the checks' measurements on it.
 */
export function latencyChart(results: BenchResults): ChartPlan {
  const file = 'latency-projection.png';
  const baseTitle = 'Projected export time against round-trip time';
  const chosen = latencyCase(results);
  if (!chosen)
    return {
      file,
      title: baseTitle,
      config: null,
      skipped: 'no case was timed, so nothing can be projected',
    };
  const title = `${baseTitle}, ${caseName(chosen)}`;
  const colors = collectorColors(results);
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
  for (const { id } of reportCollectors(results)) {
    const r = recordOf(chosen, id);
    const base = r ? timeWithoutNetworkMs(r) : null;
    if (!r?.timing || base === null) continue;
    const points = sortedPoints([
      { x: 0, y: base },
      ...r.projectedMs.map((p) => ({ x: p.rttMs, y: p.ms })),
    ]).filter((p) => p.y > 0);
    datasets.push({
      label: `${id}: time without network + ${r.queryCount} queries × r`,
      data: points,
      borderColor: colors.get(id),
      backgroundColor: colors.get(id),
      borderWidth: 3,
      pointRadius: 4,
    });
    const checks = results.latencyChecks.filter(
      (l) =>
        l.collector === id &&
        l.scenario === chosen.scenario &&
        l.targetDocuments === chosen.targetDocuments &&
        l.indexState === chosen.indexState,
    );
    if (checks.length > 0) {
      datasets.push({
        label: `${id} measured with --rtt-ms`,
        data: checks.map((l) => ({ x: l.rttMs, y: l.measuredMs })),
        borderColor: '#111111',
        backgroundColor: colors.get(id),
        showLine: false,
        pointStyle: 'triangle',
        pointRadius: 11,
        borderWidth: 2,
      });
    }
  }
  return lineChartPlan(
    file,
    title,
    datasets,
    baseOptions(title, 'round-trip time r, ms', 'export time, ms (log)', 'linear', 'logarithmic'),
    'no case was timed',
    baseTitle,
  );
}

/** The case the `--rtt-ms` checks ran on (the largest), else the largest timed case, schema state first. */
function latencyCase(results: BenchResults): CaseResult | undefined {
  const ids = reportCollectors(results).map((c) => c.id);
  const timed = results.cases.filter((c) => ids.some((id) => recordOf(c, id)?.timing));
  const checked = timed.filter((c) =>
    results.latencyChecks.some(
      (l) =>
        l.scenario === c.scenario && l.targetDocuments === c.targetDocuments && l.indexState === c.indexState,
    ),
  );
  const pool = checked.length > 0 ? checked : timed;
  return [...pool].sort(
    (a, b) =>
      (exportedDocumentsOf(b) ?? 0) - (exportedDocumentsOf(a) ?? 0) ||
      Number(a.indexState !== 'schema') - Number(b.indexState !== 'schema'),
  )[0];
}
