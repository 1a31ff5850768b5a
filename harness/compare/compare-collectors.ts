import type pg from 'pg';
import { NoDocumentsError } from '../../src/collector.ts';
import type { ExportFilters } from '../../src/export-filters.ts';
import { HsCodeFilterError } from '../../src/substance-filter.ts';
import { COLLECTORS, type CollectorName } from './collectors.ts';
import { CountingClient, type QueryLogEntry } from '../queries/counting-client.ts';
import { compareSheetRows, type EquivalenceResult } from './equivalence.ts';
import { summarize, type QueryLogSummary } from '../queries/query-log-summary.ts';
import { runExport, type ExportRun } from './run-export.ts';

/** How one collector's export ended. `failed` is an outcome the contract defines (no documents, hs_code). */
export type CollectorOutcome =
  | { kind: 'exported'; run: ExportRun; summary: QueryLogSummary; log: readonly QueryLogEntry[] }
  | { kind: 'failed'; error: string; errorName: string; queryCount: number; summary: QueryLogSummary };

export interface CollectorComparison {
  v1: CollectorOutcome;
  v2: CollectorOutcome;
  /** Both exported and their rows are identical, or both failed with the same contract error. */
  equivalent: boolean;
  /** Present when both exported. */
  rows?: EquivalenceResult;
  /** Why the outcomes differ, when they do not both export. */
  outcomeDifference?: string;
}

/**
 * A per-record loop counts as N+1 when it reaches a quarter of the exported documents: v1 reads each form's
 * relations only for the documents of that form (about half of them). See `findNPlusOne`.
 */
export const N_PLUS_ONE_MIN_SHARE = 0.25;

/** The contract's error outcomes: they are results to compare, not harness failures. */
function isContractError(error: unknown): error is NoDocumentsError | HsCodeFilterError {
  return error instanceof NoDocumentsError || error instanceof HsCodeFilterError;
}

/** Runs one collector on a counting client; a contract error becomes a `failed` outcome. */
export async function runCollector(
  client: pg.ClientBase,
  name: CollectorName,
  filters: ExportFilters,
  options: { rttMs?: number } = {},
): Promise<CollectorOutcome> {
  const counting = new CountingClient(client, { rttMs: options.rttMs ?? 0 });
  try {
    const run = await runExport(counting, name, COLLECTORS[name], filters);
    const summary = summarize(counting.tally(), {
      documentCount: run.documentCount,
      minShare: N_PLUS_ONE_MIN_SHARE,
    });
    return { kind: 'exported', run, summary, log: counting.log };
  } catch (error) {
    if (!isContractError(error)) throw error;
    return {
      kind: 'failed',
      error: error.message,
      errorName: error.name,
      queryCount: counting.count,
      summary: summarize(counting.tally()),
    };
  }
}

/** Runs v1 then v2 on the same database and compares their outputs cell by cell. */
export async function compareCollectors(
  client: pg.ClientBase,
  filters: ExportFilters,
  options: { maxDifferences?: number } = {},
): Promise<CollectorComparison> {
  const v1 = await runCollector(client, 'v1', filters);
  const v2 = await runCollector(client, 'v2', filters);
  if (v1.kind === 'exported' && v2.kind === 'exported') {
    const rows = compareSheetRows(v1.run.rows, v2.run.rows, { maxDifferences: options.maxDifferences ?? 20 });
    return { v1, v2, equivalent: rows.equivalent, rows };
  }
  if (v1.kind === 'failed' && v2.kind === 'failed' && v1.errorName === v2.errorName) {
    return { v1, v2, equivalent: true };
  }
  const describe = (o: CollectorOutcome) =>
    o.kind === 'exported' ? `exported ${o.run.documentCount} documents` : `failed: ${o.errorName}`;
  return { v1, v2, equivalent: false, outcomeDifference: `v1 ${describe(v1)}, v2 ${describe(v2)}` };
}

/** Queries of an outcome, exported or failed. */
export function outcomeQueryCount(outcome: CollectorOutcome): number {
  return outcome.kind === 'exported' ? outcome.run.queryCount : outcome.queryCount;
}
