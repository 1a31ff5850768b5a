import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExportFilters } from '../../src/export-filters.ts';
import { contentHash } from '../../seeds/content-hash.ts';
import { GENERATOR_VERSION } from '../../seeds/generate-dataset.ts';
import { seedDatabase } from '../../seeds/seed-database.ts';
import { createTestDatabase, testServerUrl } from '../../test/helpers/test-database.ts';
import { createCacheCommand } from '../cli/commands/cache.ts';
import { connect } from '../database/database-server.ts';
import { redactUrl } from '../database/database-url.ts';
import { calibrateSeedTemplate } from './calibrated-seed.ts';
import { migrate } from './migrator.ts';
import { withSeededDatabase } from './seeded-database.ts';
import {
  dropTemplate,
  ensureTemplate,
  freshTemplates,
  listTemplates,
  templateName,
} from './seed-templates.ts';

// A seed no real run uses, different per test run: runs sharing a server never see each other's templates.
const SEED = 7_000_000 + randomInt(1_000_000);
const DOCUMENTS = 40;

afterAll(async () => {
  for (const t of await listTemplates(testServerUrl())) {
    if (t.seed === SEED) await dropTemplate(testServerUrl(), t.name);
  }
});

/**
 * The test server presented as the embedded one, as `cache` sees it: `keepsTemplates` false is the temporary
 * cluster a run gets while another holds the persistent one.
 */
function embeddedServerAt(url: string, keepsTemplates: boolean, onClose: () => void = () => undefined) {
  return Promise.resolve({
    kind: 'embedded' as const,
    url,
    redactedUrl: redactUrl(url),
    version: '',
    versionNum: 0,
    keepsTemplates,
    close: () => {
      onClose();
      return Promise.resolve();
    },
  });
}

async function adminQuery<T extends object>(sql: string, params: unknown[]): Promise<T[]> {
  const admin = await connect(testServerUrl());
  try {
    return (await admin.query<T>(sql, params)).rows;
  } finally {
    await admin.end();
  }
}

