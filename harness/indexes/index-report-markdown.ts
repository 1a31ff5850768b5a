import type {
  CandidateEvaluation,
  IndexEvaluationResults,
  IndexSizeEvaluation,
  PlanBrief,
  QueryEffect,
  WithWithoutComparison,
} from '../results/index-evaluation-results.ts';
import { decidingComparison, KEEP_MIN_SAVING_PCT, MAX_WRITE_COST_RATIO } from './decide-verdict.ts';
import { codeSpan, escapeInline, table } from '../report/markdown-format.ts';
import {
  formatBytes,
  formatChangeInterval,
  formatDuration,
  formatInt,
  formatMs,
} from '../report/number-format.ts';
import { scaleFindings, type ScaleFinding } from './scale-findings.ts';

/** The index report's file name inside a run folder. */
export const INDEX_REPORT_FILE = 'indexes.md';

/**
 * Renders `indexes.md` from an index evaluation alone. Pure.
 *
 * One size: the summary paragraph, the verdicts, each proposed index (definition, build, size, the queries whose
 * plans use it with their plan and time change, scans, write cost, redundancy, operator fit, HypoPG next to the
 * measurement, verdict and reasons), the alternatives, the migration safety findings, the benchmarked queries,
 * how the figures were obtained.
 *
 * Several sizes: first the verdicts at the smallest and the largest size side by side, which indexes pay off only
 * at scale and what each costs there; then the one-size report of each size under its own heading.
 */
