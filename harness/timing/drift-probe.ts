import type { Queryable } from '../../src/queryable.ts';
import type { TimedTask } from './interleaved-timing.ts';

/** The task name of the drift probe among a case's timed tasks (no collector is named like it). */
export const DRIFT_PROBE_TASK = '(drift probe)';

/**
 * The drift probe's work: a fixed query that reads no table, so no index and no dataset can change its cost,
 * and that loads both sides like an export does (the server computes 20 000 rows of text, the client decodes
 * them). Its time moves only with the machine. No hash function: `md5()` fails on a server in FIPS mode.
 *
 * Why 20 000 rows (about 33 ms on the 2-core development machine, some 5 s over a whole `bench:compare`):
 * with 5 000 (about 6 ms), scheduling jitter dominated. In three runs of 35 interleaved samples of each, the
 * spread from the 10th to the 90th percentile was 1.8 to 2.3 times the median with 5 000 rows, and 0.58 to
 * 0.64 times with 20 000; a probe that wide would withhold nearly every verdict.
 */
export const DRIFT_PROBE_SQL = "SELECT g, lpad(g::text, 40, '0') AS h FROM generate_series(1, 20000) AS g";

/**
 * The drift probe as a timed task, interleaved with a case's exports. The two index states of a scenario and
 * size are different cases, timed one after the other (minutes apart at large sizes); the A/A control, timed
 * inside one case, cannot see the machine's speed change between them. The probe's samples in the two cases
 * can: if they differ beyond the noise, so would the exports, indexes or not.
 *
 * It takes part in as many rounds as the most-timed task (every round when one task has no limit), so it
 * samples the same spells of the machine as the exports, and never keeps rounds going on its own.
 * `null` when no task is timed at all.
 */
export function driftProbeTask(q: Queryable, tasks: readonly TimedTask[]): TimedTask | null {
  const reach = probeReach(tasks);
  if (reach === 0) return null;
  return {
    name: DRIFT_PROBE_TASK,
    fn: () => q.query(DRIFT_PROBE_SQL),
    ...(reach === undefined ? {} : { maxSamples: reach }),
  };
}

/** The most rounds any of `tasks` takes part in: `undefined` for every round, 0 for none. Pure. */
export function probeReach(tasks: readonly Pick<TimedTask, 'maxSamples'>[]): number | undefined {
  if (tasks.some((t) => t.maxSamples === undefined)) return undefined;
  return Math.max(0, ...tasks.map((t) => t.maxSamples ?? 0));
}
