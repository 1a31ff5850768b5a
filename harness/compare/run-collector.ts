import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Collector } from '../../src/collector.ts';
import type { ExportFilters } from '../../src/export-filters.ts';
import { isConnectionLoss } from '../database/connection-errors.ts';
import { CountingClient, type QueryLogEntry } from '../queries/counting-client.ts';
import { summarize, type QueryLogSummary } from '../queries/query-log-summary.ts';
import type { CollectorId } from '../results/collector-id.ts';
import { COLLECTOR_REGISTRY } from './collectors.ts';
import { isContractError } from './contract-error.ts';
import { runExport, type ExportRun } from './run-export.ts';

/** The export ran to the end. */
export interface ExportedOutcome {
  kind: 'exported';
  run: ExportRun;
  summary: QueryLogSummary;
  log: readonly QueryLogEntry[];
}

/** The export ended with a contract error (no documents, hs_code): an outcome to compare, not a bug. */
export interface FailedOutcome {
  kind: 'failed';
  error: string;
  errorName: string;
  queryCount: number;
  summary: QueryLogSummary;
  durationMs: number;
}

/** The collector threw something else (only with `collectorBugs: 'record'`): a bug of that collector. */
export interface ThrewOutcome {
  kind: 'threw';
  error: string;
  queryCount: number;
  summary: QueryLogSummary;
  durationMs: number;
}

/** How one collector's export ended. */
export type CollectorOutcome = ExportedOutcome | FailedOutcome;

export interface RunCollectorOptions {
  /** Emulated delay per round trip (`--rtt-ms`). */
  rttMs?: number;
  /** Keep each round trip's parameters in the log (EXPLAIN needs them); default true. */
  keepParams?: boolean;
  /** Run this function under the collector's id instead of the registry's (tests plant wrong variants). */
  collect?: Collector;
}

/**
 * A per-record loop counts as N+1 when it reaches a quarter of the exported documents: v1 reads each form's
 * relations only for the documents of that form (about half of them). See `findNPlusOne`.
 */
export const N_PLUS_ONE_MIN_SHARE = 0.25;

/**
 * The one place that runs an export: the collector (from the registry) and the six sheet builders on a
 * counting client, exact round trips, fingerprints and N+1 findings. A contract error becomes a `failed`
 * outcome; anything else is rethrown, unless `collectorBugs: 'record'` (the gate), where a collector's own
 * error becomes a `threw` outcome and only a lost connection is rethrown.
 */
export async function runCollector(
  client: pg.ClientBase,
  id: CollectorId,
  filters: ExportFilters,
  options?: RunCollectorOptions & { collectorBugs?: 'throw' },
): Promise<CollectorOutcome>;
export async function runCollector(
  client: pg.ClientBase,
  id: CollectorId,
  filters: ExportFilters,
  options: RunCollectorOptions & { collectorBugs: 'record' },
): Promise<CollectorOutcome | ThrewOutcome>;
export async function runCollector(
  client: pg.ClientBase,
  id: CollectorId,
  filters: ExportFilters,
  options: RunCollectorOptions & { collectorBugs?: 'throw' | 'record' } = {},
): Promise<CollectorOutcome | ThrewOutcome> {
  const counting = new CountingClient(client, {
    rttMs: options.rttMs ?? 0,
    keepParams: options.keepParams ?? true,
  });
  const started = performance.now();
  try {
    const run = await runExport(counting, id, options.collect ?? COLLECTOR_REGISTRY[id].collect, filters);
    const summary = summarize(counting.tally(), {
      documentCount: run.documentCount,
      minShare: N_PLUS_ONE_MIN_SHARE,
    });
    return { kind: 'exported', run, summary, log: counting.log };
  } catch (error) {
    const ended = { queryCount: counting.count, summary: summarize(counting.tally()) };
    const durationMs = performance.now() - started;
    if (isContractError(error)) {
      return { kind: 'failed', error: error.message, errorName: error.name, ...ended, durationMs };
    }
    if (options.collectorBugs !== 'record' || isConnectionLoss(error)) throw error;
    return {
      kind: 'threw',
      error: error instanceof Error ? error.message : String(error),
      ...ended,
      durationMs,
    };
  }
}

/** Queries of an outcome, whichever way it ended. */
export function outcomeQueryCount(outcome: CollectorOutcome | ThrewOutcome): number {
  return outcome.kind === 'exported' ? outcome.run.queryCount : outcome.queryCount;
}
