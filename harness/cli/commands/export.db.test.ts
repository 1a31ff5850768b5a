import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase } from '../../../test/helpers/seeded-test-database.ts';
import type { TestDatabase } from '../../../test/helpers/test-database.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/hfc-bench.js', import.meta.url));

describe('hfc-bench export --collector', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createSeededTestDatabase('export_cli', 60);
    dir = await mkdtemp(join(tmpdir(), 'hfcb-export-'));
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(['v1', 'v1-orm', 'v2'])('%s writes the workbook and prints its round trips', async (collector) => {
    const { stdout } = await run(process.execPath, [
      BIN,
      'export',
      '--collector',
      collector,
      '--filters',
      '{"status": ["draft", "validated", "completed"]}',
      '--out',
      join(dir, `${collector}.xlsx`),
      '--rows-json',
      join(dir, `${collector}.json`),
      '--database-url',
      db.url,
    ]);
    expect(stdout).toMatch(new RegExp(`^${collector}: exported \\d+ documents`));
    expect(stdout).toMatch(/queries: \d+ round trips/);
  });

  it('v1-orm wrote the same rows as v1 and v2', async () => {
    const rows = async (collector: string) => readFile(join(dir, `${collector}.json`), 'utf8');
    expect(await rows('v1-orm')).toBe(await rows('v1'));
    expect(await rows('v1-orm')).toBe(await rows('v2'));
  });

  it('--help lists every collector', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'export', '--help']);
    for (const collector of ['v1', 'v1-orm', 'v2']) expect(stdout).toContain(`  ${collector} `);
  });
});
