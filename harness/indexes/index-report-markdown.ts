import type {
  CandidateEvaluation,
  IndexEvaluationResults,
  PlanBrief,
  QueryEffect,
  WithWithoutTiming,
} from '../results/index-evaluation-results.ts';
import { KEEP_MIN_SAVING_PCT, MAX_WRITE_COST_RATIO } from './index-evaluation.ts';

/** The index report's file name inside a run folder. */
export const INDEX_REPORT_FILE = 'indexes.md';

/**
 * Renders `indexes.md` from an index evaluation alone: the summary paragraph, the verdicts, then each proposed
 * index (definition, build, size, the queries whose plans use it with their plan and time change, scans, write
 * cost, redundancy, operator fit, HypoPG next to the measurement, verdict and reasons), the alternatives, the
 * migration safety findings, the benchmarked queries and how the figures were obtained. Pure.
 */
export function renderIndexReport(results: IndexEvaluationResults): string {
  const proposed = results.candidates.filter((c) => c.candidate.role === 'proposed');
  const alternatives = results.candidates.filter((c) => c.candidate.role === 'alternative');
  const out: string[] = [];
  out.push('# Index evaluation: what each proposed index buys and costs', '');
  out.push(summaryParagraph(results), '');
  out.push('## Verdicts', '');
  out.push(verdictTable(results.candidates), '');
  out.push("## The plan's proposed indexes", '');
  for (const evaluation of proposed) out.push(...candidateSection(evaluation, results));
  out.push('## Alternatives measured', '');
  out.push(
    'Indexes the plan does not propose (or proposes only as an optional idea), built and measured the same way, ' +
      'so that a "replace with" verdict rests on a measurement.',
    '',
  );
  for (const evaluation of alternatives) out.push(...candidateSection(evaluation, results));
  out.push(...migrationSafetySection(results));
  out.push(...queriesSection(results));
  out.push(...indexMethodSection(results));
  if (results.warnings.length > 0) {
    out.push('## Warnings', '', ...results.warnings.map((w) => `- ${w}`), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The one-paragraph summary at the top: every proposed index's verdict in a sentence, with the data size. */
export function summaryParagraph(results: IndexEvaluationResults): string {
  const rows = results.environment.tableRows;
  const proposed = results.candidates.filter((c) => c.candidate.role === 'proposed');
  const byKind = (kind: string) => proposed.filter((c) => c.verdict.kind === kind);
  const names = (list: CandidateEvaluation[]) => list.map((c) => `\`${c.candidate.name}\``).join(', ');
  const parts: string[] = [];
  parts.push(
    `On PostgreSQL ${results.environment.serverVersion} with ${rows.document_extraction ?? '?'} documents, ` +
      `${rows.res_partner ?? '?'} partners and ${rows.document_extraction_activity_field_rel ?? '?'} activity links, ` +
      `each of the plan's ${proposed.length} proposed indexes was built alone on the bare schema and measured with and ` +
      `without it on the real queries of ${results.filterCases.length} export filter cases.`,
  );
  const keep = byKind('keep');
  const drop = byKind('drop');
  const replace = byKind('replace');
  const undecided = byKind('undecided');
  const each = (list: CandidateEvaluation[]) =>
    list.map((c) => `\`${c.candidate.name}\` (${shortReason(c)})`).join('; ');
  if (keep.length > 0) parts.push(`Keep ${each(keep)}.`);
  else {
    parts.push(
      `None of them earns its keep at this size: no query is ${KEEP_MIN_SAVING_PCT} % faster or more, beyond the noise.`,
    );
  }
  if (drop.length > 0) parts.push(`Drop ${each(drop)}.`);
  if (replace.length > 0) parts.push(`Replace ${each(replace)}.`);
  if (undecided.length > 0) parts.push(`Not measured: ${names(undecided)}.`);
  const added = results.candidates.filter(
    (c) =>
      c.candidate.role === 'alternative' &&
      c.candidate.alternativeFor.length === 0 &&
      c.verdict.kind === 'keep',
  );
  if (added.length > 0) parts.push(`Worth adding although the plan does not propose it: ${names(added)}.`);
  const writeRatios = proposed.flatMap((c) => (c.writeCost === null ? [] : [c.writeCost.ratio]));
  const noisy = proposed.every((c) => c.writeCost === null || !c.writeCost.significant);
  if (writeRatios.length > 0) {
    parts.push(
      `Write cost of one document with its child rows: between x${Math.min(...writeRatios).toFixed(2)} and ` +
        `x${Math.max(...writeRatios).toFixed(2)} per index, ` +
        `${noisy ? 'none of them beyond the noise' : 'see each index for which are beyond the noise'} ` +
        '(the plan predicted inserts +2-5 % slower for its indexes together).',
    );
  }
  return parts.join(' ');
}

function shortReason(evaluation: CandidateEvaluation): string {
  return evaluation.verdict.headline;
}

function verdictTable(candidates: readonly CandidateEvaluation[]): string {
  const lines = [
    '| index | role | verdict | why | size | build | queries using it | best time change | scans | write cost |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of candidates) {
    const used = c.queries.filter((q) => q.usesIndex);
    const changes = used.flatMap((q) => (q.timing === null ? [] : [q.timing.changePct]));
    const best = changes.length === 0 ? '-' : pct(Math.min(...changes));
    const verdict =
      c.verdict.kind === 'replace' ? `replace with \`${c.verdict.replacement}\`` : c.verdict.kind;
    lines.push(
      `| \`${c.candidate.name}\` | ${c.candidate.role} | **${verdict}** | ${cell(c.verdict.headline)} | ${bytes(c.sizeBytes)} | ${msOrDash(c.buildMs)} | ` +
        `${used.length} / ${c.queries.length} | ${best} | ${c.scans ?? '-'} | ${c.writeCost === null ? '-' : `x${c.writeCost.ratio.toFixed(3)}`} |`,
    );
  }
  return lines.join('\n');
}

function candidateSection(evaluation: CandidateEvaluation, results: IndexEvaluationResults): string[] {
  const c = evaluation.candidate;
  const out: string[] = [`### \`${c.name}\``, ''];
  out.push(`- **Definition**: \`${evaluation.createSql}\``);
  if (evaluation.catalogDefinition !== null)
    out.push(`- **As the catalog prints it**: \`${evaluation.catalogDefinition}\``);
  out.push(`- **Source**: ${c.source}. ${c.rationale}`);
  if (c.correction !== null) out.push(`- **Correction**: ${c.correction}`);
  if (c.knownOverlap !== null) out.push(`- **Known overlap**: ${c.knownOverlap}`);
  if (c.alternativeFor.length > 0)
    out.push(`- **Alternative for**: ${c.alternativeFor.map((n) => `\`${n}\``).join(', ')}`);
  if (evaluation.status !== 'measured') {
    out.push(`- **Not measured** (${evaluation.status}): ${evaluation.error ?? ''}`, '');
    out.push(...verdictLines(evaluation));
    return out;
  }
  out.push(
    `- **Build**: ${msOrDash(evaluation.buildMs)} (\`CREATE INDEX CONCURRENTLY\`), then \`ANALYZE ${c.table}\` ` +
      `${msOrDash(evaluation.analyzeMs)}; **size** ${bytes(evaluation.sizeBytes)} (\`pg_relation_size\`)`,
  );
  out.push(
    `- **Redundancy**: ${
      evaluation.redundancy.length === 0
        ? 'none: no existing btree index starts with the same key'
        : evaluation.redundancy
            .map(
              (r) =>
                `${r.relation === 'equal' ? 'equal to' : 'a prefix of'} \`${r.index}\` ${r.key} (${r.kind})`,
            )
            .join('; ')
    }`,
  );
  if (evaluation.operatorFit.length === 0) {
    out.push('- **Operator fit**: no export filter searches its column with a substring pattern');
  } else {
    for (const fit of evaluation.operatorFit) {
      const proof =
        fit.proof === null
          ? ''
          : ` Forced plan (\`enable_seqscan\`, \`enable_indexscan\`, \`enable_indexonlyscan\` off) of \`${fit.proof.queryId}\`: ${planText(fit.proof.plan)}; ` +
            `${fit.proof.usesIndex ? 'uses this index' : '**does not use this index**'}.`;
      out.push(
        `- **Operator fit** (\`${fit.filterKey}\`: \`${fit.operator}\`): ${fit.served ? 'serves it' : '**cannot serve it**'}: ${fit.reason}.${proof}`,
      );
    }
  }
  out.push(
    `- **Scans**: ${evaluation.scans === null ? 'not measured' : `${evaluation.scans} (\`idx_scan\` gained over one run of every filter case's v1 and v2 export)`}`,
  );
  out.push(
    `- **Write cost**: ${evaluation.writeCost === null ? 'not measured' : writeText(evaluation.writeCost)}`,
  );
  out.push('');

  const used = evaluation.queries.filter((q) => q.usesIndex);
  const unused = evaluation.queries.filter((q) => !q.usesIndex);
  if (used.length === 0) {
    out.push(
      `No plan of the ${evaluation.queries.length} benchmarked queries on \`${c.table}\` uses it.`,
      '',
    );
  } else {
    out.push(
      `Queries whose plan uses it (${used.length} of ${evaluation.queries.length} on \`${c.table}\`):`,
      '',
    );
    out.push(
      '| query | calls per export | plan without | plan with | EXPLAIN ms without -> with | timed mean without -> with | change |',
    );
    out.push('| --- | ---: | --- | --- | ---: | ---: | ---: |');
    for (const effect of used) out.push(effectRow(effect, results));
    out.push('');
  }
  const changed = unused.filter((q) => planText(q.with) !== planText(q.without));
  if (changed.length > 0) {
    out.push(
      `Plans that changed without using it: ${changed.map((q) => `\`${q.queryId}\``).join(', ')}.`,
      '',
    );
  }
  if (evaluation.hypopg !== null) {
    out.push('HypoPG (estimated before the build) next to the measurement:', '');
    out.push(
      '| query | estimated cost without -> with | HypoPG: uses it | measured: uses it | measured change |',
    );
    out.push('| --- | ---: | --- | --- | ---: |');
    for (const estimate of evaluation.hypopg) {
      const measured = evaluation.queries.find((q) => q.queryId === estimate.queryId);
      const change = measured?.timing
        ? pct(measured.timing.changePct)
        : measured
          ? `plan ${msText(measured.without.executionMs)} -> ${msText(measured.with.executionMs)}`
          : '-';
      out.push(
        `| \`${estimate.queryId}\` | ${estimate.costWithout.toFixed(2)} -> ${estimate.costWith.toFixed(2)} | ${yesNo(estimate.usesIndex)} | ` +
          `${measured ? yesNo(measured.usesIndex) : '-'} | ${change} |`,
      );
    }
    out.push('');
  }
  out.push(...verdictLines(evaluation));
  return out;
}

