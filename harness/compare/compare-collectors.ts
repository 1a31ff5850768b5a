import type pg from 'pg';
import type { ExportFilters } from '../../src/export-filters.ts';
import type { CollectorId, CollectorRole } from '../results/collector-id.ts';
import { collectorEntries, referenceCollector } from './collectors.ts';
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

/** One registered collector's run in a comparison. */
export interface ComparedCollector {
  id: CollectorId;
  role: CollectorRole;
  outcome: CollectorOutcome;
}

/** One non-reference collector compared with the reference. */
export interface ReferenceComparison extends OutcomeComparison {
  /** The collector compared with the reference. */
  id: CollectorId;
}

/** Every registered collector on one case, and how each compares with the reference (the premise). */
export interface CollectorsComparison {
  /** The collector the others are compared with (`referenceCollector()`, v1). */
  reference: CollectorId;
  /** Every registered collector's outcome, in registry order (the reference included). */
  collectors: ComparedCollector[];
  /** Each non-reference collector against the reference, in registry order. */
  comparisons: ReferenceComparison[];
  /** True only when every comparison is equivalent. */
  equivalent: boolean;
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

/**
 * Runs every registered collector, in registry order, on the same database and compares each other one with
 * the reference (the premise) cell by cell. Equivalent only when every collector is.
 */
export async function compareCollectors(
  client: pg.ClientBase,
  filters: ExportFilters,
  options: { maxDifferences?: number } = {},
): Promise<CollectorsComparison> {
  const collectors: ComparedCollector[] = [];
  for (const entry of collectorEntries()) {
    collectors.push({
      id: entry.id,
      role: entry.role,
      outcome: await runCollector(client, entry.id, filters),
    });
  }
  const referenceId = referenceCollector().id;
  const reference = collectors.find((c) => c.id === referenceId);
  if (reference === undefined) throw new Error(`the reference collector ${referenceId} did not run`);
  const comparisons = collectors
    .filter((c) => c.id !== referenceId)
    .map((c) => ({ id: c.id, ...compareOutcomes(reference, c, options) }));
  return {
    reference: referenceId,
    collectors,
    comparisons,
    equivalent: comparisons.every((c) => c.equivalent),
  };
}

/** The outcome of one collector in a comparison; throws when that collector did not run. */
export function comparedOutcome(comparison: CollectorsComparison, id: CollectorId): CollectorOutcome {
  const found = comparison.collectors.find((c) => c.id === id);
  if (found === undefined) throw new Error(`collector ${id} is not in this comparison`);
  return found.outcome;
}
