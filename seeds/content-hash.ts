import { createHash } from 'node:crypto';
import type { Queryable } from '../src/queryable.ts';
import { SEEDED_TABLES, type SeededTable } from './seed-row.ts';

// The relation tables have no id: their primary key orders them.
const RELATION_KEYS: Partial<Record<SeededTable, string>> = {
  controlled_substance_sub_hs_code_rel: 't.substance_id, t.hs_code_id',
  document_extraction_activity_field_rel: 't.document_id, t.activity_field_id',
};

/** Row count and md5 of one table's rows in key order, as `contentHash` combines them. */
export interface TableDigest {
  table: string;
  rows: number;
  md5: string;
}

/**
 * The md5 of every seeded table's rows (their text form, `t::text`, in primary-key order), one query per
 * table. Relation tables have no `id`, so they are ordered by both columns.
 */
export async function tableDigests(q: Queryable): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const table of SEEDED_TABLES) {
    const order = RELATION_KEYS[table] ?? 't.id';
    // Table names come from the fixed SEEDED_TABLES list, never from input.
    const { rows } = await q.query<{ rows: string; md5: string | null }>(
      `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY ${order})) AS md5 FROM "${table}" AS t`,
    );
    const row = rows[0];
    digests.push({ table, rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' });
  }
  return digests;
}

/**
 * sha256 (hex) over every seeded table's row count and row digest: two databases seeded with the same
 * options compare equal, and any differing value in any row changes it. The row text follows the
 * session's output settings (DateStyle, extra_float_digits), so compare hashes taken with the defaults.
 */
export async function contentHash(q: Queryable): Promise<string> {
  const hash = createHash('sha256');
  for (const d of await tableDigests(q)) hash.update(`${d.table}\t${d.rows}\t${d.md5}\n`);
  return hash.digest('hex');
}
