import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import {
  INDEX_EVALUATION_FILE,
  type IndexEvaluationResults,
  type IndexSizeEvaluation,
} from '../results/index-evaluation-results.ts';
import { evaluateIndexes, type IndexEvaluationOptions } from './index-evaluation.ts';
import { indexEvaluationRun, type IndexRunInfo } from './index-evaluation-run.ts';
import { INDEX_REPORT_FILE, renderIndexReport } from './index-report-markdown.ts';

/** Paths written by {@link writeIndexEvaluation}. */
export interface WrittenIndexEvaluation {
  jsonPath: string;
  reportPath: string;
}

/**
 * Writes an evaluation into `dir`: its data (pretty-printed JSON) as `jsonFile`, and `indexes.md`. The
 * `indexes` command uses `results.json`; inside a bench run folder, whose `results.json` is the bench's, use
 * the default `index-evaluation.json`.
 */
export async function writeIndexEvaluation(
  results: IndexEvaluationResults,
  dir: string,
  jsonFile: string = INDEX_EVALUATION_FILE,
): Promise<WrittenIndexEvaluation> {
  await mkdir(dir, { recursive: true });
  const jsonPath = path.join(dir, jsonFile);
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`, 'utf8');
  const reportPath = path.join(dir, INDEX_REPORT_FILE);
  await writeFile(reportPath, renderIndexReport(results), 'utf8');
  return { jsonPath, reportPath };
}

/**
 * For the bench: evaluates the indexes on `client` (a seeded database; it is left in the index state it was
 * in), at its one size, and adds `index-evaluation.json` and `indexes.md` to the bench's run folder `runDir`.
 * Link `indexes.md` from `report.md`. `results` is the evaluation at that size.
 */
export async function addIndexEvaluationToRun(
  client: pg.ClientBase,
  runDir: string,
  options: IndexEvaluationOptions & IndexRunInfo = {},
): Promise<WrittenIndexEvaluation & { results: IndexSizeEvaluation }> {
  const { runId, argv, ...evaluation } = options;
  const results = await evaluateIndexes(client, evaluation);
  return { ...(await writeIndexEvaluation(indexEvaluationRun([results], { runId, argv }), runDir)), results };
}

/** One line per candidate for the console: its verdict at each size, smallest first. */
export function verdictSummary(results: IndexEvaluationResults): string {
  const largest = results.sizes[results.sizes.length - 1];
  if (largest === undefined) return '\n';
  const names = largest.candidates.map((c) => c.candidate.name);
  const width = Math.max(...names.map((n) => n.length));
  const verdictAt = (size: IndexSizeEvaluation, name: string) => {
    const c = size.candidates.find((x) => x.candidate.name === name);
    if (c === undefined) return 'not measured';
    return c.verdict.kind === 'replace' ? `replace with ${c.verdict.replacement}` : c.verdict.kind;
  };
  const header =
    results.sizes.length === 1
      ? []
      : [
          `${''.padEnd(width)}  ${''.padEnd(11)}  ${results.sizes.map((s) => `at ${s.options.documents ?? '?'} documents`).join('  |  ')}`,
        ];
  const lines = largest.candidates.map(
    (c) =>
      `${c.candidate.name.padEnd(width)}  ${c.candidate.role.padEnd(11)}  ` +
      results.sizes.map((s) => verdictAt(s, c.candidate.name)).join('  |  '),
  );
  return `\n${[...header, ...lines].join('\n')}\n`;
}
