import type { BenchResults, CaseResult } from '../results/bench-results.ts';
import { driftCheck } from './drift-check.ts';
import { indexEffects, type IndexEffect } from './index-effects.ts';
import { plural } from './markdown-format.ts';
import {
  formatChangeInterval,
  formatInt,
  formatRange,
  formatTimes,
  formatWidthPct,
} from './number-format.ts';
import type { PairMeasures } from './pair-measures.ts';
import { caseName, REAL_ODOO_REFERENCE, sharedContractError } from './plan-predictions.ts';
import { measuredPairs } from './report-cases-util.ts';
import { collectorOfRole, headlinePair, reportCollectors, ROLE_DESCRIPTION } from './report-collectors.ts';
import { failureList } from './report-failures.ts';
import { QUERIES_APPENDIX } from './report-queries.ts';

/**
 * The verdict: what a reader deciding the deploy needs, in a few sentences. It leads with the candidate
 * against production ("what production sends today"), keeps the plan's premise as a second comparison,
 * and never calls a change within noise a change (intervals, not margins of one sample).
 */
export function verdictSection(results: BenchResults): string {
  return `## Verdict\n\n${verdictParagraphs(results).join('\n\n')}`;
}

export function verdictParagraphs(results: BenchResults): string[] {
  const { cases } = results;
  if (cases.length === 0) return ['No case was run, so there is nothing to judge.'];
  const paragraphs: string[] = [];
  const first: string[] = [equivalenceSentence(results)];

  const headline = headlinePair(results);
  if (headline === null) {
    first.push('No candidate collector ran next to a baseline, so there is no comparison.');
  } else {
    const measured = measuredPairs(results, headline.baseline.id, headline.candidate.id);
    const name = headline.fallback
      ? `${headline.baseline.id} (${ROLE_DESCRIPTION.premise})`
      : `what production sends today (${headline.baseline.id})`;
    first.push(
      measured.length === 0
        ? `No case gave query counts for both ${headline.candidate.id} and ${headline.baseline.id}.`
        : `**Against ${name}, ${pairSentence(measured)}**`,
    );
    if (headline.fallback) {
      first.push(
        `This run had no production collector (\`v1-orm\`), so the headline falls back to the plan's premise, which is not what production sends: ${REAL_ODOO_REFERENCE.text}.`,
      );
    }
  }
  paragraphs.push(first.join(' '));
  paragraphs.push(noiseSentence(results));

  const premise = collectorOfRole(results, 'premise');
  if (headline && !headline.fallback && premise) {
    const measured = measuredPairs(results, premise.id, headline.candidate.id);
    if (measured.length > 0)
      paragraphs.push(
        `Against ${premise.id}, ${ROLE_DESCRIPTION.premise} (the model behind the plan's estimates, not what production runs), ${pairSentence(measured)}`,
      );
  }

  const rest: string[] = [];
  if (headline) {
    const measured = measuredPairs(results, headline.baseline.id, headline.candidate.id);
    if (measured.length > 0) rest.push(constancySentence(headline.candidate.id, measured));
  }
  rest.push(indexEffectSentence(results));
  rest.push(witnessSentence(results));
  const contract = contractSentence(cases);
  if (contract) rest.push(contract);
  const failures = failureList(results);
  rest.push(failures.length === 0 ? 'No failures.' : `Failures: ${failures.map((f) => f.name).join('; ')}.`);
  paragraphs.push(rest.join(' '));
  return paragraphs;
}

function equivalenceSentence(results: BenchResults): string {
  const ids = reportCollectors(results).map((c) => c.id);
  const who = ids.length <= 2 ? ids.join(' and ') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  const judged = results.cases.filter((c) => c.equivalent !== null);
  const different = judged.filter((c) => c.equivalent === false);
  if (judged.length === 0) return 'Equivalence was not checked in any case.';
  // Cases that left a collector out (--premise-max) compared only the collectors they ran: say so.
  const partial = judged.filter((c) => (c.notRun ?? []).length > 0);
  const leftOut = [...new Set(partial.flatMap((c) => c.notRun!.map((n) => n.collector)))];
  const without =
    partial.length === 0
      ? ''
      : `; ${leftOut.join(' and ')} not run in ${partial.length} of them, above --premise-max`;
  if (different.length === 0)
    return `**${who} were equivalent in all ${judged.length} checked case${plural(judged.length)}** (identical sheets, cell by cell, or the same contract error${without}).`;
  return `**${who} differed in ${different.length} of ${judged.length} checked cases**: ${different.map(caseName).join(', ')}.`;
}

/**
 * `v2 sent 9 to 10 round trips per export against 27 to 141, for 10 to 980 exported documents; it was faster
 * in 8 of 10 timed cases (2.1× to 3.4×), with no detectable difference in 2.`
 */
