import { describe, expect, it } from 'vitest';
import { DRIFT_PROBE_SQL, DRIFT_PROBE_TASK, driftProbeTask, probeReach } from './drift-probe.ts';

describe('probeReach', () => {
  it('follows the most-timed task: every round when one has no limit, else the largest limit', () => {
    expect(probeReach([{ maxSamples: 3 }, {}])).toBeUndefined();
    expect(probeReach([{ maxSamples: 3 }, { maxSamples: 0 }, { maxSamples: 1 }])).toBe(3);
    expect(probeReach([{ maxSamples: 0 }, { maxSamples: 0 }])).toBe(0);
    expect(probeReach([])).toBe(0);
  });
});

describe('driftProbeTask', () => {
  it('times the fixed probe statement on the given connection, as often as the tasks allow', async () => {
    const sent: string[] = [];
    const q = {
      query: (sql: string) => {
        sent.push(sql);
        return Promise.resolve({ rows: [], rowCount: 0 });
      },
    };
    const task = driftProbeTask(q, [{ name: 'v1', fn: () => Promise.resolve(), maxSamples: 3 }])!;
    expect(task).toMatchObject({ name: DRIFT_PROBE_TASK, maxSamples: 3 });
    await task.fn();
    expect(sent).toEqual([DRIFT_PROBE_SQL]);
    expect(driftProbeTask(q, [{ name: 'v1', fn: () => Promise.resolve() }])).not.toHaveProperty('maxSamples');
    expect(driftProbeTask(q, [{ name: 'v1', fn: () => Promise.resolve(), maxSamples: 0 }])).toBeNull();
  });
});
