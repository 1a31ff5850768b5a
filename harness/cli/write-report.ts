import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../results/bench-results.ts';
import { renderCharts } from '../report/report-charts.ts';
import { renderReportDocuments, REPORT_FILE } from '../report/report-markdown.ts';
import { RESULTS_FILE } from '../results/validate-results.ts';

/** Paths written by `writeReport` / `renderReportFiles`. */
export interface WrittenReport {
  /** `results.json`, or null when it was not (re)written. */
  resultsPath: string | null;
  reportPath: string;
  /** PNG files drawn (skipped charts have none). */
  chartPaths: string[];
  /** Problems that did not stop the rendering (e.g. no chart font). */
  warnings: string[];
}

/**
 * Writes a run's folder: `results.json` (pretty-printed), the charts and `report.md`. For the bench command,
 * once a run has finished.
 */
export async function writeReport(results: BenchResults, dir: string): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const resultsPath = path.join(dir, RESULTS_FILE);
  await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`, 'utf8');
  return { ...(await renderReportFiles(results, dir)), resultsPath };
}

/** Draws the charts and writes `report.md` in `dir`, leaving `results.json` alone. */
export async function renderReportFiles(results: BenchResults, dir: string): Promise<WrittenReport> {
  const warnings: string[] = [];
  const charts = await renderCharts(results, dir, { onWarning: (m) => warnings.push(m) });
  // report.md and its appendices (appendix-*.md), all from the same results.
  for (const doc of renderReportDocuments(results, charts))
    await writeFile(path.join(dir, doc.file), doc.text, 'utf8');
  const reportPath = path.join(dir, REPORT_FILE);
  return {
    resultsPath: null,
    reportPath,
    chartPaths: charts.filter((c) => c.skipped === undefined).map((c) => path.join(dir, c.file)),
    warnings,
  };
}
