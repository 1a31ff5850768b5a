import { describe, expect, it } from 'vitest';
import { runLargestFirst, type CostedJob } from './largest-first.ts';

/** Jobs that record when they start and end, and end when the test says so. */
function recordingJobs(costs: readonly number[]) {
  const events: string[] = [];
  const finishers = new Map<number, () => void>();
  let running = 0;
  let mostAtOnce = 0;
  const jobs: CostedJob[] = costs.map((cost, index) => ({
    cost,
    run: () =>
      new Promise<void>((resolve) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        events.push(`start ${index}`);
        finishers.set(index, () => {
          running -= 1;
          events.push(`end ${index}`);
          resolve();
        });
      }),
  }));
  const finish = async (index: number): Promise<void> => {
    const end = finishers.get(index);
    if (end === undefined) throw new Error(`job ${index} has not started`);
    end();
    // Let the scheduler start the next job.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { jobs, events, finish, mostAtOnce: () => mostAtOnce };
}

describe('runLargestFirst', () => {
  it('starts the costliest jobs first, at most width at a time, and the next one as soon as one ends', async () => {
    const { jobs, events, finish, mostAtOnce } = recordingJobs([1, 5, 3, 5, 2]);
    const done = runLargestFirst(jobs, 2);
    await new Promise((resolve) => setImmediate(resolve));
    // Equal costs keep their order: job 1 before job 3.
    expect(events).toEqual(['start 1', 'start 3']);
    await finish(3);
    expect(events.slice(2)).toEqual(['end 3', 'start 2']);
    await finish(1);
    expect(events.slice(4)).toEqual(['end 1', 'start 4']);
    await finish(2);
    await finish(4);
    await finish(0);
    await done;
    expect(events.filter((e) => e.startsWith('start'))).toEqual([
      'start 1',
      'start 3',
      'start 2',
      'start 4',
      'start 0',
    ]);
    expect(mostAtOnce()).toBe(2);
  });

  it('runs every job when there are fewer jobs than the width, and nothing when there are none', async () => {
    const { jobs, events, finish } = recordingJobs([1, 2]);
    const done = runLargestFirst(jobs, 8);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start 1', 'start 0']);
    await finish(0);
    await finish(1);
    await done;
    await expect(runLargestFirst([], 3)).resolves.toBeUndefined();
  });

  it('rejects with the first failure once the running jobs have settled, and starts no job after it', async () => {
    const started: number[] = [];
    let releaseSlow: () => void = () => undefined;
    let slowEnded = false;
    const jobs: CostedJob[] = [
      {
        cost: 10,
        run: () =>
          new Promise<void>((resolve) => {
            started.push(0);
            releaseSlow = () => {
              slowEnded = true;
              resolve();
            };
          }),
      },
      {
        cost: 9,
        run: () => {
          started.push(1);
          return Promise.reject(new Error('index build failed'));
        },
      },
      {
        cost: 1,
        run: () => {
          started.push(2);
          return Promise.resolve();
        },
      },
    ];
    const done = runLargestFirst(jobs, 2);
    let settled = false;
    done.catch(() => undefined).finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    releaseSlow();
    await expect(done).rejects.toThrow('index build failed');
    expect(slowEnded).toBe(true);
    expect(started).toEqual([0, 1]);
  });

  it('refuses a width that is not a whole number of at least 1', async () => {
    await expect(runLargestFirst([], 0)).rejects.toThrow(RangeError);
    await expect(runLargestFirst([], 1.5)).rejects.toThrow(/whole number/);
  });
});
