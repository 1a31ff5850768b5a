import type { BenchResults } from '../results/bench-results.ts';
import { escapeInline, table } from './markdown-format.ts';
import { DRIFT_COLUMNS, driftCells } from './drift-check.ts';

/**
 * This run against a saved one (`--baseline`): each collector's export time per case, as a change with its
 * 95 % interval and verdict. Null when the run was not given a baseline.
 */
export function baselineSection(results: BenchResults): string | null {
  const b = results.baselineRun;
  if (!b) return null;
  const rows = b.comparisons.map((c) => [
    `${c.scenario}/${c.targetDocuments}/${c.indexState}`,
    c.collector,
    ...driftCells(c),
  ]);
  const unmatched =
    b.unmatched.length === 0
      ? ''
      : `\n\nNot compared: ${b.unmatched.map((u) => escapeInline(u)).join('; ')}.`;
  return (
    `## Against the saved run ${escapeInline(b.runId)}\n\n` +
    `This run's export times against \`${b.source}\` (same scenario, size, index state and collector): time here / time there − 1. ` +
    "The drift probe, a fixed query no code or index can change, timed in the same rounds in both runs, shows how much the machine's " +
    "speed moved between them; a change that does not clear the probe's interval could be the machine's.\n\n" +
    (rows.length === 0
      ? 'No case could be compared.'
      : table(['Case', 'Collector', ...DRIFT_COLUMNS], rows)) +
    unmatched
  );
}
