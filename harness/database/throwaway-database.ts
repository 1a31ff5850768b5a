import { randomBytes } from 'node:crypto';
import { onCleanup, throwIfInterrupted } from './cleanup-registry.ts';
import { explainConnectionError, isEmbeddedServer } from './connection-errors.ts';
import { connect } from './connect.ts';
import { withDatabaseName } from './database-url.ts';
import { ownerComment } from './process-owner.ts';

/** Prefix of every database the harness creates; nothing else is ever dropped. */
export const THROWAWAY_PREFIX = 'hfcb_';

/** Prefix of template databases (a deliberate cache of seeded data): never reaped as leftovers. */
export const TEMPLATE_PREFIX = 'hfcb_tpl_';

/** A database this run created and will drop. */
export interface ThrowawayDatabase {
  name: string;
  /** URL of the new database (credentials included: never print it). */
  url: string;
  /** `LC_CTYPE` the database got: `C.UTF-8` normally, `C` when the server lacks that locale. */
  ctype: string;
  /** Drops the database (terminating its connections), unless it is kept. Idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates a database as Odoo does (`TEMPLATE template0`, UTF8, `LC_COLLATE 'C'`, so text sorts in code-point
 * order), with `LC_CTYPE 'C.UTF-8'`: character classes and case mapping for all of Unicode, so `ILIKE`
 * folds the case of Vietnamese letters ('đ' matches 'Đ') as a production database with a UTF-8 ctype does.
 * Where the server has no `C.UTF-8` locale, it falls back to `C` (ASCII-only case folding) and says so in
 * `ctype`.
 *
 * The database is dropped by `drop()`, and on Ctrl-C/SIGTERM, unless `keep` is set. Its COMMENT names the
 * owning process (pid, start time, host), so that a later run drops it if this one is killed with kill -9
 * (see `reapOrphanDatabases`). No database is created once the run is interrupted.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  options: {
    label: string;
    keep?: boolean;
    /**
     * Clone this database (`CREATE DATABASE ... TEMPLATE`, a file-level copy with its encoding and locale)
     * instead of creating an empty one: how seeded template databases are reused.
     */
    template?: string;
  },
): Promise<ThrowawayDatabase> {
  throwIfInterrupted();
  const label = options.label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  const name = `${THROWAWAY_PREFIX}${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let ctype = 'C.UTF-8';
  const create = async () => {
    const admin = await connect(serverUrl, 'connect to create a throwaway database');
    try {
      try {
        if (options.template !== undefined) {
          // FILE_COPY copies the template's files and checkpoints; the default (WAL_LOG, PostgreSQL 15+)
          // writes every page through the WAL. On the embedded server (fsync off, so checkpoints are cheap)
          // FILE_COPY was faster in every paired test, 1.2 to 5 times, from 13 MiB to 470 MiB templates. On a server the user
          // named, the default stays: its checkpoints would cost everyone on it.
          const strategy = isEmbeddedServer(serverUrl) ? ' STRATEGY FILE_COPY' : '';
          await admin.query(
            `CREATE DATABASE "${name}" TEMPLATE "${options.template.replace(/"/g, '""')}"${strategy}`,
          );
          const { rows } = await admin.query<{ ctype: string }>(
            'SELECT datctype AS ctype FROM pg_database WHERE datname = $1',
            [name],
          );
          ctype = rows[0]?.ctype ?? ctype;
        } else {
          await admin.query(
            `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`,
          );
        }
      } catch (error) {
        // 22023: invalid_parameter_value, what PostgreSQL raises for a locale the OS does not have.
        if ((error as { code?: string }).code !== '22023') throw error;
        ctype = 'C';
        await admin.query(
          `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
        );
      }
      // A kept database is the user's: no owner, so that no later run reaps it.
      if (!options.keep) {
        await admin.query(`COMMENT ON DATABASE "${name}" IS '${ownerComment().replace(/'/g, "''")}'`);
      }
    } catch (error) {
      throw explainConnectionError(error, serverUrl, `create the throwaway database ${name}`);
    } finally {
      await admin.end();
    }
  };

  let dropping: Promise<void> | null = null;
  // Registered before the CREATE is sent, so that Ctrl-C at any moment drops the database: the cleanup first
  // waits for a CREATE in flight to finish (or fail), then drops what exists. It stays registered until the
  // drop is done, so that a Ctrl-C during a normal drop waits for it instead of exiting under it.
  const creating = create();
  const drop = (): Promise<void> => {
    if (options.keep) return Promise.resolve();
    dropping ??= (async () => {
      await creating.catch(() => undefined);
      await dropDatabase(serverUrl, name);
    })().finally(() => unregister());
    return dropping;
  };
  // A kept database is the user's to drop, on Ctrl-C too.
  const unregister = options.keep ? () => undefined : onCleanup(drop);
  try {
    await creating;
  } catch (error) {
    unregister();
    throw error;
  }
  return { name, url: withDatabaseName(serverUrl, name), ctype, drop };
}

/** Drops a harness-created database, closing other sessions on it. Refuses any other name. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!name.startsWith(THROWAWAY_PREFIX)) {
    throw new Error(
      `refusing to drop "${name}": hfc-bench only drops databases it created (${THROWAWAY_PREFIX}*)`,
    );
  }
  let admin;
  try {
    admin = await connect(serverUrl, `connect to drop ${name}`, { cleanup: true });
  } catch (error) {
    // 57P03: the server is shutting down (the embedded one on Ctrl-C): its databases go with its files.
    if ((error as { code?: string }).code === '57P03') return;
    throw error;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs `fn` in a new throwaway database and drops it afterwards, also when `fn` fails. */
export async function withThrowawayDatabase<T>(
  serverUrl: string,
  options: { label: string; keep?: boolean; template?: string },
  fn: (db: ThrowawayDatabase) => Promise<T>,
): Promise<T> {
  const db = await createThrowawayDatabase(serverUrl, options);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}
