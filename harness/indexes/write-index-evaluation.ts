import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { INDEX_EVALUATION_FILE, type IndexEvaluationResults } from '../results/index-evaluation-results.ts';
import { evaluateIndexes, type IndexEvaluationOptions } from './index-evaluation.ts';
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
 * in) and adds `index-evaluation.json` and `indexes.md` to the bench's run folder `runDir`. Link `indexes.md`
 * from `report.md`.
 */
export async function addIndexEvaluationToRun(
  client: pg.ClientBase,
  runDir: string,
  options: IndexEvaluationOptions = {},
): Promise<WrittenIndexEvaluation & { results: IndexEvaluationResults }> {
  const results = await evaluateIndexes(client, options);
  return { ...(await writeIndexEvaluation(results, runDir)), results };
}

/** One line per candidate for the console. */
export function verdictSummary(results: IndexEvaluationResults): string {
  const width = Math.max(...results.candidates.map((c) => c.candidate.name.length));
  const lines = results.candidates.map((c) => {
    const verdict = c.verdict.kind === 'replace' ? `replace with ${c.verdict.replacement}` : c.verdict.kind;
    return `${c.candidate.name.padEnd(width)}  ${c.candidate.role.padEnd(11)}  ${verdict}`;
  });
  return `\n${lines.join('\n')}\n`;
}
