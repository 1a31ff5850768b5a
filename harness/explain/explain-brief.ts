import type pg from 'pg';
import type { Queryable } from '../../src/queryable.ts';
import { assertSelectStatement, explainAnalyze } from './explain-queries.ts';
import type { BenchmarkQuery, PlanBrief } from '../results/index-evaluation-results.ts';
import { summarizePlan } from './plan-summary.ts';
import { quoteIdent } from '../core/quote-ident.ts';

/** EXPLAIN ANALYZE (read-only transaction, see `explainAnalyze`), summarised; an error becomes `PlanBrief.error`. */
export async function explainBrief(
  q: Queryable,
  sql: string,
  params: readonly unknown[],
): Promise<PlanBrief> {
  try {
    return planBrief(await explainAnalyze(q, sql, params));
  } catch (error) {
    return failedPlan(error);
  }
}

/** The plan of `query` with `indexName` dropped inside a transaction that is rolled back. */
export async function explainWithout(
  client: pg.ClientBase,
  indexName: string,
  query: BenchmarkQuery,
): Promise<PlanBrief> {
  assertSelectStatement(query.sql);
  await client.query('BEGIN');
  try {
    await client.query(`DROP INDEX ${quoteIdent(indexName)}`);
    const { rows } = await client.query<Record<string, unknown>>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
      query.params,
    );
    const cell = rows[0]?.['QUERY PLAN'];
    return planBrief(typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell);
  } catch (error) {
    return failedPlan(error);
  } finally {
    await client.query('ROLLBACK');
  }
}

function planBrief(raw: unknown): PlanBrief {
  const summary = summarizePlan(raw);
  const top = (Array.isArray(raw) ? (raw[0] as { Plan?: { 'Total Cost'?: unknown } }) : undefined)?.Plan;
  const totalCost = typeof top?.['Total Cost'] === 'number' ? top['Total Cost'] : 0;
  return {
    executionMs: summary.executionMs,
    planningMs: summary.planningMs,
    totalCost,
    nodeTypes: summary.nodeTypes,
    indexesUsed: summary.indexesUsed,
    seqScans: [...new Set(summary.seqScans.map((s) => s.relation))],
    actualRows: summary.actualRows,
  };
}

/** The brief of a plan that could not be obtained: zeros, and the error's message. */
export function failedPlan(error: unknown): PlanBrief {
  return {
    executionMs: 0,
    planningMs: 0,
    totalCost: 0,
    nodeTypes: [],
    indexesUsed: [],
    seqScans: [],
    error: error instanceof Error ? error.message : String(error),
  };
}
