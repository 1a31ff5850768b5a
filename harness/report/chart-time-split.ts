import type { BenchResults } from '../results/bench-results.ts';
import type { ChartPlan } from './chart-options.ts';
import { formatMs } from './number-format.ts';
import { timeSplitRows } from './report-time-split.ts';

const PART_COLORS = { latency: '#8e44ad', server: '#16a085', client: '#f39c12' };

/**
 * Where the time goes, one stacked bar per collector and case: the shares of latency, server and client in
 * the export's median time (shares, so a 10 ms and a 10 s export can be read side by side; each label gives
 * the total).
 */
export function timeSplitChart(results: BenchResults): ChartPlan {
  const file = 'time-split.png';
  const title = 'Where the time goes: latency, server, client per export (schema state)';
  // The schema state only: a chart of every case and index state would be too crowded to read (the table has them all).
  const rows = timeSplitRows(results).filter(
    (r) => r.record.timeSplit!.totalMs > 0 && r.case.endsWith('/schema'),
  );
  if (rows.length === 0) return { file, title, config: null, skipped: 'no export was timed' };
  const pct = (part: number | null, total: number) => (part === null ? 0 : (part / total) * 100);
  const labels = rows.map((r) => `${r.case} ${r.collector} (${formatMs(r.record.timeSplit!.totalMs)} ms)`);
  const part = (
    name: 'latency' | 'server' | 'client',
    pick: (s: NonNullable<(typeof rows)[number]['record']['timeSplit']>) => number | null,
  ) => ({
    label:
      name === 'server'
        ? 'server (execution + planning)'
        : name === 'client'
          ? 'client (the rest)'
          : 'round-trip latency',
    data: rows.map((r) => pct(pick(r.record.timeSplit!), r.record.timeSplit!.totalMs)),
    backgroundColor: PART_COLORS[name],
  });
  return {
    file,
    title,
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          part('latency', (s) => s.latencyMs),
          part('server', (s) => s.serverMs),
          part('client', (s) => s.clientMs),
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          title: {
            display: true,
            text: `${title} (share of the median time)`,
            font: { size: 20, weight: 'bold' },
          },
          legend: { position: 'top' },
        },
        scales: {
          x: {
            type: 'linear',
            stacked: true,
            min: 0,
            max: 100,
            title: { display: true, text: '% of the export time' },
          },
          y: {
            type: 'category',
            stacked: true,
            ticks: { font: { size: rows.length > 24 ? 9 : 12 }, autoSkip: false },
          },
        },
      },
    },
  };
}
