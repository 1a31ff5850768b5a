/**
 * What a DBA reads first in one `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` result. The field names match
 * `PlanRecord` in `bench-results.ts`, plus `relationsScanned`.
 */
export interface PlanSummary {
  /** `Planning Time`. */
  planningMs: number;
  /** `Execution Time`. */
  executionMs: number;
  /** Distinct `Node Type`s, in the order a depth-first walk from the top node first meets them. */
  nodeTypes: string[];
  /** Distinct `Index Name`s of Index Scan, Index Only Scan and Bitmap Index Scan nodes, first seen first. */
  indexesUsed: string[];
  /** One entry per Seq Scan node (parallel ones included): its table and the rows it produced over all loops. */
  seqScans: { relation: string; actualRows: number }[];
  /** Distinct `Relation Name`s of every node that reads a table (any scan kind), first seen first. */
  relationsScanned: string[];
  /** Top node: the planner's row estimate (`Plan Rows`). */
  estimatedRows: number;
  /** Top node: rows it really produced (`Actual Rows` × `Actual Loops`). */
  actualRows: number;
  /** Top node's `Shared Hit Blocks`: buffer counts are cumulative, so this covers the whole execution. */
  sharedHitBlocks: number;
  /** Top node's `Shared Read Blocks`. */
  sharedReadBlocks: number;
}

const INDEX_NODE_TYPES: ReadonlySet<string> = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

type PlanObject = Record<string, unknown>;

/**
 * Summarises what `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` returns: the array holding one object with `Plan`,
 * `Planning Time` and `Execution Time` (the object alone, or the JSON text, are accepted too). Works on the
 * output of PostgreSQL 13 to 18: keys this does not read (`Planning`, `Disabled`, `Index Searches`, ...) are
 * ignored, fractional `Actual Rows` (PostgreSQL 18) are handled, and missing buffer counts (no BUFFERS) read 0.
 *
 * The walk covers every node under `Plans`, InitPlans and SubPlans included (PostgreSQL lists them there,
 * with `Parent Relationship` `InitPlan` / `SubPlan`).
 *
 * @throws TypeError when the input is not EXPLAIN ANALYZE JSON output, saying what was missing.
 */
export function summarizePlan(explainJson: unknown): PlanSummary {
  const root = explainRoot(explainJson);
  const top = root.Plan;
  if (!isPlanObject(top))
    throw new TypeError(`EXPLAIN JSON: expected a "Plan" object at the top, got ${describeJsonType(top)}`);
  const executionMs = root['Execution Time'];
  if (typeof executionMs !== 'number') {
    throw new TypeError('EXPLAIN JSON: no "Execution Time": run EXPLAIN with ANALYZE (and FORMAT JSON)');
  }

  const nodeTypes = new Set<string>();
  const indexesUsed = new Set<string>();
  const relationsScanned = new Set<string>();
  const seqScans: PlanSummary['seqScans'] = [];
  walkPlan(top, 'Plan', (node, path) => {
    const nodeType = node['Node Type'];
    if (typeof nodeType !== 'string') throw new TypeError(`EXPLAIN JSON: node ${path} has no "Node Type"`);
    nodeTypes.add(nodeType);
    const relation = node['Relation Name'];
    if (typeof relation === 'string') relationsScanned.add(relation);
    const indexName = node['Index Name'];
    if (INDEX_NODE_TYPES.has(nodeType) && typeof indexName === 'string') indexesUsed.add(indexName);
    if (nodeType === 'Seq Scan') {
      seqScans.push({
        relation: typeof relation === 'string' ? relation : '?',
        actualRows: totalRows(node, path),
      });
    }
  });

  return {
    planningMs: numberOr(root['Planning Time'], 0),
    executionMs,
    nodeTypes: [...nodeTypes],
    indexesUsed: [...indexesUsed],
    seqScans,
    relationsScanned: [...relationsScanned],
    estimatedRows: numberOr(top['Plan Rows'], 0),
    actualRows: totalRows(top, 'Plan'),
    sharedHitBlocks: numberOr(top['Shared Hit Blocks'], 0),
    sharedReadBlocks: numberOr(top['Shared Read Blocks'], 0),
  };
}

function explainRoot(explainJson: unknown): PlanObject {
  let value = explainJson;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch (error) {
      throw new TypeError('EXPLAIN JSON: the text is not valid JSON', { cause: error });
    }
  }
  if (Array.isArray(value)) {
    if (value.length !== 1) {
      throw new TypeError(
        `EXPLAIN JSON: expected an array with one plan object, got ${value.length} elements`,
      );
    }
    value = value[0];
  }
  if (!isPlanObject(value))
    throw new TypeError(`EXPLAIN JSON: expected an object with "Plan", got ${describeJsonType(value)}`);
  return value;
}

/** Depth-first, parent before children, children in the order EXPLAIN lists them. */
function walkPlan(node: PlanObject, path: string, visit: (node: PlanObject, path: string) => void): void {
  visit(node, path);
  const children = node.Plans;
  if (children === undefined) return;
  if (!Array.isArray(children)) throw new TypeError(`EXPLAIN JSON: "Plans" of ${path} is not an array`);
  children.forEach((child: unknown, i) => {
    const childPath = `${path}.Plans[${i}]`;
    if (!isPlanObject(child))
      throw new TypeError(`EXPLAIN JSON: ${childPath} is ${describeJsonType(child)}, expected a node`);
    walkPlan(child, childPath, visit);
  });
}

/**
 * `Actual Rows` is a per-loop average (fractional on PostgreSQL 18), so the rows a node produced in all are
 * rows × loops, rounded. A node never executed reports 0 loops.
 */
function totalRows(node: PlanObject, path: string): number {
  const rows = node['Actual Rows'];
  if (typeof rows !== 'number') {
    throw new TypeError(`EXPLAIN JSON: node ${path} has no "Actual Rows": run EXPLAIN with ANALYZE`);
  }
  return Math.round(rows * numberOr(node['Actual Loops'], 1));
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isPlanObject(value: unknown): value is PlanObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
