import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { UsageError } from '../../core/usage-error.ts';
import { redactUrl, validateDatabaseUrl } from '../../database/database-url.ts';
import { MIGRATIONS_DIR, MIGRATIONS_TABLE, migrate, type MigrationDirection } from '../../schema/migrator.ts';
import { foreignTables, foreignTablesRefusal } from '../../schema/foreign-tables.ts';
import { connect } from '../../database/database-server.ts';
import type { Queryable } from '../../../src/queryable.ts';

/** Whether node-pg-migrate's bookkeeping table exists in `public`. */
export async function hasMigrationsTable(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    `public.${MIGRATIONS_TABLE}`,
  ]);
  return rows[0]?.present === true;
}

const HELP = `Usage: npx hfc-bench migrate up|down [--database-url URL] [--count N] [--force] [--verbose]

Applies (up) or reverts (down) the HFC schema migrations in ${MIGRATIONS_DIR}
on an existing database you name. The migrations are the Odoo 18 schema of the HFC export, then the
proposed indexes. node-pg-migrate records what ran in the table public.${MIGRATIONS_TABLE}.

Arguments:
  up                    apply the migrations not applied yet, oldest first
  down                  revert applied migrations, newest first

Options:
  --database-url URL    the database to migrate, postgres://user[:password]@host[:port]/database
                        (default: the DATABASE_URL environment variable; one of the two is required,
                        because this command changes the schema of a database that you own)
  --count N             apply or revert at most N migrations (default: all of them, also for down,
                        so "down" alone removes the whole HFC schema)
  --force               "up" only: migrate even a database that holds tables other than the HFC schema's
                        (refused by default: the HFC schema does not belong in someone else's database)
  --verbose             also print node-pg-migrate's own progress messages
  -h, --help            show this help

Each migration applied or reverted is printed on its own line. Passwords are never printed. "down" on a
database that was never migrated (no public.${MIGRATIONS_TABLE}) changes nothing.

Examples:
  npx hfc-bench migrate up --database-url postgres://postgres@127.0.0.1:5432/hfc_scratch
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/hfc_scratch npx hfc-bench migrate down --count 1
`;

/** Where the command writes, and the environment it reads (injectable for tests). */
export interface MigrateCommandIo {
  out: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

interface ParsedMigrateArgs {
  direction: MigrationDirection;
  databaseUrl: string;
  count: number;
  verbose: boolean;
  force: boolean;
  help: false;
}

/** Parses and validates `migrate` arguments; every mistake is a {@link UsageError} naming the argument. */
export function parseMigrateArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedMigrateArgs | { help: true } {
  const parsed = parseCliArgs(
    argv,
    {
      'database-url': { type: 'string' },
      count: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  const { values, positionals } = parsed;
  if (values.help) return { help: true };

  if (positionals.length !== 1 || (positionals[0] !== 'up' && positionals[0] !== 'down')) {
    const got = positionals.length === 0 ? 'nothing' : `"${positionals.join(' ')}"`;
    throw new UsageError(`expected exactly one direction, "up" or "down", got ${got}`);
  }
  const direction: MigrationDirection = positionals[0];

  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  if (databaseUrl === undefined) {
    throw new UsageError(
      'no database to migrate: pass --database-url postgres://user@host:port/database or set DATABASE_URL',
    );
  }
  const problem = validateDatabaseUrl(databaseUrl);
  if (problem) throw new UsageError(`--database-url / DATABASE_URL: ${problem}`);

  let count = Number.POSITIVE_INFINITY;
  if (values.count !== undefined) {
    if (!/^[1-9][0-9]*$/.test(values.count)) {
      throw new UsageError(`--count: expected a positive whole number such as 1, got "${values.count}"`);
    }
    count = Number(values.count);
  }
  return { direction, databaseUrl, count, verbose: values.verbose, force: values.force, help: false };
}

/** Builds the `migrate` command writing to `io.out` (tests capture it; the CLI writes to stdout). */
export function createMigrateCommand(io: Partial<MigrateCommandIo> = {}): CliCommand {
  const out = io.out ?? ((text: string) => void process.stdout.write(text));
  const env = io.env ?? process.env;
  return {
    name: 'migrate',
    summary: 'Apply or revert the HFC schema migrations on a database you name',
    help: HELP,
    async run(argv) {
      const args = parseMigrateArgs(argv, env);
      if (args.help) {
        out(HELP);
        return 0;
      }
      const where = redactUrl(args.databaseUrl);
      // Look before writing: "up" into someone else's database, or "down" on a database never migrated
      // (node-pg-migrate would create its bookkeeping table there), are refused or do nothing.
      const client = await connect(args.databaseUrl, 'migrate');
      try {
        if (args.direction === 'down' && !(await hasMigrationsTable(client))) {
          out(
            `Nothing to revert: ${where} has no public.${MIGRATIONS_TABLE} table (never migrated); nothing changed.\n`,
          );
          return 0;
        }
        if (args.direction === 'up' && !args.force) {
          const foreign = await foreignTables(client);
          if (foreign.length > 0) throw new UsageError(foreignTablesRefusal('migrate', where, foreign));
        }
      } finally {
        await client.end().catch(() => undefined);
      }
      out(`Migrating ${args.direction} ${where}\n`);
      const runs = await migrate({
        databaseUrl: args.databaseUrl,
        direction: args.direction,
        count: args.count,
        ...(args.verbose ? { log: (message: string) => out(`  ${message.trimEnd()}\n`) } : {}),
      });
      if (runs.length === 0) {
        out(
          args.direction === 'up'
            ? 'Nothing to apply: every migration is already applied.\n'
            : 'Nothing to revert: no migration is applied.\n',
        );
      }
      for (const run of runs) out(`${run.direction === 'up' ? 'Applied' : 'Reverted'} ${run.name}\n`);
      return 0;
    },
  };
}

/** `hfc-bench migrate up|down [--database-url URL] [--count N]`. */
export const migrateCommand: CliCommand = createMigrateCommand();
