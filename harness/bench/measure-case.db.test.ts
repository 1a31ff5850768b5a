import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportFilters } from '../../src/export-filters.ts';
import { DEFAULT_SCENARIOS } from '../../scenarios/default-scenarios.ts';
import { createSeededTestDatabase } from '../../test/helpers/seeded-test-database.ts';
import type { TestDatabase } from '../../test/helpers/test-database.ts';
import { enableStatementStatistics } from '../queries/statement-statistics.ts';
import type { WitnessAvailability } from '../results/bench-results.ts';
import { headlinePair, registeredCollectors } from './collector-roles.ts';
import { measureCase } from './measure-case.ts';
import { timingPolicy, type TimingPolicy } from './sampling-plan.ts';
import { DRIFT_PROBE_SQL } from '../timing/drift-probe.ts';

/**
 * One case whose every export counts as too long to time (a policy with no room for long exports): the
 * case must say it could not get enough samples, give no interval and no A/A control, rather than invent a
 * margin from the one counted export each collector has.
 */
let db: TestDatabase;
let outDir: string;
let witness: WitnessAvailability;

beforeAll(async () => {
  db = await createSeededTestDatabase('measure_case', 30);
  outDir = await mkdtemp(path.join(tmpdir(), 'hfcb-measure-case-'));
  witness = await enableStatementStatistics(db.client);
});

afterAll(async () => {
  await db?.drop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** The first default scenario on the 30 seeded documents, every registered collector, in the schema state. */
function measureThirtyDocuments(policy: TimingPolicy, projectionRttMs: number[]) {
  const collectors = registeredCollectors();
  const scenario = { ...DEFAULT_SCENARIOS[0]!, documents: 30 };
  return measureCase(
    db.client,
    {
      scenario,
      documents: 30,
      seededDocuments: 30,
      indexState: 'schema',
      filters: parseExportFilters(scenario.filters),
    },
    {
      collectors,
      headline: headlinePair(collectors),
      policy,
      witness,
      projectionRttMs,
      rttMs: null,
      outDir,
      progress: () => undefined,
    },
    'test',
  );
}

describe('measureCase when nothing can be timed', () => {
  it('keeps the counted export as the only sample and says the case has too few', async () => {
    const collectors = registeredCollectors();
    const policy = { ...timingPolicy(true, 'v2'), longRoundMs: 0, longCaseBudgetMs: 0, planExecutions: 2 };
    const { result, plans } = await measureThirtyDocuments(policy, [1]);
    expect(result.equivalent).toBe(true);
    expect(result.aaControl).toBeNull();
    expect(result.sampling?.enough).toBe(false);
    // No round ran, so neither did the drift probe.
    expect(result.driftProbe).toBeNull();
    for (const { id } of collectors) {
      const record = result.collectors[id]!;
      expect(record.timing?.samples).toBe(1);
      expect(record.timingNote).toMatch(new RegExp(`^${id} not timed: .*the sample is the counted export$`));
      expect(record.projectedMs).toHaveLength(1);
    }
    expect(result.comparisons.map((c) => c.purpose)).toEqual([
      'headline',
      'candidate-vs-premise',
      'production-vs-premise',
    ]);
    for (const c of result.comparisons)
      expect(c).toMatchObject({ verdict: 'too few samples', low: null, high: null });
    expect(plans.every((p) => p.error !== undefined || p.executionSamplesMs.length === 2)).toBe(true);
  });
});

describe('measureCase when its exports are timed', () => {
  it('times the drift probe in every round, beside the exports', async () => {
    const collectors = registeredCollectors();
    const policy = { ...timingPolicy(true, 'v2'), planExecutions: 1 };
    const { result } = await measureThirtyDocuments(policy, []);
    const rounds = result.sampling!.rounds;
    expect(rounds).toBeGreaterThanOrEqual(policy.minRounds);
    // Every export here is cheap: each takes part in every round, and so does the probe.
    for (const { id } of collectors) expect(result.collectors[id]!.timing!.samples).toBe(rounds);
    expect(result.driftProbe).toMatchObject({ query: DRIFT_PROBE_SQL, samples: rounds });
    expect(result.driftProbe!.samplesMs).toHaveLength(rounds);
  });
});
