import type { BenchResults } from '../results/bench-results.ts';
import type { DriftedComparison } from './drift-check.ts';

/** The proposed indexes' effect on one collector's export time at one scenario and size. */
export interface IndexEffect extends DriftedComparison {
  scenario: string;
  targetDocuments: number;
  collector: string;
}

/** Every index effect of the run (with the indexes / without: below 1, faster with them), as recorded. */
export function indexEffects(results: BenchResults): IndexEffect[] {
  return results.indexComparisons;
}
