import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { parseExportFilters } from '../../src/export-filters.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { addIndexEvaluationToRun } from '../indexes/write-index-evaluation.ts';
import { INDEX_EVALUATION_FILE } from '../results/index-evaluation-results.ts';
import { INDEX_REPORT_FILE } from '../indexes/index-report-markdown.ts';
import type {
  AaControlRecord,
  BenchResults,
  CaseResult,
  IndexEvaluationLink,
  IndexMigrationRecord,
  LatencyCheck,
  PlanRecord,
  WitnessAvailability,
} from '../results/bench-results.ts';
import { RESULTS_VERSION } from '../results/bench-results.ts';
import { freshTemplates } from '../schema/seed-templates.ts';
import { connect, type DatabaseServer } from '../database/database-server.ts';
import { environmentRecord } from './environment-record.ts';
import { INDEX_STATES, indexMigrationRoundTrip, moveToIndexState } from '../schema/index-states.ts';
import { throwIfInterrupted, wasInterrupted } from '../database/cleanup-registry.ts';
import { enableStatementStatistics } from '../queries/statement-statistics.ts';
import { WitnessMismatchError } from '../queries/server-witness.ts';
import { runNoise } from '../timing/aa-control.ts';
import { headlinePair, registeredCollectors } from './collector-roles.ts';
import { measureCase } from './measure-case.ts';
import { collectorsForCase, projectNotRun } from './premise-cap.ts';
import { prepareCaseDatabases } from './case-databases.ts';
import {
  baselineRunComparisons,
  caseKey,
  indexStateComparisons,
  planIndexComparisons,
} from './run-comparisons.ts';
import { timingOptionsRecord, timingPolicy } from './sampling-plan.ts';

export interface BenchRunOptions {
  server: DatabaseServer;
  scenarios: readonly Scenario[];
  /** Exported-document sizes that replace each scenario's own; null keeps them. */
  sizes: number[] | null;
  seed: number;
  quick: boolean;
  /** `--rtt-ms`: also measure every case with this real delay per round trip. */
  rttMs: number | null;
  projectionRttMs: readonly number[];
  /** `reports/<run-id>`: raw plans go to `plans/` inside it. */
  outDir: string;
  runId: string;
  argv: string[];
  keep: boolean;
  /** Seed every template again even when the server has it (`--fresh`). */
  fresh?: boolean;
  progress: (line: string) => void;
  /**
   * Run the light index evaluation on this scenario's smallest database (none above `premiseMaxDocuments`);
   * null: none.
   */
  indexEvaluationScenario?: string | null;
  /** `--premise-max`: the premise runs only in cases of at most this many exported documents. */
  premiseMaxDocuments: number;
  /** `--long-budget`, in ms: replaces the timing policy's budget for long exports (see `timingPolicy`). */
  longCaseBudgetMs?: number;
  /** `--baseline`: a saved run to compare this one with (its results and the folder it came from). */
  baseline?: { results: Pick<BenchResults, 'runId' | 'cases'>; source: string } | null;
}

/** Round-trip times of the latency projection (issue 4: 0.1, 0.5, 1 and 5 ms). */
export const PROJECTION_RTT_MS = [0.1, 0.5, 1, 5] as const;

/** `YYYYMMDD-HHMMSS-xxxx`, sortable and unique enough for one machine. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * The bench:compare flow (DESIGN.md): for each scenario and size, a throwaway database seeded to the target
 * number of exported documents; for each index state, every registered collector (the premise only up to
 * `premiseMaxDocuments`, projected above it) under the counting client (exact round trips, fingerprints, N+1
 * findings), the equivalence verdict, interleaved timings, EXPLAIN ANALYZE of the queries, and the latency
 * projection (measured with a real delay when `rttMs` is set). A case that fails is recorded with its error
 * and the run goes on.
 */
