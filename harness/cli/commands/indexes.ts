import { relative, resolve } from 'node:path';
import { newRunId } from '../../bench/bench-runner.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs, parseIntegerOption } from '../cli-args.ts';
import { openDatabaseServer, requestedDatabaseUrl } from '../../database/database-server.ts';
import { redactSecrets } from '../../database/database-url.ts';
import { DEFAULT_TIME_BUDGET_MS, evaluateIndexes } from '../../indexes/index-evaluation.ts';
import { verdictSummary, writeIndexEvaluation } from '../../indexes/write-index-evaluation.ts';
import type { IndexEvaluationResults } from '../../results/index-evaluation-results.ts';
import { seedProgressPrinter } from '../../schema/seed-progress.ts';
import { withSeededDatabase } from '../../schema/seeded-database.ts';

/** Seeded documents when `--documents` is not given: the evaluation then takes about a minute on 2 cores. */
export const DEFAULT_INDEX_DOCUMENTS = 1000;

const HELP = `Usage: npx hfc-bench indexes [--documents N] [--seed S] [--time-budget-s T] [--no-scans]
                           [--database-url URL] [--out-dir DIR] [--keep] [--fresh]

The DBA's index evaluation (npm run bench:indexes). Seeds a throwaway database, then builds each index the
optimisation plan proposes, one at a time, and the alternatives the harness proposes (trigram GIN indexes for
the ILIKE searches, the plan's partial index on completed documents), and measures each: build time, size,
the export queries whose plans use it with their plan and time change with and without it, the index scans it
receives, the write cost of inserting a document with its child rows, redundancy with the schema's own indexes,
whether it can serve the filter's operator, HypoPG's estimate where available, and the migration's safety.
Ends with a verdict per index (keep, drop, replace with ...).

Writes reports/<run-id>/results.json (kind "index-evaluation", harness/index-evaluation.schema.json) and
reports/<run-id>/indexes.md.

Options:
  --documents N        documents to seed (default ${DEFAULT_INDEX_DOCUMENTS}); about 60 % of them are exported with no filter
  --seed S             seed of the synthetic data (default 42)
  --time-budget-s T    seconds for the with/without timings over all indexes (default ${DEFAULT_TIME_BUDGET_MS / 1000})
  --no-scans           skip counting idx_scan over a run of every export (the slowest step at large sizes)
  --database-url URL   server for the throwaway database (default: DATABASE_URL, else an embedded PostgreSQL)
  --out-dir DIR        where run folders go (default: reports)
  --keep               keep the throwaway database (name printed)
  --fresh              seed the template database again even when the server has it
  -h, --help           show this help

Exit codes: 0 evaluated (whatever the verdicts); 2 the harness could not run.

Examples:
  npm run bench:indexes
  npx hfc-bench indexes --documents 10000 --time-budget-s 60
`;

export const indexesCommand: CliCommand = {
  name: 'indexes',
  summary: "The DBA's index evaluation: each proposed index measured with and without, verdicts, indexes.md",
  help: HELP,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      documents: { type: 'string' },
      seed: { type: 'string' },
      'time-budget-s': { type: 'string' },
      'no-scans': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'out-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
    });
    const documents = parseIntegerOption('documents', values.documents, DEFAULT_INDEX_DOCUMENTS, {
      min: 50,
      max: 1_000_000,
    });
    const seed = parseIntegerOption('seed', values.seed, 42, { min: 0 });
    const budgetS = parseIntegerOption(
      'time-budget-s',
      values['time-budget-s'],
      DEFAULT_TIME_BUDGET_MS / 1000,
      {
        min: 1,
        max: 3600,
      },
    );
    const url = requestedDatabaseUrl(values['database-url']);
    const runId = newRunId();
    const outDir = resolve(values['out-dir'] ?? 'reports', runId);
    const progress = (line: string) => process.stderr.write(`${line}\n`);

    const server = await openDatabaseServer({ databaseUrl: url, onProgress: progress });
    let results: IndexEvaluationResults;
    try {
      progress(
        `indexes ${runId} on ${server.kind} PostgreSQL ${server.version}: seeding ${documents} documents (seed ${seed})`,
      );
      results = await withSeededDatabase(
        server.url,
        {
          label: 'indexes',
          documents,
          seed,
          keep: values.keep,
          fresh: values.fresh,
          onProgress: seedProgressPrinter(),
        },
        async ({ db, client }) => {
          if (values.keep) progress(`keeping database ${db.name}`);
          return evaluateIndexes(client, {
            timeBudgetMs: budgetS * 1000,
            skipScans: values['no-scans'],
            runId,
            argv: ['indexes', ...argv.map(redactSecrets)],
            seed,
            documents,
            progress,
          });
        },
      );
    } finally {
      await server.close();
    }
    const written = await writeIndexEvaluation(results, outDir, 'results.json');
    process.stdout.write(verdictSummary(results));
    process.stdout.write(`\nreport: ${relative(process.cwd(), written.reportPath)}\n`);
    return 0;
  },
};
