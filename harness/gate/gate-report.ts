import { escapeInline } from '../report/markdown-format.ts';
import { formatDuration } from '../report/number-format.ts';
import type { CaseMeasurement, GateCheck, GateReport } from './gate-results.ts';

/**
 * The gate's three outputs: console lines (one per check), a markdown summary (stdout and the GitHub step
 * summary), and JSON for machines. All pure.
 */

const STATUS_WORD = { pass: 'PASS', fail: 'FAIL', note: 'NOTE' } as const;

/** `PASS v2-budget no-filter@20: v2 issued 9 queries, budget 9`, then one indented line per detail. */
export function formatCheckLine(check: GateCheck): string[] {
  return [
    `${STATUS_WORD[check.status]} ${check.name} ${check.subject}: ${check.message}`,
    ...check.details.map((d) => `     ${d}`),
  ];
}

/** One line for the end of the console output. */
export function verdictLine(report: GateReport): string {
  const count = (status: GateCheck['status']) => report.checks.filter((c) => c.status === status).length;
  const notes = count('note') === 0 ? '' : `, ${count('note')} ${count('note') === 1 ? 'note' : 'notes'}`;
  return report.verdict === 'pass'
    ? `gate passed: ${count('pass')} checks passed${notes} (${report.cases.length} cases, ${formatDuration(report.durationMs)})`
    : `gate FAILED: ${count('fail')} of ${report.checks.length} checks failed${notes} (${report.cases.length} cases, ${formatDuration(report.durationMs)})`;
}

/** The markdown summary: verdict, failures and notes first, then the case table and v2's counts by size. */
export function gateMarkdown(report: GateReport): string {
  const lines: string[] = [];
  lines.push(`## hfc-bench gate: ${report.verdict === 'pass' ? 'passed' : 'FAILED'}`, '');
  lines.push(
    `${verdictLine(report)}. Seed ${report.seed}, seeded sizes ${report.seededSizes.join(', ')}, PostgreSQL ${report.serverVersion || 'unknown'}` +
      `${report.budgetsChecked ? '' : ' (budgets not checked: --update-budgets)'}.`,
    '',
  );
  for (const [status, title] of [
    ['fail', 'Failures'],
    ['note', 'Notes (not failures)'],
  ] as const) {
    const selected = report.checks.filter((c) => c.status === status);
    if (selected.length === 0) continue;
    lines.push(`### ${title}`, '');
    for (const check of selected) {
      lines.push(`- **${check.name} \`${check.subject}\`**: ${escapeInline(check.message)}`);
      for (const detail of check.details) lines.push(`  - \`${detail.trim().replace(/`/g, "'")}\``);
    }
    lines.push('');
  }
  lines.push('### Cases', '');
  lines.push('| case | exported docs | equivalent | v1 queries | v2 queries | v2 check |');
  lines.push('| --- | ---: | --- | ---: | ---: | --- |');
  for (const m of report.cases) {
    const budget = report.checks.find((c) => c.name === 'v2-budget' && c.subject === m.caseId);
    lines.push(
      `| \`${m.caseId}\` | ${m.exportedDocuments} | ${m.equivalent ? 'yes' : '**NO**'} | ${queries(m.v1)} | ${queries(m.v2)} | ${budget ? STATUS_WORD[budget.status] : '-'} |`,
    );
  }
  lines.push('');
  lines.push('### v2 round trips by size', '');
  lines.push(`| filter case | ${report.seededSizes.map((s) => `${s} seeded`).join(' | ')} | constant |`);
  lines.push(`| --- | ${report.seededSizes.map(() => '---:').join(' | ')} | --- |`);
  const filterCases = [...new Set(report.cases.map((c) => c.filterCase))];
  for (const name of filterCases) {
    const cells = report.seededSizes.map((size) => {
      const m = report.cases.find((c) => c.filterCase === name && c.seededDocuments === size);
      return m === undefined ? '-' : `${m.v2.queryCount} (${m.exportedDocuments} docs)`;
    });
    const growth = report.checks.find((c) => c.name === 'v2-constant' && c.subject === name);
    lines.push(
      `| ${name} | ${cells.join(' | ')} | ${growth === undefined ? '-' : growth.status === 'pass' ? 'yes' : '**NO**'} |`,
    );
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** What `--update-budgets` did: `written` is false when a failing check refused the update. */
export interface BudgetUpdate {
  file: string;
  written: boolean;
  /** One line per changed value (see `diffGateBudgets`). */
  changes: string[];
}

/** The console text of a budget update: what changed, or why nothing was written. */
export function budgetUpdateText(update: BudgetUpdate): string {
  if (!update.written) {
    return `budgets NOT updated (${update.file}): a FAIL above is a regression, not a new budget; fix it first\n`;
  }
  if (update.changes.length === 0) return `budgets unchanged: ${update.file} already records these counts\n`;
  return `budgets updated in ${update.file} (review and commit):\n${update.changes.map((c) => `  ${c}\n`).join('')}`;
}

/** The whole report as JSON (2-space indented, newline-terminated), with the budget update when there was one. */
export function gateJson(report: GateReport & { budgetUpdate?: BudgetUpdate }): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function queries(m: CaseMeasurement['v1']): string {
  if (m.outcome === 'exported') return String(m.queryCount);
  return `${m.queryCount} (${m.outcome === 'failed' ? m.error : 'threw'})`;
}
