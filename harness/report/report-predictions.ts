import type { BenchResults } from '../results/bench-results.ts';
import { escapeInline, fileLink, table } from './markdown-format.ts';
import { formatBytes, formatInt, formatTimes } from './number-format.ts';
import { formatPairSpeedup, type PairMeasures } from './pair-measures.ts';
import { comparePredictions, PLAN_FILE, PLAN_PREMISE, REAL_ODOO_REFERENCE } from './plan-predictions.ts';

/**
 * The plan's figures next to this run's. Each plan figure says which premise it assumed (no prefetch), and
 * production's measured behaviour stands next to it, so the reader sees both the model the plan reasoned
 * about and what the current code really sends.
 */
export function predictionsSection(results: BenchResults): string {
  const comparison = comparePredictions(results);
  const { premise, production, candidate } = comparison;
  const queries = (m: PairMeasures | null, side: 'baseline' | 'candidate') =>
    m ? formatInt(side === 'baseline' ? m.baselineQueries : m.candidateQueries) : 'not measured';
  const headers = [
    'Plan row (documents, filters)',
    'Matched case',
    'Docs exported',
    `Current code: plan (premise: no prefetch) / ${premise ?? 'premise'} measured`,
    `${production ?? 'v1-orm'} measured (production)`,
    `${candidate ?? 'v2'}: plan / measured`,
    `Speed-up: plan / ${candidate ?? 'v2'} vs ${premise ?? 'premise'}`,
    `${candidate ?? 'v2'} vs ${production ?? 'production'}`,
  ];
  const rows = comparison.rows.map((row) => {
    const p = row.prediction;
    const m = row.premise ?? row.production;
    const matchedCase =
      row.scenario === null
        ? 'none'
        : `${row.scenario}/${row.targetDocuments}/${row.indexState}${row.matchedBy === 'size' ? ' (by size)' : ''}`;
    const matched = row.note ? `${matchedCase}: ${escapeInline(row.note)}` : matchedCase;
    return [
      `${p.label}: ${formatInt(p.documents)}, ${p.filters} (line ${p.source.split('line ')[1] ?? '?'})`,
      matched,
      m ? formatInt(m.exportedDocuments) : '-',
      `~${formatInt(p.v1Queries)} / ${queries(row.premise, 'baseline')}`,
      production === null ? 'not run' : queries(row.production, 'baseline'),
      `~${formatInt(p.v2Queries)} / ${queries(row.premise ?? row.production, 'candidate')}`,
      `${formatTimes(p.speedup)} / ${row.premise ? formatPairSpeedup(row.premise.time) : '-'}`,
      row.production ? formatPairSpeedup(row.production.time) : '-',
    ];
  });
  const baselineNote =
    comparison.targets[0]?.baseline === null
      ? 'no baseline ran'
      : comparison.targets[0]?.baseline === production
        ? `${candidate} judged against ${production}, what production sends today`
        : `${candidate} judged against ${premise}, the premise: this run had no production collector`;
  const targets = table(
    ['Target (plan wording)', 'Plan source', 'Verdict', `Measured (${baselineNote})`],
    comparison.targets.map((t) => [
      t.target.text,
      t.target.source,
      `**${t.verdict}**`,
      escapeInline(t.measured),
    ]),
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
  const evaluation = results.indexEvaluation;
  const writeLine =
    comparison.writeCost.verdict === 'measured elsewhere' && evaluation
      ? `- Write cost: plan "${comparison.writeCost.prediction.text}" (${comparison.writeCost.prediction.source}); measured per index by the index evaluation: ${fileLink(evaluation.reportFile, evaluation.reportFile)}.`
      : `- Write cost: plan "${comparison.writeCost.prediction.text}" (${comparison.writeCost.prediction.source}); not measured in this run (\`hfc-bench indexes\` measures it).`;
  return [
    '## Predictions versus measurements',
    '',
    `The plan (\`${PLAN_FILE}\`) next to this run; "~" marks its estimates. **Its figures for the current code assume ${PLAN_PREMISE.text}** ` +
      `(${PLAN_PREMISE.source}): that is this project's premise collector${premise ? ` (${premise})` : ''}, not what production sends. ` +
      `Production's measured counts stand next to them${production ? ` (${production})` : ' (not run here)'}; for reference, ${REAL_ODOO_REFERENCE.text}. ` +
      'Rows are matched to cases by scenario name, else by target size.',
    '',
    table(headers, rows),
    '',
    targets,
    '',
    `${sizeLine}\n${writeLine}`,
    '',
    `Also wrong in the plan, whatever the run: its \`read_group\` with \`id:max\` picks the highest id, not the latest \`create_date\`; ` +
      'its many2many index names a table that does not exist (`document_extraction_activity_field_rel` is the real one, already covered ' +
      "by its primary key and Odoo's reverse index); a btree on `res_partner.business_id` cannot serve the filter's `ILIKE '%...%'`.",
  ].join('\n');
}
