import { Bench } from 'tinybench';
import type { CollectorTimingRecord } from '../results/bench-results.ts';
import { timingStatistics } from './timing-statistics.ts';

export interface TimedTask {
  name: string;
  fn: () => Promise<unknown>;
}

/**
 * Times several tasks **interleaved**: each round is one tinybench run with one iteration of every task, and
 * the order of the tasks alternates from round to round. On a noisy 2-core machine a slow spell then hits
 * both collectors alike instead of one of them, so their ratio holds. tinybench measures each sample
 * (`performance.now()` around the call, timer overhead calibrated); the samples of all measured rounds are
 * pooled per task into one `TimingRecord`. The first `warmupRounds` rounds are run and discarded (caches,
 * JIT, PostgreSQL's buffer cache and plan cache).
 */
export async function timeInterleaved(
  tasks: readonly TimedTask[],
  options: { rounds: number; warmupRounds: number; onRound?: (round: number, total: number) => void },
): Promise<Record<string, CollectorTimingRecord>> {
  const samples = new Map<string, number[]>(tasks.map((t) => [t.name, []]));
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round++) {
    const bench = new Bench({ iterations: 1, time: 0, warmup: false, retainSamples: true, throws: true });
    const ordered = round % 2 === 0 ? tasks : [...tasks].reverse();
    // Declared `async`: tinybench recognises an async function by its kind; a plain function returning a
    // promise would be called once more to find out, an extra unmeasured export per round.
    for (const task of ordered) {
      bench.add(task.name, async () => {
        await task.fn();
      });
    }
    await bench.run();
    if (round >= options.warmupRounds) {
      for (const task of bench.tasks) {
        const result = task.result;
        if (result.state !== 'completed')
          throw new Error(`timing of ${task.name} did not complete (${result.state})`);
        samples.get(task.name)!.push(...(result.latency.samples ?? []));
      }
    }
    options.onRound?.(round + 1, total);
  }
  return Object.fromEntries(
    [...samples].map(([name, values]) => [name, { ...timingStatistics(values), samplesMs: values }]),
  );
}
