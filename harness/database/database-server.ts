import { connect } from './connect.ts';
import { markEmbeddedServer } from './connection-errors.ts';
import { redactUrl, validateDatabaseUrl } from './database-url.ts';
import { UsageError } from '../core/usage-error.ts';
import { startEmbeddedServer } from './embedded-server.ts';
import { reapOrphanDatabases } from './orphan-databases.ts';

/** The PostgreSQL server a run works on. */
export interface DatabaseServer {
  kind: 'embedded' | 'external';
  /** Admin URL with credentials: never print it; use `redactedUrl`. */
  url: string;
  redactedUrl: string;
  /** `server_version` as the server reports it, e.g. `15.19 (Debian 15.19-0+deb12u1)`. */
  version: string;
  /** `server_version_num`, e.g. 150019. */
  versionNum: number;
  /**
   * Whether databases created here outlive the run: true for an external server and for the embedded one's
   * persistent cluster; false for a temporary embedded cluster (the persistent one was in use).
   */
  keepsTemplates: boolean;
  /** Stops the embedded server (no-op for an external one). Idempotent. */
  close(): Promise<void>;
}

export { CONNECT_TIMEOUT_MS, connect } from './connect.ts';

/** The URL the user asked for: `--database-url` first, then `DATABASE_URL`, else `undefined` (embedded). */
export function requestedDatabaseUrl(flag: string | undefined): string | undefined {
  const url = flag ?? (process.env.DATABASE_URL || undefined);
  if (url === undefined) return undefined;
  const problem = validateDatabaseUrl(url);
  if (problem) throw new UsageError(`--database-url / DATABASE_URL: ${problem}`);
  return url;
}

/**
 * Resolves the target server: the given URL when there is one, otherwise the embedded PostgreSQL (started
 * here, stopped by `close()`, also on Ctrl-C/SIGTERM). Checks that the server answers, and drops the
 * throwaway databases that dead runs left there (saying so) before returning.
 */
export async function openDatabaseServer(
  options: {
    databaseUrl?: string | undefined;
    onProgress?: (message: string) => void;
    /** `false`: a temporary embedded cluster instead of the persistent one of the cache folder. */
    persistent?: boolean;
  } = {},
): Promise<DatabaseServer> {
  const say = (line: string) =>
    options.onProgress ? options.onProgress(line) : void process.stderr.write(`hfc-bench: ${line}\n`);
  if (options.databaseUrl !== undefined) {
    const url = options.databaseUrl;
    const { version, versionNum } = await readVersion(url);
    for (const line of await reapOrphanDatabases(url)) say(line);
    return {
      kind: 'external',
      url,
      redactedUrl: redactUrl(url),
      version,
      versionNum,
      keepsTemplates: true,
      close: () => Promise.resolve(),
    };
  }
  options.onProgress?.('starting the embedded PostgreSQL...');
  const embedded = await startEmbeddedServer({
    onLog: say,
    ...(options.persistent === undefined ? {} : { persistent: options.persistent }),
  });
  markEmbeddedServer(embedded.url);
  try {
    const { version, versionNum } = await readVersion(embedded.url);
    for (const line of await reapOrphanDatabases(embedded.url)) say(line);
    return {
      kind: 'embedded',
      url: embedded.url,
      redactedUrl: redactUrl(embedded.url),
      version,
      versionNum,
      keepsTemplates: embedded.persistent,
      close: () => embedded.stop(),
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

async function readVersion(url: string): Promise<{ version: string; versionNum: number }> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ server_version: string; server_version_num: string }>(
      "SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num",
    );
    const row = rows[0]!;
    return { version: row.server_version, versionNum: Number(row.server_version_num) };
  } finally {
    await client.end();
  }
}

/** Runs `fn` with a server, closing it afterwards whatever happens. */
export async function withDatabaseServer<T>(
  options: Parameters<typeof openDatabaseServer>[0],
  fn: (server: DatabaseServer) => Promise<T>,
): Promise<T> {
  const server = await openDatabaseServer(options);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}
