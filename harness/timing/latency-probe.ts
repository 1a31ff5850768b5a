import { performance } from 'node:perf_hooks';
import type { Queryable } from '../../src/queryable.ts';
import type { LatencyProbeRecord } from '../results/bench-results.ts';
import { median } from './ratio-comparison.ts';

/** Round trips the probe sends. */
export const LATENCY_PROBE_TRIPS = 50;

/**
 * What one round trip costs on `q`'s connection with (almost) no server work: `SELECT 1` sent `trips` times
 * one after the other, each timed from send to result. The median is the per-trip latency of the time split;
 * the first trip (which may parse or warm something) counts like the others, the median absorbs it.
 * Send it through the same client the exports are timed on, so its overhead is counted the same way.
 */
export async function probeLatency(q: Queryable, trips = LATENCY_PROBE_TRIPS): Promise<LatencyProbeRecord> {
  if (!Number.isInteger(trips) || trips < 1)
    throw new RangeError(`probeLatency needs trips >= 1, got ${trips}`);
  const samples: number[] = [];
  for (let i = 0; i < trips; i++) {
    const started = performance.now();
    await q.query('SELECT 1');
    samples.push(performance.now() - started);
  }
  return {
    samples: samples.length,
    medianMs: median(samples),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
  };
}
