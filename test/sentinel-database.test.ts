import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../harness/database/database-server.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../harness/database/throwaway-database.ts';
import { createSeededTestDatabase } from './helpers/seeded-test-database.ts';
import { testServerUrl } from './helpers/test-database.ts';
import { runCli } from './helpers/cli-process.ts';

/**
 * No writes outside what the user asked: a database with its own tables (someone's data) is unchanged
 * after every command pointed at it, which refuse (seed, migrate up, export), change nothing (migrate
 * down), or work in throwaway databases of their own (compare, bench, gate). And the messages of issue 13.
 */
let sentinel: ThrowawayDatabase;
const folders: string[] = [];

/** Every relation outside the system schemas, with its kind, and the sentinel's rows. */
async function snapshot(url: string): Promise<string> {
  const client = await connect(url);
  try {
    const relations = await client.query<{ r: string }>(
      `SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text AS r FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1`,
    );
    const rows = await client.query<{ t: string }>(
      "SELECT string_agg(id || name, ',' ORDER BY id) AS t FROM customer",
    );
    return JSON.stringify({ relations: relations.rows.map((r) => r.r), rows: rows.rows[0]?.t });
  } finally {
    await client.end();
  }
}

let before = '';
beforeAll(async () => {
  sentinel = await createThrowawayDatabase(testServerUrl(), { label: 'sentinel' });
  const client = await connect(sentinel.url);
  try {
    await client.query(`CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL)`);
    await client.query(`INSERT INTO customer VALUES (1, 'An'), (2, 'Bình')`);
  } finally {
    await client.end();
  }
  before = await snapshot(sentinel.url);
});
afterAll(async () => {
  await sentinel?.drop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hfcb-test-out-'));
  folders.push(dir);
  return dir;
}

describe('a sentinel database with its own tables', () => {
  it('is refused by seed and migrate up (exit 2), untouched by migrate down', async () => {
    const seed = await runCli(['seed', '--documents', '10', '--database-url', sentinel.url]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain("already holds tables that are not the HFC schema's (public.customer)");
    expect(seed.stderr).toContain('--force');
    const up = await runCli(['migrate', 'up', '--database-url', sentinel.url]);
    expect(up.code).toBe(2);
    expect(up.stderr).toContain('refusing to migrate');
    const down = await runCli(['migrate', 'down', '--database-url', sentinel.url]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain('Nothing to revert');
    expect(await snapshot(sentinel.url)).toBe(before);
  });

  it('is told it is not an HFC database by export, with how to create one (exit 2)', async () => {
    const out = join(tempFolder(), 'x.xlsx');
    const run = await runCli(['export', '--collector', 'v2', '--out', out, '--database-url', sentinel.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not an HFC database (no table document_extraction');
    expect(run.stderr).toContain('npx hfc-bench seed --documents 1000 --database-url URL');
    expect(await snapshot(sentinel.url)).toBe(before);
  });

  it('is unchanged after compare, bench and gate pointed at it (they use throwaway databases)', async () => {
    const compare = await runCli(['compare', '--documents', '10', '--database-url', sentinel.url]);
    expect(compare.code, compare.stderr).toBe(0);
    const outDir = tempFolder();
    const bench = await runCli([
      'bench',
      '--quick',
      '--scenario',
      'small',
      '--sizes',
      '10',
      '--out-dir',
      outDir,
      '--database-url',
      sentinel.url,
    ]);
    expect(bench.code, bench.stderr).toBe(0);
    expect(readdirSync(outDir)).toHaveLength(1);
    const gate = await runCli(['gate', '--database-url', sentinel.url]);
    expect([0, 1]).toContain(gate.code);
    expect(await snapshot(sentinel.url)).toBe(before);
  });
});

describe('a failed seed', () => {
  it('leaves the database as it found it (no schema, no pgmigrations)', async () => {
    const db = await createThrowawayDatabase(testServerUrl(), { label: 'failed_seed' });
    try {
      const client = await connect(db.url);
      // A table in the way of the schema migration (accepted with --force): applying the schema fails.
      await client.query('CREATE TABLE res_partner (x int)');
      await client.query('CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL)');
      await client.query(`INSERT INTO customer VALUES (1, 'An')`);
      await client.end();
      const found = await snapshot(db.url);
      const run = await runCli(['seed', '--documents', '10', '--force', '--database-url', db.url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('res_partner');
      expect(await snapshot(db.url)).toBe(found);
    } finally {
      await db.drop();
    }
  });
});

describe('messages', () => {
  it('redacts a URL without eating the text of the expected form (exit 2)', async () => {
    const run = await runCli(['bench', '--database-url', 'notaurl']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '"notaurl" is not a URL; expected postgres://user[:password]@host[:port]/database',
    );
  });

  it("names the user's path and the reason when export cannot write there (exit 2)", async () => {
    const db = await createSeededTestDatabase('msg_export', 10);
    try {
      const run = await runCli([
        'export',
        '--collector',
        'v2',
        '--out',
        '/proc/x.xlsx',
        '--database-url',
        db.url,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--out /proc/x.xlsx: cannot write the file there:');
      expect(run.stderr).not.toContain('.tmp');
    } finally {
      await db.drop();
    }
  });
});
