import type { CollectorId, SamplingRecord, TimingOptionsRecord } from '../results/bench-results.ts';

/** How timing rounds are allotted to a case. */
export interface TimingPolicy extends TimingOptionsRecord {
  /** Rounds added at a time while a verdict is undecided. */
  batchRounds: number;
  /** Always set here; optional in the record only for results written before it was recorded. */
  longCaseBudgetMs: number;
}

/** The defaults of `--long-budget`, in seconds. */
export const DEFAULT_LONG_BUDGET_S = 12;
export const QUICK_LONG_BUDGET_S = 3;

/**
 * The default policy (issue 11): at least 10 timed rounds per compared pair, then more, 5 at a time, while a
 * verdict could still change, within about 8 s of rounds per case and 30 rounds; an export of 1 s or more is
 * timed in 3 rounds only (the premise's large cases), or not at all when 3 would take over 12 s (its
 *10 000-document case). `--quick` keeps the 10 rounds but gives up sooner. `longCaseBudgetMs` (`--long-budget`)
 * replaces that 12 s (or `--quick`'s 3 s): at 100 000 documents an export takes minutes, and only a budget of
 * several minutes gives it the 3 samples an interval needs.
 */
export function timingPolicy(
  quick: boolean,
  aaCollector: CollectorId | null,
  longCaseBudgetMs?: number,
): TimingPolicy {
  const policy: TimingPolicy = quick
    ? {
        budgetMsPerCase: 1_500,
        minRounds: 10,
        maxRounds: 10,
        minRoundsLong: 3,
        longRoundMs: 300,
        aaCollector,
        planExecutions: 5,
        batchRounds: 5,
        longCaseBudgetMs: QUICK_LONG_BUDGET_S * 1000,
      }
    : {
        budgetMsPerCase: 8_000,
        minRounds: 10,
        maxRounds: 30,
        minRoundsLong: 3,
        longRoundMs: 1_000,
        aaCollector,
        planExecutions: 5,
        batchRounds: 5,
        longCaseBudgetMs: DEFAULT_LONG_BUDGET_S * 1000,
      };
  return longCaseBudgetMs === undefined ? policy : { ...policy, longCaseBudgetMs };
}

/** What the results record of the policy (the rest is the runner's). */
export function timingOptionsRecord(policy: TimingPolicy): TimingOptionsRecord {
  const { batchRounds: _runnerOnly, ...record } = policy;
  return record;
}

/** One collector's share of the rounds. */
export interface CollectorSampling {
  id: string;
  /** Its counted export's duration, the estimate of one timed export. */
  exportMs: number;
  /** At most this many timed samples (undefined: every round; 0: not timed). */
  maxSamples: number | undefined;
  /** Why it gets fewer, for the results. */
  note?: string;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Allots rounds by each collector's counted export time. Pure. A cheap export takes part in every round; a
 * long one (at least `longRoundMs`) in the first `minRoundsLong` only, or in none when those would take more
 * than `longCaseBudgetMs`: its counted export then stands as one sample, and its comparisons say "too few
 * samples" instead of printing a margin.
 */
export function planSampling(
  exports: readonly { id: string; exportMs: number }[],
  policy: TimingPolicy,
): CollectorSampling[] {
  return exports.map(({ id, exportMs }) => {
    if (exportMs < policy.longRoundMs) return { id, exportMs, maxSamples: undefined };
    if (exportMs * policy.minRoundsLong <= policy.longCaseBudgetMs) {
      return {
        id,
        exportMs,
        maxSamples: policy.minRoundsLong,
        note: `${id} timed in ${policy.minRoundsLong} rounds only: one export takes ${seconds(exportMs)}`,
      };
    }
    return {
      id,
      exportMs,
      maxSamples: 0,
      note:
        `${id} not timed: one export takes ${seconds(exportMs)}, ${policy.minRoundsLong} rounds would take ` +
        `${seconds(exportMs * policy.minRoundsLong)}, over --long-budget ${seconds(policy.longCaseBudgetMs)}; ` +
        'its counted export is its only sample (no interval)',
    };
  });
}

/**
 * Whether a case got the samples its verdicts need: every compared pair has, on both sides, at least
 * `minRounds` samples, or `minRoundsLong` when one side is a long export. Pure.
 */
export function samplingRecord(
  rounds: number,
  samples: Readonly<Record<string, number>>,
  pairs: readonly (readonly [string, string])[],
  plan: readonly CollectorSampling[],
  policy: TimingPolicy,
): SamplingRecord {
  const long = new Set(plan.filter((p) => p.maxSamples !== undefined).map((p) => p.id));
  const required = (a: string, b: string) =>
    long.has(a) || long.has(b) ? policy.minRoundsLong : policy.minRounds;
  const short = pairs.filter(([a, b]) => Math.min(samples[a] ?? 0, samples[b] ?? 0) < required(a, b));
  return {
    rounds,
    requiredRounds: long.size > 0 ? policy.minRoundsLong : policy.minRounds,
    enough: short.length === 0,
    notes: [
      ...plan.flatMap((p) => (p.note === undefined ? [] : [p.note])),
      ...short.map(
        ([a, b]) =>
          `${b} against ${a}: ${Math.min(samples[a] ?? 0, samples[b] ?? 0)} samples, ${required(a, b)} needed`,
      ),
    ],
  };
}
