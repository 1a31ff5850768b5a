import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { CopyLane } from './copy-lane.ts';
import { copyTextBatches } from './copy-batches.ts';
import { resolveDatasetOptions, type GenerateDatasetOptions } from './generate-dataset.ts';
import { MASTER_TABLES, RELATION_TABLES, SEEDED_TABLES, type SeededTable } from './seed-row.ts';
import { runLargestFirst } from './largest-first.ts';
import {
  openLaneClient,
  secondaryIndexes,
  seedingPrivileges,
  type IndexDefinition,
} from './seed-connections.ts';

export interface SeedDatabaseOptions extends GenerateDatasetOptions {
  /**
   * Empty the HFC tables first (`TRUNCATE ... RESTART IDENTITY CASCADE`). Without it, seeding refuses a
   * database that already holds rows in any seeded table.
   */
  reset?: boolean;
  /**
   * `parallel` (the default when the role may set `session_replication_role`, i.e. is a superuser): one
   * connection per large table, all loading at once. `single`: everything on `client`, in one transaction.
   */
  lanes?: 'parallel' | 'single';
  /**
   * Opens one more connection to the same database, for the parallel lanes. Default: a new `pg.Client` with
   * `client`'s own connection parameters.
   */
  connect?: () => Promise<pg.ClientBase & { end(): Promise<void> }>;
  /**
   * How many lanes rebuild their indexes and run `ANALYZE` at once, once every row is in. Default: this
   * machine's available parallelism. Decision: the seeder normally runs next to its server (the embedded
   * one, or a local one), so this machine's cores are the server's; on a larger remote server it is merely
   * conservative. More lanes than cores at once only share the cores and let the costliest lane end last.
   */
  finishWidth?: number;
}

/** Reported after every generated batch. */
export interface SeedProgress {
  table: SeededTable;
  /** Rows in this batch. */
  batchRows: number;
  /** Rows handed to `table` so far. */
  tableRows: number;
  /** Rows handed to every table so far. */
  rowsDone: number;
  /** `document_extraction` rows generated so far, out of `documentsTotal`. */
  documentsDone: number;
  documentsTotal: number;
  elapsedMs: number;
}

export interface SeedResult {
  /** Rows loaded per table, every seeded table listed (0 when none). */
  rowsByTable: Record<SeededTable, number>;
  totalRows: number;
  /** From the first statement to the last commit. */
  durationMs: number;
  /** Generating and streaming every row (until every COPY has finished). */
  loadMs: number;
  /** Rebuilding the secondary indexes, `ANALYZE`, committing. */
  finishMs: number;
  /** `totalRows` per second of `durationMs`. */
  rowsPerSecond: number;
  /** How the rows were loaded: connections used. */
  connections: number;
}

/** Seeding was refused because the database already holds HFC data (and `reset` was not given). */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

/**
 * Loads the deterministic dataset of `generate-dataset.ts` into a migrated database, fast:
 * - **COPY streamed with backpressure** (`copy-lane.ts`): the generator's batches are turned into COPY text
 *   and written to one long COPY per table; memory stays bounded by the batch size and the stream buffers.
 * - **Several connections**: with the default `parallel` lanes, the master tables share one connection and
 *   every other table gets its own, each in its own transaction, so the server parses and stores rows in
 *   several backends while this process generates the next ones. Foreign keys are not checked row by row
 *   (`SET LOCAL session_replication_role = replica`, which needs a superuser; the generator builds every
 *   reference from ids it has already written, and the tests check the invariants): a child row may reach
 *   the server before its parent commits on another connection.
 * - **Indexes built once**: each table's secondary indexes (those not backing a primary key or unique
 *   constraint) are dropped in the loading transaction and created again from their own definitions
 *   (`pg_get_indexdef`) after the rows are in, which is several times cheaper than maintaining them row by
 *   row; the catalog ends as it began. Tables no foreign key points to are truncated in that transaction and
 *   loaded with `COPY ... FREEZE`, so their rows need no later hint-bit writes (a template cloned from this
 *   database starts clean). The lanes rebuild their indexes and analyse their tables costliest first,
 *   `finishWidth` at a time (`largest-first.ts`), without parallel workers per build.
 * Then every id sequence is set past the largest id.
 *
 * Without a superuser (`lanes: 'single'` or a role that may not set `session_replication_role`), the same
 * steps run on `client` alone in one transaction, with the foreign keys checked as usual.
 *
 * Refuses (with `SeedRefusedError`) when any seeded table already has a row, unless `reset` is set, in which
 * case those tables are truncated first. Throws before touching the database on invalid options, and with a
 * message naming the missing tables when the schema is not migrated. If loading fails, nothing of it stays:
 * the lanes roll back, and should one of them have committed already, the seeded tables are emptied again.
 */
