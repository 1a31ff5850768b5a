import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import type { CollectorTimingRecord } from '../results/bench-results.ts';
import { timingStatistics } from './timing-statistics.ts';

export interface TimedTask {
  name: string;
  fn: () => Promise<unknown>;
  /**
   * Take part in the first this many measured rounds only (a long export timed less than the cheap ones);
   * 0: never timed. Default: every round.
   */
  maxSamples?: number;
}

/** Raw samples per task name, ms, in the order measured. */
export type SamplesByTask = Record<string, number[]>;

interface RoundsOptions {
  /** Round number of the first round to run (the task order alternates on it), counting warm-up rounds. */
  firstRound: number;
  rounds: number;
  warmupRounds: number;
  onRound?: (round: number) => void;
}

/** Whether `task` may still be timed in a measured round, given its samples so far. */
function takesPart(task: TimedTask, samples: Readonly<SamplesByTask>): boolean {
  return task.maxSamples === undefined || samples[task.name]!.length < task.maxSamples;
}

/**
 * Runs rounds and appends each measured sample to `samples`. Each round is one tinybench run with one
 * iteration of every task still taking part, and the order of the tasks alternates from round to round.
 * Stops early once no task may take part any more (every one has its `maxSamples`): such rounds would time
 * nothing. Returns the measured rounds run, each of which timed at least one task.
 */
async function runRounds(
  tasks: readonly TimedTask[],
  samples: SamplesByTask,
  options: RoundsOptions,
): Promise<number> {
  const total = options.warmupRounds + options.rounds;
  let measuredRounds = 0;
  for (let i = 0; i < total; i++) {
    const round = options.firstRound + i;
    const measured = i >= options.warmupRounds;
    // A warm-up round leaves out the tasks timed less (long exports: the run before the timing warmed them).
    const active = tasks.filter((t) => (measured ? takesPart(t, samples) : t.maxSamples === undefined));
    if (measured && active.length === 0) break;
    if (active.length > 0) {
      const bench = new Bench({ iterations: 1, time: 0, warmup: false, retainSamples: true, throws: true });
      const ordered = round % 2 === 0 ? active : [...active].reverse();
      // Declared `async`: tinybench recognises an async function by its kind; a plain function returning a
      // promise would be called once more to find out, an extra unmeasured export per round.
      for (const task of ordered) {
        bench.add(task.name, async () => {
          await task.fn();
        });
      }
      await bench.run();
      if (measured) {
        measuredRounds += 1;
        for (const task of bench.tasks) {
          const result = task.result;
          if (result.state !== 'completed')
            throw new Error(`timing of ${task.name} did not complete (${result.state})`);
          samples[task.name]!.push(...(result.latency.samples ?? []));
        }
      }
    }
    options.onRound?.(round + 1);
  }
  return measuredRounds;
}

function emptySamples(tasks: readonly TimedTask[]): SamplesByTask {
  return Object.fromEntries(tasks.map((t) => [t.name, [] as number[]]));
}

function records(samples: SamplesByTask): Record<string, CollectorTimingRecord> {
  return Object.fromEntries(
    Object.entries(samples)
      .filter(([, values]) => values.length > 0)
      .map(([name, values]) => [name, { ...timingStatistics(values), samplesMs: values }]),
  );
}

/**
 * Times several tasks **interleaved**: each round is one tinybench run with one iteration of every task, and
 * the order of the tasks alternates from round to round. On a noisy 2-core machine a slow spell then hits
 * both collectors alike instead of one of them, so their ratio holds. tinybench measures each sample
 * (`performance.now()` around the call, timer overhead calibrated); the samples of all measured rounds are
 * pooled per task into one `TimingRecord` with its raw samples. The first `warmupRounds` rounds are run and
 * discarded (caches, JIT, PostgreSQL's buffer cache and plan cache). A task never timed has no record.
 */
export async function timeInterleaved(
  tasks: readonly TimedTask[],
  options: { rounds: number; warmupRounds: number; onRound?: (round: number, total: number) => void },
): Promise<Record<string, CollectorTimingRecord>> {
  const samples = emptySamples(tasks);
  const total = options.warmupRounds + options.rounds;
  await runRounds(tasks, samples, {
    firstRound: 0,
    rounds: options.rounds,
    warmupRounds: options.warmupRounds,
    onRound: (round) => options.onRound?.(round, total),
  });
  return records(samples);
}

export interface AdaptiveTimingOptions {
  /** Rounds always run. */
  minRounds: number;
  /** Rounds never exceeded. */
  maxRounds: number;
  /** Rounds added at a time while the verdicts are undecided. */
  batchRounds: number;
  /** No batch is started once this much time went into the rounds (the minimum rounds always run). */
  budgetMs: number;
  warmupRounds: number;
  /** Whether more samples could still change a verdict, given the samples so far. */
  undecided: (samples: Readonly<SamplesByTask>) => boolean;
  onRound?: (round: number, rounds: number) => void;
}

/**
 * Interleaved timing that spends samples where they decide a verdict: `minRounds` rounds, then batches of
 * `batchRounds` while `undecided` says more samples could change a verdict, up to `maxRounds` rounds or the
 * time budget, whichever comes first, and no longer than some task may still be timed. Returns the raw samples
 * per task and the measured rounds run (each timed at least one task).
 */
export async function timeAdaptively(
  tasks: readonly TimedTask[],
  options: AdaptiveTimingOptions,
): Promise<{ samples: SamplesByTask; rounds: number; timings: Record<string, CollectorTimingRecord> }> {
  const samples = emptySamples(tasks);
  // No task is ever timed (every one too long): a round would measure nothing, so none is run.
  if (tasks.every((t) => t.maxSamples === 0)) return { samples, rounds: 0, timings: {} };
  const startedMs = performance.now();
  // `planned` is what the progress line counts towards (never more rounds than some task can take part in);
  // `rounds` only the measured rounds that timed a task.
  const reachable = tasks.some((t) => t.maxSamples === undefined)
    ? options.maxRounds
    : Math.max(...tasks.map((t) => t.maxSamples ?? 0));
  let planned = Math.min(options.minRounds, options.maxRounds);
  const total = () => options.warmupRounds + Math.min(planned, reachable);
  let rounds = await runRounds(tasks, samples, {
    firstRound: 0,
    rounds: planned,
    warmupRounds: options.warmupRounds,
    onRound: (round) => options.onRound?.(round, total()),
  });
  while (
    planned < options.maxRounds &&
    performance.now() - startedMs < options.budgetMs &&
    tasks.some((t) => takesPart(t, samples)) &&
    options.undecided(samples)
  ) {
    const batch = Math.min(options.batchRounds, options.maxRounds - planned);
    const first = options.warmupRounds + planned;
    planned += batch;
    rounds += await runRounds(tasks, samples, {
      firstRound: first,
      rounds: batch,
      warmupRounds: 0,
      onRound: (round) => options.onRound?.(round, total()),
    });
  }
  return { samples, rounds, timings: records(samples) };
}