function verdictLines(evaluation: CandidateEvaluation): string[] {
  const v = evaluation.verdict;
  const head = v.kind === 'replace' ? `replace with \`${v.replacement}\`` : v.kind;
  return [`**Verdict: ${head}**`, '', ...v.reasons.map((r) => `- ${r}`), ''];
}

function effectRow(effect: QueryEffect, results: IndexEvaluationResults): string {
  const query = results.queries.find((q) => q.id === effect.queryId);
  const timing = effect.timing;
  return (
    `| \`${effect.queryId}\` | ${query?.calls ?? '?'} | ${planText(effect.without)} | ${planText(effect.with)} | ` +
    `${msText(effect.without.executionMs)} -> ${msText(effect.with.executionMs)} | ` +
    `${timing === null ? '-' : `${msText(timing.without.meanMs)} -> ${msText(timing.with.meanMs)}`} | ${timing === null ? '-' : changeText(timing)} |`
  );
}

function migrationSafetySection(results: IndexEvaluationResults): string[] {
  const out = ['## Migration safety', ''];
  const safety = results.migrationSafety;
  if (!safety.available) return [...out, `Not checked: ${safety.reason}`, ''];
  out.push('| migration | rule | severity | finding |', '| --- | --- | --- | --- |');
  for (const f of safety.findings) {
    out.push(
      `| ${f.migration} | ${f.rule} | ${f.severity === 'unsafe' ? '**unsafe**' : 'ok'} | ${cell(f.message)} |`,
    );
  }
  return [...out, ''];
}

