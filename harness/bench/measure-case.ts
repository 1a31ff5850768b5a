import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { ExportFilters } from '../../src/export-filters.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { COLLECTOR_REGISTRY } from '../compare/collectors.ts';
import { runCollector, outcomeQueryCount, type CollectorOutcome } from '../compare/run-collector.ts';
import { compareSheetRows, type EquivalenceResult } from '../compare/equivalence.ts';
import { runExport } from '../compare/run-export.ts';
import { capturePlans } from '../explain/explain-queries.ts';
import { CountingClient } from '../queries/counting-client.ts';
import { witnessRun, WitnessMismatchError, type ServerTime } from '../queries/server-witness.ts';
import type {
  CaseResult,
  CollectorComparisonRecord,
  CollectorId,
  CollectorInfo,
  CollectorRecord,
  CollectorTimingRecord,
  DriftProbeRecord,
  HeadlineRecord,
  IndexState,
  LatencyCheck,
  PeakMemoryRecord,
  PlanRecord,
  WitnessAvailability,
  WitnessRecord,
} from '../results/bench-results.ts';
import { aaControl } from '../timing/aa-control.ts';
import { DRIFT_PROBE_SQL, DRIFT_PROBE_TASK, driftProbeTask } from '../timing/drift-probe.ts';
import { timeAdaptively, type TimedTask } from '../timing/interleaved-timing.ts';
import { probeLatency } from '../timing/latency-probe.ts';
import { measurePeakMemory } from '../timing/peak-memory.ts';
import { compareRatio, compareSamples, isUndecided, median } from '../timing/ratio-comparison.ts';
import { projectExportMs, splitExportTime } from '../timing/time-split.ts';
import { timingStatistics } from '../timing/timing-statistics.ts';
import { planSampling, samplingRecord, type TimingPolicy } from './sampling-plan.ts';

/** What one case in one index state is measured with. */
export interface CaseInput {
  scenario: Scenario;
  documents: number;
  seededDocuments: number;
  indexState: IndexState;
  filters: ExportFilters;
}

/** The run-wide settings a case needs. */
export interface CaseContext {
  collectors: readonly (CollectorInfo & { id: CollectorId })[];
  headline: HeadlineRecord | null;
  policy: TimingPolicy;
  witness: WitnessAvailability;
  projectionRttMs: readonly number[];
  rttMs: number | null;
  outDir: string;
  progress: (line: string) => void;
}

/** The name of the A/A control's second copy in the timing rounds. */
const AA_TWIN = ' (A/A)';

/** Cases of at least this many exported documents announce each collector's counted export. */
const ANNOUNCE_EXPORTS_FROM = 10_000;

/** Counted exports shorter than this are witnessed three times: the server time of the split is their median. */
const REPEAT_WITNESS_BELOW_MS = 200;

interface CountedExport {
  outcome: CollectorOutcome;
  /** The shortest of its witnessed exports, ms: the estimate of one timed export (the first may be cold). */
  fastestMs: number;
  witness: WitnessRecord;
  serverTime: ServerTime | null;
  peakMemory: PeakMemoryRecord;
}

/**
 * One case in one index state: each of `context.collectors`' counted export (exact round trips, witnessed by
 * the server, peak memory), their equivalence, interleaved timing with an A/A control, the comparisons
 * between collectors, where the time goes, repeated plans and the `--rtt-ms` check.
 *
 * @throws WitnessMismatchError when the server's counts differ from the client's: the harness's counts
 *   cannot be trusted, which is a harness failure, not a result.
 */
