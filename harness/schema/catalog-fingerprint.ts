import type { Queryable } from '../../src/queryable.ts';
import { MIGRATIONS_TABLE } from './migrator.ts';
import { compareText } from '../core/compare-text.ts';

/** A table (ordinary or partitioned) of the schema. */
export interface TableFingerprint {
  name: string;
}

export interface ColumnFingerprint {
  table: string;
  name: string;
  /** `format_type` with the typmod, e.g. `character varying(12)`, `numeric`, `timestamp without time zone`. */
  type: string;
  notNull: boolean;
  /** The default expression as PostgreSQL prints it (`nextval('t_id_seq'::regclass)`), or `null`. */
  default: string | null;
}

export interface IndexFingerprint {
  name: string;
  table: string;
  /** `pg_get_indexdef`: the full `CREATE [UNIQUE] INDEX ... USING ...` statement. */
  definition: string;
  /** `indisvalid`: false after a failed `CREATE INDEX CONCURRENTLY`. */
  valid: boolean;
  /** `indisready`. */
  ready: boolean;
}

export type ConstraintType =
  | 'primary key'
  | 'foreign key'
  | 'unique'
  | 'check'
  | 'exclusion'
  | 'trigger'
  | 'other';

export interface ConstraintFingerprint {
  name: string;
  table: string;
  type: ConstraintType;
  /** `pg_get_constraintdef`, e.g. `FOREIGN KEY (organization_id) REFERENCES res_partner(id) ON DELETE RESTRICT`. */
  definition: string;
}

export interface SequenceFingerprint {
  name: string;
  /** `integer` for a serial column. */
  dataType: string;
  start: string;
  increment: string;
  /** `table.column` of the serial column that owns the sequence, or `null`. */
  ownedBy: string | null;
}

/**
 * A deterministic, JSON-serialisable description of one schema's structure: equal fingerprints mean the
 * same tables, columns, indexes, constraints and sequences. Every list is sorted by code point (table,
 * then name). The migrations bookkeeping table and everything that belongs to it are left out.
 * NOT NULL constraints that PostgreSQL 18 records in `pg_constraint` are left out too: `notNull` on the
 * column already says it, and leaving them out keeps fingerprints comparable across server versions.
 */
export interface CatalogFingerprint {
  schema: string;
  tables: TableFingerprint[];
  columns: ColumnFingerprint[];
  indexes: IndexFingerprint[];
  constraints: ConstraintFingerprint[];
  sequences: SequenceFingerprint[];
}

export interface CatalogFingerprintOptions {
  /** Tables to leave out (with their columns, indexes, constraints and owned sequences). Default: `pgmigrations`. */
  excludeTables?: readonly string[];
}

const CONSTRAINT_TYPES: Record<string, ConstraintType> = {
  p: 'primary key',
  f: 'foreign key',
  u: 'unique',
  c: 'check',
  x: 'exclusion',
  t: 'trigger',
};

/** Code-point comparison, independent of the server's and Node's locale. */

function byTableThenName<T extends { name: string; table?: string }>(a: T, b: T): number {
  return compareText(a.table ?? '', b.table ?? '') || compareText(a.name, b.name);
}

