import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { collectV1 } from '../../src/collector-v1.ts';
import { collectV2 } from '../../src/collector-v2.ts';
import { parseExportFilters, type ExportFilters } from '../../src/export-filters.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { addIndexEvaluationToRun } from '../indexes/write-index-evaluation.ts';
import { INDEX_EVALUATION_FILE } from '../results/index-evaluation-results.ts';
import { INDEX_REPORT_FILE } from '../indexes/index-report-markdown.ts';
import type {
  BenchResults,
  IndexEvaluationLink,
  CaseResult,
  CollectorId,
  CollectorRecord,
  IndexMigrationRecord,
  IndexState,
  LatencyCheck,
  PlanRecord,
  CollectorTimingRecord,
} from '../results/bench-results.ts';
import { RESULTS_VERSION } from '../results/bench-results.ts';
import { calibrateSeedTemplate } from '../schema/calibrated-seed.ts';
import { freshTemplates } from '../schema/seed-templates.ts';
import { compareCollectors, runCollector, type CollectorOutcome } from '../compare/compare-collectors.ts';
import { CountingClient } from '../queries/counting-client.ts';
import { connect, type DatabaseServer } from '../database/database-server.ts';
import { environmentRecord } from './environment-record.ts';
import { capturePlans } from '../explain/explain-queries.ts';
import { INDEX_STATES, indexMigrationRoundTrip, moveToIndexState } from '../schema/index-states.ts';
import { timeInterleaved } from '../timing/interleaved-timing.ts';
import { runExport } from '../compare/run-export.ts';
import { withThrowawayDatabase } from '../database/throwaway-database.ts';

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
  /** Run the light index evaluation on this scenario's database (its first size); null: none. */
  indexEvaluationScenario?: string | null;
}

/** Round-trip times of the latency projection (issue 4: 0.1, 0.5, 1 and 5 ms). */
export const PROJECTION_RTT_MS = [0.1, 0.5, 1, 5] as const;

/** `YYYYMMDD-HHMMSS-xxxx`, sortable and unique enough for one machine. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * Time spent on timing rounds per case and index state: a budget, not a limit on one export. Rounds are
 * `budget / (v1 + v2 time of one export)`, between 3 and 30; quick runs use a smaller budget.
 */
export function timingBudget(quick: boolean) {
  return { budgetMsPerCase: quick ? 1_200 : 10_000, minRounds: 3, maxRounds: 30 };
}

function timingRounds(oneRoundMs: number, quick: boolean): { rounds: number; warmupRounds: number } {
  const { budgetMsPerCase, minRounds, maxRounds } = timingBudget(quick);
  // Exports that take many seconds (v1 at 10 000 documents) get one measured round after the counted run,
  // which warmed the caches: a single sample (no spread), so the default run stays within five minutes.
  const floor = oneRoundMs > 10_000 ? 1 : minRounds;
  const rounds = Math.min(maxRounds, Math.max(floor, Math.floor(budgetMsPerCase / Math.max(1, oneRoundMs))));
  // The counted runs just before warmed every cache; an explicit warm-up round is only worth it when cheap.
  return { rounds, warmupRounds: oneRoundMs < 1_000 ? 1 : 0 };
}

