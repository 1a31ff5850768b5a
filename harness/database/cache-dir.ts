import { homedir } from 'node:os';
import { join } from 'node:path';
import { isRoot } from './server-user.ts';

/** Where root's cache goes when its home folder is private (see {@link embeddedCacheDir}). */
export const ROOT_SYSTEM_CACHE_DIR = '/var/cache/hfc-bench';

/**
 * The harness's cache folder, which holds the persistent embedded cluster (its template databases survive
 * between runs; its server never does), and, when the server must run as another user, a copy of the
 * PostgreSQL binaries that user can reach.
 *
 * `$HFC_BENCH_CACHE_DIR`, else `$XDG_CACHE_HOME/hfc-bench`, else `~/.cache/hfc-bench`. Decision: as root, unless
 * `HFC_BENCH_CACHE_DIR` is set, `/var/cache/hfc-bench` instead (root's system cache), because root's home is private (mode 0700) and
 * the server runs as the `postgres` user, who could not enter it. `explicit` says whether the user chose
 * the folder (then a folder the server user cannot reach is an error that names it, never a silent move).
 */
export function embeddedCacheDir(env: NodeJS.ProcessEnv = process.env): { dir: string; explicit: boolean } {
  if (env.HFC_BENCH_CACHE_DIR) return { dir: env.HFC_BENCH_CACHE_DIR, explicit: true };
  if (env.XDG_CACHE_HOME && !isRoot()) return { dir: join(env.XDG_CACHE_HOME, 'hfc-bench'), explicit: false };
  if (isRoot()) return { dir: ROOT_SYSTEM_CACHE_DIR, explicit: false };
  return { dir: join(homedir(), '.cache', 'hfc-bench'), explicit: false };
}