export async function measureCase(
  client: pg.Client,
  input: CaseInput,
  context: CaseContext,
  tag: string,
): Promise<{ result: CaseResult; plans: PlanRecord[]; latency: LatencyCheck[] }> {
  const { scenario, documents, indexState, filters } = input;
  const counted = new Map<CollectorId, CountedExport>();
  for (const { id } of context.collectors) {
    // At this size one export takes from seconds to minutes: say which one runs.
    if (documents >= ANNOUNCE_EXPORTS_FROM) context.progress(`${tag}: ${id}: counted export...`);
    counted.set(id, await countedExport(client, id, filters, context));
  }
  const mismatched = [...counted].filter(([, c]) => c.witness.status === 'mismatch');
  if (mismatched.length > 0) {
    throw new WitnessMismatchError(
      `${tag}: ${mismatched.map(([id]) => id).join(', ')}`,
      mismatched.flatMap(([, c]) => c.witness.mismatches),
    );
  }
  const equivalence = equivalenceOf(context.collectors, counted);
  context.progress(
    `${tag}: ${equivalence.equivalent ? 'equivalent' : 'NOT EQUIVALENT'}; queries ` +
      [...counted].map(([id, c]) => `${id} ${outcomeQueryCount(c.outcome)}`).join(', ') +
      witnessNote(counted),
  );

  const exported = [...counted].every(([, c]) => c.outcome.kind === 'exported');
  const timed = exported ? await timeCase(client, filters, counted, context, tag) : null;

  const collectors: Partial<Record<CollectorId, CollectorRecord>> = {};
  for (const [id, c] of counted) {
    const timing = timed?.timings[id] ?? null;
    const split =
      timing && timed
        ? splitExportTime({
            totalMs: timing.p50Ms,
            roundTrips: outcomeQueryCount(c.outcome),
            perTripLatencyMs: timed.latencyProbe.medianMs,
            server: c.serverTime,
          })
        : null;
    const queryCount = outcomeQueryCount(c.outcome);
    collectors[id] = {
      ...outcomeFields(c.outcome),
      timing,
      ...(timed?.notes[id] === undefined ? {} : { timingNote: timed.notes[id] }),
      projectedMs: timing
        ? context.projectionRttMs.map((rttMs) => ({
            rttMs,
            ms: projectExportMs(split, timing.p50Ms, queryCount, rttMs),
          }))
        : [],
      timeSplit: split,
      witness: c.witness,
      peakMemory: c.outcome.kind === 'exported' ? c.peakMemory : null,
    };
  }

  const plans: PlanRecord[] = [];
  // Silent otherwise for minutes at 100 000 documents (each statement runs again, `planExecutions` times).
  context.progress(
    `${tag}: EXPLAIN ANALYZE of each collector's statements, ${context.policy.planExecutions} times each`,
  );
  for (const [id, c] of counted) {
    if (c.outcome.kind !== 'exported') continue;
    const captured = await capturePlans({
      client,
      log: c.outcome.log,
      collector: id,
      // The size keeps the raw files of one scenario at several sizes apart; the record names the scenario.
      scenario: `${scenario.name}-${documents}`,
      targetDocuments: documents,
      indexState,
      outDir: context.outDir,
      executions: context.policy.planExecutions,
    });
    plans.push(...captured.map((plan) => ({ ...plan, scenario: scenario.name })));
  }

  const latency = await latencyChecks(client, input, collectors, context, tag);

  const result: CaseResult = {
    scenario: scenario.name,
    description: scenario.description,
    filters: scenario.filters,
    targetDocuments: documents,
    seededDocuments: input.seededDocuments,
    indexState,
    status: equivalence.failure ? 'failed' : 'ok',
    ...(equivalence.failure
      ? { error: { name: equivalence.failure.errorName, message: equivalence.failure.error } }
      : {}),
    equivalent: equivalence.equivalent,
    ...(equivalence.rows && !equivalence.rows.equivalent
      ? {
          differences: {
            count: equivalence.rows.differenceCount,
            first: equivalence.rows.differences.map((d) => ({
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
    ...(equivalence.outcomeDifference ? { outcomeDifference: equivalence.outcomeDifference } : {}),
    collectors,
    comparisons: timed?.comparisons ?? [],
    aaControl: timed?.aaControl ?? null,
    sampling: timed?.sampling ?? null,
    latencyProbe: timed?.latencyProbe ?? null,
    driftProbe: timed?.driftProbe ?? null,
  };
  return { result, plans, latency };
}

/**
 * One collector's counted export, witnessed by the server and with its peak memory. A cheap export is
 * witnessed three times (every one must agree); its server time is then the median of the three.
 */
async function countedExport(
  client: pg.Client,
  id: CollectorId,
  filters: ExportFilters,
  context: CaseContext,
): Promise<CountedExport> {
  const once = () =>
    witnessRun(
      client,
      context.witness,
      () => measurePeakMemory(() => runCollector(client, id, filters)),
      ({ result }) => result.summary.byFingerprint,
    );
  const first = await once();
  const durationOf = (o: CollectorOutcome) => (o.kind === 'exported' ? o.run.durationMs : 0);
  const base: CountedExport = {
    outcome: first.result.result,
    fastestMs: durationOf(first.result.result),
    witness: first.witness,
    serverTime: first.serverTime,
    peakMemory: first.result.peakMemory,
  };
  const outcome = first.result.result;
  if (
    !context.witness.available ||
    first.witness.status !== 'witnessed' ||
    outcome.kind !== 'exported' ||
    outcome.run.durationMs >= REPEAT_WITNESS_BELOW_MS
  ) {
    return base;
  }
  const times = [first.serverTime!];
  let fastestMs = base.fastestMs;
  for (let i = 0; i < 2; i++) {
    const again = await once();
    if (again.witness.status !== 'witnessed') return { ...base, witness: again.witness };
    times.push(again.serverTime!);
    fastestMs = Math.min(fastestMs, durationOf(again.result.result));
  }
  return {
    ...base,
    fastestMs,
    serverTime: { execMs: median(times.map((t) => t.execMs)), planMs: median(times.map((t) => t.planMs)) },
  };
}

function witnessNote(counted: Map<CollectorId, CountedExport>): string {
  const statuses = new Set([...counted.values()].map((c) => c.witness.status));
  if (statuses.size === 1 && statuses.has('witnessed')) return ' (witnessed by the server)';
  if (statuses.has('not witnessed')) return ' (not witnessed)';
  return '';
}

interface Equivalence {
  equivalent: boolean;
  rows?: EquivalenceResult;
  outcomeDifference?: string;
  /** The contract error every collector ended with, when they all failed alike. */
  failure?: { errorName: string; error: string };
}

/**
 * Every collector against the first one the case ran (the premise, `v1`; production when the case left the
 * premise out, see premise-cap.ts): identical sheets, or the same contract error. The first difference found
 * is recorded (`v1` in the record is the reference's value, `v2` the other collector's).
 */
function equivalenceOf(
  collectors: readonly CollectorInfo[],
  counted: Map<CollectorId, CountedExport>,
): Equivalence {
  const [reference, ...others] = collectors.map((c) => ({ id: c.id, outcome: counted.get(c.id)!.outcome }));
  if (reference === undefined) return { equivalent: true };
  const describe = (o: CollectorOutcome) =>
    o.kind === 'exported' ? `exported ${o.run.documentCount} documents` : `failed: ${o.errorName}`;
  const failedAll = [reference, ...others].every(
    (c) =>
      c.outcome.kind === 'failed' &&
      reference.outcome.kind === 'failed' &&
      c.outcome.errorName === reference.outcome.errorName,
  );
  if (failedAll && reference.outcome.kind === 'failed') {
    return {
      equivalent: true,
      failure: { errorName: reference.outcome.errorName, error: reference.outcome.error },
    };
  }
  for (const other of others) {
    const a = reference.outcome;
    const b = other.outcome;
    if (a.kind === 'exported' && b.kind === 'exported') {
      const rows = compareSheetRows(a.run.rows, b.run.rows, { maxDifferences: 20 });
      if (!rows.equivalent) {
        return { equivalent: false, rows, outcomeDifference: `${other.id} differs from ${reference.id}` };
      }
      continue;
    }
    const outcomeDifference = `${reference.id} ${describe(a)}, ${other.id} ${describe(b)}`;
    const failed = a.kind === 'failed' ? a : b.kind === 'failed' ? b : null;
    return {
      equivalent: false,
      outcomeDifference,
      ...(failed ? { failure: { errorName: failed.errorName, error: failed.error } } : {}),
    };
  }
  return { equivalent: true };
}

function outcomeFields(outcome: CollectorOutcome) {
  return {
    outcome: outcome.kind,
    ...(outcome.kind === 'failed' ? { errorName: outcome.errorName } : {}),
    exportedDocuments: outcome.kind === 'exported' ? outcome.run.documentCount : 0,
    matchingDocuments: outcome.kind === 'exported' ? outcome.run.matchingCount : 0,
    queryCount: outcomeQueryCount(outcome),
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
  };
}

/** The collector pairs compared in a case, by purpose. */
function comparedPairs(
  collectors: readonly CollectorInfo[],
  headline: HeadlineRecord | null,
): { purpose: CollectorComparisonRecord['purpose']; baseline: CollectorId; candidate: CollectorId }[] {
  const byRole = (role: CollectorInfo['role']) => collectors.find((c) => c.role === role)?.id;
  const premise = byRole('premise');
  const production = byRole('production');
  const candidate = byRole('candidate');
  const pairs: ReturnType<typeof comparedPairs> = [];
  // A case may leave a collector out (premise-cap.ts): the headline then has no pair in it.
  const ran = (id: CollectorId) => collectors.some((c) => c.id === id);
  if (headline && ran(headline.baseline) && ran(headline.candidate))
    pairs.push({ purpose: 'headline', baseline: headline.baseline, candidate: headline.candidate });
  if (candidate && premise && !(headline?.fallback ?? false))
    pairs.push({ purpose: 'candidate-vs-premise', baseline: premise, candidate });
  if (production && premise)
    pairs.push({ purpose: 'production-vs-premise', baseline: premise, candidate: production });
  return pairs;
}

interface TimedCase {
  timings: Partial<Record<CollectorId, CollectorTimingRecord>>;
  notes: Partial<Record<CollectorId, string>>;
  comparisons: CollectorComparisonRecord[];
  aaControl: CaseResult['aaControl'];
  sampling: NonNullable<CaseResult['sampling']>;
  latencyProbe: NonNullable<CaseResult['latencyProbe']>;
  driftProbe: DriftProbeRecord | null;
}

/**
 * Interleaved timing of every collector plus the A/A twin, as many rounds as decide the verdicts (see
 * `timeAdaptively` and the policy), with the per-trip latency probed on the same connection just before.
 * A collector left untimed (a very long export) keeps its counted export as its only sample.
 */
async function timeCase(
  client: pg.Client,
  filters: ExportFilters,
  counted: Map<CollectorId, CountedExport>,
  context: CaseContext,
  tag: string,
): Promise<TimedCase> {
  const { policy } = context;
  const plan = planSampling(
    [...counted].map(([id, c]) => ({ id, exportMs: c.fastestMs })),
    policy,
  );
  // A plain counting client: no parameters or log kept, so timing pays only what every export pays.
  const plain = new CountingClient(client, { keepParams: false, maxLogEntries: 0 });
  const latencyProbe = await probeLatency(plain);
  const aa = policy.aaCollector !== null && counted.has(policy.aaCollector) ? policy.aaCollector : null;
  const aaPlan = plan.find((p) => p.id === aa);
  const tasks: TimedTask[] = plan.map((p) => ({
    name: p.id,
    fn: () => runExport(plain, p.id, COLLECTOR_REGISTRY[p.id as CollectorId].collect, filters),
    ...(p.maxSamples === undefined ? {} : { maxSamples: p.maxSamples }),
  }));
  if (aa !== null && aaPlan !== undefined) {
    tasks.push({
      name: `${aa}${AA_TWIN}`,
      fn: () => runExport(plain, aa, COLLECTOR_REGISTRY[aa].collect, filters),
      ...(aaPlan.maxSamples === undefined ? {} : { maxSamples: aaPlan.maxSamples }),
    });
  }
  const probe = driftProbeTask(plain, tasks);
  if (probe !== null) tasks.push(probe);
  const pairs = comparedPairs(context.collectors, context.headline);
  const comparisonPairs: [string, string][] = [
    ...pairs.map((p) => [p.baseline, p.candidate] as [string, string]),
    ...(aa === null ? [] : [[aa, `${aa}${AA_TWIN}`] as [string, string]]),
  ];
  const cheapRoundMs = plan.filter((p) => p.maxSamples === undefined).reduce((sum, p) => sum + p.exportMs, 0);
  // A first round with every timed export, the A/A twin included (as long as its collector's).
  const firstRoundMs = plan
    .filter((p) => p.maxSamples !== 0)
    .reduce((sum, p) => sum + p.exportMs * (p.id === aa ? 2 : 1), 0);
  const longRounds = firstRoundMs > 2_000;
  if (longRounds) {
    // At 100 000 documents with --long-budget, a round takes minutes: say so before the first one ends.
    context.progress(`${tag}: timing, the first rounds about ${(firstRoundMs / 1000).toFixed(0)} s each...`);
  }
  const started = performance.now();
  const { samples, rounds } = await timeAdaptively(tasks, {
    minRounds: policy.minRounds,
    maxRounds: policy.maxRounds,
    batchRounds: policy.batchRounds,
    budgetMs: policy.budgetMsPerCase,
    warmupRounds: cheapRoundMs < 1_000 ? 1 : 0,
    undecided: (now) =>
      comparisonPairs.some(([a, b]) => {
        const sa = now[a] ?? [];
        const sb = now[b] ?? [];
        return sa.length >= 3 && sb.length >= 3 && isUndecided(compareRatio(sa, sb, { resamples: 500 }));
      }),
    onRound: (round, total) => {
      if (longRounds || round % 10 === 0) {
        const elapsed = (performance.now() - started) / 1000;
        const eta = (elapsed / round) * Math.max(0, total - round);
        const rate =
          round / elapsed >= 0.1
            ? `${(round / elapsed).toFixed(1)} rounds/s`
            : `${(elapsed / round).toFixed(0)} s per round`;
        context.progress(`${tag}: timing round ${round}/${total} (${rate}, ETA ${eta.toFixed(0)} s)`);
      }
    },
  });

  const notes: Partial<Record<CollectorId, string>> = {};
  const timings: Partial<Record<CollectorId, CollectorTimingRecord>> = {};
  for (const p of plan) {
    if (p.note !== undefined) notes[p.id as CollectorId] = p.note;
    let values = samples[p.id] ?? [];
    if (values.length === 0) {
      // Untimed: the counted export (parameters and log kept: a little slower than a timed export).
      values = [p.exportMs];
      notes[p.id as CollectorId] = `${p.note ?? `${p.id} not timed`}; the sample is the counted export`;
    }
    timings[p.id as CollectorId] = { ...timingStatistics(values), samplesMs: values };
  }
  const sampleOf = (id: CollectorId) => timings[id]?.samplesMs ?? samples[id] ?? [];
  const comparisons = pairs
    .filter((p) => timings[p.baseline] && timings[p.candidate])
    .map((p) => ({ ...p, ...compareSamples(sampleOf(p.baseline), sampleOf(p.candidate)) }));
  // No A/A control when its collector could not be timed (a very long export): nothing to compare.
  const aaFirst = aa === null ? [] : (samples[aa] ?? []);
  const aaSecond = aa === null ? [] : (samples[`${aa}${AA_TWIN}`] ?? []);
  const control =
    aa === null || aaFirst.length === 0 || aaSecond.length === 0 ? null : aaControl(aa, aaFirst, aaSecond);
  const counts: Record<string, number> = Object.fromEntries(
    [...Object.keys(timings), ...(aa === null ? [] : [`${aa}${AA_TWIN}`])].map((id) => [
      id,
      (samples[id] ?? []).length,
    ]),
  );
  const twin =
    aaPlan === undefined
      ? []
      : [{ id: `${aa}${AA_TWIN}`, exportMs: aaPlan.exportMs, maxSamples: aaPlan.maxSamples }];
  const sampling = samplingRecord(rounds, counts, comparisonPairs, [...plan, ...twin], policy);
  const probeSamples = samples[DRIFT_PROBE_TASK] ?? [];
  const driftProbe =
    probeSamples.length === 0
      ? null
      : { query: DRIFT_PROBE_SQL, ...timingStatistics(probeSamples), samplesMs: probeSamples };
  return { timings, notes, comparisons, aaControl: control, sampling, latencyProbe, driftProbe };
}

/** `--rtt-ms`: each timed export again with the delay really applied to every round trip. */
async function latencyChecks(
  client: pg.Client,
  input: CaseInput,
  collectors: Partial<Record<CollectorId, CollectorRecord>>,
  context: CaseContext,
  tag: string,
): Promise<LatencyCheck[]> {
  const { rttMs } = context;
  if (rttMs === null) return [];
  const out: LatencyCheck[] = [];
  for (const { id } of context.collectors) {
    const record = collectors[id];
    if (!record?.timing) continue;
    const projectedMs = projectExportMs(record.timeSplit, record.timing.p50Ms, record.queryCount, rttMs);
    if (projectedMs > 30_000) {
      context.progress(
        `${tag}: --rtt-ms check of ${id} skipped (projected ${(projectedMs / 1000).toFixed(0)} s)`,
      );
      continue;
    }
    const samples = projectedMs < 2_000 ? 3 : 1;
    const durations: number[] = [];
    let delaySumMs = 0;
    let delayedTrips = 0;
    for (let i = 0; i < samples; i++) {
      const delayed = await runCollector(client, id, input.filters, { rttMs });
      if (delayed.kind !== 'exported') continue;
      durations.push(delayed.run.durationMs);
      for (const entry of delayed.log) {
        delaySumMs += entry.delayMs;
        delayedTrips += 1;
      }
    }
    if (durations.length === 0) continue;
    out.push({
      scenario: input.scenario.name,
      targetDocuments: input.documents,
      indexState: input.indexState,
      collector: id,
      rttMs,
      queryCount: record.queryCount,
      baseMeanMs: record.timing.p50Ms,
      projectedMs,
      measuredMs: durations.reduce((a, b) => a + b, 0) / durations.length,
      samples: durations.length,
      ...(delayedTrips > 0 ? { meanDelayMs: delaySumMs / delayedTrips } : {}),
    });
  }
  return out;
}