function queriesSection(results: IndexEvaluationResults): string[] {
  const out = ['## Benchmarked queries', ''];
  out.push(
    `Filter cases (organisation code \`${results.options.organizationCode}\` and name word \`${results.options.organizationSearch}\`, ` +
      'taken from a seeded partner so that they match):',
    '',
  );
  out.push(
    '| case | filters | exported documents | v1 queries | v2 queries |',
    '| --- | --- | ---: | ---: | ---: |',
  );
  for (const fc of results.filterCases) {
    out.push(
      `| ${fc.id} | \`${JSON.stringify(fc.filters)}\` | ${fc.exportedDocuments ?? (fc.error === null ? '-' : cell(fc.error))} | ${fc.queries.v1 ?? '-'} | ${fc.queries.v2 ?? '-'} |`,
    );
  }
  out.push(
    '',
    "Every distinct query of those exports that reads a candidate's table, with the parameters it was first sent with:",
    '',
  );
  out.push('| query | calls | tables | statement |', '| --- | ---: | --- | --- |');
  for (const q of results.queries) {
    const flat = q.fingerprint.replace(/\s+/g, ' ').trim();
    out.push(
      `| \`${q.id}\` | ${q.calls} | ${q.tables.join(', ')} | \`${cell(flat.length > 140 ? `${flat.slice(0, 137)}...` : flat)}\` |`,
    );
  }
  return [...out, ''];
}

