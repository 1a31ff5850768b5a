import { mkdir, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { DEFAULT_SCENARIOS, QUICK_MAX_DOCUMENTS } from '../../../scenarios/default-scenarios.ts';
import { parseSizes, ScenarioError, selectScenarios } from '../../../scenarios/scenario.ts';
import type { BenchResults } from '../../results/bench-results.ts';
import { newRunId, PROJECTION_RTT_MS, runBench } from '../../bench/bench-runner.ts';
import { DEFAULT_PREMISE_MAX_DOCUMENTS } from '../../bench/premise-cap.ts';
import { DEFAULT_LONG_BUDGET_S, QUICK_LONG_BUDGET_S } from '../../bench/sampling-plan.ts';
import { notRunOf } from '../../report/report-collectors.ts';
import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../../core/usage-error.ts';
import { parseCliArgs, parseIntegerOption } from '../cli-args.ts';
import { openDatabaseServer, requestedDatabaseUrl } from '../../database/database-server.ts';
import { redactSecrets } from '../../database/database-url.ts';
import { onCleanup, wasInterrupted } from '../../database/cleanup-registry.ts';
import { noteActivity } from '../../database/server-death.ts';
import { readBenchResults } from '../../results/validate-results.ts';
import { writeReport } from '../write-report.ts';
import type { CollectorId } from '../../results/collector-id.ts';

const HELP = `Usage: npx hfc-bench bench [--quick] [--scenario NAME[,NAME...]] [--sizes N[,N...]] [--seed S]
                         [--rtt-ms R] [--premise-max N] [--long-budget S] [--baseline DIR]
                         [--database-url URL] [--out-dir DIR] [--keep] [--fresh]

The main job (npm run bench:compare). For each scenario and size it seeds a throwaway database to about that
many exported documents, then in each index state ("schema", then "schema + proposed indexes", moved with the
index migration): runs every registered collector (v1, the plan's premise; v1-orm, what production sends
today; v2, the candidate) under a query-counting client, checks that each one's six sheets are identical to
v1's, times them interleaved, captures EXPLAIN ANALYZE plans, and projects the time over a network. Writes
reports/<run-id>/results.json, report.md and PNG charts.

Default scenarios (the plan's Performance Comparison Matrix, plus growth and the hs_code quirk):
${DEFAULT_SCENARIOS.map((s) => `  ${s.name.padEnd(8)} ${s.description}`).join('\n')}

Options:
  --quick              every scenario capped at ${QUICK_MAX_DOCUMENTS} exported documents (unless --sizes is given),
                       at most 10 timing rounds and a shorter time budget per case
  --scenario NAMES     only these scenarios, comma-separated (default: all)
  --sizes N,N,...      run each selected scenario at these exported-document counts instead of its own
  --seed S             seed of the synthetic data (default 42)
  --rtt-ms R           also run every case with R ms really added to each round trip, to check the
                       projection (time + queries x r, reported for r = ${PROJECTION_RTT_MS.join(', ')} ms)
  --premise-max N      run v1 only in cases of at most N exported documents (default ${DEFAULT_PREMISE_MAX_DOCUMENTS});
                       above, its round trips and time are projected linearly from its largest case of
                       the same scenario, and the other collectors are checked against v1-orm
  --long-budget S      seconds each long export (1 s or more) may take in its 3 timing rounds (default
                       ${DEFAULT_LONG_BUDGET_S}, ${QUICK_LONG_BUDGET_S} with --quick); a longer one is not timed: its counted export is
                       its only sample, and its comparisons get no interval. 600 times every collector
                       that runs at 100 000 documents (about 9 more minutes per case there)
  --baseline DIR       compare every case's timings with the same case of a saved run (its folder, e.g.
                       reports/<run-id>): ratio, 95 % interval and verdict per collector
  --database-url URL   server for the throwaway databases (default: DATABASE_URL, else an embedded
                       PostgreSQL started for this run and stopped at the end)
  --out-dir DIR        where run folders go (default: reports)
  --keep               keep the throwaway databases (names printed)
  --fresh              seed the template databases again even when the server has them (see
                       hfc-bench cache); by default each seeded dataset is kept as a template and cloned
  -h, --help           show this help

Exit codes: 0 every case equivalent; 1 some case not equivalent; 2 the harness could not run, or could
not measure some case (the report is still written).

Examples:
  npm run bench:compare
  npm run bench:compare -- --quick
  npx hfc-bench bench --scenario xl,growth --rtt-ms 1
  npx hfc-bench bench --scenario growth --sizes 10000,100000     (v1 projected at 100 000)
  npx hfc-bench bench --scenario growth --sizes 100000 --long-budget 600   (intervals at 100 000)
`;

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'The main job: scenario matrix, both index states, equivalence, timing, plans, report',
  help: HELP,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      sizes: { type: 'string' },
      seed: { type: 'string' },
      'rtt-ms': { type: 'string' },
      'premise-max': { type: 'string' },
      'long-budget': { type: 'string' },
      baseline: { type: 'string' },
      'database-url': { type: 'string' },
      'out-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
    });
    let scenarios;
    let sizes;
    try {
      scenarios = selectScenarios(DEFAULT_SCENARIOS, values.scenario);
      sizes = parseSizes(values.sizes);
    } catch (error) {
      if (error instanceof ScenarioError) throw new UsageError(error.message, { cause: error });
      throw error;
    }
    if (values.quick && sizes === null) {
      scenarios = scenarios.map((s) => ({ ...s, documents: Math.min(s.documents, QUICK_MAX_DOCUMENTS) }));
    }
    const seed = parseIntegerOption('seed', values.seed, 42, { min: 0 });
    const premiseMaxDocuments = parseIntegerOption(
      'premise-max',
      values['premise-max'],
      DEFAULT_PREMISE_MAX_DOCUMENTS,
      { min: 0 },
    );
    // Absent: the policy's own budget (12 s, or 3 s with --quick).
    const longBudgetS =
      values['long-budget'] === undefined
        ? undefined
        : parseIntegerOption('long-budget', values['long-budget'], 0, { min: 1, max: 86_400 });
    let rttMs: number | null = null;
    if (values['rtt-ms'] !== undefined) {
      rttMs = Number(values['rtt-ms']);
      if (!Number.isFinite(rttMs) || rttMs <= 0 || rttMs > 100) {
        throw new UsageError(
          `--rtt-ms must be a number of milliseconds above 0 and at most 100; received "${values['rtt-ms']}"`,
        );
      }
    }
    let baseline: { results: BenchResults; source: string } | null = null;
    if (values.baseline !== undefined) {
      try {
        baseline = { results: await readBenchResults(values.baseline), source: values.baseline };
      } catch (error) {
        throw new UsageError(`--baseline: ${(error as Error).message}`, { cause: error });
      }
    }
    const url = requestedDatabaseUrl(values['database-url']);
    const runId = newRunId();
    const outDir = resolve(values['out-dir'] ?? 'reports', runId);
    await mkdir(outDir, { recursive: true });
    // Decision: an interrupted run leaves no folder (never a normal-looking report): this cleanup, the
    // first registered so the last to run, removes it after Ctrl-C. A finished run unregisters it.
    const keepRunFolder = onCleanup(async () => {
      if (!wasInterrupted()) return;
      await rm(outDir, { recursive: true, force: true });
      process.stderr.write(
        `hfc-bench: removed the unfinished run folder ${relative(process.cwd(), outDir)}\n`,
      );
    });
    const progress = (line: string) => {
      noteActivity(line);
      process.stderr.write(`${line}\n`);
    };

    const server = await openDatabaseServer({ databaseUrl: url, onProgress: progress });
    let results: BenchResults;
    try {
      progress(
        `bench ${runId} on ${server.kind} PostgreSQL ${server.version}; report in ${relative(process.cwd(), outDir) || outDir}`,
      );
      results = await runBench({
        server,
        scenarios,
        sizes,
        seed,
        quick: values.quick,
        rttMs,
        premiseMaxDocuments,
        ...(longBudgetS === undefined ? {} : { longCaseBudgetMs: longBudgetS * 1000 }),
        projectionRttMs: PROJECTION_RTT_MS,
        outDir,
        runId,
        argv: ['bench', ...argv.map(redactSecrets)],
        keep: values.keep,
        fresh: values.fresh,
        progress,
        // The DBA's evaluation runs on the largest "all filters" database; `npm run bench:indexes` is the full one.
        indexEvaluationScenario: scenarios.some((s) => s.name === 'xl') ? 'xl' : (scenarios[0]?.name ?? null),
        baseline,
      });
    } finally {
      await server.close();
    }
    const written = await writeReport(results, outDir);
    keepRunFolder();
    process.stdout.write(summaryTable(results));
    process.stdout.write(`\nreport: ${relative(process.cwd(), written.reportPath)}\n`);
    if (results.indexEvaluation && !results.indexEvaluation.error) {
      process.stdout.write(
        `index evaluation: ${relative(process.cwd(), resolve(outDir, results.indexEvaluation.reportFile))}\n`,
      );
    }
    // A case the harness could not measure (equivalent null) is a harness failure, even though the rest of the
    // run completed and is reported; a collector that differs from v1 is the verdict this command exists for.
    if (results.cases.some((c) => c.equivalent === false)) return 1;
    if (results.noise.tooNoisy) {
      process.stderr.write(
        `hfc-bench bench: the A/A control found a difference where there is none in ${results.noise.failedCases.join(', ')}: ` +
          'the machine was too noisy to judge differences of this size; run again on a quieter machine.\n',
      );
    }
    if (results.cases.some((c) => c.equivalent === null)) {
      process.stderr.write(
        'hfc-bench bench: some cases could not be measured (see "Failures" in the report).\n',
      );
      return 2;
    }
    return 0;
  },
};

