import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { UsageError } from '../../core/usage-error.ts';
import { createMigrateCommand, migrateCommand, parseMigrateArgs } from './migrate.ts';

describe('parseMigrateArgs', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/hfc';

  it('reads the direction, the URL flag and the count', () => {
    expect(parseMigrateArgs(['up', '--database-url', url], {})).toEqual({
      direction: 'up',
      databaseUrl: url,
      count: Number.POSITIVE_INFINITY,
      verbose: false,
      force: false,
      help: false,
    });
    expect(parseMigrateArgs(['down', '--count', '1', '--verbose'], { DATABASE_URL: url })).toEqual({
      direction: 'down',
      databaseUrl: url,
      count: 1,
      verbose: true,
      force: false,
      help: false,
    });
  });

  it('prefers --database-url over DATABASE_URL', () => {
    const other = 'postgres://postgres@127.0.0.1:5432/other';
    expect(parseMigrateArgs(['up', '--database-url', other], { DATABASE_URL: url })).toMatchObject({
      databaseUrl: other,
    });
  });

  it('answers --help without needing a URL', () => {
    expect(parseMigrateArgs(['--help'], {})).toEqual({ help: true });
    expect(parseMigrateArgs(['-h'], {})).toEqual({ help: true });
  });

  it.each([
    [[], {}, 'expected exactly one direction, "up" or "down", got nothing'],
    [
      ['sideways', '--database-url', url],
      {},
      'expected exactly one direction, "up" or "down", got "sideways"',
    ],
    [
      ['up', 'down', '--database-url', url],
      {},
      'expected exactly one direction, "up" or "down", got "up down"',
    ],
    [
      ['up'],
      {},
      'no database to migrate: pass --database-url postgres://user@host:port/database or set DATABASE_URL',
    ],
    [['up'], { DATABASE_URL: '' }, 'no database to migrate: pass --database-url'],
    [
      ['up', '--database-url', 'mysql://u:pw@h/db'],
      {},
      '--database-url / DATABASE_URL: "mysql://u:***@h/db" uses mysql:',
    ],
    [
      ['up', '--database-url', url, '--count', '0'],
      {},
      '--count: expected a positive whole number such as 1, got "0"',
    ],
    [
      ['up', '--database-url', url, '--count', 'all'],
      {},
      '--count: expected a positive whole number such as 1, got "all"',
    ],
    [['up', '--database-url', url, '--bogus'], {}, "Unknown option '--bogus'"],
  ] as const)('rejects %j (env %j) with a usage error', (argv, env, message) => {
    let thrown: unknown;
    try {
      parseMigrateArgs(argv, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toContain(message);
  });
});

describe('migrate command', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('migrate_command');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('has a complete help text with an example', () => {
    expect(migrateCommand.name).toBe('migrate');
    expect(migrateCommand.help).toContain('Usage: npx hfc-bench migrate up|down [--database-url URL]');
    expect(migrateCommand.help).toContain('--count N');
    expect(migrateCommand.help).toContain('DATABASE_URL');
    expect(migrateCommand.help).toMatch(
      /Examples:\n {2}npx hfc-bench migrate up --database-url postgres:\/\//,
    );
  });

  it('applies and reverts the schema, printing each migration and no password', async () => {
    const lines: string[] = [];
    const command = createMigrateCommand({ out: (text) => lines.push(text), env: { DATABASE_URL: db.url } });

    expect(await command.run(['up'])).toBe(0);
    expect(lines.slice(1)).toEqual([
      'Applied 1700000000000_hfc-schema\n',
      'Applied 1700000000001_proposed-indexes\n',
    ]);
    expect(lines[0]).toMatch(/^Migrating up postgres(ql)?:\/\//);

    lines.length = 0;
    expect(await command.run(['up'])).toBe(0);
    expect(lines.slice(1)).toEqual(['Nothing to apply: every migration is already applied.\n']);

    lines.length = 0;
    expect(await command.run(['down', '--database-url', db.url])).toBe(0);
    expect(lines.slice(1)).toEqual([
      'Reverted 1700000000001_proposed-indexes\n',
      'Reverted 1700000000000_hfc-schema\n',
    ]);
    const { rows } = await db.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> 'pgmigrations' AND c.relname NOT LIKE 'pgmigrations%'`,
    );
    expect(rows[0]?.n).toBe(0);

    lines.length = 0;
    expect(await command.run(['down', '--database-url', db.url])).toBe(0);
    expect(lines.slice(1)).toEqual(['Nothing to revert: no migration is applied.\n']);

    const password = new URL(db.url).password;
    if (password) expect(lines.join('')).not.toContain(password);
  });

  it('prints node-pg-migrate progress with --verbose', async () => {
    const lines: string[] = [];
    const command = createMigrateCommand({ out: (text) => lines.push(text), env: {} });
    expect(await command.run(['up', '--verbose', '--database-url', db.url])).toBe(0);
    expect(lines).toContain('  ### MIGRATION 1700000000000_hfc-schema (UP) ###\n');
    expect(lines.at(-1)).toBe('Applied 1700000000001_proposed-indexes\n');
    expect(await command.run(['down', '--database-url', db.url])).toBe(0);
  });

  it('prints the help when run with --help', async () => {
    const lines: string[] = [];
    const command = createMigrateCommand({ out: (text) => lines.push(text), env: {} });
    expect(await command.run(['--help'])).toBe(0);
    expect(lines).toEqual([command.help]);
  });
});
