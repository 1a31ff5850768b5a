import { fileURLToPath } from 'node:url';
import { PG_MIGRATE_LOCK_ID, runner, type RunnerOption } from 'node-pg-migrate';
import type pg from 'pg';
import { connect } from '../database/database-server.ts';
import { redactText, redactUrl } from '../database/database-url.ts';
import type { Queryable } from '../../src/queryable.ts';

/** Absolute path of the `migrations/` folder (the HFC schema, then the index proposal). */
export const MIGRATIONS_DIR: string = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * The bookkeeping table node-pg-migrate keeps in `public` (its default name, kept so that the usual
 * `node-pg-migrate` CLI would see the same state). Catalog fingerprints leave it out.
 */
export const MIGRATIONS_TABLE = 'pgmigrations';

/**
 * Files in the migrations folder that are not migrations: dotfiles, tests, type declarations, notes.
 * node-pg-migrate anchors the pattern (`^...$`) and tests it against the bare file name.
 */
const IGNORE_PATTERN = String.raw`(?:\..*|.*\.test\.[cm]?[jt]s|.*\.d\.[cm]?ts|.*\.md)`;

export type MigrationDirection = 'up' | 'down';

export interface MigrateOptions {
  /** Connection string of the target database. Give this or `dbClient`. */
  databaseUrl?: string;
  /** An already connected client (left open: the caller owns it). Give this or `databaseUrl`. */
  dbClient?: pg.ClientBase;
  direction: MigrationDirection;
  /**
   * How many migrations to apply or revert. Default: all of them, **in both directions** (so `down`
   * without `count` removes the whole schema, unlike node-pg-migrate's own default of 1).
   */
  count?: number;
  /** Receives node-pg-migrate's progress messages (passwords redacted). Without it the run is silent. */
  log?: (message: string) => void;
  /** The folder to read migrations from. Default: {@link MIGRATIONS_DIR}. */
  dir?: string;
}

/** One migration that was applied (`up`) or reverted (`down`). */
export interface MigrationRun {
  /** File name without extension, e.g. `1700000000000_hfc-schema`: the name stored in `pgmigrations`. */
  name: string;
  /** Absolute path of the migration file. */
  path: string;
  direction: MigrationDirection;
}

/** The migration node-pg-migrate announces just before it runs it ("### MIGRATION <name> (UP) ###"). */
const STARTING_MIGRATION = /^### MIGRATION (.+) \((UP|DOWN)\) ###$/;

/**
 * Moves the schema with node-pg-migrate's runner. Each migration runs in its own transaction (or none,
 * when it calls `pgm.noTransaction()`, as `CREATE INDEX CONCURRENTLY` needs), so a failure keeps the
 * migrations before it. Returns the migrations that ran, in the order they ran; `[]` when there was
 * nothing to do.
 *
 * @throws Error naming the migration that failed (or the stage, when none had started), the direction
 *   and the redacted database; the driver's error (with PostgreSQL `code`, `detail`, `hint`) is the `cause`.
 */
export async function migrate(options: MigrateOptions): Promise<MigrationRun[]> {
  const { direction } = options;
  const count = options.count ?? Number.POSITIVE_INFINITY;
  if (!(count === Number.POSITIVE_INFINITY || (Number.isInteger(count) && count > 0))) {
    throw new RangeError(`migrate: count must be a positive integer or Infinity, got ${String(count)}`);
  }
  if ((options.databaseUrl === undefined) === (options.dbClient === undefined)) {
    throw new TypeError('migrate: pass exactly one of databaseUrl or dbClient');
  }
  const url = options.databaseUrl;
  const where = url === undefined ? 'the given client' : redactUrl(url);
  const redact = (text: string): string => (url === undefined ? text : redactText(text, url));

  let current: string | undefined;
  const forward = (message: string): void => {
    const started = STARTING_MIGRATION.exec(message.trim());
    if (started) current = started[1];
    options.log?.(redact(message));
  };
  const logger = { debug: undefined, info: forward, warn: forward, error: forward };

  // Connecting ourselves gives the harness's explained connection errors and its timeout.
  const ownClient = url === undefined ? undefined : await connect(url, 'migrate');
  const dbClient = options.dbClient ?? ownClient;
  if (dbClient === undefined) throw new TypeError('migrate: no database client');

  const runnerOptions: RunnerOption = {
    dbClient,
    dir: options.dir ?? MIGRATIONS_DIR,
    ignorePattern: IGNORE_PATTERN,
    migrationsTable: MIGRATIONS_TABLE,
    direction,
    count,
    singleTransaction: false,
    logger,
  };
  try {
    const ran = await runner(runnerOptions);
    return ran.map((m) => ({ name: m.name, path: m.path, direction }));
  } catch (error) {
    if (ownClient === undefined) await restoreClient(dbClient);
    const reason = redact(error instanceof Error ? error.message : String(error));
    const subject = current === undefined ? `Migrating ${direction}` : `Migration ${current} (${direction})`;
    throw new Error(`${subject} failed on ${where}: ${reason}`, { cause: error });
  } finally {
    await ownClient?.end().catch(() => undefined);
  }
}

/**
 * Leaves a caller's client usable after a failed run. With one transaction per migration, node-pg-migrate
 * sends `BEGIN`, the failing statement, and never `ROLLBACK`: the session stays in an aborted transaction,
 * so the runner's own advisory-lock release fails too and the lock stays held by the session.
 */
async function restoreClient(client: pg.ClientBase): Promise<void> {
  await client.query('ROLLBACK').catch(() => undefined);
  // Session advisory locks stack; release every hold of node-pg-migrate's key (it is used by nothing else).
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const released = await client
      .query<{ released: boolean }>('SELECT pg_advisory_unlock($1::bigint) AS released', [
        String(PG_MIGRATE_LOCK_ID),
      ])
      .then((r) => r.rows[0]?.released === true)
      .catch(() => false);
    if (!released) break;
  }
}

/**
 * Names of the migrations recorded as applied, oldest first; `[]` when the bookkeeping table does not
 * exist yet (a database never migrated).
 */
export async function appliedMigrations(q: Queryable): Promise<string[]> {
  const { rows: exists } = await q.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [
    `public.${MIGRATIONS_TABLE}`,
  ]);
  if (!exists[0]?.found) return [];
  const { rows } = await q.query<{ name: string }>(
    `SELECT name FROM public.${MIGRATIONS_TABLE} ORDER BY run_on, id`,
  );
  return rows.map((r) => r.name);
}