export async function seedDatabase(
  client: pg.ClientBase,
  options: SeedDatabaseOptions,
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedResult> {
  const resolved = resolveDatasetOptions(options);
  const finishWidth = options.finishWidth ?? availableParallelism();
  if (!Number.isInteger(finishWidth) || finishWidth < 1) {
    throw new RangeError(`finishWidth must be a whole number >= 1, got ${finishWidth}`);
  }
  const started = performance.now();
  await assertSchema(client);

  const tableList = SEEDED_TABLES.map((t) => `"${t}"`).join(', ');
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
  const privileges = await seedingPrivileges(client);
  const indexes = await secondaryIndexes(client, SEEDED_TABLES);
  const parallel = (options.lanes ?? 'parallel') === 'parallel' && privileges.superuser;

  const lanes = new Map<string, CopyLane>();
  const extraClients: (pg.ClientBase & { end(): Promise<void> })[] = [];
  const preparedTables = new Map<SeededTable, CopyLane>();
  const lanesInOrder: CopyLane[] = [];
  let committed = 0;

  const openLane = async (): Promise<CopyLane> => {
    let laneClient: pg.ClientBase = client;
    if (parallel) {
      const extra = await (options.connect ?? (() => openLaneClient(client)))();
      extraClients.push(extra);
      laneClient = extra;
    }
    await laneClient.query('BEGIN');
    await laneClient.query("SET LOCAL maintenance_work_mem = '128MB'");
    // The lanes are the parallelism of the index builds (finishWidth at a time), and the largest-first order
    // assumes one process per lane. Parallel workers per build would add up to two more on the same cores;
    // in four paired runs at 200 000 documents neither setting was consistently faster.
    await laneClient.query('SET LOCAL max_parallel_maintenance_workers = 0');
    if (privileges.superuser) await laneClient.query('SET LOCAL session_replication_role = replica');
    const lane = new CopyLane(laneClient);
    lanesInOrder.push(lane);
    return lane;
  };
  const laneFor = async (table: SeededTable): Promise<CopyLane> => {
    const prepared = preparedTables.get(table);
    if (prepared) return prepared;
    const key = !parallel ? 'single' : MASTER_TABLES.has(table) ? 'master' : table;
    let lane = lanes.get(key);
    if (lane === undefined) {
      lane = await openLane();
      lanes.set(key, lane);
    }
    // Prepare the table in the lane's transaction: no COPY may be open on the connection meanwhile.
    await lane.endCopy();
    if (!privileges.referencedTables.has(table)) {
      await lane.client.query(`TRUNCATE "${table}"`);
      lane.markTruncated(table);
    }
    for (const index of indexes.get(table) ?? []) await lane.client.query(`DROP INDEX ${index.name}`);
    preparedTables.set(table, lane);
    return lane;
  };

  const rowsByTable = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as Record<SeededTable, number>;
  let rowsDone = 0;
  let loaded = started;
  try {
    for (const batch of copyTextBatches(options)) {
      const lane = await laneFor(batch.table);
      await lane.write(batch.table, batch.columns, batch.data);
      rowsByTable[batch.table] += batch.rows;
      rowsDone += batch.rows;
      onProgress?.({
        table: batch.table,
        batchRows: batch.rows,
        tableRows: rowsByTable[batch.table],
        rowsDone,
        documentsDone: rowsByTable.document_extraction,
        documentsTotal: resolved.documents,
        elapsedMs: performance.now() - started,
      });
    }
    await Promise.all(lanesInOrder.map((lane) => lane.endCopy()));
    loaded = performance.now();
    // Each lane rebuilds its tables' indexes and analyses them, in its own transaction. The lanes' costs
    // differ several times over (document_extraction has ten indexes, a master table one or two), so they
    // run costliest first, a few at a time, not all at once (see runLargestFirst). At 200 000 documents this
    // phase took 3.99 to 4.62 s, against 4.62 to 5.56 s with every lane at once and two parallel workers per
    // build, lower in each of six alternating pairs.
    await runLargestFirst(
      lanesInOrder.map((lane) => {
        const tables = [...preparedTables].filter(([, owner]) => owner === lane).map(([table]) => table);
        return {
          cost: finishCost(tables, rowsByTable, indexes),
          run: async () => {
            for (const table of tables) {
              for (const index of indexes.get(table) ?? []) await lane.client.query(index.definition);
              await lane.client.query(`ANALYZE "${table}"`);
            }
          },
        };
      }),
      finishWidth,
    );
    for (const lane of lanesInOrder) {
      await lane.client.query('COMMIT');
      committed += 1;
    }
    // Tables that got no rows keep their state; analyse them too so every table has statistics.
    for (const table of SEEDED_TABLES) {
      if (!preparedTables.has(table)) await client.query(`ANALYZE "${table}"`);
      if (RELATION_TABLES.has(table)) continue;
      // is_called = false on an empty table, so the next id is 1.
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`,
        [`public.${table}`],
      );
    }
  } catch (error) {
    for (const lane of lanesInOrder.slice(committed)) {
      await lane.client.query('ROLLBACK').catch(() => undefined);
    }
    if (committed > 0)
      await client.query(`TRUNCATE ${tableList} RESTART IDENTITY CASCADE`).catch(() => undefined);
    throw error;
  } finally {
    await Promise.all(extraClients.map((c) => c.end().catch(() => undefined)));
  }
  const finished = performance.now();
  const totalRows = rowsDone;
  return {
    rowsByTable,
    totalRows,
    durationMs: finished - started,
    loadMs: loaded - started,
    finishMs: finished - loaded,
    rowsPerSecond: totalRows / Math.max(0.001, (finished - started) / 1000),
    connections: parallel ? extraClients.length : 1,
  };
}

/**
 * What a lane's finishing work costs, roughly: each index build and the `ANALYZE` read every row of its
 * table once, so rows times (indexes + 1). Only the order of the lanes depends on it.
 */
function finishCost(
  tables: readonly SeededTable[],
  rowsByTable: Readonly<Record<SeededTable, number>>,
  indexes: ReadonlyMap<SeededTable, readonly IndexDefinition[]>,
): number {
  return tables.reduce((sum, table) => sum + rowsByTable[table] * ((indexes.get(table)?.length ?? 0) + 1), 0);
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