/** Reads the fingerprint of `schema` (default `public`). Read-only; five catalog queries. */
export async function catalogFingerprint(
  q: Queryable,
  schema = 'public',
  options: CatalogFingerprintOptions = {},
): Promise<CatalogFingerprint> {
  const excluded = [...(options.excludeTables ?? [MIGRATIONS_TABLE])];

  const tables = await q.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($2::text[]))`,
    [schema, excluded],
  );

  const columns = await q.query<{
    table: string;
    name: string;
    type: string;
    not_null: boolean;
    default: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($2::text[]))
        AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema, excluded],
  );

  const indexes = await q.query<{
    name: string;
    table: string;
    definition: string;
    valid: boolean;
    ready: boolean;
  }>(
    `SELECT ic.relname AS name, tc.relname AS table, pg_get_indexdef(i.indexrelid) AS definition,
            i.indisvalid AS valid, i.indisready AS ready
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE n.nspname = $1 AND NOT (tc.relname = ANY($2::text[]))`,
    [schema, excluded],
  );

  const constraints = await q.query<{ name: string; table: string; contype: string; definition: string }>(
    `SELECT con.conname AS name, tc.relname AS table, con.contype::text AS contype,
            pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class tc ON tc.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE n.nspname = $1 AND con.contype <> 'n' AND NOT (tc.relname = ANY($2::text[]))`,
    [schema, excluded],
  );

  // A serial column's sequence depends on its table with deptype 'a' (auto): that gives "owned by".
  const sequences = await q.query<{
    name: string;
    data_type: string;
    start: string;
    increment: string;
    owner_table: string | null;
    owner_column: string | null;
  }>(
    `SELECT sc.relname AS name, format_type(s.seqtypid, NULL) AS data_type,
            s.seqstart::text AS start, s.seqincrement::text AS increment,
            owner.relname AS owner_table, oa.attname AS owner_column
       FROM pg_sequence s
       JOIN pg_class sc ON sc.oid = s.seqrelid
       JOIN pg_namespace n ON n.oid = sc.relnamespace
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid
                            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class owner ON owner.oid = d.refobjid
       LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
      WHERE n.nspname = $1 AND (owner.relname IS NULL OR NOT (owner.relname = ANY($2::text[])))`,
    [schema, excluded],
  );

  return {
    schema,
    tables: tables.rows.map((r) => ({ name: r.name })).sort(byTableThenName),
    columns: columns.rows
      .map((r) => ({ table: r.table, name: r.name, type: r.type, notNull: r.not_null, default: r.default }))
      .sort(byTableThenName),
    indexes: indexes.rows
      .map((r) => ({
        name: r.name,
        table: r.table,
        definition: r.definition,
        valid: r.valid,
        ready: r.ready,
      }))
      .sort(byTableThenName),
    constraints: constraints.rows
      .map((r) => ({
        name: r.name,
        table: r.table,
        type: CONSTRAINT_TYPES[r.contype] ?? 'other',
        definition: r.definition,
      }))
      .sort(byTableThenName),
    sequences: sequences.rows
      .map((r) => ({
        name: r.name,
        dataType: r.data_type,
        start: r.start,
        increment: r.increment,
        ownedBy: r.owner_table === null ? null : `${r.owner_table}.${r.owner_column ?? ''}`,
      }))
      .sort(byTableThenName),
  };
}

/** True when the fingerprint describes no object at all (every list empty). */
export function isEmptyCatalog(fingerprint: CatalogFingerprint): boolean {
  return (
    fingerprint.tables.length === 0 &&
    fingerprint.columns.length === 0 &&
    fingerprint.indexes.length === 0 &&
    fingerprint.constraints.length === 0 &&
    fingerprint.sequences.length === 0
  );
}

export type CatalogObjectKind = 'table' | 'column' | 'index' | 'constraint' | 'sequence';

/** One difference between two fingerprints, `a` being "before" and `b` "after". */
export interface CatalogDifference {
  change: 'added' | 'removed' | 'changed';
  kind: CatalogObjectKind;
  /** `table`, `table.column`, `index`, `table.constraint` or `sequence`. */
  name: string;
  /** For `changed`: the fields that differ, with both values. */
  fields?: { field: string; before: unknown; after: unknown }[];
  /** One readable line, e.g. `changed index doc__year_index: valid false -> true`. */
  message: string;
}

function showValue(value: unknown): string {
  return JSON.stringify(value);
}

function diffList<T extends object>(
  kind: CatalogObjectKind,
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
): CatalogDifference[] {
  const beforeByKey = new Map(before.map((item) => [keyOf(item), item]));
  const afterByKey = new Map(after.map((item) => [keyOf(item), item]));
  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort(compareText);
  const differences: CatalogDifference[] = [];
  for (const key of keys) {
    const a = beforeByKey.get(key);
    const b = afterByKey.get(key);
    if (a === undefined) {
      differences.push({
        change: 'added',
        kind,
        name: key,
        message: `added ${kind} ${key}: ${showValue(b)}`,
      });
    } else if (b === undefined) {
      differences.push({
        change: 'removed',
        kind,
        name: key,
        message: `removed ${kind} ${key}: ${showValue(a)}`,
      });
    } else {
      const fieldNames = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText);
      const fields = fieldNames
        .map((field) => ({
          field,
          before: (a as Record<string, unknown>)[field],
          after: (b as Record<string, unknown>)[field],
        }))
        .filter((f) => showValue(f.before) !== showValue(f.after));
      if (fields.length > 0) {
        const detail = fields
          .map((f) => `${f.field} ${showValue(f.before)} -> ${showValue(f.after)}`)
          .join('; ');
        differences.push({
          change: 'changed',
          kind,
          name: key,
          fields,
          message: `changed ${kind} ${key}: ${detail}`,
        });
      }
    }
  }
  return differences;
}

/**
 * Every difference between two fingerprints (`a` before, `b` after), grouped by kind (tables, columns,
 * indexes, constraints, sequences) and sorted by name; `[]` when they describe the same schema.
 * The schema name itself is not compared, so two schemas can be checked against each other.
 */
export function diffCatalogFingerprints(a: CatalogFingerprint, b: CatalogFingerprint): CatalogDifference[] {
  return [
    ...diffList('table', a.tables, b.tables, (t) => t.name),
    ...diffList('column', a.columns, b.columns, (c) => `${c.table}.${c.name}`),
    // Index names are unique in a schema; constraint names only within their table.
    ...diffList('index', a.indexes, b.indexes, (i) => i.name),
    ...diffList('constraint', a.constraints, b.constraints, (c) => `${c.table}.${c.name}`),
    ...diffList('sequence', a.sequences, b.sequences, (s) => s.name),
  ];
}

/** An index left unusable, typically by a failed or interrupted `CREATE INDEX CONCURRENTLY`. */
export interface InvalidIndex {
  schema: string;
  name: string;
  table: string;
  definition: string;
}

/**
 * Indexes with `indisvalid = false` in `schema` (default `public`), sorted by table then name. Such an
 * index is still maintained on writes but never used by the planner; it must be dropped and rebuilt.
 */
export async function invalidIndexes(q: Queryable, schema = 'public'): Promise<InvalidIndex[]> {
  const { rows } = await q.query<{ name: string; table: string; definition: string }>(
    `SELECT ic.relname AS name, tc.relname AS table, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE n.nspname = $1 AND NOT i.indisvalid`,
    [schema],
  );
  return rows.map((r) => ({ schema, ...r })).sort(byTableThenName);
}
