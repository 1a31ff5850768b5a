import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GATE_MATRIX, gateCases, type GateMatrix } from '../../scenarios/gate-matrix.ts';
import type { Collector } from '../../src/collector.ts';
import { collectV1 } from '../../src/collector-v1.ts';
import { collectV2 } from '../../src/collector-v2.ts';
import type { Queryable } from '../../src/queryable.ts';
import { testServerUrl } from '../../test/helpers/test-database.ts';
import { parseGateBudgets } from './gate-budgets.ts';
import { gateExitCode, runGate } from './gate.ts';
import { sqlFingerprint } from '../queries/sql-fingerprint.ts';

/**
 * The gate on real PostgreSQL with wrong v2 variants: one that brings back a query per document, one that
 * breaks equivalence. (The real collectors against the committed budgets: cli/commands/gate.db.test.ts.)
 */

async function committedBudgets() {
  const text = await readFile(new URL('../../scenarios/gate-budgets.json', import.meta.url), 'utf8');
  return parseGateBudgets(text, 'scenarios/gate-budgets.json', GATE_MATRIX, gateCases(GATE_MATRIX));
}

const EXTRA_SQL = 'SELECT id FROM document_extraction WHERE id = $1';

/** v2, plus one extra round trip per exported document: the N+1 this gate exists to catch. */
const v2WithQueryPerDocument: Collector = async (q, filters) => {
  const collected = await collectV2(q, filters);
  for (const doc of collected.documents) await q.query(EXTRA_SQL, [doc.id]);
  return collected;
};

/** v2 picking the latest document of a group by the highest id instead of the latest create_date. */
const v2WithMaxId: Collector = (q, filters) => {
  const rewriting: Queryable = {
    query: (sql, params) =>
      q.query(
        sql.replace(
          'ORDER BY organization_id, year_key, document_type, create_date DESC, id DESC',
          'ORDER BY organization_id, year_key, document_type, id DESC',
        ),
        params,
      ),
  };
  return collectV2(rewriting, filters);
};

describe('runGate', () => {
  it('fails with the case, the fingerprint and 1.00 added queries per document when v2 adds a query per document', async () => {
    const lines: string[] = [];
    const report = await runGate({
      serverUrl: testServerUrl(),
      budgets: await committedBudgets(),
      collectors: { v1: collectV1, v2: v2WithQueryPerDocument },
      onLine: (line) => lines.push(line),
    });
    expect(gateExitCode(report)).toBe(1);
    expect(report.verdict).toBe('fail');

    const { fingerprint: extra, fingerprintId: id } = sqlFingerprint(EXTRA_SQL);
    expect(extra).toBe('SELECT id FROM document_extraction WHERE id = $1');
    // Every filter case grows by exactly one query per exported document.
    for (const filterCase of GATE_MATRIX.filterCases) {
      const docs = report.cases
        .filter((c) => c.filterCase === filterCase.name)
        .map((c) => c.exportedDocuments);
      const small = docs[0]!;
      const large = docs[docs.length - 1]!;
      expect(lines).toContain(
        `     ${id} grew ${small} -> ${large} queries over ${small} -> ${large} exported documents: ` +
          `1.00 added queries per document: ${extra}`,
      );
    }
    const growth = lines.find((l) => l.startsWith('FAIL v2-constant no-filter: '));
    expect(growth).toBe(
      'FAIL v2-constant no-filter: v2 grows with the documents: 18, 33, 64 queries at 9, 24, 55 exported documents; ' +
        `fingerprint ${id} grew 9 -> 55 queries over 9 -> 55 exported documents: 1.00 added queries per document: ${extra}`,
    );
    // Each case is over its budget by its number of documents; the output stays equivalent.
    expect(lines).toContain('FAIL v2-budget no-filter@150: v2 issued 64 queries, budget 9 (+55)');
    expect(report.checks.filter((c) => c.name === 'v2-budget').every((c) => c.status === 'fail')).toBe(true);
    expect(report.checks.filter((c) => c.name === 'equivalence').every((c) => c.status === 'pass')).toBe(
      true,
    );
    expect(report.checks.filter((c) => c.name === 'record').every((c) => c.status === 'pass')).toBe(true);
  });

  it('fails on an equivalence break, with the first differences', async () => {
    const matrix: GateMatrix = {
      ...GATE_MATRIX,
      filterCases: GATE_MATRIX.filterCases.filter((c) => c.name === 'states-years'),
    };
    const lines: string[] = [];
    const report = await runGate({
      serverUrl: testServerUrl(),
      budgets: null,
      matrix,
      collectors: { v1: collectV1, v2: v2WithMaxId },
      onLine: (line) => lines.push(line),
    });
    expect(gateExitCode(report)).toBe(1);
    const failed = report.checks.filter((c) => c.name === 'equivalence' && c.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    const first = failed[0]!;
    expect(first.subject).toMatch(/^states-years@\d+$/);
    expect(first.message).toMatch(/^v1 and v2 differ: NOT equivalent: \d+ differences?$/);
    expect(first.details[0]).toMatch(/^sheet '[^']+' row \d+/);
    expect(lines).toContain(`FAIL equivalence ${first.subject}: ${first.message}`);
    // The variant's query count does not change: only the equivalence check catches it.
    expect(report.checks.find((c) => c.name === 'v2-constant')?.status).toBe('pass');
  });
});
