import type {
  CandidateEvaluation,
  IndexVerdict,
  PlanBrief,
  QueryEffect,
} from '../results/index-evaluation-results.ts';

/** A query saving at least this share of its time (and beyond the noise) makes a used index worth keeping. */
export const KEEP_MIN_SAVING_PCT = 10;
/** A kept index may make the document insert at most this many times slower. */
export const MAX_WRITE_COST_RATIO = 1.5;

/**
 * The verdict on one candidate, from its measurements and the alternatives measured next to it. Pure. Rules, in
 * order:
 * 1. not measured: `undecided`;
 * 2. **wrong operator**: a filter on its column uses an operator it cannot serve: `replace` with a measured
 *    alternative whose forced plan uses it for that filter, else `drop`;
 * 3. **redundant**: its key equals or prefixes an existing index: `drop`, whether or not the planner picked it
 *    (it then picks the covering index instead; the time change is given);
 * 4. **unused**: no benchmark plan used it and it received no scan: `drop`;
 * 5. **used**: `keep` when some query using it is at least {@link KEEP_MIN_SAVING_PCT} % faster beyond the
 *    noise and the write cost ratio is at most {@link MAX_WRITE_COST_RATIO}; otherwise `drop`.
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
      headline: 'unused: no plan used it, no scan',
      reasons: ['unused', ...facts],
    };
  }

  let bestEffect: QueryEffect | null = null;
  for (const effect of used) {
    const timing = effect.timing;
    if (timing === null || !timing.significant || timing.changePct >= 0) continue;
    if (bestEffect === null || timing.changePct < (bestEffect.timing?.changePct ?? 0)) bestEffect = effect;
  }
  const best = bestEffect?.timing ? -bestEffect.timing.changePct : 0;
  const ratio = evaluation.writeCost?.ratio ?? 1;
  if (bestEffect !== null && best >= KEEP_MIN_SAVING_PCT && ratio <= MAX_WRITE_COST_RATIO) {
    const headline = `used: ${bestEffect.queryId} ${best.toFixed(0)} % faster, write cost x${ratio.toFixed(2)}`;
    return { kind: 'keep', replacement: null, headline, reasons: [headline, ...facts] };
  }
  const why =
    best < KEEP_MIN_SAVING_PCT
      ? `used by ${used.length} quer${used.length === 1 ? 'y' : 'ies'}, but none is at least ${KEEP_MIN_SAVING_PCT} % ` +
        `faster beyond the noise (best significant saving ${best.toFixed(1)} %)`
      : `used and ${best.toFixed(1)} % faster, but the write cost ratio ${ratio.toFixed(2)} exceeds ${MAX_WRITE_COST_RATIO}`;
  return {
    kind: 'drop',
    replacement: null,
    headline:
      best < KEEP_MIN_SAVING_PCT ? `used, but no measurable saving of ${KEEP_MIN_SAVING_PCT} % or more` : why,
    reasons: [why, ...facts],
  };
}

function redundancyReason(cover: CandidateEvaluation['redundancy'][number]): string {
  return `redundant: its key is ${cover.relation === 'equal' ? 'equal to' : 'a prefix of'} ${cover.index} ${cover.key} (${cover.kind})`;
}

function usageFact(effect: QueryEffect): string {
  const timing = effect.timing;
  const time =
    timing === null
      ? `plan ${ms(effect.without.executionMs)} -> ${ms(effect.with.executionMs)}`
      : `${ms(timing.without.meanMs)} -> ${ms(timing.with.meanMs)} (${percent(timing.changePct)}${timing.significant ? '' : ', within noise'})`;
  return `used by ${effect.queryId}: ${time}`;
}

function writeFact(cost: NonNullable<CandidateEvaluation['writeCost']>): string {
  return `write cost x${cost.ratio.toFixed(3)} (${ms(cost.without.meanMs)} -> ${ms(cost.with.meanMs)}${cost.significant ? '' : ', within noise'})`;
}

function planWords(plan: PlanBrief): string {
  if (plan.error !== undefined) return `EXPLAIN failed: ${plan.error}`;
  const indexes = plan.indexesUsed.length === 0 ? 'no index' : plan.indexesUsed.join(', ');
  return `${plan.nodeTypes.join(' > ')}; indexes: ${indexes}`;
}

function percent(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(1)} %`;
}

function ms(value: number): string {
  return value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(3)} ms`;
}
