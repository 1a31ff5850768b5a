import { escapeInline } from '../report/markdown-format.ts';
import { formatDuration } from '../report/number-format.ts';
import type { CollectorId } from '../results/collector-id.ts';
import type { CollectorMeasurement, GateCheck, GateReport } from './gate-results.ts';

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

/** The markdown summary: verdict, failures and notes first, then the case table and each pinned collector's counts by size. */
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
  const collectors = [...report.recorded, ...report.pinned].sort(
    (x, y) => registryOrder(report, x) - registryOrder(report, y),
  );
  lines.push('### Cases', '');
  lines.push(
    `| case | exported docs | equivalent | ${collectors.map((id) => `${id} queries`).join(' | ')} | ${report.pinned.map((id) => `${id} check`).join(' | ')} |`,
  );
  lines.push(
    `| --- | ---: | --- | ${collectors.map(() => '---:').join(' | ')} | ${report.pinned.map(() => '---').join(' | ')} |`,
  );
  for (const m of report.cases) {
    const budgetCells = report.pinned.map((id) => {
      const budget = report.checks.find((c) => c.name === `${id}-budget` && c.subject === m.caseId);
      return budget ? STATUS_WORD[budget.status] : '-';
    });
    lines.push(
      `| \`${m.caseId}\` | ${m.exportedDocuments} | ${m.equivalent ? 'yes' : '**NO**'} | ${collectors.map((id) => queries(m.collectors[id])).join(' | ')} | ${budgetCells.join(' | ')} |`,
    );
  }
  const filterCases = [...new Set(report.cases.map((c) => c.filterCase))];
  for (const id of report.pinned) {
    lines.push('');
    lines.push(`### ${id} round trips by size`, '');
    lines.push(`| filter case | ${report.seededSizes.map((s) => `${s} seeded`).join(' | ')} | constant |`);
    lines.push(`| --- | ${report.seededSizes.map(() => '---:').join(' | ')} | --- |`);
    for (const name of filterCases) {
      const cells = report.seededSizes.map((size) => {
        const m = report.cases.find((c) => c.filterCase === name && c.seededDocuments === size);
        const measured = m?.collectors[id];
        return m === undefined || measured === undefined
          ? '-'
          : `${measured.queryCount} (${m.exportedDocuments} docs)`;
      });
      const growth = report.checks.find((c) => c.name === `${id}-constant` && c.subject === name);
      lines.push(
        `| ${name} | ${cells.join(' | ')} | ${growth === undefined ? '-' : growth.status === 'pass' ? 'yes' : '**NO**'} |`,
      );
    }
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

/** A collector's place in the cases' records (registry order), so the table's columns follow the registry. */
function registryOrder(report: GateReport, id: CollectorId): number {
  const first = report.cases[0];
  const order = first === undefined ? [] : Object.keys(first.collectors);
  const index = order.indexOf(id);
  return index === -1 ? order.length : index;
}

function queries(m: CollectorMeasurement | undefined): string {
  if (m === undefined) return '-';
  if (m.outcome === 'exported') return String(m.queryCount);
  return `${m.queryCount} (${m.outcome === 'failed' ? m.error : 'threw'})`;
}