export function renderIndexReport(results: IndexEvaluationResults): string {
  const out: string[] = ['# Index evaluation: what each proposed index buys and costs', ''];
  const sizes = results.sizes;
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('an index evaluation without a size');
  if (sizes.length === 1) {
    out.push(...sizeSections(first, '##'));
  } else {
    out.push(...scaleSection(first, last), '');
    for (const size of sizes) {
      out.push(`## At ${formatInt(documentsOf(size))} documents`, '');
      out.push(...sizeSections(size, '###'));
    }
  }
  out.push(...indexMethodSection(results));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The documents a size evaluation ran on: the seeded target, else the rows of `document_extraction`. */
export function documentsOf(size: IndexSizeEvaluation): number {
  return size.options.documents ?? size.environment.tableRows.document_extraction ?? 0;
}

function sizeSections(size: IndexSizeEvaluation, h: string): string[] {
  const proposed = size.candidates.filter((c) => c.candidate.role === 'proposed');
  const alternatives = size.candidates.filter((c) => c.candidate.role === 'alternative');
  const out: string[] = [summaryParagraph(size), '', `${h} Verdicts`, '', verdictTable(size.candidates), ''];
  out.push(`${h} The plan's proposed indexes`, '');
  for (const evaluation of proposed) out.push(...candidateSection(evaluation, size, `${h}#`));
  out.push(`${h} Alternatives measured`, '');
  out.push(
    'Indexes the plan does not propose (or proposes only as an optional idea), built and measured the same way, ' +
      'so that a "replace with" verdict rests on a measurement.',
    '',
  );
  for (const evaluation of alternatives) out.push(...candidateSection(evaluation, size, `${h}#`));
  out.push(...migrationSafetySection(size, h));
  out.push(...queriesSection(size, h));
  if (size.warnings.length > 0) {
    out.push(`${h} Warnings`, '', ...size.warnings.map((w) => `- ${escapeInline(w)}`), '');
  }
  return out;
}

/**
 * The verdicts at the smallest and the largest size side by side: which indexes pay off only at scale, and what
 * each costs at the largest size (size on disk, build time, write cost).
 */
export function scaleSection(small: IndexSizeEvaluation, large: IndexSizeEvaluation): string[] {
  const smallN = formatInt(documentsOf(small));
  const largeN = formatInt(documentsOf(large));
  const findings = scaleFindings(small, large);
  const names = (list: ScaleFinding[]) => list.map((f) => codeSpan(f.index, false)).join(', ');
  const byScale = (scale: ScaleFinding['scale']) => findings.filter((f) => f.scale === scale);
  const sentences: string[] = [
    `Each index was measured on two databases seeded with the same generator and seed: ${smallN} and ${largeN} ` +
      `documents (${formatBytes(small.environment.databaseSizeBytes)} and ${formatBytes(large.environment.databaseSizeBytes)} ` +
      `on disk, PostgreSQL ${large.environment.serverVersion}). An index "pays off" where its verdict is keep: a ` +
      `query using it is at least ${KEEP_MIN_SAVING_PCT} % faster, beyond the noise, at an acceptable write cost.`,
  ];
  const onlyLarge = byScale('pays off only at scale');
  const both = byScale('pays off at both sizes');
  const onlySmall = byScale('pays off only at the small size');
  const neither = byScale('pays off at neither size');
  const unmeasured = byScale('not measured at both sizes');
  sentences.push(
    onlyLarge.length === 0
      ? `No index pays off only at scale.`
      : `Only at scale (${largeN} documents): ${names(onlyLarge)}.`,
  );
  if (both.length > 0) sentences.push(`At both sizes: ${names(both)}.`);
  if (onlySmall.length > 0) sentences.push(`Only at the small size: ${names(onlySmall)}.`);
  if (neither.length > 0) sentences.push(`At neither size: ${names(neither)}.`);
  if (unmeasured.length > 0) sentences.push(`Not measured at both sizes: ${names(unmeasured)}.`);

  const rows = findings.map((f) => {
    const smallEval = small.candidates.find((c) => c.candidate.name === f.index);
    const largeEval = large.candidates.find((c) => c.candidate.name === f.index);
    return [
      codeSpan(f.index),
      f.role,
      smallEval === undefined ? 'not measured' : verdictCell(smallEval),
      largeEval === undefined ? 'not measured' : verdictCell(largeEval),
      f.bestSmall === null ? 'none' : formatChangeInterval(f.bestSmall.comparison),
      f.bestLarge === null ? 'none' : formatChangeInterval(f.bestLarge.comparison),
      f.scale,
      f.sizeBytes === null ? '-' : formatBytes(f.sizeBytes),
      f.buildMs === null ? '-' : `${formatMs(f.buildMs)} ms`,
      f.writeCost === null ? '-' : formatChangeInterval(f.writeCost.comparison),
    ];
  });
  return [
    `## Verdicts at ${smallN} and ${largeN} documents`,
    '',
    sentences.join(' '),
    '',
    table(
      [
        'index',
        'role',
        `verdict at ${smallN}`,
        `verdict at ${largeN}`,
        `best saving at ${smallN}`,
        `best saving at ${largeN}`,
        'pays off',
        `size at ${largeN}`,
        `build at ${largeN}`,
        `write cost at ${largeN}`,
      ],
      rows,
      ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'right', 'right', 'right'],
    ),
    '',
    '"Best saving" is the time change with the index of the query it speeds up most, among the changes beyond the ' +
      'noise ("none": no query using it is faster beyond the noise). The write cost is the change of one document ' +
      'insert with its child rows.',
  ];
}

function verdictCell(c: CandidateEvaluation): string {
  const kind =
    c.verdict.kind === 'replace' ? `replace with ${codeSpan(c.verdict.replacement ?? '?')}` : c.verdict.kind;
  return `**${kind}**: ${escapeInline(c.verdict.headline)}`;
}

