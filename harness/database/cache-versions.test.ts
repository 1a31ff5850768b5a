import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { otherVersionEntries, removeOtherVersionEntry } from './cache-versions.ts';
import { ownerTag } from './process-owner.ts';

const CURRENT = { version: '18.4.0-beta.17', major: 18 };

let cacheDir: string;

/** A folder holding one file of `bytes` bytes (and one in a subfolder, so sizes are summed recursively). */
async function folder(name: string, bytes: number): Promise<void> {
  await mkdir(join(cacheDir, name, 'base'), { recursive: true });
  await writeFile(join(cacheDir, name, 'PG_VERSION'), 'x'.repeat(bytes - 10));
  await writeFile(join(cacheDir, name, 'base', 'file'), 'y'.repeat(10));
}

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'hfc-cache-versions-'));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('otherVersionEntries', () => {
  it("finds other majors' clusters and other versions' binaries, with their sizes, and nothing of this version", async () => {
    await folder('cluster-pg17', 5_000);
    await folder('cluster-pg18', 7_000);
    await folder('postgres-17.6.0-beta.16', 3_000);
    await folder('postgres-18.4.0-beta.17', 2_000);
    // What runs leave while they work, or dead runs leave: reapEmbeddedLeftovers' business, not this one's.
    await folder('postgres-17.6.0-beta.16.copy-123.456-abcdef', 100);
    await folder('cluster-pg17.init-123.456', 100);
    await folder('tmp-cluster-123.456-abcdef', 100);
    await writeFile(join(cacheDir, 'cluster-pg18.lock'), '1.2\n');

    const entries = await otherVersionEntries(cacheDir, CURRENT);
    expect(entries.map(({ name, kind, label, sizeBytes }) => ({ name, kind, label, sizeBytes }))).toEqual([
      { name: 'cluster-pg17', kind: 'cluster', label: 'PostgreSQL 17', sizeBytes: 5_000 },
      { name: 'postgres-17.6.0-beta.16', kind: 'binaries', label: '17.6.0-beta.16', sizeBytes: 3_000 },
    ]);
  });

  it('is empty for a cache folder that does not exist yet', async () => {
    expect(await otherVersionEntries(join(cacheDir, 'missing'), CURRENT)).toEqual([]);
  });
});

describe('removeOtherVersionEntry', () => {
  it('removes a cluster nobody uses, with its stale lock, and binaries', async () => {
    await folder('cluster-pg17', 1_000);
    await folder('postgres-17.6.0-beta.16', 1_000);
    // A lock left by a run that is gone: this process's pid with another start time.
    await writeFile(join(cacheDir, 'cluster-pg17.lock'), `${process.pid}.1\n`);
    for (const entry of await otherVersionEntries(cacheDir, CURRENT)) {
      expect(await removeOtherVersionEntry(entry)).toBe(true);
    }
    expect(existsSync(join(cacheDir, 'cluster-pg17'))).toBe(false);
    expect(existsSync(join(cacheDir, 'cluster-pg17.lock'))).toBe(false);
    expect(existsSync(join(cacheDir, 'postgres-17.6.0-beta.16'))).toBe(false);
  });

  it('keeps a cluster whose lock names a live run, or whose lock cannot be read as an owner', async () => {
    await folder('cluster-pg17', 1_000);
    await folder('cluster-pg16', 1_000);
    await writeFile(join(cacheDir, 'cluster-pg17.lock'), `${ownerTag()}\n`);
    await writeFile(join(cacheDir, 'cluster-pg16.lock'), 'not an owner\n');
    for (const entry of await otherVersionEntries(cacheDir, CURRENT)) {
      expect(await removeOtherVersionEntry(entry)).toBe(false);
    }
    expect(existsSync(join(cacheDir, 'cluster-pg17', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(cacheDir, 'cluster-pg16', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(cacheDir, 'cluster-pg17.lock'))).toBe(true);
  });
});
