import type { BenchResults } from '../results/bench-results.ts';
import { escapeInline, fileLink } from './markdown-format.ts';
import { formatDuration } from './number-format.ts';
import { baselineSection } from './report-baseline.ts';
import { casesTable, differencesSection } from './report-cases.ts';
import { failuresSection } from './report-failures.ts';
import { latencySection } from './report-latency.ts';
import { METHOD_APPENDIX, methodAppendix } from './report-method.ts';
import { indexMigrationBrief, PLANS_APPENDIX, plansAppendix } from './report-plans.ts';
import { predictionsSection } from './report-predictions.ts';
import { QUERIES_APPENDIX, queriesAppendix } from './report-queries.ts';
import { timeSplitSection } from './report-time-split.ts';
import { verdictSection } from './report-verdict.ts';

/** A chart of the report: its PNG file (relative to the report folder) and title; `skipped` says why it was not drawn. */
export interface ChartRef {
  file: string;
  title: string;
  skipped?: string;
}

/** A Markdown file of the report: `report.md` or one of its appendices, relative to the run folder. */
export interface ReportDocument {
  file: string;
  text: string;
}

/** The report's file name inside a run folder. */
export const REPORT_FILE = 'report.md';

/** The chart shown on the first screen, right under the per-case table. */
const FIRST_SCREEN_CHART = 'queries-vs-documents.png';
/** Shown in its own section, next to its table. */
const TIME_SPLIT_CHART = 'time-split.png';

function imageOf(charts: readonly ChartRef[], file: string): string | null {
  const chart = charts.find((c) => c.file === file && c.skipped === undefined);
  return chart ? chartImage(chart) : null;
}

const APPENDICES: readonly { file: string; what: string }[] = [
  { file: QUERIES_APPENDIX, what: 'every N+1 finding and every query fingerprint' },
  { file: PLANS_APPENDIX, what: 'the index migration in full and every EXPLAIN plan' },
  { file: METHOD_APPENDIX, what: 'collectors, scenarios, environment, how each figure was measured' },
];

/**
 * Renders `report.md` from a run's results alone. Pure: the same results and charts give the same text.
 *
 * Its first screen answers: the verdict, the per-case table, a chart, then links to the appendices; the
 * sections after it stay short (tables of one row per case or plan figure). Every detail (each fingerprint,
 * each N+1 row, each plan, the environment) is in an appendix ({@link renderReportDocuments}), so nothing
 * measured is dropped. Sections say "none" when they have nothing to show, so readers and tests can rely on
 * the headings.
 *
 * @param charts the charts `renderCharts` drew (embedded) and skipped (listed with the reason).
 */
export function renderReport(results: BenchResults, charts: readonly ChartRef[]): string {
  const first = charts.find((c) => c.file === FIRST_SCREEN_CHART && c.skipped === undefined);
  const sections = [
    `# hfc-bench report ${results.runId}\n\n` +
      `Run ${results.startedAt} to ${results.finishedAt} (${formatDuration(results.durationMs)}), ` +
      `command \`hfc-bench ${results.argv.join(' ')}\`. Every figure comes from \`results.json\` beside this file.`,
    verdictSection(results),
    `## Results per case\n\n${casesTable(results)}` + (first ? `\n\n${chartImage(first)}` : ''),
    `Details: ${APPENDICES.map((a) => `${fileLink(a.file, a.file)} (${a.what})`).join('; ')}.`,
    differencesSection(results),
    baselineSection(results),
    predictionsSection(results),
    timeSplitSection(results, imageOf(charts, TIME_SPLIT_CHART)),
    latencySection(results),
    indexMigrationBrief(results),
    chartsSection(charts.filter((c) => c !== first && c.file !== TIME_SPLIT_CHART)),
    failuresSection(results),
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}

/** `report.md` and its appendices, for the run folder. Pure. */
export function renderReportDocuments(results: BenchResults, charts: readonly ChartRef[]): ReportDocument[] {
  return [
    { file: REPORT_FILE, text: renderReport(results, charts) },
    { file: QUERIES_APPENDIX, text: queriesAppendix(results) },
    { file: PLANS_APPENDIX, text: plansAppendix(results) },
    { file: METHOD_APPENDIX, text: methodAppendix(results) },
  ];
}

function chartImage(c: ChartRef): string {
  return `![${escapeInline(c.title)}](${encodeURI(c.file)})`;
}

function chartsSection(charts: readonly ChartRef[]): string {
  const drawn = charts.filter((c) => c.skipped === undefined);
  const skipped = charts.filter((c) => c.skipped !== undefined);
  const parts = drawn.map(chartImage);
  if (drawn.length === 0) parts.push('none drawn');
  if (skipped.length > 0) {
    parts.push(
      `Not drawn (no data):\n\n${skipped.map((c) => `- ${escapeInline(c.title)}: ${escapeInline(c.skipped ?? '')}`).join('\n')}`,
    );
  }
  return `## Charts\n\n${parts.join('\n\n')}`;
}
