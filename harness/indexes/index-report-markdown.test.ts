import { describe, expect, it } from 'vitest';
import type { CandidateEvaluation, IndexSizeEvaluation } from '../results/index-evaluation-results.ts';
import { decideVerdict } from './decide-verdict.ts';
import { indexEvaluationRun } from './index-evaluation-run.ts';
import { candidateFixture, sizeFixture, usedQuery, writeCostFixture } from './index-evaluation.fixture.ts';
import { renderIndexReport } from './index-report-markdown.ts';
import { scaleFindings } from './scale-findings.ts';

const GROUP = 'idx_document_extraction_group_latest';
const DATE = 'idx_document_extraction_create_date';
const COMPLETED = 'hfcb_alt_document_extraction_completed';

/** Candidates with their verdicts decided, as `evaluateIndexes` leaves them. */
function decided(candidates: CandidateEvaluation[]): CandidateEvaluation[] {
  for (const c of candidates) c.verdict = decideVerdict(c, candidates);
  return candidates;
}

/**
 * At 1 000 documents nothing pays off (the group index is used, but within 2 %, inside the noise); at 1 000 000 the
 * group index saves 75 % of a big query's server time (too many rows to time by the client) and the partial index
 * pays off at both sizes; the create_date index is unused at both.
 */
function twoSizes(): { small: IndexSizeEvaluation; large: IndexSizeEvaluation } {
  const small = sizeFixture(
    1000,
    decided([
      candidateFixture(GROUP, { queries: [usedQuery(GROUP, 1, 0.99, 0.05)], scans: 4 }),
      candidateFixture(DATE),
      candidateFixture(COMPLETED, { queries: [usedQuery(COMPLETED, 2, 1)], scans: 2 }),
    ]),
  );
  const bigQuery = {
    ...usedQuery(GROUP, 900, 225),
    timing: null,
    timingSkipped: 'returns 600000 rows (more than 20000): compared on the server execution time only',
  };
  const large = sizeFixture(
    1_000_000,
    decided([
      candidateFixture(GROUP, {
        queries: [bigQuery],
        scans: null,
        sizeBytes: 42 * 1024 * 1024,
        buildMs: 2_345,
        writeCost: writeCostFixture(1, 1.1),
      }),
      candidateFixture(DATE, { scans: null, sizeBytes: 22 * 1024 * 1024, buildMs: 1_200 }),
      candidateFixture(COMPLETED, {
        queries: [usedQuery(COMPLETED, 20, 2)],
        scans: null,
        sizeBytes: 8 * 1024 * 1024,
      }),
    ]),
    {
      options: { ...sizeFixture(1, []).options, documents: 1_000_000, queriesFromDocuments: 1000 },
    },
  );
  return { small, large };
}

describe('scaleFindings', () => {
  it('sets the verdicts at both sizes side by side and classifies them', () => {
    const { small, large } = twoSizes();
    const findings = scaleFindings(small, large);
    expect(findings.map((f) => [f.index, f.small, f.large, f.scale])).toEqual([
      [GROUP, 'drop', 'keep', 'pays off only at scale'],
      [DATE, 'drop', 'drop', 'pays off at neither size'],
      [COMPLETED, 'keep', 'keep', 'pays off at both sizes'],
    ]);
    const group = findings[0]!;
    expect(group.bestSmall).toBeNull();
    expect(group.bestLarge?.comparison.ratio).toBeCloseTo(0.25, 6);
    expect([group.sizeBytes, group.buildMs]).toEqual([42 * 1024 * 1024, 2_345]);
    expect(group.writeCost?.comparison.verdict).toBe('slower');
  });

  it('says when an index was not measured at both sizes', () => {
    const { small, large } = twoSizes();
    const findings = scaleFindings({ ...small, candidates: small.candidates.slice(1) }, large);
    expect(findings[0]).toMatchObject({
      index: GROUP,
      small: 'undecided',
      scale: 'not measured at both sizes',
    });
  });
});

