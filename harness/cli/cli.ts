import type { CliCommand } from './cli-command.ts';
import { UsageError } from '../core/usage-error.ts';
import {
  DatabaseConnectionError,
  embeddedServerStarted,
  isConnectionLoss,
} from '../database/connection-errors.ts';
import { redactSecrets } from '../database/database-url.ts';
import {
  InterruptedError,
  installInterruptHandlers,
  runCleanups,
  wasInterrupted,
} from '../database/cleanup-registry.ts';
import { EmbeddedServerError } from '../database/embedded-server.ts';
import { describeServerDeath, serverDeath, settledServerDeath } from '../database/server-death.ts';

/**
 * `hfc-bench <command>`: the one entry point. Commands are loaded on demand so that `--help` and small
 * commands start fast.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  bench: {
    summary: 'The main job: scenario matrix, both index states, equivalence, timing, plans, report',
    load: async () => (await import('./commands/bench.ts')).benchCommand,
  },
  compare: {
    summary: 'Seed a throwaway database, run v1, v1-orm and v2, check each against v1, compare their queries',
    load: async () => (await import('./commands/compare.ts')).compareCommand,
  },
  export: {
    summary: 'Export the HFC workbook from an existing HFC database with v1, v1-orm or v2',
    load: async () => (await import('./commands/export.ts')).exportCommand,
  },
  seed: {
    summary: 'Seed an HFC database with deterministic synthetic data',
    load: async () => (await import('./commands/seed.ts')).seedCommand,
  },
  migrate: {
    summary: 'Apply or revert the HFC schema migrations on a database you name',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  report: {
    summary: 'Re-render report.md and the charts of a run folder from its results.json',
    load: async () => (await import('./commands/report.ts')).reportCommand,
  },
  indexes: {
    summary:
      "The DBA's index evaluation: each proposed index measured with and without, verdicts, indexes.md",
    load: async () => (await import('./commands/indexes.ts')).indexesCommand,
  },
  gate: {
    summary:
      'CI gate: every collector compared with v1, exact query budgets for v1-orm and v2, small fixed matrix',
    load: async () => (await import('./commands/gate.ts')).gateCommand,
  },
  cache: {
    summary: 'List or clear the template databases that keep seeded datasets for reuse (sizes printed)',
    load: async () => (await import('./commands/cache.ts')).cacheCommand,
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `hfc-bench: is the optimised HFC export (v2) as correct as the current one (v1), and how much cheaper?

Usage: npx hfc-bench <command> [options]

Commands:
${lines.join('\n')}

Run "npx hfc-bench <command> --help" for a command's options.
Without --database-url (or DATABASE_URL), commands that need scratch space start an embedded PostgreSQL.
`;
}

/** Runs the CLI; returns the exit code (0 ok, 1 a negative verdict, 2 the harness could not run). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`hfc-bench: unknown command "${name}".\n\n${mainHelp()}`);
    return 2;
  }
  // Before any work: from now on Ctrl-C stops the run through its cleanups (see cleanup-registry.ts).
  installInterruptHandlers();
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
      return 0;
    }
    const exitCode = await command.run(rest);
    if (wasInterrupted()) {
      await runCleanups();
      return 130;
    }
    return exitCode;
  } catch (error) {
    // After Ctrl-C the cleanup drops the databases under the running work, which then fails: not news.
    if (wasInterrupted() || error instanceof InterruptedError) {
      // Wait for the cleanup under way (the drop that made this work fail) before the process exits.
      await runCleanups();
      return 130;
    }
    // A lost connection to the embedded server may be its death, whose exit event can come a little later:
    // wait for it, so that the cause is named first rather than the failure it caused.
    if (embeddedServerStarted() && isConnectionLoss(error)) await settledServerDeath(1_000);
    process.stderr.write(`${redactSecrets(describeFailure(name, error))}\n`);
    return 2;
  }
}

/**
 * Usage and connection errors are already written for people: no stack. Anything else keeps its chain.
 * When the embedded server died, that is the cause and comes first; the error that followed comes after.
 */
function describeFailure(command: string, error: unknown): string {
  if (error instanceof UsageError)
    return `hfc-bench ${command}: ${error.message}\nSee "npx hfc-bench ${command} --help".`;
  const death = serverDeath();
  if (death) {
    const consequence = error instanceof Error ? error.message : String(error);
    return `hfc-bench ${command} failed: ${describeServerDeath(death)}.\n  then: ${consequence.split('\n')[0]}`;
  }
  if (error instanceof DatabaseConnectionError || error instanceof EmbeddedServerError)
    return `hfc-bench ${command}: ${error.message}`;
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    const pgError = current as Error & { code?: string; detail?: string; hint?: string };
    const extras = [
      pgError.code && `code ${pgError.code}`,
      pgError.detail && `detail: ${pgError.detail}`,
      pgError.hint && `hint: ${pgError.hint}`,
    ]
      .filter(Boolean)
      .join('; ');
    parts.push(`${current.message}${extras ? ` (${extras})` : ''}`);
    current = current.cause;
  }
  if (parts.length === 0) parts.push(String(error));
  const stack = process.env.HFC_BENCH_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
  return `hfc-bench ${command} failed: ${parts.join('\n  caused by: ')}${stack}`;
}