function pairSentence(measured: { c: CaseResult; m: PairMeasures }[]): string {
  const { baseline, candidate } = measured[0]!.m;
  const counts =
    `${candidate} sent ${formatRange(
      measured.map((x) => x.m.candidateQueries),
      formatInt,
    )} round trips per export and ${baseline} ${formatRange(
      measured.map((x) => x.m.baselineQueries),
      formatInt,
    )}, ` +
    `for ${formatRange(
      measured.map((x) => x.m.exportedDocuments),
      formatInt,
    )} exported documents`;
  const timed = measured.filter((x) => x.m.time !== null);
  if (timed.length === 0) return `${counts}; no case timed both.`;
  // A case whose A/A control failed is not judged: the machine was too noisy there.
  const noisy = timed.filter((x) => x.c.aaControl?.passed === false);
  const trusted = timed.filter((x) => x.c.aaControl?.passed !== false).map((x) => x.m.time!);
  const withInterval = trusted.filter((t) => t.low !== null);
  const parts: string[] = [];
  for (const verdict of ['faster', 'slower'] as const) {
    const these = withInterval.filter((t) => t.verdict === verdict);
    if (these.length > 0)
      parts.push(
        `${verdict} in ${these.length} of ${timed.length} timed case${plural(timed.length)} (${formatRange(
          these.map((t) => (verdict === 'faster' ? 1 / t.ratio : t.ratio)),
          formatTimes,
        )}, each interval beyond the noise)`,
      );
  }
  const same = withInterval.filter((t) => t.verdict === 'no detectable difference').length;
  if (same > 0) parts.push(`no detectable difference in ${same}`);
  const without = trusted.length - withInterval.length;
  if (without > 0) parts.push(`too few samples to judge in ${without}`);
  if (noisy.length > 0) parts.push(`not judged in ${noisy.length} (too noisy: its A/A control failed)`);
  if (withInterval.length === 0 && noisy.length === 0)
    return `${counts}; ${candidate}'s speed-up was ${formatRange(
      trusted.map((t) => 1 / t.ratio),
      formatTimes,
    )}, with too few samples for an interval in every case, so not judged.`;
  return `${counts}; ${candidate} was ${parts.join(', ')}.`;
}