describe('template databases', () => {
  it('seeds a template once, marks it, and clones it for every later seeded database', async () => {
    const server = testServerUrl();
    const hashes: string[] = [];
    const built: boolean[] = [];
    for (let i = 0; i < 2; i++) {
      await withSeededDatabase(
        server,
        { label: 'tpl', documents: DOCUMENTS, seed: SEED },
        async ({ client, seed }) => {
          built.push(seed.built);
          hashes.push(await contentHash(client));
          expect(seed.name).toBe(
            templateName({ generatorVersion: GENERATOR_VERSION, seed: SEED, documents: DOCUMENTS }),
          );
        },
      );
    }
    // The second database came from the template: nothing was seeded for it.
    expect(built).toEqual([true, false]);
    expect(hashes[1]).toBe(hashes[0]);

    // Same bytes as seeding directly.
    const direct = await createTestDatabase('tpl_direct');
    try {
      await migrate({ dbClient: direct.client, direction: 'up', count: 1 });
      await seedDatabase(direct.client, { documents: DOCUMENTS, seed: SEED });
      expect(await contentHash(direct.client)).toBe(hashes[0]);
    } finally {
      await direct.drop();
    }

    const name = templateName({ generatorVersion: GENERATOR_VERSION, seed: SEED, documents: DOCUMENTS });
    const [row] = await adminQuery<{ istemplate: boolean; allowconn: boolean; comment: string }>(
      `SELECT datistemplate AS istemplate, datallowconn AS allowconn, shobj_description(oid, 'pg_database') AS comment
         FROM pg_database WHERE datname = $1`,
      [name],
    );
    expect(row?.istemplate).toBe(true);
    expect(row?.allowconn).toBe(false);
    expect(JSON.parse(row!.comment)).toMatchObject({
      tool: 'hfc-bench',
      kind: 'seed template',
      generatorVersion: GENERATOR_VERSION,
      seed: SEED,
      documents: DOCUMENTS,
    });
    // No half-built database is left behind under the build name.
    const builds = await adminQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'hfcb\\_seedbuild%' AND shobj_description(oid, 'pg_database') LIKE $1`,
      [`%"seed":${SEED}%`],
    );
    expect(builds[0]?.n).toBe(0);
  });

  it('builds a new template after a generator version bump, and rebuilds with fresh', async () => {
    const server = testServerUrl();
    const current = await ensureTemplate(server, { documents: 12, seed: SEED });
    const bumped = await ensureTemplate(server, {
      documents: 12,
      seed: SEED,
      generatorVersion: GENERATOR_VERSION + 1,
    });
    expect(bumped.name).not.toBe(current.name);
    expect(bumped.name).toContain(`_g${GENERATOR_VERSION + 1}_`);
    expect(bumped.built).toBe(true);
    expect((await ensureTemplate(server, { documents: 12, seed: SEED })).built).toBe(false);
    const fresh = freshTemplates();
    expect((await ensureTemplate(server, { documents: 12, seed: SEED, fresh })).built).toBe(true);
    // fresh rebuilds once per run, not at every use.
    expect((await ensureTemplate(server, { documents: 12, seed: SEED, fresh })).built).toBe(false);
  });

  it('builds a template once when two runs ask for it at the same time', async () => {
    const server = testServerUrl();
    const results = await Promise.all([
      ensureTemplate(server, { documents: 25, seed: SEED }),
      ensureTemplate(server, { documents: 25, seed: SEED }),
    ]);
    expect(results.map((r) => r.built).sort()).toEqual([false, true]);
    expect(results[0]?.name).toBe(results[1]?.name);
  });

  it('calibrates on templates: a repeated calibration seeds nothing and gives the same size', async () => {
    const server = testServerUrl();
    const filters = parseExportFilters({});
    const first = await calibrateSeedTemplate(server, { target: 20, filters, seed: SEED });
    const second = await calibrateSeedTemplate(server, { target: 20, filters, seed: SEED });
    expect(first.seedings).toBeGreaterThan(0);
    expect(second.seedings).toBe(0);
    // The second calibration is a lookup of the first one's outcome: no size tried.
    expect(second.attempts).toBe(0);
    expect(second.seedMs).toBe(0);
    expect(second.templateName).toBe(first.templateName);
    expect(second.exportedDocuments).toBe(first.exportedDocuments);
  });

  it('cache list shows the templates with their sizes, and cache clear removes them', async () => {
    const server = testServerUrl();
    await ensureTemplate(server, { documents: 12, seed: SEED });
    const lines: string[] = [];
    const command = createCacheCommand({ out: (t) => lines.push(t), err: () => undefined });
    expect(await command.run(['list', '--seed', String(SEED), '--database-url', server])).toBe(0);
    const listed = lines.join('');
    expect(listed).toContain(
      templateName({ generatorVersion: GENERATOR_VERSION, seed: SEED, documents: 12 }),
    );
    expect(listed).toMatch(/\d+(\.\d+)? (KiB|MiB)/);

    lines.length = 0;
    expect(await command.run(['clear', '--seed', String(SEED), '--database-url', server])).toBe(0);
    expect(lines.join('')).toMatch(/freed \d/);
    expect((await listTemplates(server)).filter((t) => t.seed === SEED)).toEqual([]);
  });

  it('cache refuses to list or clear a temporary cluster, which holds none of the cache', async () => {
    const server = testServerUrl();
    await ensureTemplate(server, { documents: 12, seed: SEED });
    // The server a run gets when another run holds the persistent cluster: it keeps no templates.
    let closed = 0;
    const openServer = () => embeddedServerAt(server, false, () => (closed += 1));
    const lines: string[] = [];
    const command = createCacheCommand({ out: (t) => lines.push(t), err: () => undefined, openServer });
    for (const action of ['list', 'clear']) {
      await expect(command.run([action, '--seed', String(SEED)])).rejects.toThrow(
        /persistent embedded cluster is in use by another run, so its templates cannot be listed or cleared now/,
      );
    }
    expect(lines).toEqual([]);
    expect(closed).toBe(2);
    expect((await listTemplates(server)).filter((t) => t.seed === SEED)).toHaveLength(1);
  });

  it('cache lists what another embedded PostgreSQL version left in the cache folder, and a filtered clear keeps it', async () => {
    const server = testServerUrl();
    const cacheDir = await mkdtemp(join(tmpdir(), 'hfcb-cache-'));
    const before = process.env.HFC_BENCH_CACHE_DIR;
    process.env.HFC_BENCH_CACHE_DIR = cacheDir;
    try {
      await mkdir(join(cacheDir, 'cluster-pg3', 'base'), { recursive: true });
      await writeFile(join(cacheDir, 'cluster-pg3', 'base', 'f'), 'x'.repeat(2048));
      await ensureTemplate(server, { documents: 12, seed: SEED });
      const openServer = () => embeddedServerAt(server, true);
      const lines: string[] = [];
      const command = createCacheCommand({ out: (t) => lines.push(t), err: () => undefined, openServer });
      expect(await command.run(['list', '--seed', String(SEED)])).toBe(0);
      expect(lines.join('')).toContain(`embedded server data folder: ${cacheDir}\n`);
      expect(lines.join('')).toMatch(/\n {2}cluster-pg3 +2\.00 KiB {2}persistent cluster of PostgreSQL 3\n/);

      // --seed selects templates of that seed only: another version's cluster is not one of them.
      lines.length = 0;
      expect(await command.run(['clear', '--seed', String(SEED)])).toBe(0);
      expect(lines.join('')).not.toContain('cluster-pg3');
      expect(existsSync(join(cacheDir, 'cluster-pg3', 'base', 'f'))).toBe(true);
      expect((await listTemplates(server)).filter((t) => t.seed === SEED)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.HFC_BENCH_CACHE_DIR;
      else process.env.HFC_BENCH_CACHE_DIR = before;
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
