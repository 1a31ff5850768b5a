import type { Queryable } from '../../src/queryable.ts';
import type { IndexCandidate, OperatorFitFinding, PlanBrief } from '../results/index-evaluation-results.ts';
import type { IndexDescriptor } from './index-redundancy.ts';

/** A filter of the export that searches a column with `ILIKE '%' || value || '%'` (spec 2.1). */
export interface ContainsFilter {
  filterKey: string;
  table: string;
  column: string;
}

/**
 * The export's substring searches: `organization_code` and `organization_search` on the partner,
 * `province` on the state. Each runs `column ILIKE ('%' || $n || '%')` (see `src/document-filter-sql.ts`).
 */
export const CONTAINS_FILTERS: readonly ContainsFilter[] = [
  { filterKey: 'organization_code', table: 'res_partner', column: 'business_id' },
  { filterKey: 'organization_search', table: 'res_partner', column: 'name' },
  { filterKey: 'province', table: 'res_country_state', column: 'name' },
];

/** Operator classes that index `LIKE` / `ILIKE` with a leading wildcard (pg_trgm's). */
const TRIGRAM_OPCLASSES: ReadonlySet<string> = new Set(['gin_trgm_ops', 'gist_trgm_ops']);

/**
 * Which of the export's substring filters `index` could serve. An index concerns a filter when its first key
 * column is the filter's column, bare or inside an expression (`lower(business_id::text)`). A btree (or hash)
 * index orders whole values, so it cannot find a value by a substring after a leading `%`, whatever the case
 * folding; only a trigram index on the bare column (the operator is applied to the column itself) can.
 * Pure; the EXPLAIN proof is {@link proveOperatorFit}.
 */
export function operatorFit(
  index: Pick<IndexDescriptor, 'table' | 'method' | 'keyColumns'>,
): OperatorFitFinding[] {
  const first = index.keyColumns[0];
  if (first === undefined) return [];
  const findings: OperatorFitFinding[] = [];
  for (const filter of CONTAINS_FILTERS) {
    if (filter.table !== index.table || !mentionsColumn(first.expression, filter.column)) continue;
    const operator = `${filter.column} ILIKE ('%' || $1 || '%')`;
    const bare = stripCast(first.expression) === filter.column;
    const trigram = first.opclass !== null && TRIGRAM_OPCLASSES.has(first.opclass);
    let served = false;
    let reason: string;
    if (trigram && bare) {
      served = true;
      reason =
        `a ${index.method} trigram index (${first.opclass}) finds ${filter.column} by any substring of 3 characters ` +
        'or more, wherever it starts; shorter search values still scan';
    } else if (trigram) {
      reason = `the trigram index is on ${first.expression}, but the filter applies ILIKE to ${filter.column} itself`;
    } else if (bare) {
      reason =
        `a ${index.method} index on ${filter.column} orders whole values: it serves =, <, > and (with the C ` +
        `collation) LIKE 'prefix%', never a pattern that starts with %, which ILIKE '%...%' always does`;
    } else {
      reason =
        `a ${index.method} index on ${first.expression} serves only conditions written on that expression ` +
        `(lower(${filter.column}) = ...); the filter runs ${filter.column} ILIKE '%...%', with a leading wildcard`;
    }
    findings.push({
      filterKey: filter.filterKey,
      column: `${filter.table}.${filter.column}`,
      operator,
      served,
      reason,
      proof: null,
    });
  }
  return findings;
}

function mentionsColumn(expression: string, column: string): boolean {
  return new RegExp(`(^|[^a-z0-9_])"?${column}"?([^a-z0-9_]|$)`).test(expression);
}

