import type { TimeSplitRecord } from '../results/bench-results.ts';

/** What an export's time is split from. */
export interface TimeSplitInput {
  /** The export time to divide (the median timed export), ms. */
  totalMs: number;
  roundTrips: number;
  /** One round trip's cost on the same connection (`SELECT 1`, median), ms. */
  perTripLatencyMs: number;
  /** The server's execution and planning time of one export's statements; null when not available. */
  server: { execMs: number; planMs: number } | null;
}

/**
 * Splits one export's time into round-trip latency (`roundTrips × perTripLatencyMs`), server time
 * (execution + planning, from the server's statistics) and client time (the rest: decoding rows, building
 * records and sheets). Pure.
 *
 * The parts come from different measurements (the median timed export, the latency probe, the witnessed
 * export's server statistics), so on a noisy machine latency and server time can add up to more than the
 * total: the client part is then 0 and `clamped` says so, rather than a negative time.
 */
export function splitExportTime(input: TimeSplitInput): TimeSplitRecord {
  const latencyMs = input.roundTrips * input.perTripLatencyMs;
  const base = {
    totalMs: input.totalMs,
    roundTrips: input.roundTrips,
    perTripLatencyMs: input.perTripLatencyMs,
    latencyMs,
  };
  if (input.server === null) {
    return {
      ...base,
      serverMs: null,
      serverExecMs: null,
      serverPlanMs: null,
      clientMs: null,
      clamped: false,
      source: 'not available',
    };
  }
  const serverMs = input.server.execMs + input.server.planMs;
  const rest = input.totalMs - latencyMs - serverMs;
  return {
    ...base,
    serverMs,
    serverExecMs: input.server.execMs,
    serverPlanMs: input.server.planMs,
    clientMs: Math.max(0, rest),
    clamped: rest < 0,
    source: 'pg_stat_statements',
  };
}

/**
 * The export's time projected to a network with round-trip time `rttMs`: the client and server parts stay,
 * and every round trip costs `rttMs` instead of the local latency it had (a real network's round trip
 * includes what the loopback cost). Without a split (no server statistics), the measured total plus
 * `roundTrips × rttMs`, which counts the local latency twice (a small overestimate, below 0.1 ms a trip).
 * Pure.
 */
export function projectExportMs(
  split: TimeSplitRecord | null,
  fallbackTotalMs: number,
  roundTrips: number,
  rttMs: number,
): number {
  if (split === null || split.serverMs === null || split.clientMs === null) {
    return fallbackTotalMs + roundTrips * rttMs;
  }
  return split.clientMs + split.serverMs + roundTrips * rttMs;
}
