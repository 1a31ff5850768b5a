import type { BenchResults, CaseResult, CollectorRecord, NotRunRecord } from '../results/bench-results.ts';
import { codeSpan, countOf, escapeInline, plural, table, type Align } from './markdown-format.ts';
import { formatChangeInterval, formatInt, formatMs, formatVerdict, formatWidthPct } from './number-format.ts';
import { formatPairSpeedup, pairTime } from './pair-measures.ts';
import { caseName, sharedContractError } from './plan-predictions.ts';
import { uniqueBy } from './report-cases-util.ts';
import {
  collectorOfRole,
  exportedDocumentsOf,
  headlinePair,
  notRunOf,
  recordOf,
  reportCollectors,
} from './report-collectors.ts';

/**
 * The per-case table of the first screen: round trips and median time of every collector present, and the
 * candidate's speed-up over production (the headline) and over the premise, each with its 95 % interval and
 * verdict.
 */
export function casesTable(results: BenchResults): string {
  if (results.cases.length === 0) return 'No case was run.';
  const collectors = reportCollectors(results);
  const headline = headlinePair(results);
  const premise = collectorOfRole(results, 'premise');
  const pairs: { baseline: string; candidate: string }[] = [];
  if (headline) pairs.push({ baseline: headline.baseline.id, candidate: headline.candidate.id });
  if (headline && premise && premise.id !== headline.baseline.id)
    pairs.push({ baseline: premise.id, candidate: headline.candidate.id });

  const headers = [
    'Case',
    'Docs seeded / exported',
    'Equivalent',
    ...collectors.map((c) => `${c.id} queries`),
    ...collectors.map((c) => `${c.id} median ms`),
    ...pairs.map((p) => `${p.candidate} vs ${p.baseline}: speed-up (95 % CI), verdict`),
    'A/A control (noise floor)',
  ];
  const align: Align[] = [
    'left',
    'right',
    'left',
    ...collectors.map((): Align => 'right'),
    ...collectors.map((): Align => 'right'),
  ];
  const rows = results.cases.map((c) => {
    const exported = exportedDocumentsOf(c);
    return [
      caseName(c),
      `${formatInt(c.seededDocuments)} / ${exported === undefined ? '-' : formatInt(exported)}`,
      equivalentCell(c),
      ...collectors.map((x) => collectorQueries(recordOf(c, x.id), notRunOf(c, x.id))),
      ...collectors.map((x) => {
        const t = recordOf(c, x.id)?.timing;
        if (t) return formatMs(t.p50Ms);
        const projected = notRunOf(c, x.id)?.projection;
        return projected ? `*~${formatMs(projected.ms)} projected*` : '-';
      }),
      ...pairs.map((p) => formatPairSpeedup(pairTime(c, p.baseline, p.candidate))),
      aaCell(c),
    ];
  });
  const notes = results.cases.flatMap((c) =>
    c.sampling && !c.sampling.enough
      ? [
          `- ${caseName(c)}: ${countOf(c.sampling.rounds, 'round')}, ${c.sampling.requiredRounds} needed for a verdict${c.sampling.notes.length > 0 ? ` (${c.sampling.notes.map(escapeInline).join('; ')})` : ''}.`,
        ]
      : [],
  );
  const notRun = results.cases.flatMap((c) => (c.notRun ?? []).map((n) => `- ${notRunLine(c, n)}`));
  return (
    `${table(headers, rows, align)}\n\n` +
    'Queries are the exact round trips of one export ("failed (X)": that collector ended with contract error X). ' +
    'Median of the timed rounds; a speed-up is baseline median / candidate median, with a 95 % bootstrap interval; ' +
    '"faster" only when the whole interval lies beyond the noise threshold. A/A control: the candidate timed against itself in the same rounds; ' +
    '"failed" means the machine was too noisy to judge that case.' +
    (notes.length > 0 ? `\n\nCases without enough samples for every verdict:\n\n${notes.join('\n')}` : '') +
    (notRun.length > 0
      ? `\n\nCollectors not run (italic figures above are projections, not measurements):\n\n${notRun.join('\n')}`
      : '')
  );
}

