import { describe, expect, it } from 'vitest';
import { checkBudget, checkEquivalence, checkGrowth, fingerprintGrowth, gateExitCode } from './gate.ts';
import { isConnectionLoss } from '../database/connection-errors.ts';
import type { CaseMeasurement, CollectorMeasurement, FingerprintCount } from './gate-results.ts';
import { formatCheckLine } from './gate-report.ts';

/** Unit tests of the gate's pure checks, on hand-made measurements (the database part: gate-run.db.test.ts). */

const DOCS = 'SELECT * FROM document_extraction WHERE state IN (?...)';
const ONE = 'SELECT id FROM document_extraction WHERE id = ?';

function collector(
  fingerprints: [string, string, number][],
  outcome: CollectorMeasurement['outcome'] = 'exported',
): CollectorMeasurement {
  const list: FingerprintCount[] = fingerprints.map(([fingerprintId, fingerprint, count]) => ({
    fingerprintId,
    fingerprint,
    count,
  }));
  return {
    outcome,
    ...(outcome === 'exported'
      ? {}
      : { error: outcome === 'failed' ? 'NoDocumentsError' : 'relation "x" does not exist' }),
    queryCount: list.reduce((sum, f) => sum + f.count, 0),
    exportedDocuments: outcome === 'exported' ? 1 : null,
    fingerprints: list,
    durationMs: 1,
  };
}

function measurement(
  size: number,
  docs: number,
  v2: [string, string, number][],
  overrides: Partial<CaseMeasurement> = {},
): CaseMeasurement {
  return {
    caseId: `none@${size}`,
    filterCase: 'none',
    seededDocuments: size,
    exportedDocuments: docs,
    collectors: { v1: collector([['aaa', DOCS, 10 * docs]]), v2: collector(v2) },
    reference: 'v1',
    comparisons: [
      {
        collector: 'v2',
        equivalent: true,
        differenceCount: 0,
        differences: [],
        equivalenceText: ['equivalent: 6 sheets, 40 rows'],
      },
    ],
    equivalent: true,
    ...overrides,
  };
}

describe('checkGrowth', () => {
  it('passes when v2 issues the same number of queries at every size', () => {
    const check = checkGrowth('v2', 'none', [
      measurement(60, 20, [['aaa', DOCS, 9]]),
      measurement(20, 7, [['aaa', DOCS, 9]]),
    ]);
    expect(check).toEqual({
      name: 'v2-constant',
      collector: 'v2',
      subject: 'none',
      status: 'pass',
      message: 'v2 constant: 9, 9 queries at 7, 20 exported documents',
      details: [],
    });
  });

  it('names the fingerprint that grew and the queries it adds per exported document', () => {
    const check = checkGrowth('v2', 'none', [
      measurement(20, 7, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 7],
      ]),
      measurement(60, 20, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 20],
      ]),
      measurement(150, 67, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 67],
      ]),
    ]);
    expect(check.status).toBe('fail');
    expect(formatCheckLine(check)).toEqual([
      'FAIL v2-constant none: v2 grows with the documents: 16, 29, 76 queries at 7, 20, 67 exported documents; ' +
        `fingerprint bbb grew 7 -> 67 queries over 7 -> 67 exported documents: 1.00 added queries per document: ${ONE}`,
      `     bbb grew 7 -> 67 queries over 7 -> 67 exported documents: 1.00 added queries per document: ${ONE}`,
    ]);
    expect(check.growth).toEqual([
      {
        fingerprintId: 'bbb',
        fingerprint: ONE,
        countSmall: 7,
        countLarge: 67,
        documentsSmall: 7,
        documentsLarge: 67,
        addedPerDocument: 1,
      },
    ]);
  });

  it('orders several growing fingerprints by the queries they add per document', () => {
    const growth = fingerprintGrowth('v2', [
      measurement(20, 10, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 10],
        ['ccc', 'SELECT 2', 30],
      ]),
      measurement(60, 30, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 30],
        ['ccc', 'SELECT 2', 90],
      ]),
    ]);
    expect(growth.map((g) => [g.fingerprintId, g.addedPerDocument])).toEqual([
      ['ccc', 3],
      ['bbb', 1],
    ]);
  });

  it('counts a fingerprint that appears only at the larger size from 0', () => {
    const growth = fingerprintGrowth('v2', [
      measurement(20, 4, [['aaa', DOCS, 9]]),
      measurement(60, 12, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 4],
      ]),
    ]);
    expect(growth).toEqual([
      {
        fingerprintId: 'bbb',
        fingerprint: ONE,
        countSmall: 0,
        countLarge: 4,
        documentsSmall: 4,
        documentsLarge: 12,
        addedPerDocument: 0.5,
      },
    ]);
  });

  it('gives no rate per document when the exported documents did not change', () => {
    const check = checkGrowth('v2', 'none', [
      measurement(20, 5, [['aaa', DOCS, 9]]),
      measurement(60, 5, [['aaa', DOCS, 10]]),
    ]);
    expect(check.status).toBe('fail');
    expect(check.message).toContain('the exported documents did not change, so no rate per document');
  });

  it('fails when v2 threw at some size', () => {
    const broken = measurement(60, 20, [['aaa', DOCS, 3]], { caseId: 'none@60' });
    broken.collectors.v2 = collector([['aaa', DOCS, 3]], 'error');
    const check = checkGrowth('v2', 'none', [measurement(20, 7, [['aaa', DOCS, 9]]), broken]);
    expect(check).toMatchObject({
      status: 'fail',
      message: 'cannot tell whether v2 grows: it threw at none@60',
    });
  });

  it('needs two sizes', () => {
    expect(checkGrowth('v2', 'none', [measurement(20, 7, [['aaa', DOCS, 9]])]).status).toBe('fail');
  });
});

