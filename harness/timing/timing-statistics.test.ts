import { describe, expect, it } from 'vitest';
import { timeInterleaved } from './interleaved-timing.ts';
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
