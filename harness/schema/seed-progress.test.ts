import { describe, expect, it } from 'vitest';
import type { SeedProgress } from '../../seeds/seed-database.ts';
import { seedProgressLine, seedProgressPrinter } from './seed-progress.ts';

function progress(documentsDone: number, elapsedMs: number, rowsDone: number): SeedProgress {
  return {
    table: 'document_extraction',
    batchRows: 500,
    tableRows: documentsDone,
    rowsDone,
    documentsDone,
    documentsTotal: 1_000_000,
    elapsedMs,
  };
}

describe('seed progress', () => {
  it("shows documents, rows, rows/s and the time left at the documents' own rate", () => {
    // 240 000 documents in the 16 s since the first one: 750 000 left take 50 s.
    expect(
      seedProgressLine(progress(250_000, 20_000, 2_500_000), { documentsDone: 10_000, elapsedMs: 4_000 }),
    ).toBe(
      '  seeding: 250000/1000000 documents (25%), 2500000 rows, 125000 rows/s, 20.0 s elapsed, about 50.0 s left',
    );
    expect(
      seedProgressLine(progress(500, 1_700, 200_000), { documentsDone: 500, elapsedMs: 1_700 }),
    ).toContain('1.7 s elapsed, time left not known yet');
    expect(seedProgressLine(progress(1_000_000, 70_000, 10_000_000))).toContain('1 min 10 s elapsed, done');
  });

  it('measures the time left from the first document on, not from the organisations before it', () => {
    const lines: string[] = [];
    const print = seedProgressPrinter((t) => lines.push(t), 2_000);
    print(progress(500, 1_700, 200_000));
    print(progress(100_500, 11_700, 1_200_000));
    // 100 000 documents in 10 s since the first report: 899 500 left take 89.95 s, not the 105 s that the
    // share of documents over the whole 11.7 s would give.
    expect(lines[1]).toContain('about 1 min 30 s left');
  });

  it('prints at most once per interval', () => {
    const lines: string[] = [];
    const print = seedProgressPrinter((t) => lines.push(t), 2_000);
    print(progress(0, 10, 0));
    print(progress(500, 100, 5_000));
    print(progress(1_000, 1_500, 10_000));
    print(progress(1_500, 2_200, 15_000));
    print({ ...progress(1_000_000, 2_300, 20_000), documentsTotal: 1_000_000 });
    print({ ...progress(1_000_000, 2_400, 20_100), documentsTotal: 1_000_000 });
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('1500/1000000');
    expect(lines[2]).toContain('1000000/1000000 documents (100%)');
  });
});
