import { relative, resolve } from 'node:path';
import { newRunId } from '../../bench/bench-runner.ts';
import { UsageError } from '../../core/usage-error.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs, parseIntegerOption } from '../cli-args.ts';
import { openDatabaseServer, requestedDatabaseUrl } from '../../database/database-server.ts';
import { redactSecrets } from '../../database/database-url.ts';
import { evaluateIndexSizes, MAX_COLLECTING_DOCUMENTS } from '../../indexes/evaluate-index-sizes.ts';
import { DEFAULT_PLAN_REPEATS, DEFAULT_TIME_BUDGET_MS } from '../../indexes/index-evaluation.ts';
import { verdictSummary, writeIndexEvaluation } from '../../indexes/write-index-evaluation.ts';
import type { IndexEvaluationResults } from '../../results/index-evaluation-results.ts';
import { seedProgressPrinter } from '../../schema/seed-progress.ts';

/** Seeded documents of the small size, evaluated alone by default and next to `--documents N`. */
export const DEFAULT_INDEX_DOCUMENTS = 1000;
/** The largest size the command evaluates. */
export const MAX_INDEX_DOCUMENTS = 1_000_000;

const HELP = `Usage: npx hfc-bench indexes [--documents N | --sizes A,B] [--seed S] [--time-budget-s T]
                           [--plan-repeats R] [--no-scans] [--database-url URL] [--out-dir DIR] [--keep]
                           [--fresh]

The DBA's index evaluation (npm run bench:indexes). Seeds a throwaway database per size, then builds each index
the optimisation plan proposes, one at a time, and the alternatives the harness proposes (trigram GIN indexes for
the ILIKE searches, the plan's partial index on completed documents), and measures each: build time, size, the
export queries whose plans use it with their plan and time change with and without it (ratio of medians with a
95 % bootstrap interval and a verdict), the index scans it receives, the write cost of inserting a document with
its child rows, redundancy with the schema's own indexes, whether it can serve the filter's operator, HypoPG's
estimate where available, and the migration's safety. Ends with a verdict per index (keep, drop, replace with ...)
at each size, and, with two sizes, which indexes only pay off at scale and what each costs there.

The smallest size runs every export to collect the queries; larger sizes measure those same statements (the
exports themselves would dominate the time at a million documents), without the idx_scan pass.

Writes reports/<run-id>/results.json (kind "index-evaluation", version 2,
harness/results/index-evaluation.schema.json) and reports/<run-id>/indexes.md.

Options:
  --documents N        evaluate N documents next to the default size ${DEFAULT_INDEX_DOCUMENTS} (up to ${MAX_INDEX_DOCUMENTS});
                       without it and without --sizes, only ${DEFAULT_INDEX_DOCUMENTS}
  --sizes A,B          evaluate exactly these sizes (comma-separated, smallest at most ${MAX_COLLECTING_DOCUMENTS})
  --seed S             seed of the synthetic data (default 42)
  --time-budget-s T    seconds for the with/without round-trip timings over all indexes, per size
                       (default ${DEFAULT_TIME_BUDGET_MS / 1000})
  --plan-repeats R     EXPLAIN ANALYZE executions a side of each query whose plan an index changes
                       (default ${DEFAULT_PLAN_REPEATS}, at least 5)
  --no-scans           skip counting idx_scan over a run of every export
  --database-url URL   server for the throwaway databases (default: DATABASE_URL, else an embedded PostgreSQL)
  --out-dir DIR        where run folders go (default: reports)
  --keep               keep the throwaway databases (names printed)
  --fresh              seed the template databases again even when the server has them (see
                       hfc-bench cache); by default each seeded size is kept as a template and cloned
  -h, --help           show this help

Exit codes: 0 evaluated (whatever the verdicts); 2 the harness could not run.

Examples:
  npm run bench:indexes
  npx hfc-bench indexes --documents 1000000
  npx hfc-bench indexes --sizes 1000,100000 --time-budget-s 60
`;

