import type { BenchResults, CollectorRecord } from '../results/bench-results.ts';
import { table } from './markdown-format.ts';
import { formatBytes, formatMs, formatPct } from './number-format.ts';
import { caseName } from './plan-predictions.ts';
import { recordOf, reportCollectors } from './report-collectors.ts';

/** One bar of the time split: a collector in a case, with its parts in ms. */
export interface TimeSplitRow {
  case: string;
  collector: string;
  record: CollectorRecord;
}

/** Every timed export whose time was split, case by case, collectors in report order. */
export function timeSplitRows(results: BenchResults): TimeSplitRow[] {
  const ids = reportCollectors(results).map((c) => c.id);
  return results.cases.flatMap((c) =>
    ids.flatMap((id) => {
      const record = recordOf(c, id);
      return record?.timeSplit && record.timing ? [{ case: caseName(c), collector: id, record }] : [];
    }),
  );
}

function share(part: number | null, total: number): string {
  return part === null || total <= 0 ? '-' : formatPct((part / total) * 100);
}

/**
 * "Where the time goes": each export's median time split into round-trip latency (round trips × the
 * per-trip latency measured on the same connection), server time (execution and planning, from the
 * server's statistics) and client time (the rest), with the export's peak memory. The projection of the
 * latency section is built from these parts.
 */
export function timeSplitSection(results: BenchResults, chart: string | null): string {
  const rows = timeSplitRows(results);
  if (rows.length === 0) return '## Where the time goes\n\nnone (no export was timed)';
  const body = table(
    [
      'Case',
      'Collector',
      'Median ms',
      'Round trips × latency ms',
      'Latency ms',
      'Server ms',
      'Client ms',
      'Latency / server / client',
      'Peak heap',
    ],
    rows.map(({ case: name, collector, record }) => {
      const s = record.timeSplit!;
      return [
        name,
        collector,
        formatMs(s.totalMs),
        `${s.roundTrips} × ${formatMs(s.perTripLatencyMs)}`,
        formatMs(s.latencyMs),
        s.serverMs === null ? 'not available' : formatMs(s.serverMs),
        s.clientMs === null
          ? 'not available'
          : `${formatMs(s.clientMs)}${s.clamped ? ' (clamped at 0)' : ''}`,
        `${share(s.latencyMs, s.totalMs)} / ${share(s.serverMs, s.totalMs)} / ${share(s.clientMs, s.totalMs)}`,
        record.peakMemory ? formatBytes(record.peakMemory.peakHeapDeltaBytes) : '-',
      ];
    }),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const unavailable = rows.some((r) => r.record.timeSplit!.source === 'not available');
  return [
    '## Where the time goes',
    '',
    "Each export's median time in three parts: **latency** = round trips × the per-trip latency measured on the same connection in this run; " +
      "**server** = execution + planning of the export's statements from the server's own statistics (`pg_stat_statements`); " +
      '**client** = the rest (decoding rows, building records and sheets). Peak heap: the most memory one export needed above its start.' +
      (unavailable
        ? ' "not available": the server had no statement statistics, so only the latency part is known.'
        : ''),
    '',
    body,
    ...(chart ? ['', chart] : []),
  ].join('\n');
}