describe('checkEquivalence', () => {
  it('passes an equivalent case', () => {
    expect(formatCheckLine(checkEquivalence(measurement(20, 7, [['aaa', DOCS, 9]]))[0]!)).toEqual([
      'PASS equivalence none@20: v1 and v2 equivalent: 6 sheets, 40 rows (7 exported documents)',
    ]);
  });

  it('fails a different case with its first differences as details', () => {
    const m = measurement(20, 7, [['aaa', DOCS, 9]], {
      equivalent: false,
      comparisons: [
        {
          collector: 'v2',
          equivalent: false,
          differenceCount: 2,
          differences: [],
          equivalenceText: [
            'NOT equivalent: 2 differences',
            "sheet '1_Hoso_DoanhNhiep' row 3 column 2 Ten: v1 'A' (string) vs v2 'B' (string)",
          ],
        },
      ],
    });
    expect(formatCheckLine(checkEquivalence(m)[0]!)).toEqual([
      'FAIL equivalence none@20: v1 and v2 differ: NOT equivalent: 2 differences',
      "     sheet '1_Hoso_DoanhNhiep' row 3 column 2 Ten: v1 'A' (string) vs v2 'B' (string)",
    ]);
  });
});

describe('checkBudget', () => {
  const budget = { exportedDocuments: 7, queries: { v1: 70, v2: 9 } };
  const sets = { pinned: ['v2' as const], recorded: ['v1' as const] };

  it('passes v2 at its budget and v1 as recorded', () => {
    const checks = checkBudget(measurement(20, 7, [['aaa', DOCS, 9]]), budget, sets);
    expect(checks.map((c) => formatCheckLine(c)[0])).toEqual([
      'PASS v2-budget none@20: v2 issued 9 queries, budget 9',
      'PASS record none@20: v1 issued 70 queries on 7 exported documents, as recorded',
    ]);
  });

  it('fails v2 above its budget and lists its fingerprints', () => {
    const [v2] = checkBudget(
      measurement(20, 7, [
        ['aaa', DOCS, 9],
        ['bbb', ONE, 7],
      ]),
      budget,
      sets,
    );
    expect(v2?.status).toBe('fail');
    expect(v2?.message).toBe('v2 issued 16 queries, budget 9 (+7)');
    expect(v2?.details).toEqual([`     9 x aaa ${DOCS}`, `     7 x bbb ${ONE}`]);
  });

  it('notes v2 below its budget and a changed v1 record without failing', () => {
    const checks = checkBudget(measurement(20, 8, [['aaa', DOCS, 8]]), budget, sets);
    expect(checks.map((c) => c.status)).toEqual(['note', 'note']);
    expect(checks[0]?.message).toBe(
      'v2 issued 8 queries, 1 fewer than its budget 9: tighten it with --update-budgets',
    );
    expect(checks[1]?.message).toBe(
      'changed record (not a v2 regression): v1 issued 80 queries, recorded 70; 8 documents exported, recorded 7; record it with --update-budgets',
    );
    expect(gateExitCode({ checks })).toBe(0);
  });

  it('fails when v2 threw', () => {
    const m = measurement(20, 7, [['aaa', DOCS, 2]]);
    m.collectors.v2 = collector([['aaa', DOCS, 2]], 'error');
    expect(checkBudget(m, budget, sets)[0]).toMatchObject({
      status: 'fail',
      message: 'v2 threw after 2 queries (budget 9): relation "x" does not exist',
    });
  });

  it('pins every pinned collector, whatever the registry holds, and records the others', () => {
    // A registry with a second pinned collector (e.g. production's v1-orm) under its own id.
    const m = measurement(20, 7, [['aaa', DOCS, 9]]);
    const id = 'v1' as const; // any id: the checks take the sets given, not a fixed list
    const checks = checkBudget(
      m,
      { exportedDocuments: 7, queries: { v1: 71, v2: 9 } },
      { pinned: ['v2', id], recorded: [] },
    );
    expect(checks.map((c) => formatCheckLine(c)[0])).toEqual([
      'PASS v2-budget none@20: v2 issued 9 queries, budget 9',
      'NOTE v1-budget none@20: v1 issued 70 queries, 1 fewer than its budget 71: tighten it with --update-budgets',
      'PASS record none@20: 7 exported documents, as recorded',
    ]);
    const growth = checkGrowth(id, 'none', [
      measurement(20, 7, [['aaa', DOCS, 9]]),
      measurement(60, 20, [['aaa', DOCS, 9]]),
    ]);
    expect([growth.name, growth.status]).toEqual(['v1-constant', 'fail']);
    expect(growth.message).toMatch(/^v1 grows with the documents: 70, 200 queries/);
  });

  it('checks nothing without a budget (--update-budgets)', () => {
    expect(checkBudget(measurement(20, 7, [['aaa', DOCS, 9]]), undefined, sets)).toEqual([]);
  });
});

describe('gateExitCode and isConnectionLoss', () => {
  it('is 1 when any check failed', () => {
    const fail = checkGrowth('v2', 'none', [measurement(20, 7, [['aaa', DOCS, 9]])]);
    expect(gateExitCode({ checks: [fail] })).toBe(1);
    expect(gateExitCode({ checks: [] })).toBe(0);
  });

  it('tells a lost connection from a collector bug', () => {
    expect(isConnectionLoss(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isConnectionLoss(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isConnectionLoss(new TypeError('x is undefined'))).toBe(false);
  });
});
