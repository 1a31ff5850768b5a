import type { Queryable } from '../../src/queryable.ts';
import type { Coverage } from '../results/index-evaluation-results.ts';

/** One key column (or expression) of an index, as the catalog describes it. */
export interface IndexKeyColumn {
  /** `pg_get_indexdef(index, k, true)`: the column name, or the expression text (e.g. `lower(business_id::text)`). */
  expression: string;
  /** The operator class, e.g. `text_ops`, `gin_trgm_ops`; `null` when the catalog has none (should not happen). */
  opclass: string | null;
  descending: boolean;
  nullsFirst: boolean;
}

/** One index of a table, from `pg_index`. */
export interface IndexDescriptor {
  name: string;
  table: string;
  /** Access method: `btree`, `gin`, `gist`, `hash`, ... */
  method: string;
  /** Key columns in order (INCLUDE columns are left out: they do not order or filter). */
  keyColumns: IndexKeyColumn[];
  unique: boolean;
  primary: boolean;
  /** The partial index predicate (`pg_get_expr(indpred)`), `null` for a full index. */
  predicate: string | null;
  valid: boolean;
  /** The constraint the index backs (primary key, unique), `null` for a plain index. */
  constraint: string | null;
  /** `pg_get_indexdef`: the full `CREATE INDEX` statement. */
  definition: string;
}

/**
 * Reads every index of `tables` from the catalog (schema `public`, or the first schema on the search path that
 * holds the table), in table then name order.
 */
export async function readTableIndexes(q: Queryable, tables: readonly string[]): Promise<IndexDescriptor[]> {
  const { rows } = await q.query<{
    name: string;
    table: string;
    method: string;
    key_count: number;
    unique: boolean;
    primary: boolean;
    predicate: string | null;
    valid: boolean;
    constraint_name: string | null;
    definition: string;
    expressions: string[];
    opclasses: (string | null)[];
    options: number[];
  }>(
    `SELECT ic.relname AS name, tc.relname AS "table", am.amname AS method, i.indnkeyatts::int AS key_count,
            i.indisunique AS unique, i.indisprimary AS primary, pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
            i.indisvalid AS valid, con.conname AS constraint_name, pg_get_indexdef(i.indexrelid) AS definition,
            ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k)
              AS expressions,
            ARRAY(SELECT oc.opcname::text FROM generate_series(1, i.indnkeyatts) AS k
                    LEFT JOIN pg_opclass oc ON oc.oid = (i.indclass::oid[])[k - 1] ORDER BY k) AS opclasses,
            ARRAY(SELECT (i.indoption::int2[])[k - 1]::int FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k)
              AS options
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_am am ON am.oid = ic.relam
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
      WHERE tc.oid IN (SELECT to_regclass(quote_ident(t)) FROM unnest($1::text[]) AS t)
      ORDER BY tc.relname, ic.relname`,
    [[...tables]],
  );
  return rows.map((r) => ({
    name: r.name,
    table: r.table,
    method: r.method,
    keyColumns: r.expressions.map((expression, k) => {
      const option = r.options[k] ?? 0;
      // indoption bits: 1 = DESC, 2 = NULLS FIRST (pg_index.h INDOPTION_DESC / INDOPTION_NULLS_FIRST).
      return {
        expression,
        opclass: r.opclasses[k] ?? null,
        descending: (option & 1) !== 0,
        nullsFirst: (option & 2) !== 0,
      };
    }),
    unique: r.unique,
    primary: r.primary,
    predicate: r.predicate,
    valid: r.valid,
    constraint: r.constraint_name,
    definition: r.definition,
  }));
}

/** `(a, b DESC)`: an index key as a person reads it. */
export function describeKey(columns: readonly IndexKeyColumn[]): string {
  return `(${columns
    .map(
      (c) =>
        `${c.expression}${c.descending ? ' DESC' : ''}${c.descending !== c.nullsFirst ? (c.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`,
    )
    .join(', ')})`;
}

/**
 * The existing indexes that cover `proposed`: valid, non-partial btree indexes on the same table whose key
 * columns start with exactly the proposed key columns (same expressions, same operator classes), in the same
 * directions or all reversed (a btree is scanned backwards as easily as forwards, so `create_date DESC` is
 * served by an index on `create_date`). Only a btree proposal can be covered this way; a partial proposal is
 * covered by a full index too (the full index serves every query the partial one does).
 *
 * The result is ordered: equal keys before prefixes, then primary key, unique constraints, other indexes, then
 * by name. `proposed` itself (same name) is never its own cover.
 */
export function findCoveringIndexes(
  proposed: IndexDescriptor,
  existing: readonly IndexDescriptor[],
): Coverage[] {
  if (proposed.method !== 'btree' || proposed.keyColumns.length === 0) return [];
  const covers: (Coverage & { rank: number })[] = [];
  for (const candidate of existing) {
    if (candidate.name === proposed.name || candidate.table !== proposed.table) continue;
    if (candidate.method !== 'btree' || !candidate.valid || candidate.predicate !== null) continue;
    if (candidate.keyColumns.length < proposed.keyColumns.length) continue;
    if (!keyPrefixMatches(proposed.keyColumns, candidate.keyColumns)) continue;
    const relation = candidate.keyColumns.length === proposed.keyColumns.length ? 'equal' : 'prefix';
    const kind = candidate.primary
      ? 'primary key'
      : candidate.constraint !== null
        ? `unique constraint ${candidate.constraint}`
        : candidate.unique
          ? 'unique index'
          : 'index';
    const rank =
      (relation === 'equal' ? 0 : 10) + (candidate.primary ? 0 : candidate.constraint !== null ? 1 : 2);
    covers.push({ index: candidate.name, key: describeKey(candidate.keyColumns), relation, kind, rank });
  }
  return covers
    .sort((a, b) => a.rank - b.rank || a.index.localeCompare(b.index))
    .map(({ rank: _rank, ...cover }) => cover);
}

function keyPrefixMatches(prefix: readonly IndexKeyColumn[], key: readonly IndexKeyColumn[]): boolean {
  let sameDirection = true;
  let reversed = true;
  for (const [i, p] of prefix.entries()) {
    const k = key[i];
    if (k === undefined || normaliseExpression(p.expression) !== normaliseExpression(k.expression))
      return false;
    if (p.opclass !== k.opclass) return false;
    if (p.descending !== k.descending || p.nullsFirst !== k.nullsFirst) sameDirection = false;
    if (p.descending === k.descending || p.nullsFirst === k.nullsFirst) reversed = false;
  }
  return sameDirection || reversed;
}

/** Blank space and a quoted simple identifier are the only spellings that differ for the same expression. */
function normaliseExpression(expression: string): string {
  return expression
    .replace(/\s+/g, ' ')
    .replace(/"([a-z_][a-z0-9_]*)"/g, '$1')
    .trim();
}
