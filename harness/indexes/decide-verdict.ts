import type {
  CandidateEvaluation,
  IndexVerdict,
  PlanBrief,
  QueryEffect,
  WithWithoutComparison,
} from '../results/index-evaluation-results.ts';
import { formatMs } from '../report/number-format.ts';

/** A query saving at least this share of its time (and beyond the noise) makes a used index worth keeping. */
export const KEEP_MIN_SAVING_PCT = 10;
/** A kept index may make the document insert at most this many times slower (when that is beyond the noise). */
export const MAX_WRITE_COST_RATIO = 1.5;

/** The comparison that decides a query's effect, and what it timed. */
export interface DecidingComparison {
  comparison: WithWithoutComparison;
  /** `round trip`: timed by the client; `server execution`: EXPLAIN ANALYZE's execution time. */
  measure: 'round trip' | 'server execution';
}

/**
 * The comparison that states a query's effect: the client's round-trip timing when it has a verdict, else the
 * repeated EXPLAIN ANALYZE execution times (queries whose result is too large to fetch, or too few rounds);
 * `null` when neither was measured (the same plan ran with and without the index).
 */
export function decidingComparison(effect: QueryEffect): DecidingComparison | null {
  if (effect.timing !== null && effect.timing.comparison.verdict !== 'too few samples') {
    return { comparison: effect.timing, measure: 'round trip' };
  }
  if (effect.planTimes !== null) return { comparison: effect.planTimes, measure: 'server execution' };
  if (effect.timing !== null) return { comparison: effect.timing, measure: 'round trip' };
  return null;
}

/** The write cost is a cost beyond the noise and above {@link MAX_WRITE_COST_RATIO}. */
export function writeCostTooHigh(cost: WithWithoutComparison | null): boolean {
  return (
    cost !== null && cost.comparison.verdict === 'slower' && cost.comparison.ratio > MAX_WRITE_COST_RATIO
  );
}

/**
 * The verdict on one candidate, from its measurements and the alternatives measured next to it. Pure. Rules, in
 * order:
 * 1. not measured: `undecided`;
 * 2. **wrong operator**: a filter on its column uses an operator it cannot serve: `replace` with a measured
 *    alternative whose forced plan uses it for that filter, else `drop`;
 * 3. **redundant**: its key equals or prefixes an existing index: `drop`, whether or not the planner picked it
 *    (it then picks the covering index instead; the time change is given);
 * 4. **unused**: no benchmark plan used it and it received no scan (or scans were not counted): `drop`;
 * 5. **used**: `keep` when some query using it is `faster` by the bootstrap verdict (its whole 95 % interval of
 *    the ratio with / without lies below 1 minus the noise threshold) and its median saving is at least
 *    {@link KEEP_MIN_SAVING_PCT} %, unless the write cost is beyond the noise and above
 *    {@link MAX_WRITE_COST_RATIO} ({@link writeCostTooHigh}); otherwise `drop`. A change within the noise is never
 *    counted as a saving.
 * Every verdict lists the facts behind it (usage, scans, write cost).
 */
