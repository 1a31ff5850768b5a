import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextLine } from './copy-text.ts';
import { generateDataset, resolveDatasetOptions, type GenerateDatasetOptions } from './generate-dataset.ts';
import { RELATION_TABLES, SEEDED_TABLES, type SeededTable, type TableBatch } from './seed-row.ts';

export interface SeedDatabaseOptions extends GenerateDatasetOptions {
  /**
   * Empty the HFC tables first (`TRUNCATE ... RESTART IDENTITY CASCADE`). Without it, seeding refuses a
   * database that already holds rows in any seeded table.
   */
  reset?: boolean;
}

/** Reported after every COPY batch. */
export interface SeedProgress {
  table: SeededTable;
  /** Rows in this batch. */
  batchRows: number;
  /** Rows loaded into `table` so far. */
  tableRows: number;
  /** `document_extraction` rows loaded so far, out of `documentsTotal`. */
  documentsDone: number;
  documentsTotal: number;
  elapsedMs: number;
}

export interface SeedResult {
  /** Rows loaded per table, every seeded table listed (0 when none). */
  rowsByTable: Record<SeededTable, number>;
  totalRows: number;
  /** From the first statement to the end of `ANALYZE`. */
  durationMs: number;
  /** Time spent before `ANALYZE`: generating and loading. */
  loadMs: number;
  analyzeMs: number;
}

/** Seeding was refused because the database already holds HFC data (and `reset` was not given). */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

/** Rows per string handed to the COPY stream: large enough to keep the number of writes small. */
const LINES_PER_CHUNK = 2000;

/**
 * Loads the deterministic dataset of `generate-dataset.ts` into a migrated database: one `COPY ... FROM
 * STDIN` (text format) per generated batch, all in one transaction, then every id sequence set past the
 * largest id, then `ANALYZE` of the seeded tables. Memory stays bounded: batches are streamed as the
 * generator yields them.
 *
 * Refuses (with `SeedRefusedError`) when any seeded table already has a row, unless `reset` is set, in
 * which case those tables are truncated first, in the same transaction. Throws before touching the database
 * on invalid options, and with a message naming the missing tables when the schema is not migrated.
 */
export async function seedDatabase(
  client: pg.ClientBase,
  options: SeedDatabaseOptions,
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedResult> {
  const resolved = resolveDatasetOptions(options);
  const started = performance.now();
  await assertSchema(client);

  const rowsByTable = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as Record<SeededTable, number>;
  const tableList = SEEDED_TABLES.map((t) => `"${t}"`).join(', ');
  await client.query('BEGIN');
  try {
    if (options.reset) {
      await client.query(`TRUNCATE ${tableList} RESTART IDENTITY CASCADE`);
    } else {
      const occupied = await occupiedTables(client);
      if (occupied.length > 0) {
        throw new SeedRefusedError(
          `refusing to seed: the database already holds HFC data (rows in ${occupied.join(', ')}). ` +
            'Seed an empty, freshly migrated database, or pass reset (--reset) to truncate the HFC tables first.',
        );
      }
    }
    for (const batch of generateDataset(options)) {
      await copyBatch(client, batch);
      rowsByTable[batch.table] += batch.rows.length;
      onProgress?.({
        table: batch.table,
        batchRows: batch.rows.length,
        tableRows: rowsByTable[batch.table],
        documentsDone: rowsByTable.document_extraction,
        documentsTotal: resolved.documents,
        elapsedMs: performance.now() - started,
      });
    }
    for (const table of SEEDED_TABLES) {
      if (RELATION_TABLES.has(table)) continue;
      // is_called = false on an empty table, so the next id is 1.
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`,
        [`public.${table}`],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const loaded = performance.now();
  for (const table of SEEDED_TABLES) await client.query(`ANALYZE "${table}"`);
  const finished = performance.now();
  return {
    rowsByTable,
    totalRows: Object.values(rowsByTable).reduce((a, b) => a + b, 0),
    durationMs: finished - started,
    loadMs: loaded - started,
    analyzeMs: finished - loaded,
  };
}

/** Whether every seeded table exists in `public` (the schema migration has run). */
export async function missingSeedTables(client: pg.ClientBase): Promise<SeededTable[]> {
  const { rows } = await client.query<{ table: SeededTable }>(
    `SELECT t AS table FROM unnest($1::text[]) AS t WHERE to_regclass('public.' || quote_ident(t)) IS NULL`,
    [SEEDED_TABLES],
  );
  return rows.map((r) => r.table);
}

async function assertSchema(client: pg.ClientBase): Promise<void> {
  const missing = await missingSeedTables(client);
  if (missing.length > 0) {
    throw new Error(
      `cannot seed: the HFC schema is missing (no table ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}). ` +
        'Run the migrations first (hfc-bench migrate up).',
    );
  }
}

async function occupiedTables(client: pg.ClientBase): Promise<SeededTable[]> {
  const probes = SEEDED_TABLES.map((t) => `SELECT '${t}' AS table WHERE EXISTS (SELECT 1 FROM "${t}")`);
  const { rows } = await client.query<{ table: SeededTable }>(probes.join(' UNION ALL '));
  return rows.map((r) => r.table);
}

async function copyBatch(client: pg.ClientBase, batch: TableBatch): Promise<void> {
  const columns = batch.columns.map((c) => `"${c}"`).join(', ');
  const sql = `COPY "${batch.table}" (${columns}) FROM STDIN`;
  try {
    await pipeline(Readable.from(copyChunks(batch)), client.query(copyFrom(sql)));
  } catch (error) {
    const first = batch.rows[0]?.[0];
    throw new Error(
      `seeding failed while loading ${batch.rows.length} rows into ${batch.table} (first row key ${JSON.stringify(first)}): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function* copyChunks(batch: TableBatch): Generator<string> {
  const width = batch.columns.length;
  let lines: string[] = [];
  for (const row of batch.rows) {
    if (row.length !== width) {
      throw new Error(
        `generated row for ${batch.table} has ${row.length} values for ${width} columns (generator bug; key ${JSON.stringify(row[0])})`,
      );
    }
    lines.push(copyTextLine(row));
    if (lines.length >= LINES_PER_CHUNK) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}
