import type {
  BaselineRunRecord,
  BenchResults,
  CaseResult,
  IndexStateComparisonRecord,
  PlanIndexComparisonRecord,
  PlanRecord,
  RatioStatistics,
} from '../results/bench-results.ts';
import { compareSamples } from '../timing/ratio-comparison.ts';
import { collectorRecordEntries } from '../results/bench-results.ts';

/** A case's name in messages and lists: `large 500 schema`. */
export function caseKey(c: Pick<CaseResult, 'scenario' | 'targetDocuments' | 'indexState'>): string {
  return `${c.scenario} ${c.targetDocuments} ${c.indexState}`;
}

/**
 * The proposed indexes' effect on each collector's export time: for each scenario and size measured in both
 * index states, the samples with the indexes against those without (same database, same collectors), and
 * the drift probe of the two cases against each other (`drift`: the same for every collector of the pair). Pure.
 */
export function indexStateComparisons(cases: readonly CaseResult[]): IndexStateComparisonRecord[] {
  const out: IndexStateComparisonRecord[] = [];
  for (const without of cases.filter((c) => c.indexState === 'schema' && c.status === 'ok')) {
    const withIndexes = cases.find(
      (c) =>
        c.indexState === 'proposed-indexes' &&
        c.status === 'ok' &&
        c.scenario === without.scenario &&
        c.targetDocuments === without.targetDocuments,
    );
    if (withIndexes === undefined) continue;
    const drift = probeDrift(without, withIndexes);
    for (const [collector, record] of collectorRecordEntries(without)) {
      const before = record?.timing?.samplesMs;
      const after = withIndexes.collectors[collector]?.timing?.samplesMs;
      if (!before?.length || !after?.length) continue;
      out.push({
        scenario: without.scenario,
        targetDocuments: without.targetDocuments,
        collector,
        baselineState: 'schema',
        candidateState: 'proposed-indexes',
        ...compareSamples(before, after),
        drift,
      });
    }
  }
  return out;
}

/**
 * The proposed indexes' effect on each explained fingerprint: its EXPLAIN ANALYZE execution times with the
 * indexes against without, for the plans captured in both states. Pure.
 */
export function planIndexComparisons(plans: readonly PlanRecord[]): PlanIndexComparisonRecord[] {
  const out: PlanIndexComparisonRecord[] = [];
  const ok = plans.filter((p) => p.error === undefined && p.executionSamplesMs.length > 0);
  for (const without of ok.filter((p) => p.indexState === 'schema')) {
    const withIndexes = ok.find(
      (p) =>
        p.indexState === 'proposed-indexes' &&
        p.scenario === without.scenario &&
        p.targetDocuments === without.targetDocuments &&
        p.collector === without.collector &&
        p.fingerprintId === without.fingerprintId,
    );
    if (withIndexes === undefined) continue;
    out.push({
      scenario: without.scenario,
      targetDocuments: without.targetDocuments,
      collector: without.collector,
      fingerprintId: without.fingerprintId,
      baselineState: 'schema',
      candidateState: 'proposed-indexes',
      ...compareSamples(without.executionSamplesMs, withIndexes.executionSamplesMs),
    });
  }
  return out;
}

/**
 * This run against a saved one (`--baseline`): each collector's samples in each case against the same
 * collector in the same case (scenario, size, index state) of the baseline. Cases or collectors one side
 * lacks, or did not time, are listed as unmatched. Pure.
 */
export function baselineRunComparisons(
  current: readonly CaseResult[],
  baseline: Pick<BenchResults, 'runId' | 'cases'>,
  source: string,
): BaselineRunRecord {
  const record: BaselineRunRecord = { runId: baseline.runId, source, comparisons: [], unmatched: [] };
  for (const c of current.filter((x) => x.status === 'ok')) {
    const old = baseline.cases.find(
      (b) =>
        b.scenario === c.scenario && b.targetDocuments === c.targetDocuments && b.indexState === c.indexState,
    );
    const drift = probeDrift(old, c);
    for (const [collector, now] of collectorRecordEntries(c)) {
      const samples = now?.timing?.samplesMs;
      if (!samples?.length) continue;
      const before = old?.collectors[collector]?.timing?.samplesMs;
      if (!before?.length) {
        record.unmatched.push(
          `${caseKey(c)} ${collector}: ${old === undefined ? 'case' : 'collector'} not timed in the baseline`,
        );
        continue;
      }
      record.comparisons.push({
        scenario: c.scenario,
        targetDocuments: c.targetDocuments,
        indexState: c.indexState,
        collector,
        ...compareSamples(before, samples),
        drift,
      });
    }
  }
  return record;
}

/**
 * The drift probe of `later` against that of `earlier` (two cases timed at different times): the machine's
 * change of speed between them. Null when either has no probe samples (or is missing). Pure.
 */
function probeDrift(
  earlier: Pick<CaseResult, 'driftProbe'> | undefined,
  later: Pick<CaseResult, 'driftProbe'>,
): RatioStatistics | null {
  const before = earlier?.driftProbe?.samplesMs ?? [];
  const after = later.driftProbe?.samplesMs ?? [];
  return before.length > 0 && after.length > 0 ? compareSamples(before, after) : null;
}