export function decideVerdict(
  evaluation: CandidateEvaluation,
  all: readonly CandidateEvaluation[],
): IndexVerdict {
  const name = evaluation.candidate.name;
  if (evaluation.status !== 'measured') {
    const why = evaluation.error ?? `not measured (${evaluation.status})`;
    return { kind: 'undecided', replacement: null, headline: why, reasons: [why] };
  }
  const used = evaluation.queries.filter((q) => q.usesIndex);
  const facts: string[] = [];
  if (used.length === 0) facts.push('no benchmarked query plan used it');
  for (const effect of used) facts.push(usageFact(effect));
  if (evaluation.scans !== null) facts.push(`${evaluation.scans} scans over one run of every export`);
  if (evaluation.writeCost !== null) facts.push(writeFact(evaluation.writeCost));

  const misfits = evaluation.operatorFit.filter((f) => !f.served);
  const firstMisfit = misfits[0];
  if (firstMisfit !== undefined) {
    const reasons = misfits.map((f) => {
      const proof =
        f.proof === null
          ? ''
          : `; with sequential and plain index scans off, the ${f.filterKey} lookup ` +
            (f.proof.usesIndex ? 'still used it' : `does not use it (${planWords(f.proof.plan)})`);
      return `wrong operator: the ${f.filterKey} filter runs ${f.operator}: ${f.reason}${proof}`;
    });
    for (const cover of evaluation.redundancy) reasons.push(redundancyReason(cover));
    const replacement = all.find(
      (a) =>
        a.candidate.role === 'alternative' &&
        a.candidate.alternativeFor.includes(name) &&
        a.status === 'measured' &&
        a.operatorFit.some((f) => f.served && f.proof?.usesIndex === true),
    );
    const operator = `the ${firstMisfit.filterKey} filter's ILIKE '%...%'`;
    if (replacement !== undefined) {
      const fit = replacement.operatorFit.find((f) => f.served && f.proof?.usesIndex === true);
      reasons.push(
        `${replacement.candidate.name} (${replacement.candidate.method} ${replacement.candidate.columns}) serves it: ` +
          `the ${fit?.filterKey ?? ''} lookup uses it (${fit?.proof ? planWords(fit.proof.plan) : ''})`,
      );
      return {
        kind: 'replace',
        replacement: replacement.candidate.name,
        headline: `cannot serve ${operator}; ${replacement.candidate.name} can`,
        reasons: [...reasons, ...facts],
      };
    }
    return {
      kind: 'drop',
      replacement: null,
      headline: `cannot serve ${operator}; no measured alternative serves it`,
      reasons: [...reasons, ...facts],
    };
  }

  const cover = evaluation.redundancy[0];
  if (cover !== undefined) {
    const reasons = evaluation.redundancy.map(redundancyReason);
    if (used.length > 0) {
      reasons.push(
        'the planner picks it where it exists (it is smaller than the covering index), but without it the same ' +
          `queries use ${[...new Set(used.flatMap((u) => u.without.indexesUsed))].join(', ') || 'other plans'}`,
      );
    }
    return {
      kind: 'drop',
      replacement: null,
      headline: `redundant: ${cover.relation === 'equal' ? 'same key as' : 'a prefix of'} ${cover.index} ${cover.key}`,
      reasons: [...reasons, ...facts],
    };
  }

  if (used.length === 0 && (evaluation.scans ?? 0) === 0) {
    return {
      kind: 'drop',
      replacement: null,
      // Scans are not counted at the sizes whose exports are not run: say so rather than "no scan".
      headline:
        evaluation.scans === null
          ? 'unused: no plan used it (scans not counted)'
          : 'unused: no plan used it, no scan',
      reasons: ['unused', ...facts],
    };
  }

  let best: { effect: QueryEffect; deciding: DecidingComparison; savingPct: number } | null = null;
  for (const effect of used) {
    const deciding = decidingComparison(effect);
    if (deciding === null || deciding.comparison.comparison.verdict !== 'faster') continue;
    const savingPct = (1 - deciding.comparison.comparison.ratio) * 100;
    if (best === null || savingPct > best.savingPct) best = { effect, deciding, savingPct };
  }
  const bestPct = best?.savingPct ?? 0;
  const writeRatio = evaluation.writeCost?.comparison.ratio ?? 1;
  const tooCostly = writeCostTooHigh(evaluation.writeCost);
  if (best !== null && bestPct >= KEEP_MIN_SAVING_PCT && !tooCostly) {
    const headline = `used: ${best.effect.queryId} ${bestPct.toFixed(0)} % faster, write cost x${writeRatio.toFixed(2)}`;
    return { kind: 'keep', replacement: null, headline, reasons: [headline, ...facts] };
  }
  const why =
    bestPct < KEEP_MIN_SAVING_PCT
      ? `used by ${used.length} quer${used.length === 1 ? 'y' : 'ies'}, but none is at least ${KEEP_MIN_SAVING_PCT} % ` +
        `faster beyond the noise (${best === null ? 'no saving beyond the noise' : `best saving beyond the noise ${bestPct.toFixed(1)} %`})`
      : `used and ${bestPct.toFixed(1)} % faster, but the write cost ratio ${writeRatio.toFixed(2)} exceeds ${MAX_WRITE_COST_RATIO} beyond the noise`;
  return {
    kind: 'drop',
    replacement: null,
    headline:
      bestPct < KEEP_MIN_SAVING_PCT
        ? `used, but no measurable saving of ${KEEP_MIN_SAVING_PCT} % or more`
        : why,
    reasons: [why, ...facts],
  };
}

function redundancyReason(cover: CandidateEvaluation['redundancy'][number]): string {
  return `redundant: its key is ${cover.relation === 'equal' ? 'equal to' : 'a prefix of'} ${cover.index} ${cover.key} (${cover.kind})`;
}

function usageFact(effect: QueryEffect): string {
  const deciding = decidingComparison(effect);
  if (deciding === null) {
    return `used by ${effect.queryId}: plan ${ms(effect.without.executionMs)} -> ${ms(effect.with.executionMs)} (one execution each, no comparison)`;
  }
  return `used by ${effect.queryId}: ${deciding.measure} ${comparisonWords(deciding.comparison)}`;
}

function writeFact(cost: WithWithoutComparison): string {
  return `write cost x${cost.comparison.ratio.toFixed(3)} (${comparisonWords(cost)})`;
}

/** `median 2.0 ms -> 1.0 ms, x0.50 [0.48, 0.52], faster`: never a margin without an interval. */
export function comparisonWords(c: WithWithoutComparison): string {
  const r = c.comparison;
  const interval = r.low === null || r.high === null ? '' : ` [${r.low.toFixed(2)}, ${r.high.toFixed(2)}]`;
  const verdict =
    r.verdict === 'faster'
      ? 'faster with it'
      : r.verdict === 'slower'
        ? 'slower with it'
        : r.verdict === 'too few samples'
          ? `too few samples (${Math.min(r.baselineSamples, r.candidateSamples)}) for an interval`
          : 'within noise';
  return `median ${ms(c.without.medianMs)} -> ${ms(c.with.medianMs)}, x${r.ratio.toFixed(2)}${interval}, ${verdict}`;
}

function planWords(plan: PlanBrief): string {
  if (plan.error !== undefined) return `EXPLAIN failed: ${plan.error}`;
  const indexes = plan.indexesUsed.length === 0 ? 'no index' : plan.indexesUsed.join(', ');
  return `${plan.nodeTypes.join(' > ')}; indexes: ${indexes}`;
}

function ms(value: number): string {
  return `${formatMs(value)} ms`;
}
