import type pg from 'pg';
import type { ExportFilters } from '../../src/export-filters.ts';
import type { CollectorId } from '../results/collector-id.ts';
import { compareSheetRows, type EquivalenceResult } from './equivalence.ts';
import { runCollector, type CollectorOutcome, type ThrewOutcome } from './run-collector.ts';

/** How two collectors' outcomes compare. */
export interface OutcomeComparison {
  /** Both exported and their rows are identical, or both failed with the same contract error. */
  equivalent: boolean;
  /** Present when both exported. */
  rows?: EquivalenceResult;
  /** Why the outcomes differ, when they do not both export (e.g. `v1 exported 7 documents, v2 failed: X`). */
  outcomeDifference?: string;
}

/** v1 and v2 on one case, and how they compare. */
export interface CollectorComparison extends OutcomeComparison {
  v1: CollectorOutcome;
  v2: CollectorOutcome;
}

type AnyOutcome = CollectorOutcome | ThrewOutcome;

/**
 * Compares one collector's outcome with the reference's, cell by cell when both exported (pure). Equal
 * contract errors are equivalent; any other pair of endings is not, with the reason.
 */
export function compareOutcomes(
  reference: { id: CollectorId; outcome: AnyOutcome },
  other: { id: CollectorId; outcome: AnyOutcome },
  options: { maxDifferences?: number } = {},
): OutcomeComparison {
  const a = reference.outcome;
  const b = other.outcome;
  if (a.kind === 'exported' && b.kind === 'exported') {
    const rows = compareSheetRows(a.run.rows, b.run.rows, { maxDifferences: options.maxDifferences ?? 20 });
    return { equivalent: rows.equivalent, rows };
  }
  if (a.kind === 'failed' && b.kind === 'failed' && a.errorName === b.errorName) return { equivalent: true };
  return {
    equivalent: false,
    outcomeDifference: `${reference.id} ${describeOutcome(a)}, ${other.id} ${describeOutcome(b)}`,
  };
}

/** `exported 7 documents`, `failed: NoDocumentsError`, `threw: <message>`. */
export function describeOutcome(outcome: AnyOutcome): string {
  if (outcome.kind === 'exported') return `exported ${outcome.run.documentCount} documents`;
  if (outcome.kind === 'failed') return `failed: ${outcome.errorName}`;
  return `threw: ${outcome.error}`;
}

/** Runs v1 then v2 on the same database and compares their outputs cell by cell. */
export async function compareCollectors(
  client: pg.ClientBase,
  filters: ExportFilters,
  options: { maxDifferences?: number } = {},
): Promise<CollectorComparison> {
  const v1 = await runCollector(client, 'v1', filters);
  const v2 = await runCollector(client, 'v2', filters);
  return { v1, v2, ...compareOutcomes({ id: 'v1', outcome: v1 }, { id: 'v2', outcome: v2 }, options) };
}
