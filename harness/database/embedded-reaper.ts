import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOwnerAlive, parseOwnerTag } from './process-owner.ts';
import { runningPostmaster, stopPostmaster } from './postmaster-process.ts';

/** Names of what a run creates in the cache folder, each carrying its owner's `pid.startTicks` tag. */
const OWNED_ENTRY =
  /^(?:tmp-cluster-(\d+\.\d+)-[0-9a-f]+|cluster-pg\d+\.init-(\d+\.\d+)(?:\.initdb\.log)?|postgres-.+\.copy-(\d+\.\d+)-[0-9a-f]+)$/;

/**
 * Removes what dead runs (kill -9, a crash) left in the cache folder: temporary clusters (stopping their
 * orphan server first, through its `postmaster.pid`), half-initialised clusters, unfinished binary copies.
 * Entries whose owner still runs (a parallel run) are never touched; the persistent cluster's lock is
 * reclaimed separately. Returns one line per removal, to be printed.
 */
export async function reapEmbeddedLeftovers(cacheDir: string): Promise<string[]> {
  const said: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(cacheDir);
  } catch {
    return said;
  }
  for (const name of entries) {
    const match = OWNED_ENTRY.exec(name);
    if (!match) continue;
    const owner = parseOwnerTag(match[1] ?? match[2] ?? match[3]!);
    if (owner === null || isOwnerAlive(owner)) continue;
    const path = join(cacheDir, name);
    const orphan = name.startsWith('tmp-cluster-') ? runningPostmaster(path) : null;
    if (orphan !== null) await stopPostmaster(orphan);
    await rm(path, { recursive: true, force: true });
    said.push(
      `removed ${path}, left by run ${owner.pid} which is gone${orphan !== null ? ` (stopped its orphan server, pid ${orphan})` : ''}`,
    );
  }
  return said;
}