function indexMethodSection(results: IndexEvaluationResults): string[] {
  return [
    '## How the figures were obtained',
    '',
    '- **One candidate at a time, on the bare schema.** Each index is built with `CREATE INDEX CONCURRENTLY` (as the ' +
      'migration builds it; the build time is that statement alone), sized with `pg_relation_size`, its table analysed, ' +
      'measured, then dropped. No candidate is ever measured next to another one.',
    '- **With and without in the same run.** "Without" runs in a transaction that first drops the index and is rolled ' +
      'back afterwards (`BEGIN; DROP INDEX ...; <statement>; ROLLBACK`), so the planner plans as if it did not exist and ' +
      'the index is back without a rebuild. With and without alternate sample by sample (the order flips every round, ' +
      'one warm-up round discarded); each sample runs the statement twice in its transaction and times the second run.',
    '- **Plans**: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of each benchmarked query with and without the index; ' +
      '"uses it" means an Index Scan, Index Only Scan or Bitmap Index Scan on it.',
    `- **Time change**: mean of the timed samples with the index against without; "within noise" when the two 95 % ` +
      `confidence intervals overlap. Time budget for all timings: ${(results.options.timeBudgetMs / 1000).toFixed(0)} s.`,
    "- **Scans**: `pg_stat_user_indexes.idx_scan` before and after one run of every filter case's export (v1 and v2), " +
      'with `pg_stat_force_next_flush()` on PostgreSQL 15+ (a one-second wait for the statistics collector before 15).',
    `- **Write cost**: ${results.writeWorkload}; ${results.options.writeSamples} samples each side; ratio = mean with / mean without.`,
    '- **Operator fit**: the partner lookup the filter runs, explained with `enable_seqscan`, `enable_indexscan` and ' +
      '`enable_indexonlyscan` off, so only a bitmap scan, which needs an index condition, can read an index: an index ' +
      'the planner still does not use then cannot serve the condition at all.',
    '- **Redundancy**: from `pg_index`: a proposed btree whose key columns (same expressions and operator classes, same ' +
      'or all-reversed directions) equal or lead a valid, non-partial btree index of the schema.',
    `- **Verdict rules** (in order): wrong operator -> replace with a measured alternative that serves the filter, else drop; ` +
      `redundant -> drop; unused (no plan, no scan) -> drop; used -> keep when a query is at least ${KEEP_MIN_SAVING_PCT} % ` +
      `faster beyond the noise and the write cost is at most x${MAX_WRITE_COST_RATIO}, else drop.`,
    `- **HypoPG**: ${results.hypopg.available ? `available (${results.hypopg.reason}); estimated costs are the planner's units, not time` : `not available: ${results.hypopg.reason.replace(/\.$/, '')}`}.`,
    `- **Extensions**: ${results.extensions.map((e) => `${e.name}: ${e.reason}`).join('; ') || 'none needed'}.`,
    `- Run \`${results.runId}\`, ${(results.durationMs / 1000).toFixed(0)} s, started ${results.startedAt}.`,
    '',
  ];
}

function planText(plan: PlanBrief): string {
  if (plan.error !== undefined) return `EXPLAIN failed: ${cell(plan.error)}`;
  const scans = plan.seqScans.length === 0 ? '' : `; Seq Scan on ${plan.seqScans.join(', ')}`;
  return `${plan.indexesUsed.length === 0 ? 'no index' : plan.indexesUsed.join(', ')}${scans}`;
}

function writeText(cost: WithWithoutTiming & { ratio: number }): string {
  return `x${cost.ratio.toFixed(3)} (${msText(cost.without.meanMs)} without, ${msText(cost.with.meanMs)} with, ${changeText(cost)})`;
}

function changeText(timing: WithWithoutTiming): string {
  return `${pct(timing.changePct)}${timing.significant ? '' : ' (within noise)'}`;
}

function pct(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(1)} %`;
}

function msText(value: number): string {
  return value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(3)} ms`;
}

function msOrDash(value: number | null): string {
  return value === null ? '-' : msText(value);
}

function bytes(value: number | null): string {
  if (value === null) return '-';
  return value >= 1024 * 1024
    ? `${(value / 1024 / 1024).toFixed(1)} MiB`
    : `${(value / 1024).toFixed(0)} KiB`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** Keeps a value inside one markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
