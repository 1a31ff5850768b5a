import { contentHash } from '../../../seeds/content-hash.ts';
import { DEFAULT_BATCH_DOCUMENTS } from '../../../seeds/generate-dataset.ts';
import {
  SeedRefusedError,
  missingSeedTables,
  seedDatabase,
  type SeedResult,
} from '../../../seeds/seed-database.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { UsageError } from '../../core/usage-error.ts';
import { connect, openDatabaseServer, type DatabaseServer } from '../../database/database-server.ts';
import { GENERATOR_VERSION } from '../../../seeds/generate-dataset.ts';
import { ensureTemplate, freshTemplates, listTemplates, templateName } from '../../schema/seed-templates.ts';
import { formatBytes } from '../../report/number-format.ts';
import { redactUrl, validateDatabaseUrl } from '../../database/database-url.ts';
import { MIGRATIONS_TABLE, migrate } from '../../schema/migrator.ts';
import { foreignTables, foreignTablesRefusal } from '../../schema/foreign-tables.ts';
import { onCleanup, wasInterrupted } from '../../database/cleanup-registry.ts';
import { hasMigrationsTable } from './migrate.ts';
import { seedProgressPrinter } from '../../schema/seed-progress.ts';

/** The seed used when `--seed` is not given. */
export const DEFAULT_SEED = 42;

const HELP = `Usage: npx hfc-bench seed --documents N [--seed S] [--fresh]
       npx hfc-bench seed --documents N [--seed S] [--reset] [--force] [--hash] --database-url URL

Fills an HFC database with deterministic synthetic data: the module's master data, Vietnamese
organisations, N documents of both forms with their child lines, and every edge case the export rules
depend on (see seeds/generate-dataset.ts). The same N and S give the same rows, byte for byte.

Without a database (no --database-url, no DATABASE_URL), it seeds the embedded PostgreSQL's template
database for N and S (hfcb_tpl_g<generator version>_s<S>_d<N>), the dataset bench, compare, gate and indexes
clone instead of seeding: seeding ahead of a run, once. A template that exists is kept (--fresh rebuilds it);
hfc-bench cache list shows the templates and clear frees them.

With a database, it seeds that database. The HFC schema is migrated up first when it is missing. A database
that holds tables other than the HFC schema's is refused (unless --force). A seed that fails leaves the
database as it found it: the data is loaded in one transaction, and a schema this command applied is reverted.

Options:
  --documents N         number of documents to generate (required; a positive whole number)
  --seed S              generator seed, a whole number >= 0 (default: ${DEFAULT_SEED})
  --fresh               (template) seed the template again even when it exists
  --organizations N     number of organisations (default: max(12, N / 5)); with a database only
  --reset               empty the HFC tables first (TRUNCATE ... RESTART IDENTITY CASCADE); without it
                        the command refuses a database that already holds HFC data
  --force               seed even a database that holds tables other than the HFC schema's
  --hash                print the content hash (sha256 over every seeded table) at the end
  --database-url URL    the database to seed, postgres://user[:password]@host[:port]/database
                        (default: the DATABASE_URL environment variable; without either, the template)
  -h, --help            show this help

Progress goes to stderr (rows/s and the time left, every few seconds); the summary (rows per table,
total rows, seconds, rows/s overall and while loading) to stdout. Passwords are never printed.

Examples:
  npx hfc-bench seed --documents 1000000
  npx hfc-bench seed --documents 1000 --database-url postgres://postgres@127.0.0.1:5432/hfc_scratch
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/hfc_scratch npx hfc-bench seed --documents 10000 --seed 7 --reset
`;

export interface SeedCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** The server of the template mode (default: the embedded PostgreSQL). Tests point it at their server. */
  openServer: (onProgress: (message: string) => void) => Promise<DatabaseServer>;
}

/** `seed` with a database: that database is seeded. */
export interface ParsedSeedDatabaseArgs {
  help: false;
  mode: 'database';
  documents: number;
  seed: number;
  organizations: number | undefined;
  reset: boolean;
  force: boolean;
  hash: boolean;
  databaseUrl: string;
}

/** `seed` without a database: the server's template for the documents and seed is seeded. */
export interface ParsedSeedTemplateArgs {
  help: false;
  mode: 'template';
  documents: number;
  seed: number;
  fresh: boolean;
}

export type ParsedSeedArgs = ParsedSeedDatabaseArgs | ParsedSeedTemplateArgs;

