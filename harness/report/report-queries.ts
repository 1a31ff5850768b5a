import type { BenchResults, CaseResult } from '../results/bench-results.ts';
import { codeSpan, escapeInline, table } from './markdown-format.ts';
import { formatDecimal, formatInt, formatMs } from './number-format.ts';
import { caseName } from './plan-predictions.ts';
import { scenarioSizeGroups } from './report-cases-util.ts';
import { recordOf, reportCollectors } from './report-collectors.ts';

/** The file of the queries appendix, beside `report.md`. */
export const QUERIES_APPENDIX = 'appendix-queries.md';

/**
 * `appendix-queries.md`: every N+1 finding and every fingerprint of every collector and case. Query counts
 * do not depend on the index state, so each scenario and size is shown once when its states agree, and per
 * state when they do not.
 */
export function queriesAppendix(results: BenchResults): string {
  return [
    `# Queries of run ${results.runId}`,
    '',
    'Appendix of [report.md](report.md). Every figure comes from `results.json`.',
    '',
    witnessSection(results),
    '',
    nPlusOneSection(results),
    '',
    fingerprintsSection(results),
    '',
  ].join('\n');
}

/** One entry per scenario and size, or per case when the index states disagree. */
function perSize<T>(
  results: BenchResults,
  pick: (c: CaseResult, id: string) => T | undefined,
): { where: string; id: string; value: T; c: CaseResult }[] {
  const ids = reportCollectors(results).map((c) => c.id);
  return scenarioSizeGroups(results.cases).flatMap((cases) =>
    ids.flatMap((id) => {
      const present = cases.flatMap((c) => {
        const value = pick(c, id);
        return value === undefined ? [] : [{ c, value }];
      });
      const first = present[0];
      if (!first) return [];
      const same = present.every((x) => JSON.stringify(x.value) === JSON.stringify(first.value));
      if (same)
        return [
          {
            where: `${first.c.scenario}/${first.c.targetDocuments} (${present.map((x) => x.c.indexState).join(', ')})`,
            id,
            value: first.value,
            c: first.c,
          },
        ];
      return present.map((x) => ({ where: caseName(x.c), id, value: x.value, c: x.c }));
    }),
  );
}

function nPlusOneSection(results: BenchResults): string {
  const rows = perSize(results, (c, id) => recordOf(c, id)?.nPlusOne).flatMap(({ where, id, value }) =>
    value.length === 0
      ? [[where, id, 'none', '-', '-', '-', '-']]
      : value.map((f) => [
          where,
          id,
          escapeInline(f.label),
          codeSpan(f.fingerprintId),
          formatInt(f.count),
          formatDecimal(f.perDocument),
          codeSpan(f.fingerprint),
        ]),
  );
  if (rows.length === 0) return '## N+1 findings\n\nnone (no collector ran)';
  return (
    '## N+1 findings\n\n' +
    "A fingerprint that one label issued over and over in proportion to the exported documents (count, and count per document), found in the counting client's log.\n\n" +
    table(['Case', 'Collector', 'Label', 'Fingerprint id', 'Count', 'Per document', 'Fingerprint'], rows)
  );
}

function fingerprintsSection(results: BenchResults): string {
  // Durations differ between runs of the same statements; compare the statements and their counts only.
  const rows = perSize(results, (c, id) =>
    recordOf(c, id)?.fingerprints.map((f) => ({ ...f, durationMs: 0 })),
  ).flatMap(({ where, id, c }) =>
    (recordOf(c, id)?.fingerprints ?? []).map((f) => [
      where,
      id,
      codeSpan(f.id),
      formatInt(f.count),
      formatInt(f.rows),
      formatMs(f.durationMs),
      escapeInline(f.labels.join(', ')),
      codeSpan(f.fingerprint),
    ]),
  );
  if (rows.length === 0) return '## Query fingerprints\n\nnone';
  return (
    '## Query fingerprints\n\n' +
    'Every distinct statement of one export, most issued first. Rows and ms are summed over its calls in one export ' +
    '(ms as seen by the client, from the first index state listed).\n\n' +
    table(['Case', 'Collector', 'Id', 'Calls', 'Rows', 'Total ms', 'Labels', 'Fingerprint'], rows)
  );
}

/** The server's count of each export's statements against the counting client's. */
function witnessSection(results: BenchResults): string {
  const w = results.witness;
  const intro = w.available
    ? `\`pg_stat_statements\` counted each export's statements on the server${w.trackPlanning ? ' (planning tracked too)' : ''}.`
    : `Not witnessed: ${escapeInline(w.reason ?? 'the server has no pg_stat_statements')}.`;
  const ids = reportCollectors(results).map((c) => c.id);
  const rows = results.cases.flatMap((c) =>
    ids.flatMap((id) => {
      const r = recordOf(c, id);
      if (!r) return [];
      const x = r.witness;
      return [
        [
          caseName(c),
          id,
          x.status === 'mismatch' ? '**mismatch**' : x.status,
          formatInt(x.clientCount),
          x.serverCalls === null ? '-' : formatInt(x.serverCalls),
          x.mismatches.length === 0
            ? escapeInline(x.reason ?? '-')
            : x.mismatches
                .map((m) => `${codeSpan(m.statement)}: client ${m.clientCount}, server ${m.serverCalls}`)
                .join('; '),
        ],
      ];
    }),
  );
  return (
    '## Server-side witness\n\n' +
    `${intro}\n\n` +
    (rows.length === 0
      ? 'none'
      : table(['Case', 'Collector', 'Status', 'Client count', 'Server calls', 'Mismatches or reason'], rows))
  );
}