/** Cells that differ between collectors, when some case was not equivalent: named, never hidden. */
export function differencesSection(results: BenchResults): string | null {
  const lines = results.cases.flatMap((c) => {
    const out: string[] = [];
    if (c.outcomeDifference) out.push(`- ${caseName(c)}: ${escapeInline(c.outcomeDifference)}`);
    if (c.differences) {
      out.push(
        `- ${caseName(c)}: ${formatInt(c.differences.count)} differing cell${plural(c.differences.count)}; first:`,
      );
      for (const d of c.differences.first) {
        out.push(
          `  - sheet ${escapeInline(d.sheet)}, row ${d.row}, column ${escapeInline(d.column ?? '(row)')}: ` +
            `v1 ${codeSpan(JSON.stringify(d.v1) ?? 'undefined', false)}, v2 ${codeSpan(JSON.stringify(d.v2) ?? 'undefined', false)} (${escapeInline(d.reason)})`,
        );
      }
    }
    return out;
  });
  return lines.length === 0 ? null : `## Differences\n\n${lines.join('\n')}`;
}

/** One line per scenario: what it exports, with its filters. */
export function scenarioList(results: BenchResults): string {
  const lines = uniqueBy(results.cases, (c) => c.scenario).map(
    (c) =>
      `- ${c.scenario}: ${escapeInline(c.description)}; filters ${codeSpan(JSON.stringify(c.filters), false)}`,
  );
  return lines.length === 0 ? 'none' : lines.join('\n');
}

function equivalentCell(c: CaseResult): string {
  const contractError = sharedContractError(c);
  if (contractError !== null) return `yes (all ${escapeInline(contractError)})`;
  if (c.status === 'failed') return 'failed';
  if (c.equivalent === null) return 'not checked';
  return c.equivalent ? 'yes' : '**no**';
}

/** Why a case left a collector out, and its projection with the case it was scaled from. */
function notRunLine(c: CaseResult, n: NotRunRecord): string {
  const p = n.projection;
  const equivalence = 'equivalence was checked among the collectors that ran';
  if (p === null) {
    return `${caseName(c)}: ${escapeInline(n.reason)}; no smaller case of this scenario ran ${n.collector}, so nothing is projected; ${equivalence}.`;
  }
  return (
    `${caseName(c)}: ${escapeInline(n.reason)}. Projected linearly by exported documents from its ` +
    `${formatInt(p.basisTargetDocuments)}-document case (${formatInt(p.basisExportedDocuments)} exported): ` +
    `about ${formatInt(p.queryCount)} round trips and ${formatMs(p.ms)} ms for ${formatInt(p.exportedDocuments)} documents; ${equivalence}.`
  );
}

function collectorQueries(r: CollectorRecord | undefined, notRun: NotRunRecord | undefined): string {
  if (!r && notRun)
    return notRun.projection ? `*not run, ~${formatInt(notRun.projection.queryCount)}*` : 'not run';
  if (!r) return '-';
  return r.outcome === 'failed'
    ? `${formatInt(r.queryCount)} failed (${r.errorName ?? 'error'})`
    : formatInt(r.queryCount);
}

/** The case's A/A control: passed with its noise floor, failed (too noisy to judge), or why there is none. */
function aaCell(c: CaseResult): string {
  const aa = c.aaControl;
  if (!aa) return '-';
  const floor = aa.noiseFloor === null ? '' : `, floor ${formatWidthPct(aa.noiseFloor)}`;
  if (aa.passed === null) return `${formatVerdict(aa.comparison)}`;
  return aa.passed
    ? `passed${floor}`
    : `**failed: too noisy to judge** (${formatChangeInterval(aa.comparison)})`;
}