/** A short console table: one line per case, every collector's queries and median time, the headline ratio. */
export function summaryTable(results: BenchResults): string {
  const ids = results.collectors.map((c) => c.id);
  const { candidate, baseline } = results.headline;
  const header = [
    'scenario',
    'docs',
    'index state',
    'equivalent',
    ...ids.map((id) => `${id} queries`),
    ...ids.map((id) => `${id} ms`),
    `${candidate}/${baseline} (95 % interval)`,
    'A/A',
  ];
  const rows = results.cases.map((c) => {
    const median = (id: CollectorId) => {
      const t = c.collectors[id]?.timing;
      if (t)
        return `${t.p50Ms.toFixed(1)}${t.samples < 3 ? ` (${t.samples} sample${t.samples === 1 ? '' : 's'})` : ''}`;
      const projected = notRunOf(c, id)?.projection;
      return projected ? `~${projected.ms.toFixed(0)} projected` : '-';
    };
    const head = c.comparisons.find((x) => x.purpose === 'headline');
    const ratio = head
      ? head.low === null || head.high === null
        ? `${head.ratio.toFixed(3)} (too few samples)`
        : `${head.ratio.toFixed(3)} (${head.low.toFixed(3)}-${head.high.toFixed(3)}) ${head.verdict}`
      : '-';
    const aa = c.aaControl
      ? c.aaControl.passed === null
        ? 'too few samples'
        : `${c.aaControl.passed ? 'pass' : 'FAIL'} ±${(((c.aaControl.noiseFloor ?? 0) * 100) / 2).toFixed(1)} %`
      : '-';
    const docs = c.collectors[candidate]?.exportedDocuments || c.targetDocuments;
    return [
      c.scenario,
      String(docs),
      c.indexState,
      c.equivalent === null
        ? `failed: ${c.error?.name ?? '?'}`
        : c.equivalent
          ? c.status === 'failed'
            ? `yes (${c.error?.name})`
            : 'yes'
          : 'NO',
      ...ids.map((id) => queriesCell(c, id)),
      ...ids.map(median),
      ratio,
      aa,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  const noise = results.noise;
  const footer =
    noise.floor === null
      ? 'noise floor: no A/A control'
      : `noise floor (widest A/A interval): ${(noise.floor * 100).toFixed(1)} %` +
        (noise.tooNoisy
          ? `; TOO NOISY to judge: the A/A control failed in ${noise.failedCases.join(', ')}`
          : '');
  return `\n${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n${footer}\n`;
}

/** A collector's round trips in a case; a collector the case left out shows its projection, or "not run". */
function queriesCell(c: BenchResults['cases'][number], id: CollectorId): string {
  const record = c.collectors[id];
  if (record) return String(record.queryCount);
  const notRun = notRunOf(c, id);
  if (!notRun) return '-';
  return notRun.projection ? `not run (~${notRun.projection.queryCount} projected)` : 'not run';
}
