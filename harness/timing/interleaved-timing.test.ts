import { describe, expect, it } from 'vitest';
import { timeAdaptively, type TimedTask } from './interleaved-timing.ts';

const options = {
  minRounds: 3,
  maxRounds: 5,
  batchRounds: 1,
  budgetMs: 1_000,
  warmupRounds: 1,
  undecided: () => false,
};

/** Tasks `a` and `b`, each timed at most `maxSamples` times, and how many calls they got. */
function cappedTasks(maxSamples: number): { tasks: TimedTask[]; calls: () => number } {
  let calls = 0;
  const tasks = ['a', 'b'].map((name) => ({ name, fn: () => Promise.resolve((calls += 1)), maxSamples }));
  return { tasks, calls: () => calls };
}

describe('timeAdaptively', () => {
  it('runs no round when no task may be timed', async () => {
    const { tasks, calls } = cappedTasks(0);
    const rounds: number[] = [];
    const result = await timeAdaptively(tasks, { ...options, onRound: (round) => rounds.push(round) });
    expect(result).toEqual({ samples: { a: [], b: [] }, rounds: 0, timings: {} });
    expect(calls()).toBe(0);
    expect(rounds).toEqual([]);
  });

  it('runs the minimum rounds when some task may be timed', async () => {
    const tasks: TimedTask[] = [
      { name: 'cheap', fn: () => Promise.resolve() },
      { name: 'long', fn: () => Promise.resolve(), maxSamples: 0 },
    ];
    const result = await timeAdaptively(tasks, options);
    expect(result.rounds).toBe(3);
    expect(result.samples.cheap).toHaveLength(3);
    expect(result.samples.long).toEqual([]);
  });

  it('stops once every task has its samples, and counts only the rounds that timed something', async () => {
    const { tasks, calls } = cappedTasks(2);
    // Undecided throughout, with room for 5 rounds: only 2 can time anything.
    const progress: [number, number][] = [];
    const result = await timeAdaptively(tasks, {
      ...options,
      undecided: () => true,
      onRound: (round, total) => progress.push([round, total]),
    });
    expect(result.rounds).toBe(2);
    // The progress counts towards the rounds that can time something (after the warm-up round), not 5.
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(result.samples.a).toHaveLength(2);
    expect(result.samples.b).toHaveLength(2);
    // No warm-up: a capped task is never warmed up (the counted export before the timing did that).
    expect(calls()).toBe(4);
  });

  it('keeps timing the uncapped tasks after a capped one has its samples', async () => {
    const tasks: TimedTask[] = [
      { name: 'cheap', fn: () => Promise.resolve() },
      { name: 'long', fn: () => Promise.resolve(), maxSamples: 1 },
    ];
    const result = await timeAdaptively(tasks, { ...options, undecided: () => true });
    expect(result.rounds).toBe(5);
    expect(result.samples.cheap).toHaveLength(5);
    expect(result.samples.long).toHaveLength(1);
  });
});
