import type pg from 'pg';
import { assertSelectStatement } from '../explain/explain-queries.ts';
import { quoteIdent } from '../core/quote-ident.ts';
import type { BenchmarkQuery, PlanBrief } from '../results/index-evaluation-results.ts';
import { failedPlan } from '../explain/explain-brief.ts';

const INDEX_NODE_TYPES: ReadonlySet<string> = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

/**
 * The plan PostgreSQL would run for `query`, from `EXPLAIN (FORMAT JSON)` alone: planned, not executed, so it
 * costs milliseconds even where the statement would take seconds. With `dropIndex`, planned in a transaction that
 * drops that index first and is rolled back (the plan "without" it). The brief has `notExecuted: true` and no
 * times; an error becomes `PlanBrief.error`.
 */
export async function planShape(
  client: pg.ClientBase,
  query: BenchmarkQuery,
  dropIndex: string | null,
): Promise<PlanBrief> {
  assertSelectStatement(query.sql);
  await client.query('BEGIN READ ONLY');
  try {
    // DROP INDEX is refused in a read-only transaction; "without" needs a read-write one, rolled back all the same.
    if (dropIndex !== null) {
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`DROP INDEX ${quoteIdent(dropIndex)}`);
    }
    const { rows } = await client.query<Record<string, unknown>>(
      `EXPLAIN (FORMAT JSON) ${query.sql}`,
      query.params,
    );
    const cell = rows[0]?.['QUERY PLAN'];
    return shapeOf(typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell);
  } catch (error) {
    return { ...failedPlan(error), notExecuted: true };
  } finally {
    await client.query('ROLLBACK');
  }
}

type PlanNode = Record<string, unknown>;

/** The node types, indexes read and sequentially scanned tables of a plain `EXPLAIN (FORMAT JSON)` output. Pure. */
export function shapeOf(explainJson: unknown): PlanBrief {
  const root = (Array.isArray(explainJson) ? explainJson[0] : explainJson) as { Plan?: PlanNode } | undefined;
  const top = root?.Plan;
  if (top === undefined) throw new TypeError('EXPLAIN JSON: no "Plan" at the top');
  const nodeTypes = new Set<string>();
  const indexesUsed = new Set<string>();
  const seqScans = new Set<string>();
  const visit = (node: PlanNode) => {
    const type = node['Node Type'];
    if (typeof type === 'string') {
      nodeTypes.add(type);
      const index = node['Index Name'];
      if (INDEX_NODE_TYPES.has(type) && typeof index === 'string') indexesUsed.add(index);
      const relation = node['Relation Name'];
      if (type === 'Seq Scan' && typeof relation === 'string') seqScans.add(relation);
    }
    const children = node.Plans;
    if (Array.isArray(children)) for (const child of children) visit(child as PlanNode);
  };
  visit(top);
  const totalCost = top['Total Cost'];
  return {
    executionMs: 0,
    planningMs: 0,
    totalCost: typeof totalCost === 'number' ? totalCost : 0,
    nodeTypes: [...nodeTypes],
    indexesUsed: [...indexesUsed],
    seqScans: [...seqScans],
    notExecuted: true,
  };
}