export async function runBench(options: BenchRunOptions): Promise<BenchResults> {
  const started = new Date();
  const startedMs = performance.now();
  const cases: CaseResult[] = [];
  const plans: PlanRecord[] = [];
  const latencyChecks: LatencyCheck[] = [];
  const warnings: string[] = [];
  let indexMigration: IndexMigrationRecord | null = null;
  let indexEvaluation: IndexEvaluationLink | null = null;
  let ctype = 'unknown';
  const collectors = registeredCollectors();
  const headline = headlinePair(collectors);
  // The registry always holds a candidate and a baseline; a registry without them is a programming error.
  if (headline === null) throw new Error('the collector registry has no candidate or no baseline collector');
  const aaCollector = headline.candidate;
  const policy = timingPolicy(options.quick, aaCollector, options.longCaseBudgetMs);
  const aaControls: { key: string; control: AaControlRecord }[] = [];
  // What the first database said about pg_stat_statements; every database of the run is asked again.
  let witness: WitnessAvailability | null = null;

  const work = options.scenarios.flatMap((scenario) =>
    (options.sizes ?? [scenario.documents]).map((documents) => ({ scenario, documents })),
  );
  // The index migration's round trip runs on the largest database, so the index sizes it records compare
  // with the plan's estimate (10 000 documents).
  const roundTripAt = work.reduce<(typeof work)[number] | undefined>(
    (best, item) => (best === undefined || item.documents > best.documents ? item : best),
    undefined,
  );
  // The light index evaluation runs every collector's export per filter case: on the chosen scenario's
  // smallest database, and not at all above the premise's limit, where one export of each takes minutes
  // (`hfc-bench indexes --documents N` evaluates a large size from the statements of a small one).
  const evaluationAt = work
    .filter((item) => item.scenario.name === options.indexEvaluationScenario)
    .reduce<
      (typeof work)[number] | undefined
    >((best, item) => (best === undefined || item.documents < best.documents ? item : best), undefined);
  if (evaluationAt !== undefined && evaluationAt.documents > options.premiseMaxDocuments) {
    const skipped =
      `index evaluation not run: its database (${evaluationAt.scenario.name}, ${evaluationAt.documents} documents) ` +
      `is above --premise-max ${options.premiseMaxDocuments}, where it would export every filter case with ` +
      `every collector; run hfc-bench indexes --documents N for the DBA's evaluation at a large size`;
    warnings.push(skipped);
    options.progress(skipped);
  }
  const fresh = options.fresh ? freshTemplates() : undefined;
  const requests = work.map(({ scenario, documents }, i) => ({
    tag: `[${i + 1}/${work.length}] ${scenario.name} (${documents} documents)`,
    label: `bench_${scenario.name}_${documents}`,
    documents,
    filters: parseExportFilters(scenario.filters),
  }));
  // Every case's data before the first measurement (see case-databases.ts).
  const prepared = await prepareCaseDatabases(options.server.url, requests, {
    seed: options.seed,
    fresh,
    keep: options.keep,
    progress: options.progress,
  });
  try {
    for (const [i, item] of work.entries()) {
      // After Ctrl-C no scenario starts, and a failure is the interruption's, not the case's (see cli.ts).
      throwIfInterrupted();
      const { scenario, documents } = item;
      const { tag, filters } = requests[i]!;
      const data = prepared.data[i]!;
      try {
        if ('error' in data) throw data.error;
        const { seeded, db } = data;
        try {
          ctype = db.ctype;
          const client = await connect(db.url, `connect to ${db.name}`);
          try {
            const availability = await enableStatementStatistics(client);
            witness ??= availability;
            options.progress(`${tag}: measuring on ${db.name}, a clone of ${seeded.templateName}`);
            if (item === roundTripAt) {
              indexMigration = await indexMigrationRoundTrip(client);
              indexMigration.seededDocuments = seeded.seededDocuments;
              if (!indexMigration.roundTripIdentical) {
                warnings.push(
                  `index migration: down did not restore the catalog (${indexMigration.differences.join('; ')})`,
                );
              }
            }
            for (const indexState of INDEX_STATES) {
              throwIfInterrupted();
              const change = await moveToIndexState(client, indexState);
              if (change.invalidIndexes.length > 0) {
                warnings.push(
                  `${tag}: INVALID indexes after moving to ${indexState}: ${change.invalidIndexes.join(', ')}`,
                );
              }
              const base = {
                scenario,
                documents,
                seededDocuments: seeded.seededDocuments,
                indexState,
                filters,
              };
              const { run, notRun } = collectorsForCase(collectors, documents, options.premiseMaxDocuments);
              for (const n of notRun) options.progress(`${tag} ${indexState}: ${n.reason}, not run`);
              const measured = await measureCase(
                client,
                base,
                {
                  collectors: run,
                  headline,
                  policy,
                  witness: availability,
                  projectionRttMs: options.projectionRttMs,
                  rttMs: options.rttMs,
                  outDir: options.outDir,
                  progress: options.progress,
                },
                `${tag} ${indexState}`,
              );
              cases.push(notRun.length > 0 ? { ...measured.result, notRun } : measured.result);
              if (measured.result.aaControl)
                aaControls.push({ key: caseKey(measured.result), control: measured.result.aaControl });
              plans.push(...measured.plans);
              latencyChecks.push(...measured.latency);
            }
            if (item === evaluationAt && documents <= options.premiseMaxDocuments) {
              options.progress(`${tag}: evaluating each proposed index (indexes.md)...`);
              indexEvaluation = await evaluateIndexesForRun(
                client,
                options,
                scenario.name,
                seeded.seededDocuments,
              );
            }
          } finally {
            await client.end().catch(() => undefined);
          }
          if (options.keep) options.progress(`${tag}: kept database ${db.name}`);
        } finally {
          // Dropped as soon as its case has run (a no-op with --keep).
          await db.drop();
        }
      } catch (error) {
        if (wasInterrupted()) throw error;
        const e = error as Error;
        options.progress(`${tag}: FAILED: ${e.message}`);
        if (e instanceof WitnessMismatchError) warnings.push(e.message);
        cases.push(failedCase(scenario, documents, e));
      }
    }
  } finally {
    // A run that stops early still drops every database it prepared (each drop runs once).
    await Promise.all(prepared.data.flatMap((d) => ('db' in d ? [d.db.drop().catch(() => undefined)] : [])));
  }

  const finished = new Date();
  return {
    version: RESULTS_VERSION,
    runId: options.runId,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: performance.now() - startedMs,
    argv: options.argv,
    options: {
      seed: options.seed,
      quick: options.quick,
      scenarios: options.scenarios.map((s) => s.name),
      sizes: options.sizes,
      projectionRttMs: [...options.projectionRttMs],
      rttMs: options.rttMs,
      premiseMaxDocuments: options.premiseMaxDocuments,
      timing: timingOptionsRecord(policy),
    },
    environment: await environmentRecord(options.server, ctype),
    cases: projectNotRun(cases),
    indexMigration,
    plans,
    latencyChecks,
    warnings,
    indexEvaluation,
    collectors: collectors.map(({ id, role, description }) => ({ id, role, description })),
    headline,
    noise: runNoise(aaCollector, aaControls),
    indexComparisons: indexStateComparisons(cases),
    planIndexComparisons: planIndexComparisons(plans),
    baselineRun: options.baseline
      ? baselineRunComparisons(cases, options.baseline.results, options.baseline.source)
      : null,
    witness: witness ?? { available: false, reason: 'no database was created', trackPlanning: false },
  };
}