/**
 * The sizes to evaluate from `--documents` and `--sizes` (at most one of them): the default size alone, the
 * default size and N, or the given list; sorted ascending, duplicates removed.
 *
 * @throws UsageError for both options, a malformed list, a size out of range, or a smallest size above
 *   {@link MAX_COLLECTING_DOCUMENTS}.
 */
export function parseIndexSizes(documents: string | undefined, sizes: string | undefined): number[] {
  if (documents !== undefined && sizes !== undefined) {
    throw new UsageError(
      '--documents and --sizes cannot be used together: --documents N evaluates N next to ' +
        `${DEFAULT_INDEX_DOCUMENTS}; --sizes A,B evaluates exactly A and B`,
    );
  }
  const range = { min: 50, max: MAX_INDEX_DOCUMENTS };
  let list: number[];
  if (sizes !== undefined) {
    const parts = sizes.split(',').map((p) => p.trim());
    if (parts.length === 0 || parts.some((p) => p === '')) {
      throw new UsageError(
        `--sizes must be a comma-separated list of document counts, e.g. 1000,1000000; received "${sizes}"`,
      );
    }
    list = parts.map((p) => parseIntegerOption('sizes', p, 0, range));
  } else {
    list = [
      DEFAULT_INDEX_DOCUMENTS,
      parseIntegerOption('documents', documents, DEFAULT_INDEX_DOCUMENTS, range),
    ];
  }
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  if (sorted[0]! > MAX_COLLECTING_DOCUMENTS) {
    throw new UsageError(
      `the smallest size must be at most ${MAX_COLLECTING_DOCUMENTS} documents (its exports are run to collect the ` +
        `queries every size measures); received ${sorted.join(',')}; add a small size, e.g. --sizes ` +
        `${DEFAULT_INDEX_DOCUMENTS},${sorted[sorted.length - 1]}`,
    );
  }
  return sorted;
}

export const indexesCommand: CliCommand = {
  name: 'indexes',
  summary:
    "The DBA's index evaluation at one or two sizes: each proposed index measured with and without, verdicts",
  help: HELP,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      documents: { type: 'string' },
      sizes: { type: 'string' },
      seed: { type: 'string' },
      'time-budget-s': { type: 'string' },
      'plan-repeats': { type: 'string' },
      'no-scans': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'out-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
    });
    const sizes = parseIndexSizes(values.documents, values.sizes);
    const seed = parseIntegerOption('seed', values.seed, 42, { min: 0 });
    const budgetS = parseIntegerOption(
      'time-budget-s',
      values['time-budget-s'],
      DEFAULT_TIME_BUDGET_MS / 1000,
      { min: 1, max: 3600 },
    );
    const planRepeats = parseIntegerOption('plan-repeats', values['plan-repeats'], DEFAULT_PLAN_REPEATS, {
      min: 5,
      max: 100,
    });
    const url = requestedDatabaseUrl(values['database-url']);
    const runId = newRunId();
    const outDir = resolve(values['out-dir'] ?? 'reports', runId);
    const progress = (line: string) => process.stderr.write(`${line}\n`);

    const server = await openDatabaseServer({ databaseUrl: url, onProgress: progress });
    let results: IndexEvaluationResults;
    try {
      progress(
        `indexes ${runId} on ${server.kind} PostgreSQL ${server.version}: ${sizes.length === 1 ? 'size' : 'sizes'} ` +
          `${sizes.join(', ')} documents (seed ${seed})`,
      );
      results = await evaluateIndexSizes(server.url, {
        sizes,
        seed,
        keep: values.keep,
        fresh: values.fresh,
        timeBudgetMs: budgetS * 1000,
        planRepeats,
        skipScans: values['no-scans'],
        runId,
        argv: ['indexes', ...argv.map(redactSecrets)],
        progress,
        onSeedProgress: seedProgressPrinter(),
      });
    } finally {
      await server.close();
    }
    const written = await writeIndexEvaluation(results, outDir, 'results.json');
    process.stdout.write(verdictSummary(results));
    process.stdout.write(
      `\nreport: ${relative(process.cwd(), written.reportPath)} (${(results.durationMs / 1000).toFixed(0)} s)\n`,
    );
    return 0;
  },
};
