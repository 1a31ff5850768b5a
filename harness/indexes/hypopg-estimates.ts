import type { Queryable } from '../../src/queryable.ts';
import { assertSelectStatement } from '../explain/explain-queries.ts';
import { errorMessage } from '../core/error-message.ts';

/** Whether HypoPG can be used in the current database, and why (not). */
export interface HypopgStatus {
  available: boolean;
  /** When available: the HypoPG version; otherwise what is missing and how to get it. */
  reason: string;
}

/** The index to imagine: its proposed name, its table, and how it would be built. */
export interface HypotheticalIndex {
  /** The proposed index's name (for messages; HypoPG names its hypothetical index itself). */
  name: string;
  /** The table it goes on. */
  table: string;
  /**
   * A `CREATE INDEX ... ON table (...)` statement (`CONCURRENTLY` and `IF NOT EXISTS` are accepted and
   * mean nothing to HypoPG), or only the SQL between the parentheses (e.g. `create_date DESC`), which is
   * then built on `table`.
   */
  definitionSql: string;
}

/** A query to plan with and without the hypothetical index. */
export interface EstimateQuery {
  id: string;
  sql: string;
  params: readonly unknown[];
}

/** The planner's estimate for one query, without and with the hypothetical index. */
export interface HypotheticalEstimate {
  queryId: string;
  /** The top plan node's `Total Cost` without the hypothetical index (planner cost units, not time). */
  costWithout: number;
  /** The same with the hypothetical index. */
  costWith: number;
  /** Whether the plan with the hypothetical index scans it. */
  usesIndex: boolean;
  /** The plan without it, one line per node, indented by depth. */
  planWithout: string[];
  /** The plan with it, one line per node, indented by depth. */
  planWith: string[];
}

/** SQLSTATEs of `CREATE EXTENSION` failing because the extension's files are not on the server. */
const NOT_INSTALLED_CODES: ReadonlySet<string> = new Set(['58P01', '0A000']);

/**
 * Whether HypoPG works in the current database: it runs `CREATE EXTENSION IF NOT EXISTS hypopg`, so call
 * it only on a database the harness created (a throwaway one). The extension creates nothing but
 * functions and a view, and holds hypothetical indexes in the session's memory only.
 *
 * Never throws for a missing extension: `available` is false and `reason` names the package to install
 * for the server's major version (and says that the embedded PostgreSQL cannot get it).
 */
export async function hypopgStatus(client: Queryable): Promise<HypopgStatus> {
  const major = await serverMajorVersion(client);
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS hypopg');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (typeof code === 'string' && NOT_INSTALLED_CODES.has(code)) {
      return {
        available: false,
        reason:
          `HypoPG is not installed on this PostgreSQL ${major} server (${message}). Install the package ` +
          `postgresql-${major}-hypopg (Debian/Ubuntu; hypopg_${major} on RPM systems) on the server, or point ` +
          `DATABASE_URL at a server that has it; the embedded PostgreSQL cannot load extra extensions.`,
      };
    }
    if (code === '42501') {
      return {
        available: false,
        reason:
          `HypoPG is installed but this role may not create the extension (${message}). Run ` +
          `CREATE EXTENSION hypopg as a superuser in the database, or connect as one.`,
      };
    }
    return { available: false, reason: `CREATE EXTENSION hypopg failed: ${message}` };
  }
  const { rows } = await client.query<{ version: string }>(
    `SELECT extversion AS version FROM pg_extension WHERE extname = 'hypopg'`,
  );
  return {
    available: true,
    reason: `HypoPG ${rows[0]?.version ?? '?'} is installed on this PostgreSQL ${major} server`,
  };
}

async function serverMajorVersion(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ num: string }>(`SELECT current_setting('server_version_num') AS num`);
  return Math.floor(Number(rows[0]?.num ?? 0) / 10_000);
}

/**
 * The planner's estimated change, for each query, if `index` existed, without building it: plain
 * `EXPLAIN (FORMAT JSON)` of each query with its parameters (no ANALYZE: a hypothetical index only exists
 * for the planner), first as things are, then after `hypopg_create_index`. The index counts as used when a
 * plan node scans the hypothetical index (HypoPG names it `<oid>btree_...`, the oid being the one
 * `hypopg_create_index` returned).
 *
 * Writes nothing: hypothetical indexes live in this session's memory, and `hypopg_reset()` removes every
 * one of them at the start (so that earlier ones cannot bias the estimate) and at the end, also on error.
 * All calls must go to one connection (a `pg.Client`, not a pool), since HypoPG state is per session.
 * Session settings made beforehand (e.g. `SET enable_seqscan = off`) apply to both plans.
 *
 * Run it in the `schema` index state: a real index that already covers the same need would be chosen
 * instead of the hypothetical one, and the estimate would show no change.
 *
 * @throws Error when HypoPG is not installed in the database (call {@link hypopgStatus} first), when a
 *   query is not a SELECT (`NotASelectError`), when HypoPG refuses the definition, or when EXPLAIN of a
 *   query fails (the message names the query id; PostgreSQL's error is the `cause`).
 */