/** The one-paragraph summary of one size: every proposed index's verdict in a sentence, with the data size. */
export function summaryParagraph(size: IndexSizeEvaluation): string {
  const rows = size.environment.tableRows;
  const proposed = size.candidates.filter((c) => c.candidate.role === 'proposed');
  const byKind = (kind: string) => proposed.filter((c) => c.verdict.kind === kind);
  const names = (list: CandidateEvaluation[]) =>
    list.map((c) => codeSpan(c.candidate.name, false)).join(', ');
  const count = (n: number | undefined) => (n === undefined ? '?' : formatInt(n));
  const parts: string[] = [];
  const source =
    size.options.queriesFromDocuments === null
      ? `the real queries of ${size.filterCases.length} export filter cases`
      : `the real queries of ${size.filterCases.length} export filter cases, collected at ` +
        `${formatInt(size.options.queriesFromDocuments)} documents (same statements and parameters)`;
  parts.push(
    `On PostgreSQL ${size.environment.serverVersion} with ${count(rows.document_extraction)} documents, ` +
      `${count(rows.res_partner)} partners and ${count(rows.document_extraction_activity_field_rel)} activity links, ` +
      `each of the plan's ${proposed.length} proposed indexes was built alone on the bare schema and measured with and ` +
      `without it on ${source}.`,
  );
  const each = (list: CandidateEvaluation[]) =>
    list.map((c) => `${codeSpan(c.candidate.name, false)} (${escapeInline(c.verdict.headline)})`).join('; ');
  const keep = byKind('keep');
  if (keep.length > 0) parts.push(`Keep ${each(keep)}.`);
  else {
    parts.push(
      `None of them earns its keep at this size: no query is ${KEEP_MIN_SAVING_PCT} % faster or more, beyond the noise.`,
    );
  }
  const drop = byKind('drop');
  const replace = byKind('replace');
  const undecided = byKind('undecided');
  if (drop.length > 0) parts.push(`Drop ${each(drop)}.`);
  if (replace.length > 0) parts.push(`Replace ${each(replace)}.`);
  if (undecided.length > 0) parts.push(`Not measured: ${names(undecided)}.`);
  const added = size.candidates.filter(
    (c) =>
      c.candidate.role === 'alternative' &&
      c.candidate.alternativeFor.length === 0 &&
      c.verdict.kind === 'keep',
  );
  if (added.length > 0) parts.push(`Worth adding although the plan does not propose it: ${names(added)}.`);
  const costs = proposed.flatMap((c) => (c.writeCost === null ? [] : [c.writeCost]));
  if (costs.length > 0) {
    const beyond = costs.filter(
      (c) => c.comparison.verdict === 'slower' || c.comparison.verdict === 'faster',
    );
    parts.push(
      `Write cost of one document with its child rows: ` +
        (beyond.length === 0
          ? `no proposed index changes it beyond the noise`
          : `${beyond.length} of ${costs.length} proposed indexes change it beyond the noise (see the table)`) +
        ' (the plan predicted inserts +2-5 % slower for its indexes together).',
    );
  }
  return parts.join(' ');
}

