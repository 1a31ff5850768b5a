import { describe, expect, it } from 'vitest';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import type { BenchResults, CaseResult } from '../results/bench-results.ts';
import { compareSamples } from '../timing/ratio-comparison.ts';
import { timingStatistics } from '../timing/timing-statistics.ts';
import { baselineRunComparisons, indexStateComparisons, planIndexComparisons } from './run-comparisons.ts';

const cases = benchResultsFixture.cases;

describe('indexStateComparisons', () => {
  it('compares every timed collector of each size with and without the indexes, from the raw samples', () => {
    const comparisons = indexStateComparisons(cases);
    expect(comparisons.map((c) => `${c.scenario} ${c.collector}`)).toEqual([
      'small v1',
      'small v1-orm',
      'small v2',
      'large v1',
      'large v1-orm',
      'large v2',
    ]);
    const largeV2 = comparisons.find((c) => c.scenario === 'large' && c.collector === 'v2')!;
    const samples = (i: number) => cases[i]!.collectors.v2!.timing!.samplesMs;
    expect(largeV2).toMatchObject(compareSamples(samples(3), samples(4)));
    // The failed medium case has no pair.
    expect(comparisons.some((c) => c.scenario === 'medium')).toBe(false);
  });
});

describe('indexStateComparisons and the drift probe', () => {
  it("compares the two cases' drift probes, the same for every collector of the pair, and null without probes", () => {
    const probe = (samplesMs: number[]) => ({ query: 'SELECT 1', ...timingStatistics(samplesMs), samplesMs });
    const before = [10, 11, 10, 12, 11, 10, 11];
    const after = [13, 14, 13, 15, 14, 13, 14];
    // cases[3] and cases[4]: the large scenario without and with the indexes.
    const probed = cases.map((c, i) =>
      i === 3 ? { ...c, driftProbe: probe(before) } : i === 4 ? { ...c, driftProbe: probe(after) } : c,
    );
    const comparisons = indexStateComparisons(probed);
    const large = comparisons.filter((c) => c.scenario === 'large');
    expect(large).toHaveLength(3);
    for (const c of large) expect(c.drift).toEqual(compareSamples(before, after));
    expect(large[0]!.drift!.verdict).toBe('slower');
    const small = comparisons.filter((c) => c.scenario === 'small');
    expect(small.length).toBeGreaterThan(0);
    for (const c of small) expect(c.drift).toBeNull();
  });
});

describe('planIndexComparisons', () => {
  it('compares each fingerprint explained in both states by its execution samples', () => {
    const comparisons = planIndexComparisons(benchResultsFixture.plans);
    expect(comparisons).toHaveLength(2);
    const [group, usage] = comparisons;
    expect(group!.fingerprintId).toBe('7a6b5c4d3e2f');
    expect(group!.verdict).toBe('faster');
    expect(usage!.verdict).toBe('no detectable difference');
    expect(usage!.baselineSamples).toBe(5);
  });
});

describe('baselineRunComparisons', () => {
  it('matches cases by scenario, size and index state, and lists what the baseline lacks', () => {
    const slower = (c: CaseResult): CaseResult => ({
      ...c,
      collectors: Object.fromEntries(
        Object.entries(c.collectors).map(([id, r]) => [
          id,
          r && r.timing
            ? { ...r, timing: { ...r.timing, samplesMs: r.timing.samplesMs.map((s) => s * 1.2) } }
            : r,
        ]),
      ),
    });
    const baseline: Pick<BenchResults, 'runId' | 'cases'> = {
      runId: 'old',
      // The baseline has no v1-orm and no large case with the indexes.
      cases: cases
        .filter((c) => !(c.scenario === 'large' && c.indexState === 'proposed-indexes'))
        .map((c) => {
          const { 'v1-orm': _dropped, ...rest } = c.collectors;
          return slower({ ...c, collectors: rest });
        }),
    };
    const record = baselineRunComparisons(cases, baseline, 'reports/old');
    expect(record.runId).toBe('old');
    expect(record.comparisons).toHaveLength(6); // small x2, large schema: v1 and v2
    expect(record.comparisons.every((c) => c.verdict === 'faster')).toBe(true);
    expect(record.unmatched).toEqual([
      'small 10 schema v1-orm: collector not timed in the baseline',
      'small 10 proposed-indexes v1-orm: collector not timed in the baseline',
      'large 500 schema v1-orm: collector not timed in the baseline',
      'large 500 proposed-indexes v1: case not timed in the baseline',
      'large 500 proposed-indexes v1-orm: case not timed in the baseline',
      'large 500 proposed-indexes v2: case not timed in the baseline',
    ]);
    // Neither run timed a drift probe.
    expect(record.comparisons.every((c) => c.drift === null)).toBe(true);
  });

  it('compares the drift probes of the matched cases, this run against the saved one', () => {
    const probe = (samplesMs: number[]) => ({ query: 'SELECT 1', ...timingStatistics(samplesMs), samplesMs });
    const then = [10, 11, 10, 12, 11, 10, 11];
    const now = [13, 14, 13, 15, 14, 13, 14];
    // Only the small schema case is probed in both runs.
    const record = baselineRunComparisons(
      cases.map((c, i) => (i === 0 ? { ...c, driftProbe: probe(now) } : c)),
      { runId: 'old', cases: cases.map((c, i) => (i === 0 ? { ...c, driftProbe: probe(then) } : c)) },
      'reports/old',
    );
    const probed = record.comparisons.filter((c) => c.drift !== null);
    expect(probed.map((c) => `${c.scenario} ${c.indexState} ${c.collector}`)).toEqual([
      'small schema v1',
      'small schema v1-orm',
      'small schema v2',
    ]);
    for (const c of probed) expect(c.drift).toEqual(compareSamples(then, now));
  });
});
