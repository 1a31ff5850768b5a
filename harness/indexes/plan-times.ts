import type pg from 'pg';
import { explainBrief, explainWithout } from '../explain/explain-brief.ts';
import type {
  BenchmarkQuery,
  PlanBrief,
  WithWithoutComparison,
} from '../results/index-evaluation-results.ts';
import { compareWithWithout } from './compare-with-without.ts';
import { planShape } from './plan-shape.ts';

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
    JSON.stringify([p.error ?? null, p.nodeTypes, [...p.indexesUsed].sort(), [...p.seqScans].sort()]);
  return key(a) === key(b);
}

/**
 * The plan of `query` with the index `indexName` and without it (dropped in a transaction that is rolled back),
 * first planned only (`EXPLAIN`, milliseconds). When the plan with the index uses it or differs from the plan
 * without it, both sides are then executed with EXPLAIN ANALYZE, alternating (with, without, without, with, ...),
 * `repeats` times each: their `Execution Time`s are compared by ratio of medians with a bootstrap interval. When the
 * same plan runs on both sides the index cannot change the query's work, and nothing is executed: at a million
 * documents one execution can take seconds, and timing an identical plan twice would only measure noise. Those
 * briefs are `notExecuted`.
 */
export async function measurePlanTimes(
  client: pg.ClientBase,
  indexName: string,
  query: BenchmarkQuery,
  repeats: number = DEFAULT_PLAN_REPEATS,
): Promise<PlanTimesOutcome> {
  const plannedWith = await planShape(client, query, null);
  const plannedWithout = await planShape(client, query, indexName);
  const usesIndex = plannedWith.indexesUsed.includes(indexName);
  const planChanged = !samePlan(plannedWith, plannedWithout);
  const planned = { with: plannedWith, without: plannedWithout, usesIndex, planChanged, planTimes: null };
  if ((!usesIndex && !planChanged) || plannedWith.error !== undefined || plannedWithout.error !== undefined) {
    return planned;
  }
  const runs: Record<'with' | 'without', PlanBrief[]> = { with: [], without: [] };
  for (let round = 0; round < repeats; round++) {
    const sides = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const side of sides) {
      const plan =
        side === 'with'
          ? await explainBrief(client, query.sql, query.params)
          : await explainWithout(client, indexName, query);
      if (plan.error !== undefined) throw new Error(`EXPLAIN ANALYZE of ${query.id} failed: ${plan.error}`);
      runs[side].push(plan);
    }
  }
  const first = (side: 'with' | 'without') => runs[side][0]!;
  return {
    with: first('with'),
    without: first('without'),
    // The executed plans decide: a plan can differ from the planned one only through a concurrent ANALYZE.
    usesIndex: first('with').indexesUsed.includes(indexName),
    planChanged: !samePlan(first('with'), first('without')),
    planTimes: compareWithWithout(
      runs.with.map((p) => p.executionMs),
      runs.without.map((p) => p.executionMs),
    ),
  };
}