function stripCast(expression: string): string {
  return expression
    .replace(/^\((.*)\)$/, '$1')
    .replace(/::[a-z ]+(\[\])?$/i, '')
    .replace(/"/g, '')
    .trim();
}

/**
 * The alternatives the harness builds next to the plan's indexes (issue 5, item 4): trigram GIN indexes for
 * the two partner searches, and the plan's own optional partial index (Phase 8, "Partial Indexes").
 */
export const ALTERNATIVE_INDEXES: readonly IndexCandidate[] = [
  {
    name: 'hfcb_alt_res_partner_business_id_trgm',
    table: 'res_partner',
    method: 'gin',
    columns: 'business_id gin_trgm_ops',
    predicate: null,
    role: 'alternative',
    source: 'harness: replacement for Phase 3 index 4',
    rationale:
      "The organisation-code filter runs business_id ILIKE '%...%'; a pg_trgm GIN index is the index kind that can serve a pattern with a leading wildcard.",
    correction: null,
    knownOverlap: null,
    alternativeFor: ['idx_res_partner_business_id', 'idx_res_partner_business_id_lower'],
    extension: 'pg_trgm',
  },
  {
    name: 'hfcb_alt_res_partner_name_trgm',
    table: 'res_partner',
    method: 'gin',
    columns: 'name gin_trgm_ops',
    predicate: null,
    role: 'alternative',
    source: 'harness: the organisation-name search, which the plan does not index',
    rationale:
      "The organisation filter also searches res_partner.name with ILIKE '%...%'; Odoo's btree on name cannot serve it.",
    correction: null,
    knownOverlap: "Odoo already has res_partner__name_index, a btree, which cannot serve ILIKE '%...%'.",
    alternativeFor: [],
    extension: 'pg_trgm',
  },
  {
    name: 'hfcb_alt_document_extraction_completed',
    table: 'document_extraction',
    method: 'btree',
    columns: 'organization_id, year, document_type, create_date',
    predicate: "state = 'completed'",
    role: 'alternative',
    source: 'the plan, Phase 8 (Partial Indexes, optional)',
    rationale:
      "The default export (no status filter) reads only state = 'completed' documents; a partial index holds just those.",
    correction: null,
    knownOverlap: null,
    alternativeFor: [],
    extension: null,
  },
];

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The statement that builds a candidate: `CREATE INDEX CONCURRENTLY`, as the migration does, so the build
 * time is the one production would see (a concurrent build scans the table twice).
 */
export function createIndexSql(
  candidate: Pick<IndexCandidate, 'name' | 'table' | 'method' | 'columns' | 'predicate'>,
): string {
  for (const [what, value] of [
    ['name', candidate.name],
    ['table', candidate.table],
    ['method', candidate.method],
  ] as const) {
    if (!PLAIN_IDENTIFIER.test(value)) {
      throw new RangeError(
        `index candidate ${what} "${value}" must be a lower-case identifier ([a-z_][a-z0-9_]*)`,
      );
    }
  }
  const where = candidate.predicate === null ? '' : ` WHERE ${candidate.predicate}`;
  return `CREATE INDEX CONCURRENTLY "${candidate.name}" ON "${candidate.table}" USING ${candidate.method} (${candidate.columns})${where}`;
}

/**
 * Creates `extension` in the current database if it can (`CREATE EXTENSION IF NOT EXISTS`): the evaluation
 * runs in a throwaway database, so this never touches a database the harness did not create.
 */
export async function ensureExtension(
  q: Queryable,
  extension: string,
): Promise<{ available: boolean; reason: string }> {
  if (!PLAIN_IDENTIFIER.test(extension))
    throw new RangeError(`extension name "${extension}" is not a plain identifier`);
  try {
    await q.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    const { rows } = await q.query<{ version: string }>(
      'SELECT extversion AS version FROM pg_extension WHERE extname = $1',
      [extension],
    );
    return {
      available: true,
      reason: `${extension} ${rows[0]?.version ?? '?'} created in the throwaway database`,
    };
  } catch (error) {
    return {
      available: false,
      reason: `CREATE EXTENSION ${extension} failed: ${(error as Error).message} (install the server's contrib package)`,
    };
  }
}

/** The planner settings {@link proveOperatorFit} turns off. */
export const FORCING_SETTINGS = ['enable_seqscan', 'enable_indexscan', 'enable_indexonlyscan'] as const;

/**
 * EXPLAIN ANALYZE of a filter query with `enable_seqscan`, `enable_indexscan` and `enable_indexonlyscan` off:
 * only bitmap scans keep their real price, and a bitmap index scan needs an index condition (it cannot merely
 * walk an index in key order, as a plain index scan of the primary key does under `ORDER BY id`). If the
 * planner then uses `indexName`, the index serves the query's condition; if the plan keeps a (penalised) Seq
 * Scan, no index can, `indexName` included: it is unusable for this operator, not merely "not worth it at this
 * size".
 *
 * @param explain runs EXPLAIN ANALYZE on the same connection (e.g. `explainBrief` of `explain-brief.ts`), so
 *   the session settings apply; they are reset afterwards, also on error.
 */
export async function proveOperatorFit(
  q: Queryable,
  indexName: string,
  query: { sql: string; params: readonly unknown[] },
  explain: (sql: string, params: readonly unknown[]) => Promise<PlanBrief>,
): Promise<{ usesIndex: boolean; plan: PlanBrief }> {
  for (const setting of FORCING_SETTINGS) await q.query(`SET ${setting} = off`);
  try {
    const plan = await explain(query.sql, query.params);
    return { usesIndex: plan.indexesUsed.includes(indexName), plan };
  } finally {
    for (const setting of FORCING_SETTINGS) await q.query(`RESET ${setting}`);
  }
}