function constancySentence(candidate: string, measured: { c: CaseResult; m: PairMeasures }[]): string {
  const groups = new Map<string, { c: CaseResult; m: PairMeasures }[]>();
  for (const x of measured) {
    // Same filters and index state, whatever the scenario's name (the plan's Large and XL share "all filters").
    const key = `${x.c.indexState}\u0000${JSON.stringify(x.c.filters)}`;
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  const multiSize = [...groups.values()].filter((g) => new Set(g.map((x) => x.m.exportedDocuments)).size > 1);
  if (multiSize.length === 0) {
    const all = new Set(measured.map((x) => x.m.candidateQueries));
    return all.size === 1
      ? `${candidate} sent the same count whatever the size (no filter case was run at two sizes, so this compares different filters).`
      : `No filter case was run at two sizes, so whether ${candidate} is constant was not checked.`;
  }
  const growing = multiSize.filter((g) => new Set(g.map((x) => x.m.candidateQueries)).size > 1);
  if (growing.length === 0) {
    return `**${candidate}'s count did not change with the number of documents** (${multiSize.length} group${plural(multiSize.length)} of cases with the same filters and index state, run at several sizes).`;
  }
  const named = growing.map((g) => {
    const sorted = [...g].sort((a, b) => a.m.exportedDocuments - b.m.exportedDocuments);
    return `${sorted[0]!.c.scenario}: ${sorted.map((x) => `${formatInt(x.m.candidateQueries)} at ${formatInt(x.m.exportedDocuments)}`).join(', ')}`;
  });
  return `**${candidate}'s count changed with the number of documents** (${named.join('; ')}).`;
}

/**
 * The proposed indexes' effect on export time, per collector: only changes whose interval lies outside the
 * noise are named as changes.
 */
const MAX_LISTED_EFFECTS = 4;

function indexEffectSentence(results: BenchResults): string {
  const effects = indexEffects(results);
  if (effects.length === 0)
    return 'The index effect on export time was not measured (no case was timed in both index states).';
  // An effect measured on a database whose A/A control failed in either state is not judged: too noisy.
  const noisyCases = new Set(
    results.cases
      .filter((c) => c.aaControl?.passed === false)
      .map((c) => `${c.scenario}\u0000${c.targetDocuments}`),
  );
  const isNoisy = (e: { scenario: string; targetDocuments: number }) =>
    noisyCases.has(`${e.scenario}\u0000${e.targetDocuments}`);
  const withinDrift = (e: IndexEffect) => driftCheck(e) === 'within drift';
  const judged = effects.filter((e) => e.low !== null && !isNoisy(e) && !withinDrift(e));
  const unjudged = effects.filter((e) => e.low === null && !isNoisy(e)).length;
  const noisy = effects.filter(isNoisy).length;
  const drifted = effects.filter((e) => !isNoisy(e) && withinDrift(e)).length;
  const tail =
    (unjudged > 0 ? `; ${unjudged} not judged (too few samples)` : '') +
    (noisy > 0 ? `; ${noisy} not judged (too noisy: an A/A control of that database failed)` : '') +
    (drifted > 0
      ? `; ${drifted} not judged (within the machine's drift: the change does not clear the drift probe's interval between the two index states)`
      : '');
  if (judged.length === 0)
    return `The index effect on export time was not judged (${effects.length} comparison${plural(effects.length)} of index states${tail}).`;
  const changed = judged.filter((e) => e.verdict === 'faster' || e.verdict === 'slower');
  if (changed.length === 0)
    return `**The proposed indexes made no detectable difference to export time** in any of the ${judged.length} comparison${plural(judged.length)} with an interval${tail}.`;
  const faster = changed.filter((e) => e.verdict === 'faster').length;
  const slower = changed.length - faster;
  // Name a few; a long list belongs in the index section's table, not in the verdict.
  const listed =
    changed.length <= MAX_LISTED_EFFECTS
      ? ` (${changed.map((e) => `${e.collector} at ${e.scenario}/${e.targetDocuments}: ${formatChangeInterval(e)}`).join('; ')})`
      : ` (faster in ${faster}, slower in ${slower}; each in the index migration section)`;
  const same = judged.length - changed.length;
  // The two index states of a case are timed one after the other, not interleaved: the A/A control (which is
  // interleaved) cannot see a change of machine load between them. The drift probe can, where it was timed.
  const drift = changed.every((e) => driftCheck(e) === 'clear')
    ? 'The two index states are timed one after the other; each of these changes lies beyond the interval of ' +
      'the drift probe (a fixed query no index can change, timed in the same rounds in both states), so a change ' +
      "of the machine's speed between them does not explain it."
    : 'The two index states are timed one after the other, not interleaved, and not every change was checked ' +
      'against a drift probe, so a change of machine load between them can pass for an effect: confirm with ' +
      '`hfc-bench indexes`, which measures each index with and without.';
  return `With the proposed indexes, export time changed beyond the noise in ${changed.length} of ${judged.length} comparisons${listed}${same > 0 ? `; no detectable difference in ${same}` : ''}${tail}. ${drift}`;
}

/**
 * The A/A control in one or two sentences: the noise floor, and "too noisy to judge" when a control failed
 * (the same collector against itself came out faster or slower).
 */
export function noiseSentence(results: BenchResults): string {
  const n = results.noise;
  if (n.controls === 0) return 'No A/A control was timed, so the noise floor of this run is unknown.';
  const floor =
    n.floor === null
      ? 'no control had enough samples for an interval, so the noise floor is unknown'
      : `noise floor ${formatWidthPct(n.floor)} (the widest A/A interval: no smaller change could be told from noise)`;
  if (n.tooNoisy)
    return (
      `**The machine was too noisy to judge** in ${n.failedCases.length} case${plural(n.failedCases.length)} (${n.failedCases.join(', ')}): ` +
      `the A/A control (${n.collector ?? 'a collector'} timed against itself) came out as a difference there, so no difference measured in ${n.failedCases.length === 1 ? 'that case' : 'those cases'} can be trusted; ` +
      `${n.passed} of ${n.controls} controls passed; ${floor}.`
    );
  return `A/A control (${n.collector ?? 'a collector'} timed against itself) passed in ${n.passed} of ${n.controls} case${plural(n.controls)}; ${floor}.`;
}

function contractSentence(cases: readonly CaseResult[]): string | null {
  const contractCases = new Map<string, number>();
  for (const c of cases) {
    const error = sharedContractError(c);
    if (error !== null)
      contractCases.set(`${c.scenario}: ${error}`, (contractCases.get(`${c.scenario}: ${error}`) ?? 0) + 1);
  }
  if (contractCases.size === 0) return null;
  const listed = [...contractCases].map(([what, n]) => `${what} (${n} case${plural(n)})`);
  return `Every collector ended with the same contract error, as the contract expects, in ${listed.join('; ')}.`;
}

/** Whether the server's own counts confirmed the counting client's. */
function witnessSentence(results: BenchResults): string {
  if (!results.witness.available)
    return `Query counts not witnessed by the server (${results.witness.reason ?? 'no pg_stat_statements'}).`;
  const records = results.cases.flatMap((c) => Object.values(c.collectors));
  const witnessed = records.filter((r) => r?.witness.status === 'witnessed').length;
  const mismatched = records.filter((r) => r?.witness.status === 'mismatch').length;
  return mismatched > 0
    ? `**The server counted different statements than the client in ${mismatched} export${plural(mismatched)}** (see ${QUERIES_APPENDIX}).`
    : `The server's \`pg_stat_statements\` counted the same statements as the client in all ${witnessed} witnessed export${plural(witnessed)}.`;
}