export async function estimateWithHypotheticalIndex(
  client: Queryable,
  index: HypotheticalIndex,
  queries: EstimateQuery[],
): Promise<HypotheticalEstimate[]> {
  for (const query of queries) assertSelectStatement(query.sql);
  const definition = indexDefinition(index);
  try {
    await client.query('SELECT hypopg_reset()');
  } catch (error) {
    throw new Error(
      `HypoPG is not available in this database (${errorMessage(error)}); check hypopgStatus() before estimating ` +
        `index ${index.name}.`,
      { cause: error },
    );
  }

  let results: HypotheticalEstimate[];
  try {
    const without = [];
    for (const query of queries) without.push(await explainCost(client, query, index));
    let oids: number[];
    try {
      const { rows } = await client.query<{ indexrelid: number | string }>(
        'SELECT indexrelid FROM hypopg_create_index($1)',
        [definition],
      );
      oids = rows.map((r) => Number(r.indexrelid));
    } catch (error) {
      throw new Error(
        `HypoPG could not create the hypothetical index ${index.name} from "${definition}": ${errorMessage(error)}`,
        { cause: error },
      );
    }
    if (oids.length === 0) {
      throw new Error(`HypoPG created no hypothetical index for ${index.name} from "${definition}"`);
    }
    const prefixes = oids.map((oid) => `<${oid}>`);
    results = [];
    for (const [position, query] of queries.entries()) {
      const withIndex = await explainCost(client, query, index);
      const before = without[position]!;
      results.push({
        queryId: query.id,
        costWithout: before.cost,
        costWith: withIndex.cost,
        usesIndex: withIndex.indexNames.some((name) => prefixes.some((p) => name.startsWith(p))),
        planWithout: before.lines,
        planWith: withIndex.lines,
      });
    }
  } catch (error) {
    await client.query('SELECT hypopg_reset()').catch(() => undefined);
    throw error;
  }
  // A failure here would leave the hypothetical index biasing every later plan of the session: surface it.
  await client.query('SELECT hypopg_reset()');
  return results;
}

/** The statement HypoPG is given: the caller's own, or one built from the column list. */
function indexDefinition(index: HypotheticalIndex): string {
  const sql = index.definitionSql.trim().replace(/;\s*$/, '');
  if (sql === '') {
    throw new TypeError(`estimateWithHypotheticalIndex: index ${index.name} has an empty definitionSql`);
  }
  if (/^CREATE\s/i.test(sql)) return sql;
  if (!/^[a-z_][a-z0-9_]*$/.test(index.table)) {
    throw new TypeError(
      `estimateWithHypotheticalIndex: table "${index.table}" of index ${index.name} must be a lower-case ` +
        `identifier when definitionSql is only a column list; or pass a full CREATE INDEX statement.`,
    );
  }
  return `CREATE INDEX ON "${index.table}" (${sql})`;
}

interface Explained {
  cost: number;
  lines: string[];
  indexNames: string[];
}

async function explainCost(
  client: Queryable,
  query: EstimateQuery,
  index: HypotheticalIndex,
): Promise<Explained> {
  let cell: unknown;
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) ${query.sql}`,
      query.params,
    );
    cell = rows[0]?.['QUERY PLAN'];
  } catch (error) {
    throw new Error(
      `EXPLAIN of query ${query.id} failed while estimating index ${index.name}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  const parsed = typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell;
  const root = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  const top = isPlanNode(root) ? root.Plan : undefined;
  if (!isPlanNode(top) || typeof top['Total Cost'] !== 'number') {
    throw new Error(`EXPLAIN of query ${query.id} returned no plan with a "Total Cost"`);
  }
  const lines: string[] = [];
  const indexNames: string[] = [];
  walkWithDepth(top, 0, (node, depth) => {
    lines.push(`${'  '.repeat(depth)}${describeNode(node)}`);
    if (typeof node['Index Name'] === 'string') indexNames.push(node['Index Name']);
  });
  return { cost: top['Total Cost'], lines, indexNames };
}

type PlanNode = Record<string, unknown>;

function walkWithDepth(node: PlanNode, depth: number, visit: (node: PlanNode, depth: number) => void): void {
  visit(node, depth);
  const children = node.Plans;
  if (!Array.isArray(children)) return;
  for (const child of children) if (isPlanNode(child)) walkWithDepth(child, depth + 1, visit);
}

/** `Index Scan using <13556>btree_t_v on t (cost=0.29..8.30 rows=1)`, like EXPLAIN's text format. */
function describeNode(node: PlanNode): string {
  const text = (key: string): string | undefined => {
    const value = node[key];
    return typeof value === 'string' ? value : undefined;
  };
  const parts = [text('Node Type') ?? '?'];
  const indexName = text('Index Name');
  if (indexName !== undefined) parts.push(`using ${indexName}`);
  const relation = text('Relation Name');
  if (relation !== undefined) parts.push(`on ${relation}`);
  const number = (key: string, digits: number): string => {
    const value = node[key];
    return typeof value === 'number' ? value.toFixed(digits) : '?';
  };
  parts.push(
    `(cost=${number('Startup Cost', 2)}..${number('Total Cost', 2)} rows=${number('Plan Rows', 0)})`,
  );
  return parts.join(' ');
}

function isPlanNode(value: unknown): value is PlanNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
