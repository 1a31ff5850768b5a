import { describe, expect, it } from 'vitest';
import type { CaseMeasurement, GateCheck, GateReport } from './gate-results.ts';
import { budgetUpdateText, formatCheckLine, gateJson, gateMarkdown, verdictLine } from './gate-report.ts';

function caseMeasurement(size: number, docs: number, v2: number, equivalent = true): CaseMeasurement {
  const collector = (count: number) => ({
    outcome: 'exported' as const,
    queryCount: count,
    exportedDocuments: docs,
    fingerprints: [],
    durationMs: 1,
  });
  return {
    caseId: `none@${size}`,
    filterCase: 'none',
    seededDocuments: size,
    exportedDocuments: docs,
    collectors: { v1: collector(10 * docs), v2: collector(v2) },
    reference: 'v1',
    comparisons: [
      {
        collector: 'v2',
        equivalent,
        differenceCount: equivalent ? 0 : 1,
        differences: [],
        equivalenceText: [equivalent ? 'equivalent: 6 sheets, 9 rows' : 'NOT equivalent: 1 difference'],
      },
    ],
    equivalent,
  };
}

const CHECKS: GateCheck[] = [
  { name: 'equivalence', subject: 'none@20', status: 'pass', message: 'v1 and v2 equivalent', details: [] },
  {
    name: 'equivalence',
    subject: 'none@60',
    status: 'fail',
    message: 'v1 and v2 differ: NOT equivalent: 1 difference',
    details: ["sheet 'x' row 2: a | b"],
  },
  {
    name: 'v2-budget',
    subject: 'none@20',
    status: 'pass',
    message: 'v2 issued 9 queries, budget 9',
    details: [],
  },
  {
    name: 'record',
    subject: 'none@60',
    status: 'note',
    message: 'changed record (not a v2 regression): v1 issued 80 queries, recorded 70',
    details: [],
  },
  {
    name: 'v2-constant',
    subject: 'none',
    status: 'fail',
    message: 'v2 grows with the documents',
    details: [],
  },
];

const REPORT: GateReport = {
  version: 2,
  verdict: 'fail',
  seed: 42,
  seededSizes: [20, 60],
  budgetsChecked: true,
  pinned: ['v2'],
  recorded: ['v1'],
  serverVersion: '15.20',
  cases: [caseMeasurement(20, 7, 9), caseMeasurement(60, 20, 10, false)],
  checks: CHECKS,
  durationMs: 4321,
};

describe('gate report', () => {
  it('writes one PASS/FAIL/NOTE line per check, details indented', () => {
    expect(CHECKS.flatMap(formatCheckLine)).toEqual([
      'PASS equivalence none@20: v1 and v2 equivalent',
      'FAIL equivalence none@60: v1 and v2 differ: NOT equivalent: 1 difference',
      "     sheet 'x' row 2: a | b",
      'PASS v2-budget none@20: v2 issued 9 queries, budget 9',
      'NOTE record none@60: changed record (not a v2 regression): v1 issued 80 queries, recorded 70',
      'FAIL v2-constant none: v2 grows with the documents',
    ]);
    expect(verdictLine(REPORT)).toBe('gate FAILED: 2 of 5 checks failed, 1 note (2 cases, 4.3 s)');
  });

  it('summarises in markdown: failures, notes, cases, v2 by size', () => {
    const markdown = gateMarkdown(REPORT);
    expect(markdown.split('\n')).toEqual([
      '## hfc-bench gate: FAILED',
      '',
      'gate FAILED: 2 of 5 checks failed, 1 note (2 cases, 4.3 s). Seed 42, seeded sizes 20, 60, PostgreSQL 15.20.',
      '',
      '### Failures',
      '',
      '- **equivalence `none@60`**: v1 and v2 differ: NOT equivalent: 1 difference',
      "  - `sheet 'x' row 2: a | b`",
      '- **v2-constant `none`**: v2 grows with the documents',
      '',
      '### Notes (not failures)',
      '',
      '- **record `none@60`**: changed record (not a v2 regression): v1 issued 80 queries, recorded 70',
      '',
      '### Cases',
      '',
      '| case | exported docs | equivalent | v1 queries | v2 queries | v2 check |',
      '| --- | ---: | --- | ---: | ---: | --- |',
      '| `none@20` | 7 | yes | 70 | 9 | PASS |',
      '| `none@60` | 20 | **NO** | 200 | 10 | - |',
      '',
      '### v2 round trips by size',
      '',
      '| filter case | 20 seeded | 60 seeded | constant |',
      '| --- | ---: | ---: | --- |',
      '| none | 9 (7 docs) | 10 (20 docs) | **NO** |',
      '',
      '',
    ]);
  });

  it('renders JSON with the budget update, and the update text', () => {
    const update = { file: 'b.json', written: true, changes: ['none@20 v2: 9 -> 10 (+1)'] };
    expect(JSON.parse(gateJson({ ...REPORT, budgetUpdate: update }))).toMatchObject({
      verdict: 'fail',
      budgetUpdate: update,
    });
    expect(budgetUpdateText(update)).toBe(
      'budgets updated in b.json (review and commit):\n  none@20 v2: 9 -> 10 (+1)\n',
    );
    expect(budgetUpdateText({ ...update, changes: [] })).toBe(
      'budgets unchanged: b.json already records these counts\n',
    );
    expect(budgetUpdateText({ ...update, written: false })).toMatch(/^budgets NOT updated \(b\.json\): /);
  });
});
