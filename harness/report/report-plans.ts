import type { BenchResults, IndexState, PlanRecord } from '../results/bench-results.ts';
import { codeSpan, escapeInline, fileLink, table } from './markdown-format.ts';
import { formatBytes, formatInt, formatMs } from './number-format.ts';
import { uniqueBy } from './report-cases-util.ts';
import { DRIFT_COLUMNS, driftCells } from './drift-check.ts';

/** The file of the plans appendix, beside `report.md`. */
export const PLANS_APPENDIX = 'appendix-plans.md';

/** Execution time as `median (min to max, n runs)`, or the single value when it was executed once. */
export function planExecutionCell(p: PlanRecord): string {
  const n = p.executionSamplesMs.length;
  if (n <= 1) return `${formatMs(p.executionMs)} (1 run)`;
  return `${formatMs(p.executionMs)} (${formatMs(p.executionMinMs)} to ${formatMs(p.executionMaxMs)}, ${n} runs)`;
}

/** The index migration in brief, for the main report: what was created, whether down restored the catalog. */
export function indexMigrationBrief(results: BenchResults): string {
  const m = results.indexMigration;
  const lines: string[] = ['## Index migration', ''];
  if (!m) lines.push('none (this run did not apply the index migration)');
  else {
    const total = m.indexes.reduce((sum, i) => sum + i.sizeBytes, 0);
    lines.push(
      `${formatInt(m.indexes.length)} index${m.indexes.length === 1 ? '' : 'es'} created (${m.indexes.map((i) => codeSpan(i.name, false)).join(', ') || 'none'}; ` +
        `${formatBytes(total)} in all${m.seededDocuments === undefined ? '' : ` with ${formatInt(m.seededDocuments)} documents`}); ` +
        `down restored the catalog: ${m.roundTripIdentical ? '**identical**' : '**not identical**'}; ` +
        `invalid indexes left: ${m.invalidIndexes.length === 0 ? 'none' : m.invalidIndexes.map((n) => codeSpan(n, false)).join(', ')}. ` +
        `Definitions, timings and every plan: ${fileLink(PLANS_APPENDIX, PLANS_APPENDIX)}.`,
    );
  }
  lines.push('', indexEffectsTable(results), '', indexEvaluationParagraph(results));
  return lines.join('\n');
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
      `(${formatInt(e.seededDocuments)} documents): ${fileLink(e.reportFile, e.reportFile)} (data: \`${e.dataFile}\`). Verdicts:`,
    '',
    ...verdicts,
  ].join('\n');
}

/** `appendix-plans.md`: the index migration in full and every captured plan. */
export function plansAppendix(results: BenchResults): string {
  return [
    `# Plans and the index migration of run ${results.runId}`,
    '',
    'Appendix of [report.md](report.md). Every figure comes from `results.json`.',
    '',
    indexMigrationSection(results),
    '',
    plansSection(results),
    '',
  ].join('\n');
}

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
  return `## Index migration\n\n${indexes}\n\n${lines.join('\n')}`;
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
    p.error ? '-' : planExecutionCell(p),
    p.error ? '-' : p.indexesUsed.length === 0 ? 'none' : p.indexesUsed.map((n) => codeSpan(n)).join(', '),
    p.error
      ? '-'
      : p.seqScans.length === 0
        ? 'none'
        : p.seqScans.map((s) => `${codeSpan(s.relation)} (${formatInt(s.actualRows)} rows)`).join(', '),
    p.error ? '-' : `${formatInt(p.estimatedRows)} / ${formatInt(p.actualRows)}`,
    p.error ? '-' : `${formatInt(p.sharedHitBlocks)} / ${formatInt(p.sharedReadBlocks)}`,
    p.error ? `error: ${escapeInline(p.error)}` : escapeInline(p.nodeTypes.join(', ')),
    fileLink('json', p.rawFile),
  ]);
  const legend = uniqueBy(sorted, (p) => p.fingerprintId).map(
    (p) => `- ${codeSpan(p.fingerprintId, false)}: ${codeSpan(p.fingerprint, false)}`,
  );
  return (
    '## Plans\n\n' +
    'Per fingerprint and index state, `EXPLAIN (ANALYZE, BUFFERS)` of a representative call with the parameters the export sent. ' +
    "Execution: median with its range over the repeated runs. Rows: the top node's estimate / actual; buffers: shared hit / read blocks.\n\n" +
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

/** The proposed indexes' effect on each collector's export time, per scenario and size, with its verdict. */
function indexEffectsTable(results: BenchResults): string {
  const effects = results.indexComparisons;
  if (effects.length === 0)
    return 'Effect on export time: not measured (no case was timed in both index states).';
  return (
    'Effect on export time (time with the indexes / without − 1; a case whose A/A control failed is too noisy to judge). ' +
    'The two index states are timed one after the other; the drift probe, a fixed query no index can change, is ' +
    "timed in the same rounds in both, and a change that does not clear its interval could be the machine's:\n\n" +
    table(
      ['Case', 'Collector', ...DRIFT_COLUMNS],
      effects.map((e) => [`${e.scenario}/${e.targetDocuments}`, e.collector, ...driftCells(e)]),
    )
  );
}