function verdictTable(candidates: readonly CandidateEvaluation[]): string {
  const rows = candidates.map((c) => {
    const used = c.queries.filter((q) => q.usesIndex);
    const best = bestEffect(c);
    return [
      codeSpan(c.candidate.name),
      c.candidate.role,
      `**${c.verdict.kind === 'replace' ? `replace with ${codeSpan(c.verdict.replacement ?? '?')}` : c.verdict.kind}**`,
      escapeInline(c.verdict.headline),
      c.sizeBytes === null ? '-' : formatBytes(c.sizeBytes),
      c.buildMs === null ? '-' : `${formatMs(c.buildMs)} ms`,
      `${used.length} / ${c.queries.length}`,
      best === null ? '-' : formatChangeInterval(best.comparison),
      c.scans === null ? '-' : formatInt(c.scans),
      c.writeCost === null ? '-' : formatChangeInterval(c.writeCost.comparison),
    ];
  });
  return table(
    [
      'index',
      'role',
      'verdict',
      'why',
      'size',
      'build',
      'queries using it',
      'largest time change',
      'scans',
      'write cost',
    ],
    rows,
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/**
 * The used query whose deciding comparison has the lowest ratio (the largest saving, or the smallest cost), so the
 * table shows the change that matters; its verdict says whether it is beyond the noise.
 */
function bestEffect(c: CandidateEvaluation): WithWithoutComparison | null {
  let best: WithWithoutComparison | null = null;
  for (const effect of c.queries) {
    if (!effect.usesIndex) continue;
    const deciding = decidingComparison(effect)?.comparison ?? null;
    if (deciding !== null && (best === null || deciding.comparison.ratio < best.comparison.ratio))
      best = deciding;
  }
  return best;
}

function candidateSection(evaluation: CandidateEvaluation, size: IndexSizeEvaluation, h: string): string[] {
  const c = evaluation.candidate;
  const out: string[] = [`${h} ${codeSpan(c.name, false)}`, ''];
  out.push(`- **Definition**: ${codeSpan(evaluation.createSql, false)}`);
  if (evaluation.catalogDefinition !== null)
    out.push(`- **As the catalog prints it**: ${codeSpan(evaluation.catalogDefinition, false)}`);
  out.push(`- **Source**: ${c.source}. ${c.rationale}`);
  if (c.correction !== null) out.push(`- **Correction**: ${c.correction}`);
  if (c.knownOverlap !== null) out.push(`- **Known overlap**: ${c.knownOverlap}`);
  if (c.alternativeFor.length > 0)
    out.push(`- **Alternative for**: ${c.alternativeFor.map((n) => codeSpan(n, false)).join(', ')}`);
  if (evaluation.status !== 'measured') {
    out.push(`- **Not measured** (${evaluation.status}): ${escapeInline(evaluation.error ?? '')}`, '');
    out.push(...verdictLines(evaluation));
    return out;
  }
  out.push(
    `- **Build**: ${msOrDash(evaluation.buildMs)} (\`CREATE INDEX CONCURRENTLY\`), then \`ANALYZE ${c.table}\` ` +
      `${msOrDash(evaluation.analyzeMs)}; **size** ${evaluation.sizeBytes === null ? '-' : formatBytes(evaluation.sizeBytes)} (\`pg_relation_size\`)`,
  );
  out.push(
    `- **Redundancy**: ${
      evaluation.redundancy.length === 0
        ? 'none: no existing btree index starts with the same key'
        : evaluation.redundancy
            .map(
              (r) =>
                `${r.relation === 'equal' ? 'equal to' : 'a prefix of'} ${codeSpan(r.index, false)} ${r.key} (${r.kind})`,
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
          : ` Forced plan (\`enable_seqscan\`, \`enable_indexscan\`, \`enable_indexonlyscan\` off) of ${codeSpan(fit.proof.queryId, false)}: ${planText(fit.proof.plan)}; ` +
            `${fit.proof.usesIndex ? 'uses this index' : '**does not use this index**'}.`;
      out.push(
        `- **Operator fit** (\`${fit.filterKey}\`: ${codeSpan(fit.operator, false)}): ${fit.served ? 'serves it' : '**cannot serve it**'}: ${fit.reason}.${proof}`,
      );
    }
  }
  out.push(
    `- **Scans**: ${
      evaluation.scans !== null
        ? `${formatInt(evaluation.scans)} (\`idx_scan\` gained over one run of every filter case's export with ${size.options.scanCollectors.join(', ')})`
        : size.options.queriesFromDocuments !== null
          ? 'not counted at this size (the exports are not run here)'
          : 'not measured'
    }`,
  );
  out.push(
    `- **Write cost**: ${evaluation.writeCost === null ? 'not measured' : comparisonText(evaluation.writeCost)}`,
  );
  out.push('');

  const used = evaluation.queries.filter((q) => q.usesIndex);
  const changed = evaluation.queries.filter((q) => !q.usesIndex && q.planChanged);
  if (used.length === 0) {
    out.push(
      `No plan of the ${evaluation.queries.length} benchmarked queries on \`${c.table}\` uses it.`,
      '',
    );
  } else {
    out.push(
      `Queries whose plan uses it (${used.length} of ${evaluation.queries.length} on \`${c.table}\`):`,
      '',
      effectTable(used, size),
      '',
    );
  }
  if (changed.length > 0) {
    out.push('Plans that changed without using it:', '', effectTable(changed, size), '');
  }
  if (evaluation.hypopg !== null) {
    out.push('HypoPG (estimated before the build) next to the measurement:', '');
    const rows = evaluation.hypopg.map((estimate) => {
      const measured = evaluation.queries.find((q) => q.queryId === estimate.queryId);
      const deciding = measured === undefined ? null : decidingComparison(measured);
      return [
        codeSpan(estimate.queryId),
        `${estimate.costWithout.toFixed(2)} -> ${estimate.costWith.toFixed(2)}`,
        yesNo(estimate.usesIndex),
        measured ? yesNo(measured.usesIndex) : '-',
        deciding === null ? 'same plan' : formatChangeInterval(deciding.comparison.comparison),
      ];
    });
    out.push(
      table(
        [
          'query',
          'estimated cost without -> with',
          'HypoPG: uses it',
          'measured: uses it',
          'measured change',
        ],
        rows,
        ['left', 'right', 'left', 'left', 'right'],
      ),
      '',
    );
  }
  out.push(...verdictLines(evaluation));
  return out;
}

function effectTable(effects: readonly QueryEffect[], size: IndexSizeEvaluation): string {
  const rows = effects.map((effect) => {
    const query = size.queries.find((q) => q.id === effect.queryId);
    const plan = effect.planTimes;
    const timing = effect.timing;
    return [
      codeSpan(effect.queryId),
      query === undefined ? '?' : formatInt(query.calls),
      planText(effect.without),
      planText(effect.with),
      plan === null ? '-' : `${rangeText(plan.without)} -> ${rangeText(plan.with)}`,
      plan === null ? '-' : formatChangeInterval(plan.comparison),
      timing === null ? '-' : `${rangeText(timing.without)} -> ${rangeText(timing.with)}`,
      timing === null
        ? escapeInline(
            effect.timingSkipped ?? (effect.usesIndex ? 'not timed' : 'not timed: the plan does not use it'),
          )
        : formatChangeInterval(timing.comparison),
    ];
  });
  return table(
    [
      'query',
      'calls per export',
      'plan without',
      'plan with',
      'server execution ms without -> with',
      'server change',
      'round trip ms without -> with',
      'round-trip change',
    ],
    rows,
    ['left', 'right', 'left', 'left', 'right', 'right', 'right', 'right'],
  );
}

/** `1.23 [1.10-1.50] n=5`: the median and the range of one side's samples. */
function rangeText(side: WithWithoutComparison['with']): string {
  return `${formatMs(side.medianMs)} [${formatMs(side.minMs)}-${formatMs(side.maxMs)}] n=${side.samples}`;
}

function verdictLines(evaluation: CandidateEvaluation): string[] {
  const v = evaluation.verdict;
  const head = v.kind === 'replace' ? `replace with ${codeSpan(v.replacement ?? '?', false)}` : v.kind;
  return [`**Verdict: ${head}**`, '', ...v.reasons.map((r) => `- ${escapeInline(r)}`), ''];
}

function migrationSafetySection(size: IndexSizeEvaluation, h: string): string[] {
  const out = [`${h} Migration safety`, ''];
  const safety = size.migrationSafety;
  if (!safety.available) return [...out, `Not checked: ${escapeInline(safety.reason)}`, ''];
  const rows = safety.findings.map((f) => [
    escapeInline(f.migration),
    escapeInline(f.rule),
    f.severity === 'unsafe' ? '**unsafe**' : 'ok',
    escapeInline(f.message),
  ]);
  return [...out, table(['migration', 'rule', 'severity', 'finding'], rows), ''];
}

function queriesSection(size: IndexSizeEvaluation, h: string): string[] {
  const out = [`${h} Benchmarked queries`, ''];
  out.push(
    `Filter cases (organisation code ${codeSpan(size.options.organizationCode, false)} and name word ` +
      `${codeSpan(size.options.organizationSearch, false)}, taken from a seeded partner so that they match):`,
    '',
  );
  const collectors = [...new Set(size.filterCases.flatMap((fc) => Object.keys(fc.queries)))];
  const caseRows = size.filterCases.map((fc) => [
    fc.id,
    codeSpan(JSON.stringify(fc.filters)),
    fc.exportedDocuments !== null
      ? formatInt(fc.exportedDocuments)
      : fc.error !== null
        ? escapeInline(fc.error)
        : '-',
    ...collectors.map((name) => {
      const count = fc.queries[name];
      return count === null || count === undefined ? '-' : formatInt(count);
    }),
  ]);
  out.push(
    table(
      ['case', 'filters', 'exported documents', ...collectors.map((name) => `${escapeInline(name)} queries`)],
      caseRows,
      ['left', 'left', 'right', ...collectors.map(() => 'right' as const)],
    ),
    '',
  );
  out.push(
    size.options.queriesFromDocuments === null
      ? "Every distinct query of those exports that reads a candidate's table, with the parameters it was first sent with:"
      : `The exports were not run at this size: the queries below are those collected at ${formatInt(size.options.queriesFromDocuments)} documents, measured here with the same parameters:`,
    '',
  );
  const queryRows = size.queries.map((q) => {
    const flat = q.fingerprint.replace(/\s+/g, ' ').trim();
    return [
      codeSpan(q.id),
      formatInt(q.calls),
      q.tables.join(', '),
      codeSpan(flat.length > 140 ? `${flat.slice(0, 137)}...` : flat),
    ];
  });
  out.push(
    table(['query', 'calls', 'tables', 'statement'], queryRows, ['left', 'right', 'left', 'left']),
    '',
  );
  return out;
}

function indexMethodSection(results: IndexEvaluationResults): string[] {
  const first = results.sizes[0]!;
  const method = firstMethod(results);
  const perSize = results.sizes
    .map(
      (s) =>
        `${formatInt(documentsOf(s))} documents: ${formatDuration(s.durationMs)}, timing budget ` +
        `${(s.options.timeBudgetMs / 1000).toFixed(0)} s, ${s.options.writeSamples} write samples a side, ` +
        `${s.options.planRepeats} EXPLAIN ANALYZE executions a side`,
    )
    .join('; ');
  return [
    '## How the figures were obtained',
    '',
    '- **One candidate at a time, on the bare schema.** Each index is built with `CREATE INDEX CONCURRENTLY` (as the ' +
      'migration builds it; the build time is that statement alone), sized with `pg_relation_size`, its table analysed, ' +
      'measured, then dropped. No candidate is ever measured next to another one.',
    '- **With and without in the same run.** "Without" runs in a transaction that first drops the index and is rolled ' +
      'back afterwards (`BEGIN; DROP INDEX ...; <statement>; ROLLBACK`), so the planner plans as if it did not exist and ' +
      'the index is back without a rebuild. With and without alternate sample by sample (the order flips every round).',
    `- **Plans**: \`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)\` of each benchmarked query with and without the index. When ` +
      `the plan with it uses it or differs from the plan without it, each side is executed ${first.options.planRepeats} ` +
      'times, alternating, and its `Execution Time` is given as the median with its range [min-max] and the number of ' +
      'executions; when both sides run the same plan, once each (the index cannot change that plan\'s work). "Uses it" ' +
      'means an Index Scan, Index Only Scan or Bitmap Index Scan on it.',
    '- **Round trips**: the queries whose plan uses the index and that return at most 20,000 rows are also timed by the ' +
      'client (one warm-up round discarded; each sample runs the statement twice in its transaction and times the ' +
      "second run). Larger results are compared on the server's execution time only: fetching them would time the " +
      'transfer, the same with and without the index, and hold them in memory.',
    `- **Every comparison**: ${method}; the ratio is median with / median without, printed as a change ` +
      '(`−50.0 %` halves the time) with its 95 % interval. A change is stated (faster / slower) only when the whole ' +
      'interval lies beyond the noise threshold; otherwise it is "no detectable difference". Fewer than 3 samples a ' +
      'side give no interval and no verdict. The query a verdict rests on is compared on its round trip when timed, ' +
      'else on its server execution time.',
    "- **Scans**: `pg_stat_user_indexes.idx_scan` before and after one run of every filter case's export with the " +
      `production and candidate collectors (${first.options.scanCollectors.join(', ') || 'not run'}; the premise's ` +
      'one-record-per-round-trip exports are left out: they are by far the slowest, and their extra statements are ' +
      'primary-key lookups no candidate serves), ' +
      'with `pg_stat_force_next_flush()` on PostgreSQL 15+ (a one-second wait for the statistics collector before 15). ' +
      'Counted only at the size whose exports are run.',
    `- **Write cost**: ${first.writeWorkload}.`,
    '- **Operator fit**: the partner lookup the filter runs, explained with `enable_seqscan`, `enable_indexscan` and ' +
      '`enable_indexonlyscan` off, so only a bitmap scan, which needs an index condition, can read an index: an index ' +
      'the planner still does not use then cannot serve the condition at all.',
    '- **Redundancy**: from `pg_index`: a proposed btree whose key columns (same expressions and operator classes, same ' +
      'or all-reversed directions) equal or lead a valid, non-partial btree index of the schema.',
    `- **Verdict rules** (in order): wrong operator -> replace with a measured alternative that serves the filter, else drop; ` +
      `redundant -> drop; unused (no plan, no scan) -> drop; used -> keep when a query using it is faster beyond the ` +
      `noise by at least ${KEEP_MIN_SAVING_PCT} % (median) and the write cost is not above x${MAX_WRITE_COST_RATIO} ` +
      'beyond the noise, else drop.',
    `- **HypoPG**: ${first.hypopg.available ? `available (${first.hypopg.reason}); estimated costs are the planner's units, not time` : `not available: ${first.hypopg.reason.replace(/\.$/, '')}`}.`,
    `- **Extensions**: ${first.extensions.map((e) => `${e.name}: ${e.reason}`).join('; ') || 'none needed'}.`,
    `- **Sizes**: ${perSize}.`,
    `- Run \`${results.runId}\`, ${formatDuration(results.durationMs)} in all, started ${results.startedAt}.`,
    '',
  ];
}

/** The comparison method as `compareRatio` states it, from the first comparison of the run. */
function firstMethod(results: IndexEvaluationResults): string {
  for (const size of results.sizes) {
    for (const c of size.candidates) {
      if (c.writeCost !== null) return c.writeCost.comparison.method;
      for (const q of c.queries) {
        const found = q.timing ?? q.planTimes;
        if (found !== null) return found.comparison.method;
      }
    }
  }
  return 'percentile bootstrap of the ratio of medians (95 %)';
}

function planText(plan: PlanBrief): string {
  if (plan.error !== undefined) return `EXPLAIN failed: ${escapeInline(plan.error)}`;
  const scans = plan.seqScans.length === 0 ? '' : `; Seq Scan on ${plan.seqScans.join(', ')}`;
  return escapeInline(`${plan.indexesUsed.length === 0 ? 'no index' : plan.indexesUsed.join(', ')}${scans}`);
}

function comparisonText(c: WithWithoutComparison): string {
  return `median ${rangeText(c.without)} ms without, ${rangeText(c.with)} ms with: ${formatChangeInterval(c.comparison)}`;
}

function msOrDash(value: number | null): string {
  return value === null ? '-' : `${formatMs(value)} ms`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