/**
 * The bench:compare flow (DESIGN.md): for each scenario and size, a throwaway database seeded to the target
 * number of exported documents; for each index state, both collectors under the counting client (exact
 * round trips, fingerprints, N+1 findings), the equivalence verdict, interleaved timings, EXPLAIN ANALYZE of
 * the queries, and the latency projection (measured with a real delay when `rttMs` is set). A case that fails
 * is recorded with its error and the run goes on.
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

  const work = options.scenarios.flatMap((scenario) =>
    (options.sizes ?? [scenario.documents]).map((documents) => ({ scenario, documents })),
  );
  // The index migration's round trip runs on the largest database, so the index sizes it records compare
  // with the plan's estimate (10 000 documents).
  const roundTripAt = work.reduce<(typeof work)[number] | undefined>(
    (best, item) => (best === undefined || item.documents > best.documents ? item : best),
    undefined,
  );
  const fresh = options.fresh ? freshTemplates() : undefined;
  let step = 0;
  for (const item of work) {
    const { scenario, documents } = item;
    step += 1;
    const tag = `[${step}/${work.length}] ${scenario.name} (${documents} documents)`;
    const filters = parseExportFilters(scenario.filters);
    try {
      // The data: a template database calibrated to the target (seeded only when the server lacks it), cloned.
      options.progress(`${tag}: preparing data for about ${documents} exported documents...`);
      const dataStarted = performance.now();
      const seeded = await calibrateSeedTemplate(options.server.url, {
        target: documents,
        filters,
        seed: options.seed,
        fresh,
      });
      await withThrowawayDatabase(
        options.server.url,
        { label: `bench_${scenario.name}_${documents}`, keep: options.keep, template: seeded.templateName },
        async (db) => {
          ctype = db.ctype;
          const client = await connect(db.url, `connect to ${db.name}`);
          try {
            options.progress(
              `${tag}: ${seeded.seededDocuments} documents -> ${seeded.exportedDocuments} exported, cloned from ` +
                `${seeded.templateName} (${seeded.attempts} size${seeded.attempts > 1 ? 's' : ''} tried, ` +
                `${seeded.seedings} seeded now in ${(seeded.seedMs / 1000).toFixed(1)} s; data ready in ` +
                `${((performance.now() - dataStarted) / 1000).toFixed(1)} s)`,
            );
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
              const measured = await measureCase(client, base, options, `${tag} ${indexState}`);
              cases.push(measured.result);
              plans.push(...measured.plans);
              latencyChecks.push(...measured.latency);
            }
            if (indexEvaluation === null && scenario.name === options.indexEvaluationScenario) {
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
        },
      );
    } catch (error) {
      const e = error as Error;
      options.progress(`${tag}: FAILED: ${e.message}`);
      cases.push(failedCase(scenario, documents, e));
    }
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
      timing: {
        ...timingBudget(options.quick),
        minRoundsLong: 1,
        longRoundMs: 10_000,
        aaCollector: null,
        planExecutions: 1,
      },
    },
    environment: await environmentRecord(options.server, ctype),
    cases,
    indexMigration,
    plans,
    latencyChecks,
    warnings,
    indexEvaluation,
    collectors: [
      { id: 'v1', role: 'premise', description: "the plan's premise: one record per round trip" },
      { id: 'v2', role: 'candidate', description: 'the optimised collector' },
    ],
    headline: { candidate: 'v2', baseline: 'v1', baselineRole: 'premise', fallback: true },
    noise: {
      collector: null,
      floor: null,
      controls: 0,
      passed: 0,
      failedCases: [],
      tooNoisy: false,
      noiseThreshold: 0.02,
      method: 'no A/A control in this version of the runner',
    },
    indexComparisons: [],
    planIndexComparisons: [],
    baselineRun: null,
    witness: { available: false, reason: 'not read by this version of the runner', trackPlanning: false },
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
    options.progress(`index evaluation FAILED: ${(error as Error).message}`);
    return { ...base, verdicts: [], error: (error as Error).message };
  }
}

interface CaseInput {
  scenario: Scenario;
  documents: number;
  seededDocuments: number;
  indexState: IndexState;
  filters: ExportFilters;
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

async function measureCase(
  client: pg.Client,
  input: CaseInput,
  options: BenchRunOptions,
  tag: string,
): Promise<{ result: CaseResult; plans: PlanRecord[]; latency: LatencyCheck[] }> {
  const { scenario, documents, indexState, filters } = input;
  const comparison = await compareCollectors(client, filters);
  const outcomes: Record<'v1' | 'v2', CollectorOutcome> = { v1: comparison.v1, v2: comparison.v2 };
  options.progress(
    `${tag}: ${comparison.equivalent ? 'equivalent' : 'NOT EQUIVALENT'}; queries v1 ${count(outcomes.v1)}, v2 ${count(outcomes.v2)}`,
  );

  // Timing: only when both exported (a contract error is an outcome, not something to time).
  let timings: Record<string, CollectorTimingRecord> | null = null;
  if (comparison.v1.kind === 'exported' && comparison.v2.kind === 'exported') {
    const oneRoundMs = comparison.v1.run.durationMs + comparison.v2.run.durationMs;
    const { rounds, warmupRounds } = timingRounds(oneRoundMs, options.quick);
    const plain = new CountingClient(client, { keepParams: false, maxLogEntries: 0 });
    timings = await timeInterleaved(
      (['v1', 'v2'] as const).map((name) => ({
        name,
        fn: () => runExport(plain, name, name === 'v1' ? collectV1 : collectV2, filters),
      })),
      {
        rounds,
        warmupRounds,
        onRound: (round, total) => {
          if (oneRoundMs > 5_000) options.progress(`${tag}: timing round ${round}/${total}`);
        },
      },
    );
  }

  const collectors: Partial<Record<CollectorId, CollectorRecord>> = {};
  for (const id of ['v1', 'v2'] as const)
    collectors[id] = collectorRecord(outcomes[id], timings?.[id] ?? null, options.projectionRttMs);

  const plans: PlanRecord[] = [];
  for (const id of ['v1', 'v2'] as const) {
    const outcome = outcomes[id];
    if (outcome.kind !== 'exported') continue;
    const captured = await capturePlans({
      client,
      log: outcome.log,
      collector: id,
      // The size keeps the raw files of one scenario at several sizes apart; the record names the scenario.
      scenario: `${scenario.name}-${documents}`,
      targetDocuments: documents,
      indexState,
      outDir: options.outDir,
    });
    plans.push(...captured.map((plan) => ({ ...plan, scenario: scenario.name })));
  }

  const latency: LatencyCheck[] = [];
  if (options.rttMs !== null && timings !== null) {
    for (const id of ['v1', 'v2'] as const) {
      const record = collectors[id]!;
      const projectedMs = record.timing!.meanMs + record.queryCount * options.rttMs;
      if (projectedMs > 30_000) {
        options.progress(
          `${tag}: --rtt-ms check of ${id} skipped (projected ${(projectedMs / 1000).toFixed(0)} s)`,
        );
        continue;
      }
      const samples = projectedMs < 2_000 ? 3 : 1;
      const durations: number[] = [];
      let delaySumMs = 0;
      let delayedTrips = 0;
      for (let i = 0; i < samples; i++) {
        const delayed = await runCollector(client, id, filters, { rttMs: options.rttMs });
        if (delayed.kind !== 'exported') continue;
        durations.push(delayed.run.durationMs);
        for (const entry of delayed.log) {
          delaySumMs += entry.delayMs;
          delayedTrips += 1;
        }
      }
      if (durations.length === 0) continue;
      latency.push({
        scenario: scenario.name,
        targetDocuments: documents,
        indexState,
        collector: id,
        rttMs: options.rttMs,
        queryCount: record.queryCount,
        baseMeanMs: record.timing!.meanMs,
        projectedMs,
        measuredMs: durations.reduce((a, b) => a + b, 0) / durations.length,
        samples: durations.length,
        ...(delayedTrips > 0 ? { meanDelayMs: delaySumMs / delayedTrips } : {}),
      });
    }
  }

  const exportedFailure =
    comparison.v1.kind === 'failed' ? comparison.v1 : comparison.v2.kind === 'failed' ? comparison.v2 : null;
  const result: CaseResult = {
    scenario: scenario.name,
    description: scenario.description,
    filters: scenario.filters,
    targetDocuments: documents,
    seededDocuments: input.seededDocuments,
    indexState,
    status: exportedFailure ? 'failed' : 'ok',
    ...(exportedFailure
      ? { error: { name: exportedFailure.errorName, message: exportedFailure.error } }
      : {}),
    equivalent: comparison.equivalent,
    ...(comparison.rows && !comparison.rows.equivalent
      ? {
          differences: {
            count: comparison.rows.differenceCount,
            first: comparison.rows.differences.map((d) => ({
              sheet: d.sheet,
              row: d.row,
              column: d.column ? `${d.column.index} ${d.column.header}` : null,
              v1: d.expected,
              v2: d.actual,
              reason: d.reason,
            })),
          },
        }
      : {}),
    ...(comparison.outcomeDifference ? { outcomeDifference: comparison.outcomeDifference } : {}),
    collectors,
    comparisons: [],
    aaControl: null,
    sampling: null,
    latencyProbe: null,
  };
  return { result, plans, latency };
}

function count(outcome: CollectorOutcome): number {
  return outcome.kind === 'exported' ? outcome.run.queryCount : outcome.queryCount;
}

function collectorRecord(
  outcome: CollectorOutcome,
  timing: CollectorTimingRecord | null,
  projectionRttMs: readonly number[],
): CollectorRecord {
  const queryCount = count(outcome);
  return {
    outcome: outcome.kind,
    ...(outcome.kind === 'failed' ? { errorName: outcome.errorName } : {}),
    exportedDocuments: outcome.kind === 'exported' ? outcome.run.documentCount : 0,
    matchingDocuments: outcome.kind === 'exported' ? outcome.run.matchingCount : 0,
    queryCount,
    fingerprints: outcome.summary.byFingerprint.map((f) => ({
      id: f.fingerprintId,
      fingerprint: f.fingerprint,
      count: f.count,
      rows: f.rows,
      durationMs: f.durationMs,
      labels: f.labels.map((l) => l.label),
    })),
    nPlusOne: (outcome.summary.nPlusOne ?? []).map((f) => ({
      fingerprintId: f.fingerprintId,
      fingerprint: f.fingerprint,
      label: f.label,
      count: f.count,
      perDocument: f.perDocument,
    })),
    timing,
    projectedMs: timing
      ? projectionRttMs.map((rttMs) => ({ rttMs, ms: timing.meanMs + queryCount * rttMs }))
      : [],
    timeSplit: null,
    witness: {
      status: 'not witnessed',
      clientCount: queryCount,
      serverCalls: null,
      reason: 'this runner does not read pg_stat_statements yet',
      mismatches: [],
    },
    peakMemory: null,
  };
}
