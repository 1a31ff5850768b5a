import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../../core/usage-error.ts';
import { parseCliArgs } from '../cli-args.ts';
import { readBenchResults } from '../../results/validate-results.ts';
import { renderReportFiles } from '../write-report.ts';

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