describe('renderIndexReport', () => {
  it('renders two sizes: verdicts side by side, what pays off only at scale and what it costs there', () => {
    const { small, large } = twoSizes();
    const md = renderIndexReport(indexEvaluationRun([large, small], { runId: 'r2', argv: ['indexes'] }));
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Index evaluation: what each proposed index buys and costs');
    expect(lines[2]).toBe('## Verdicts at 1,000 and 1,000,000 documents');
    expect(md).toContain(`Only at scale (1,000,000 documents): \`${GROUP}\`.`);
    expect(md).toContain(`At both sizes: \`${COMPLETED}\`.`);
    expect(md).toContain(`At neither size: \`${DATE}\`.`);
    const header = lines.find((l) => l.startsWith('| index | role | verdict at 1,000 |'));
    expect(header).toBe(
      '| index | role | verdict at 1,000 | verdict at 1,000,000 | best saving at 1,000 | best saving at 1,000,000 | ' +
        'pays off | size at 1,000,000 | build at 1,000,000 | write cost at 1,000,000 |',
    );
    const groupRow = lines.find((l) => l.startsWith(`| \`${GROUP}\` | proposed | **drop**`));
    expect(groupRow).toBeDefined();
    expect(groupRow).toContain(
      '| **keep**: used: organization-code/v2/abc123 75 % faster, write cost x1.10 |',
    );
    expect(groupRow).toContain('| none | −75.0 % (95 % CI ');
    expect(groupRow).toContain('| pays off only at scale | 42.0 MiB | 2,345 ms | +10.0 % (95 % CI ');
    expect(groupRow).toMatch(/\| \+10\.0 % \(95 % CI \+\d+\.\d % to \+\d+\.\d %\), slower \|$/);
    // Then one full report per size, smallest first, and the method once.
    const at = (heading: string) => lines.indexOf(heading);
    expect(at('## At 1,000 documents')).toBeGreaterThan(at('## Verdicts at 1,000 and 1,000,000 documents'));
    expect(at('## At 1,000,000 documents')).toBeGreaterThan(at('## At 1,000 documents'));
    expect(at('### Verdicts')).toBeGreaterThan(at('## At 1,000 documents'));
    expect(lines.filter((l) => l === `#### \`${GROUP}\``)).toHaveLength(2);
    expect(lines.filter((l) => l === '## How the figures were obtained')).toHaveLength(1);
    expect(md).toContain('collected at 1,000 documents (same statements and parameters)');
    expect(md).toContain('not counted at this size (the exports are not run here)');
    expect(md).toContain('returns 600000 rows (more than 20000): compared on the server execution time only');
    // Server times: median [range] n=5 on each side, and the change with its interval.
    expect(md).toContain('| 900.0 [882.0-918.0] n=5 -> 225.0 [220.5-229.5] n=5 | −75.0 % (95 % CI ');
    expect(md).toContain('- **Sizes**: 1,000 documents: 1 min 0 s');
  });

  it('states a change within the noise as no detectable difference, never as an effect', () => {
    const { small } = twoSizes();
    const md = renderIndexReport(indexEvaluationRun([small]));
    const groupRow = md.split('\n').find((l) => l.startsWith(`| \`${GROUP}\` | proposed |`));
    expect(groupRow).toMatch(/\| −1\.0 % \(95 % CI −\d+\.\d % to \+\d+\.\d %\), no detectable difference \|/);
    expect(md).toContain('None of them earns its keep at this size');
  });

  it('renders one size without the side-by-side section, its sections one level up', () => {
    const { small } = twoSizes();
    const md = renderIndexReport(indexEvaluationRun([small]));
    const lines = md.split('\n');
    expect(lines[2]).toMatch(/^On PostgreSQL 18\.4 with 1,000 documents, 333 partners/);
    expect(lines).toContain('## Verdicts');
    expect(lines).toContain(`### \`${COMPLETED}\``);
    expect(md).not.toContain('## At 1,000 documents');
    expect(md).not.toContain('Verdicts at');
    // A fingerprint holding `||` stays inside its table cell.
    expect(md).toContain('d.x \\|\\| $2 = $3');
  });
});
