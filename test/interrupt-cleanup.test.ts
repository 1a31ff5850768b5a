import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connect } from '../harness/database/database-server.ts';
import { testServerUrl } from './helpers/test-database.ts';

const CLI = fileURLToPath(new URL('../bin/hfc-bench.js', import.meta.url));

/**
 * The harness databases (`hfcb_compare_*`, `hfcb_seedbuild_*`) whose owner comment names process `pid`, or,
 * with `names`, which of those names still exist. Only this test's own run counts: other test files run the
 * CLI on the same server at the same time, and a database of theirs must not start the interruption.
 */
async function runDatabases(query: { pid: number } | { names: string[] }): Promise<string[]> {
  const client = await connect(testServerUrl());
  try {
    const { rows } =
      'pid' in query
        ? await client.query<{ datname: string }>(
            `SELECT datname FROM pg_database
              WHERE (datname LIKE 'hfcb\\_compare\\_%' OR datname LIKE 'hfcb\\_seedbuild\\_%')
                AND shobj_description(oid, 'pg_database') LIKE $1`,
            [`hfc-bench run pid=${query.pid} %`],
          )
        : await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [
            query.names,
          ]);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

describe('Ctrl-C', () => {
  it('drops the throwaway database of a run that is interrupted, and exits 130', async () => {
    // A large seeding keeps the run busy long enough to be interrupted while its database exists: with
    // --fresh, the template is seeded again (in an hfcb_seedbuild_* database) even if the server has it.
    const child = spawn(
      process.execPath,
      [CLI, 'compare', '--documents', '40000', '--fresh', '--database-url', testServerUrl()],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    let created: string[] = [];
    for (let i = 0; i < 300 && created.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      created = await runDatabases({ pid: child.pid! });
    }
    expect(created).toHaveLength(1);
    child.kill('SIGINT');
    const [code] = (await exited) as [number | null];
    expect(stderr).toContain('SIGINT received, stopping and cleaning up');
    expect(code).toBe(130);
    expect(await runDatabases({ names: created })).toEqual([]);
  });
});
