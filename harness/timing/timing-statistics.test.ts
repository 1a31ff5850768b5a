import { describe, expect, it } from 'vitest';
import { timeAdaptively, timeInterleaved } from './interleaved-timing.ts';
import { timingStatistics } from './timing-statistics.ts';

describe('timingStatistics', () => {
  it('computes mean, interpolated quantiles, sample sd and the Student-t rme', () => {
    const stats = timingStatistics([4, 1, 3, 2]);
    expect(stats).toMatchObject({ samples: 4, meanMs: 2.5, p50Ms: 2.5, minMs: 1, maxMs: 4 });
    expect(stats.p99Ms).toBeCloseTo(3.97, 10);
    expect(stats.sdMs).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // t(0.975, 3) = 3.182; sem = sd / 2
    expect(stats.rme).toBeCloseTo(((3.182 * Math.sqrt(5 / 3)) / 2 / 2.5) * 100, 10);
  });

  it('has no spread for one sample and refuses none', () => {
    expect(timingStatistics([7])).toMatchObject({
      samples: 1,
      meanMs: 7,
      p50Ms: 7,
      p99Ms: 7,
      sdMs: 0,
      rme: 0,
    });
    expect(() => timingStatistics([])).toThrow(RangeError);
  });
});

describe('timeInterleaved', () => {
  it('alternates the task order every round and pools the measured rounds only', async () => {
    const calls: string[] = [];
    const task = (name: string) => ({ name, fn: () => Promise.resolve(void calls.push(name)) });
    const timings = await timeInterleaved([task('a'), task('b')], { rounds: 3, warmupRounds: 1 });
    expect(calls).toEqual(['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(timings.a!.samples).toBe(3);
    expect(timings.b!.samples).toBe(3);
  });
});

describe('timeAdaptively', () => {
  const counter = () => {
    const calls: string[] = [];
    const task = (name: string, maxSamples?: number) => ({
      name,
      fn: () => Promise.resolve(void calls.push(name)),
      ...(maxSamples === undefined ? {} : { maxSamples }),
    });
    return { calls, task };
  };

  it('runs the minimum rounds, then batches while undecided, up to the maximum', async () => {
    const { task } = counter();
    let asked = 0;
    const result = await timeAdaptively([task('a'), task('b')], {
      minRounds: 4,
      maxRounds: 11,
      batchRounds: 3,
      budgetMs: 60_000,
      warmupRounds: 0,
      undecided: () => {
        asked += 1;
        return true;
      },
    });
    expect(result.rounds).toBe(11);
    expect(result.samples.a).toHaveLength(11);
    expect(asked).toBe(3); // after 4, 7 and 10 rounds
  });

  it('stops as soon as the verdicts are decided', async () => {
    const { task } = counter();
    const result = await timeAdaptively([task('a')], {
      minRounds: 4,
      maxRounds: 30,
      batchRounds: 5,
      budgetMs: 60_000,
      warmupRounds: 1,
      undecided: (samples) => samples.a!.length < 9,
    });
    expect(result.rounds).toBe(9);
    expect(result.timings.a!.samples).toBe(9);
    expect(result.timings.a!.samplesMs).toHaveLength(9);
  });

  it('times a long task in its first rounds only, and a task with no samples never', async () => {
    const { calls, task } = counter();
    const result = await timeAdaptively([task('cheap'), task('long', 2), task('never', 0)], {
      minRounds: 5,
      maxRounds: 5,
      batchRounds: 1,
      budgetMs: 60_000,
      warmupRounds: 0,
      undecided: () => false,
    });
    expect(result.samples.cheap).toHaveLength(5);
    expect(result.samples.long).toHaveLength(2);
    expect(result.samples.never).toHaveLength(0);
    expect(result.timings.never).toBeUndefined();
    expect(calls.filter((c) => c === 'long')).toHaveLength(2);
    expect(calls).not.toContain('never');
  });
});
