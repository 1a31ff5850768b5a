import { describe, expect, it } from 'vitest';
import { SEEDED_TABLES, type SeededTable } from '../../../seeds/seed-row.ts';
import type { SeedResult } from '../../../seeds/seed-database.ts';
import { seedSummary } from './seed.ts';

function result(overrides: Partial<SeedResult>): SeedResult {
  const rowsByTable = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as Record<SeededTable, number>;
  rowsByTable.document_extraction = 1500;
  rowsByTable.res_partner = 500;
  return {
    rowsByTable,
    totalRows: 2000,
    durationMs: 4000,
    loadMs: 2500,
    finishMs: 1500,
    rowsPerSecond: 500,
    connections: 12,
    ...overrides,
  };
}

describe('seedSummary', () => {
  it('lists every table, the total, and both rates with the seconds of each part', () => {
    const text = seedSummary('db', result({}));
    expect(text).toMatch(/^Seeded db\n/);
    expect(text).toMatch(/\n {2}document_extraction\s+1500\n/);
    expect(text.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(SEEDED_TABLES.length + 1);
    expect(text).toMatch(/\n {2}total\s+2000\n/);
    expect(text).toContain(
      '2000 rows in 4.00 s: 500 rows/s overall (generating and loading 2.50 s at 800 rows/s, indexes and ANALYZE 1.50 s, 12 connections)\n',
    );
  });

  it('counts one connection in the singular', () => {
    expect(seedSummary('db', result({ connections: 1 }))).toContain('1.50 s, 1 connection)\n');
  });
});