function wholeNumber(flag: string, text: string, min: number): number {
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) {
    const what = min === 0 ? 'a whole number >= 0' : `a whole number >= ${min}`;
    throw new UsageError(`${flag}: expected ${what} such as ${Math.max(min, 1000)}, got "${text}"`);
  }
  return Number(text);
}

/** Parses and validates `seed` arguments; every mistake is a {@link UsageError} naming the option. */
export function parseSeedArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedSeedArgs | { help: true } {
  const parsed = parseCliArgs(
    argv,
    {
      documents: { type: 'string' },
      seed: { type: 'string' },
      organizations: { type: 'string' },
      reset: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      hash: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    false,
  );
  const { values } = parsed;
  if (values.help) return { help: true };
  if (values.documents === undefined) {
    throw new UsageError('--documents is required: how many documents to generate, e.g. --documents 1000');
  }
  const documents = wholeNumber('--documents', values.documents, 1);
  const seed = values.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', values.seed, 0);
  const organizations =
    values.organizations === undefined ? undefined : wholeNumber('--organizations', values.organizations, 12);
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  if (databaseUrl === undefined) {
    // A template is named by generator version, seed and documents only: whatever else would change its
    // rows, or applies to a database the user named, has no meaning here.
    const databaseOnly = (['organizations', 'reset', 'force', 'hash'] as const).filter((o) =>
      o === 'organizations' ? values.organizations !== undefined : values[o],
    );
    if (databaseOnly.length > 0) {
      throw new UsageError(
        `--${databaseOnly[0]} needs a database (--database-url or DATABASE_URL): without one, seed fills the ` +
          "embedded server's template for --documents and --seed, which --fresh rebuilds",
      );
    }
    return { help: false, mode: 'template', documents, seed, fresh: values.fresh };
  }
  if (values.fresh) {
    throw new UsageError('--fresh rebuilds a template: it applies without --database-url (use --reset here)');
  }
  const problem = validateDatabaseUrl(databaseUrl);
  if (problem) throw new UsageError(`--database-url / DATABASE_URL: ${problem}`);
  return {
    help: false,
    mode: 'database',
    documents,
    seed,
    organizations,
    reset: values.reset,
    force: values.force,
    hash: values.hash,
    databaseUrl,
  };
}

/** Builds the `seed` command writing to `io.out` / `io.err` (tests capture them). */
export function createSeedCommand(io: Partial<SeedCommandIo> = {}): CliCommand {
  const out = io.out ?? ((text: string) => void process.stdout.write(text));
  const err = io.err ?? ((text: string) => void process.stderr.write(text));
  const env = io.env ?? process.env;
  const openServer =
    io.openServer ?? ((onProgress: (message: string) => void) => openDatabaseServer({ onProgress }));
  return {
    name: 'seed',
    summary: 'Seed an HFC database with deterministic synthetic data',
    help: HELP,
    async run(argv) {
      const args = parseSeedArgs(argv, env);
      if (args.help) {
        out(HELP);
        return 0;
      }
      if (args.mode === 'template') return seedTemplate(args, { out, err, openServer });
      const where = redactUrl(args.databaseUrl);
      const client = await connect(args.databaseUrl, 'seed');
      // What this command added to the schema, undone if the seed fails or is interrupted.
      let undoSchema: (() => Promise<void>) | null = null;
      let unregisterUndo = () => undefined as void;
      let succeeded = false;
      try {
        if (!args.force) {
          const foreign = await foreignTables(client);
          if (foreign.length > 0) throw new UsageError(foreignTablesRefusal('seed', where, foreign));
        }
        if ((await missingSeedTables(client)).length > 0) {
          const hadMigrationsTable = await hasMigrationsTable(client);
          undoSchema = async () => {
            unregisterUndo();
            const undo = await connect(args.databaseUrl, 'undo the schema of the failed seed', {
              cleanup: true,
            });
            try {
              // After Ctrl-C the seeding session still holds its locks: end it first (its transaction rolls back).
              const seedingPid = (client as unknown as { processID?: number }).processID;
              if (wasInterrupted() && seedingPid) {
                await undo.query('SELECT pg_terminate_backend($1)', [seedingPid]).catch(() => undefined);
              }
              await migrate({ dbClient: undo, direction: 'down', count: 1 });
              if (!hadMigrationsTable) await undo.query(`DROP TABLE IF EXISTS public.${MIGRATIONS_TABLE}`);
              err(`Reverted the HFC schema this seed had applied to ${where}.\n`);
            } finally {
              await undo.end().catch(() => undefined);
            }
          };
          unregisterUndo = onCleanup(undoSchema);
          err(`The HFC schema is missing in ${where}: applying the schema migration first\n`);
          const runs = await migrate({ dbClient: client, direction: 'up', count: 1 });
          for (const run of runs) err(`  applied ${run.name}\n`);
        }
        err(
          `Seeding ${where}: ${args.documents} documents, seed ${args.seed}${args.reset ? ', after emptying the HFC tables' : ''}\n`,
        );
        const progress = seedProgressPrinter(err);
        let result: SeedResult;
        try {
          result = await seedDatabase(
            client,
            {
              documents: args.documents,
              seed: args.seed,
              reset: args.reset,
              batchDocuments: DEFAULT_BATCH_DOCUMENTS,
              ...(args.organizations === undefined ? {} : { organizations: args.organizations }),
            },
            progress,
          );
        } catch (error) {
          // Refusing is the user's call to make (--reset), not a harness failure.
          if (error instanceof SeedRefusedError) throw new UsageError(error.message, { cause: error });
          throw error;
        }
        out(seedSummary(where, result));
        if (args.hash) out(`content hash ${await contentHash(client)}\n`);
        succeeded = true;
        return 0;
      } finally {
        await client.end().catch(() => undefined);
        unregisterUndo();
        if (!succeeded && undoSchema && !wasInterrupted()) await undoSchema();
      }
    },
  };
}

/**
 * The template mode: the server's template for `documents` and `seed` exists afterwards, seeded by this call
 * or kept from an earlier one (rebuilt with `fresh`). Nothing else on the server is touched.
 */
async function seedTemplate(
  args: ParsedSeedTemplateArgs,
  io: Pick<SeedCommandIo, 'out' | 'err' | 'openServer'>,
): Promise<number> {
  const server = await io.openServer((message) => io.err(`hfc-bench: ${message}\n`));
  try {
    if (!server.keepsTemplates) {
      // A template seeded into a temporary cluster would be removed with it at the end of this command.
      throw new Error(
        'the persistent embedded cluster is in use by another run, so a template seeded now would not be kept: ' +
          'run seed again when that run has ended',
      );
    }
    const name = templateName({
      generatorVersion: GENERATOR_VERSION,
      seed: args.seed,
      documents: args.documents,
    });
    io.err(
      `Seeding the template ${name} on ${server.redactedUrl}: ${args.documents} documents, seed ${args.seed}\n`,
    );
    const template = await ensureTemplate(server.url, {
      documents: args.documents,
      seed: args.seed,
      fresh: args.fresh ? freshTemplates() : undefined,
      onProgress: seedProgressPrinter(io.err),
    });
    if (template.seeded === null) {
      const size = (await listTemplates(server.url)).find((t) => t.name === name)?.sizeBytes;
      io.out(
        `The template ${name} already exists (${template.metadata.rows} rows, ` +
          `${size === undefined ? 'size unknown' : formatBytes(size)}, seeded ${template.metadata.createdAt}): ` +
          'kept as it is. --fresh seeds it again.\n',
      );
      return 0;
    }
    io.out(seedSummary(`the template ${name} on ${server.redactedUrl}`, template.seeded));
    return 0;
  } finally {
    await server.close();
  }
}

/**
 * The end-of-seed summary: rows per table, the total, and the rates. Overall is every row over the whole
 * seed; the loading rate leaves out the index builds and ANALYZE that follow the last row.
 */
export function seedSummary(where: string, result: SeedResult): string {
  const width = Math.max(...Object.keys(result.rowsByTable).map((t) => t.length));
  const lines = Object.entries(result.rowsByTable).map(
    ([table, rows]) => `  ${table.padEnd(width)}  ${String(rows).padStart(9)}`,
  );
  const seconds = result.durationMs / 1000;
  const loadSeconds = result.loadMs / 1000;
  const loadRate = result.totalRows / Math.max(0.001, loadSeconds);
  return (
    `Seeded ${where}\n${lines.join('\n')}\n  ${'total'.padEnd(width)}  ${String(result.totalRows).padStart(9)}\n` +
    `${result.totalRows} rows in ${seconds.toFixed(2)} s: ${Math.round(result.rowsPerSecond)} rows/s overall ` +
    `(generating and loading ${loadSeconds.toFixed(2)} s at ${Math.round(loadRate)} rows/s, ` +
    `indexes and ANALYZE ${(result.finishMs / 1000).toFixed(2)} s, ` +
    `${result.connections} connection${result.connections === 1 ? '' : 's'})\n`
  );
}

export const seedCommand: CliCommand = createSeedCommand();
