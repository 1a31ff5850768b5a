import type { BenchResults } from '../results/bench-results.ts';
import { table } from './markdown-format.ts';
import { formatInt, formatMs, formatSignedPct } from './number-format.ts';
import { caseName } from './plan-predictions.ts';
import { timeWithoutNetworkMs } from './chart-latency.ts';
import { recordOf, reportCollectors } from './report-collectors.ts';

/**
 * What each collector's export would take over a network: the projection per round-trip time, and the
 * `--rtt-ms` checks that really delayed every round trip to test it.
 */
export function latencySection(results: BenchResults): string {
  const rtts = results.options.projectionRttMs;
  const collectors = reportCollectors(results);
  const rows = results.cases.flatMap((c) =>
    collectors.flatMap(({ id }) => {
      const r = recordOf(c, id);
      if (!r?.timing) return [];
      return [
        [
          caseName(c),
          id,
          formatInt(r.queryCount),
          formatMs(timeWithoutNetworkMs(r) ?? r.timing.p50Ms),
          ...rtts.map((rtt) => {
            const p = r.projectedMs.find((x) => x.rttMs === rtt);
            return p ? formatMs(p.ms) : '-';
          }),
        ],
      ];
    }),
  );
  const projection =
    rows.length === 0
      ? 'Projection: none (no case was timed).'
      : table(
          ['Case', 'Collector', 'Queries', 'Without network ms', ...rtts.map((r) => `r = ${r} ms`)],
          rows,
          ['left', 'left', 'right', 'right', ...rtts.map(() => 'right' as const)],
        );
  const checks =
    results.latencyChecks.length === 0
      ? '`--rtt-ms` checks: none (the run was not given `--rtt-ms`).'
      : table(
          [
            'Case',
            'Collector',
            'Delay per round trip ms',
            'Real delay ms',
            'Queries',
            'Base mean ms',
            'Projected ms',
            'Measured ms',
            'Error',
            'Samples',
          ],
          results.latencyChecks.map((l) => [
            caseName(l),
            l.collector,
            String(l.rttMs),
            l.meanDelayMs === undefined ? '-' : l.meanDelayMs.toFixed(3),
            formatInt(l.queryCount),
            formatMs(l.baseMeanMs),
            formatMs(l.projectedMs),
            formatMs(l.measuredMs),
            l.projectedMs === 0 ? '-' : formatSignedPct((l.measuredMs / l.projectedMs - 1) * 100),
            formatInt(l.samples),
          ]),
        );
  return (
    '## Latency\n\n' +
    'Projected time at a round-trip time r, built from the parts above: without network = client + server (the median ' +
    'where the time was not split), then + queries × r.\n\n' +
    `${projection}\n\n${checks}` +
    (results.latencyChecks.length > 0
      ? '\n\nError = measured / projected − 1; the check really delays every round trip by r (the real delay column is ' +
        'the average wait per round trip, a little above r because timers overshoot).'
      : '')
  );
}