/**
 * The index evaluation of `hfc-bench indexes`, lighter (a shorter timing budget, fewer write samples, no
 * scan-count pass), on a database the bench already seeded. A failure is recorded and the bench goes on.
 */
async function evaluateIndexesForRun(
  client: pg.Client,
  options: BenchRunOptions,
  scenario: string,
  seededDocuments: number,
): Promise<IndexEvaluationLink> {
  const base = { reportFile: INDEX_REPORT_FILE, dataFile: INDEX_EVALUATION_FILE, scenario, seededDocuments };
  try {
    await moveToIndexState(client, 'schema');
    const { results } = await addIndexEvaluationToRun(client, options.outDir, {
      timeBudgetMs: options.quick ? 2_000 : 8_000,
      writeSamples: options.quick ? 10 : 30,
      skipScans: true,
      progress: options.progress,
      runId: options.runId,
      argv: options.argv,
      seed: options.seed,
      documents: seededDocuments,
    });
    return {
      ...base,
      verdicts: results.candidates.map((c) => ({
        index: c.candidate.name,
        verdict: c.verdict.replacement ? `${c.verdict.kind} with ${c.verdict.replacement}` : c.verdict.kind,
        headline: c.verdict.headline,
      })),
    };
  } catch (error) {
    if (wasInterrupted()) throw error;
    options.progress(`index evaluation FAILED: ${(error as Error).message}`);
    return { ...base, verdicts: [], error: (error as Error).message };
  }
}

function failedCase(scenario: Scenario, documents: number, error: Error): CaseResult {
  return {
    scenario: scenario.name,
    description: scenario.description,
    filters: scenario.filters,
    targetDocuments: documents,
    seededDocuments: 0,
    indexState: 'schema',
    status: 'failed',
    error: { name: error.name, message: error.message },
    equivalent: null,
    collectors: {},
    comparisons: [],
    aaControl: null,
    sampling: null,
    latencyProbe: null,
  };
}
