import type pg from 'pg';
import { explainBrief, explainWithout } from '../explain/explain-brief.ts';
import type {
  BenchmarkQuery,
  PlanBrief,
  WithWithoutComparison,
} from '../results/index-evaluation-results.ts';
import { compareWithWithout } from './compare-with-without.ts';

/** EXPLAIN ANALYZE executions per side of a query whose plan an index changes (issue 11: at least 5). */
export const DEFAULT_PLAN_REPEATS = 5;

/** What {@link measurePlanTimes} found for one query. */
export interface PlanTimesOutcome {
  /** The first plan on each side (the plans the report shows). */
  with: PlanBrief;
  without: PlanBrief;
  usesIndex: boolean;
  planChanged: boolean;
  /** `null` when the plan neither uses the index nor changed: the same plan runs on both sides. */
  planTimes: WithWithoutComparison | null;
}

/** Two plans are the same plan for this purpose when they run the same node types and read the same indexes. */
export function samePlan(a: PlanBrief, b: PlanBrief): boolean {
  const key = (p: PlanBrief) =>
    JSON.stringify([p.error ?? null, p.nodeTypes, p.indexesUsed, [...p.seqScans].sort()]);
  return key(a) === key(b);
}

/**
 * EXPLAIN ANALYZE of `query` with the index `indexName` and without it (dropped in a transaction that is rolled
 * back), once each. When the plan with the index uses it or differs from the plan without it, both sides are
 * executed again, alternating (without, with, with, without, ...), until each has `repeats` executions: their
 * `Execution Time`s are compared by ratio of medians with a bootstrap interval. When the same plan runs on both
 * sides the index cannot change the query's work, and the one execution each is not repeated: at a million
 * documents a query can take seconds, and repeating an identical plan would only measure noise.
 */
export async function measurePlanTimes(
  client: pg.ClientBase,
  indexName: string,
  query: BenchmarkQuery,
  repeats: number = DEFAULT_PLAN_REPEATS,
): Promise<PlanTimesOutcome> {
  const withPlan = await explainBrief(client, query.sql, query.params);
  const withoutPlan = await explainWithout(client, indexName, query);
  const usesIndex = withPlan.indexesUsed.includes(indexName);
  const planChanged = !samePlan(withPlan, withoutPlan);
  const outcome = { with: withPlan, without: withoutPlan, usesIndex, planChanged, planTimes: null };
  if ((!usesIndex && !planChanged) || withPlan.error !== undefined || withoutPlan.error !== undefined) {
    return outcome;
  }
  const withMs = [withPlan.executionMs];
  const withoutMs = [withoutPlan.executionMs];
  for (let round = 1; round < repeats; round++) {
    const sides = round % 2 === 1 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const side of sides) {
      const plan =
        side === 'with'
          ? await explainBrief(client, query.sql, query.params)
          : await explainWithout(client, indexName, query);
      if (plan.error !== undefined) throw new Error(`EXPLAIN ANALYZE of ${query.id} failed: ${plan.error}`);
      (side === 'with' ? withMs : withoutMs).push(plan.executionMs);
    }
  }
  return { ...outcome, planTimes: compareWithWithout(withMs, withoutMs) };
}
