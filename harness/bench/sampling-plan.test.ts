import { describe, expect, it } from 'vitest';
import { planSampling, samplingRecord, timingOptionsRecord, timingPolicy } from './sampling-plan.ts';

const policy = timingPolicy(false, 'v2');

describe('planSampling', () => {
  it('times cheap exports every round, a long one in 3 rounds, a very long one not at all', () => {
    const plan = planSampling(
      [
        { id: 'v2', exportMs: 40 },
        { id: 'v1-orm', exportMs: 900 },
        { id: 'v1', exportMs: 2_500 },
      ],
      policy,
    );
    expect(plan.map((p) => p.maxSamples)).toEqual([undefined, undefined, 3]);
    expect(plan[2]!.note).toBe('v1 timed in 3 rounds only: one export takes 2.5 s');
    const growth = planSampling([{ id: 'v1', exportMs: 21_000 }], policy)[0]!;
    expect(growth.maxSamples).toBe(0);
    expect(growth.note).toMatch(
      /^v1 not timed: one export takes 21\.0 s, 3 rounds would take 63\.0 s, over --long-budget 12\.0 s;/,
    );
  });

  it('times an export of minutes in 3 rounds once --long-budget lets them fit, and records the budget', () => {
    const exports = [
      { id: 'v1-orm', exportMs: 130_000 },
      { id: 'v2', exportMs: 40_000 },
    ];
    expect(planSampling(exports, policy).map((p) => p.maxSamples)).toEqual([0, 0]);
    const long = timingPolicy(false, 'v2', 600_000);
    expect(planSampling(exports, long).map((p) => p.maxSamples)).toEqual([3, 3]);
    expect(timingOptionsRecord(long).longCaseBudgetMs).toBe(600_000);
    // Just over the budget: not timed.
    expect(planSampling([{ id: 'v1-orm', exportMs: 200_001 }], long)[0]!.maxSamples).toBe(0);
    // The other settings stay the policy's own, --quick's included.
    expect({ ...long, longCaseBudgetMs: policy.longCaseBudgetMs }).toEqual(policy);
    expect(timingPolicy(true, 'v2', 600_000)).toEqual({
      ...timingPolicy(true, 'v2'),
      longCaseBudgetMs: 600_000,
    });
  });
});

describe('samplingRecord', () => {
  const cheap = planSampling(
    [
      { id: 'v1', exportMs: 50 },
      { id: 'v2', exportMs: 5 },
    ],
    policy,
  );

  it('has enough when every pair reached the minimum on both sides', () => {
    const record = samplingRecord(
      12,
      { v1: 12, v2: 12, 'v2 A/A': 12 },
      [
        ['v1', 'v2'],
        ['v2', 'v2 A/A'],
      ],
      cheap,
      policy,
    );
    expect(record).toEqual({ rounds: 12, requiredRounds: 10, enough: true, notes: [] });
  });

  it('says which pair fell short, and accepts 3 samples of a long export', () => {
    const long = planSampling(
      [
        { id: 'v1', exportMs: 3_000 },
        { id: 'v2', exportMs: 30 },
      ],
      policy,
    );
    expect(samplingRecord(10, { v1: 3, v2: 10 }, [['v1', 'v2']], long, policy)).toMatchObject({
      requiredRounds: 3,
      enough: true,
    });
    const short = samplingRecord(9, { v1: 9, v2: 9 }, [['v1', 'v2']], cheap, policy);
    expect(short.enough).toBe(false);
    expect(short.notes).toEqual(['v2 against v1: 9 samples, 10 needed']);
  });

  it('a collector left untimed is not enough, and says why', () => {
    const untimed = planSampling(
      [
        { id: 'v1', exportMs: 30_000 },
        { id: 'v2', exportMs: 300 },
      ],
      policy,
    );
    const record = samplingRecord(10, { v1: 1, v2: 10 }, [['v1', 'v2']], untimed, policy);
    expect(record.enough).toBe(false);
    expect(record.notes[0]).toMatch(/^v1 not timed/);
    expect(record.notes[1]).toBe('v2 against v1: 1 samples, 3 needed');
  });
});
