import pg from 'pg';
import type { SeededTable } from './seed-row.ts';

/** A secondary index as `pg_get_indexdef` gives it: dropped before loading, created again after. */
export interface IndexDefinition {
  /** Schema-qualified, quoted where needed (`regclass` text). */
  name: string;
  /** The `CREATE INDEX ...` statement that recreates it exactly. */
  definition: string;
}

/** What the seeder may do on this connection. */
export interface SeedingPrivileges {
  /** A superuser may set `session_replication_role` (no per-row foreign key checks while loading). */
  superuser: boolean;
  /** Tables some foreign key points to: they cannot be truncated on their own, so they get no FREEZE. */
  referencedTables: ReadonlySet<string>;
}

export async function seedingPrivileges(client: pg.ClientBase): Promise<SeedingPrivileges> {
  const { rows } = await client.query<{ superuser: boolean; referenced: string[] }>(
    `SELECT current_setting('is_superuser') = 'on' AS superuser,
            ARRAY(SELECT DISTINCT c.relname::text FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid
                   WHERE k.contype = 'f') AS referenced`,
  );
  const row = rows[0];
  return { superuser: row?.superuser ?? false, referencedTables: new Set(row?.referenced ?? []) };
}

/**
 * The secondary indexes of each table in `public`: every index that does not back a primary key, unique or
 * exclusion constraint (those stay: dropping them would drop the constraint).
 */
export async function secondaryIndexes(
  client: pg.ClientBase,
  tables: readonly SeededTable[],
): Promise<Map<SeededTable, IndexDefinition[]>> {
  const { rows } = await client.query<{ table: SeededTable; name: string; definition: string }>(
    `SELECT c.relname AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                         WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY c.relname, i.indexrelid`,
    [tables],
  );
  const byTable = new Map<SeededTable, IndexDefinition[]>();
  for (const row of rows) {
    const list = byTable.get(row.table) ?? [];
    list.push({ name: row.name, definition: row.definition });
    byTable.set(row.table, list);
  }
  return byTable;
}

interface ConnectionParameters {
  user?: string;
  password?: string | (() => string | Promise<string>);
  host?: string;
  port?: number;
  database?: string;
}

/**
 * One more connection to the database `client` is connected to, with the same parameters (`pg.Client` keeps
 * them as `connectionParameters`). Throws when `client` does not expose them; pass `connect` then.
 */
export async function openLaneClient(client: pg.ClientBase): Promise<pg.Client> {
  const params = (client as unknown as { connectionParameters?: ConnectionParameters }).connectionParameters;
  if (params === undefined) {
    throw new Error('seedDatabase: cannot open parallel connections from this client; pass options.connect');
  }
  const lane = new pg.Client({
    user: params.user,
    password: params.password,
    host: params.host,
    port: params.port,
    database: params.database,
  });
  lane.on('error', () => undefined);
  await lane.connect();
  return lane;
}
