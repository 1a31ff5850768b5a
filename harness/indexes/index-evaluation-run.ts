import {
  INDEX_EVALUATION_VERSION,
  type IndexEvaluationResults,
  type IndexSizeEvaluation,
} from '../results/index-evaluation-results.ts';

/** Who ran an evaluation: the run id and the command line (secrets already redacted). */
export interface IndexRunInfo {
  runId?: string;
  argv?: string[];
}

/**
 * The index evaluation's file content from its evaluations per size (sorted smallest first): the run starts with
 * the first size's start and ends with the last size's end. Pure.
 */
export function indexEvaluationRun(
  sizes: readonly IndexSizeEvaluation[],
  info: IndexRunInfo = {},
): IndexEvaluationResults {
  if (sizes.length === 0) throw new RangeError('indexEvaluationRun needs at least one size');
  const sorted = [...sizes].sort(
    (a, b) =>
      (a.options.documents ?? a.environment.tableRows.document_extraction ?? 0) -
      (b.options.documents ?? b.environment.tableRows.document_extraction ?? 0),
  );
  const startedAt = sorted.map((s) => s.startedAt).sort()[0]!;
  const finishedAt = sorted.map((s) => s.finishedAt).sort()[sorted.length - 1]!;
  return {
    kind: 'index-evaluation',
    version: INDEX_EVALUATION_VERSION,
    runId: info.runId ?? startedAt,
    startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
    argv: info.argv ?? [],
    sizes: sorted,
  };
}
