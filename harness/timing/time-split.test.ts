import { describe, expect, it } from 'vitest';
import { projectExportMs, splitExportTime } from './time-split.ts';

describe('splitExportTime', () => {
  it('divides the total into latency, server and client time that add up to it', () => {
    const split = splitExportTime({
      totalMs: 100,
      roundTrips: 200,
      perTripLatencyMs: 0.05,
      server: { execMs: 30, planMs: 6 },
    });
    expect(split).toEqual({
      totalMs: 100,
      roundTrips: 200,
      perTripLatencyMs: 0.05,
      latencyMs: 10,
      serverMs: 36,
      serverExecMs: 30,
      serverPlanMs: 6,
      clientMs: 54,
      clamped: false,
      source: 'pg_stat_statements',
    });
    expect(split.latencyMs + split.serverMs! + split.clientMs!).toBeCloseTo(split.totalMs, 10);
  });

  it('never gives a negative client time: it clamps and says so', () => {
    const split = splitExportTime({
      totalMs: 10,
      roundTrips: 100,
      perTripLatencyMs: 0.05,
      server: { execMs: 7, planMs: 1 },
    });
    expect(split.clientMs).toBe(0);
    expect(split.clamped).toBe(true);
  });

  it('leaves server and client unknown without the server statistics', () => {
    const split = splitExportTime({ totalMs: 10, roundTrips: 9, perTripLatencyMs: 0.1, server: null });
    expect(split).toMatchObject({ latencyMs: 0.9, serverMs: null, clientMs: null, source: 'not available' });
  });
});

describe('projectExportMs', () => {
  const split = splitExportTime({
    totalMs: 100,
    roundTrips: 200,
    perTripLatencyMs: 0.05,
    server: { execMs: 30, planMs: 6 },
  });

  it('keeps the client and server parts and replaces the local latency by the network round trip', () => {
    expect(projectExportMs(split, 100, 200, 1)).toBeCloseTo(54 + 36 + 200, 10);
    // At the local latency itself, the projection is the measured total.
    expect(projectExportMs(split, 100, 200, 0.05)).toBeCloseTo(100, 10);
  });

  it('adds the round trips to the measured total without a split', () => {
    expect(projectExportMs(null, 100, 200, 1)).toBe(300);
    const noServer = splitExportTime({ totalMs: 100, roundTrips: 200, perTripLatencyMs: 0.05, server: null });
    expect(projectExportMs(noServer, 100, 200, 1)).toBe(300);
  });
});
