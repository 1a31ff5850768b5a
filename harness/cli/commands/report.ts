import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../../results/bench-results.ts';
import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../../core/usage-error.ts';
import { parseCliArgs } from '../cli-args.ts';
import { renderCharts } from '../../report/report-charts.ts';
import { renderReportDocuments, REPORT_FILE } from '../../report/report-markdown.ts';
import { readBenchResults, RESULTS_FILE } from '../../results/validate-results.ts';

export { REPORT_FILE };

const HELP = `Usage: npx hfc-bench report <run-dir>

Re-renders report.md, its appendices (appendix-*.md) and the PNG charts of a bench run from its results.json alone (no database needed).
results.json is validated first (schema version 2); it is never rewritten.

Arguments:
  <run-dir>     the run's folder, e.g. reports/2026-02-03T10-15-00Z-seed42

Options:
  -h, --help    show this help

Environment:
  HFC_BENCH_CHART_FONT   a .ttf file for chart labels (default: DejaVu Sans from the system)

Exit codes: 0 rendered; 2 the folder or its results.json could not be used.

Example:
  npx hfc-bench report reports/2026-02-03T10-15-00Z-seed42
`;

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

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Re-render report.md and the charts of a run folder from its results.json',
  help: HELP,
  async run(argv) {
    const { positionals } = parseCliArgs(argv, {}, true);
    if (positionals.length !== 1) {
      throw new UsageError(
        `expected one run folder (e.g. reports/<run-id>), received ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
      );
    }
    const dir = positionals[0]!;
    const results = await readBenchResults(dir);
    const written = await renderReportFiles(results, dir);
    for (const warning of written.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stderr.write(
      `${written.chartPaths.length} chart${written.chartPaths.length === 1 ? '' : 's'} drawn\n`,
    );
    process.stdout.write(`${written.reportPath}\n`);
    return 0;
  },
};
