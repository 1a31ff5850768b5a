import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/usage-error.ts';
import { PROPOSED_CANDIDATES } from '../../indexes/index-evaluation.ts';
import { readIndexEvaluation, type IndexEvaluationResults } from '../../results/index-evaluation-results.ts';
import { indexesCommand } from './indexes.ts';
import { verdictSummary, writeIndexEvaluation } from '../../indexes/write-index-evaluation.ts';
import { candidateFixture, sizeFixture } from '../../indexes/index-evaluation.fixture.ts';
import { indexEvaluationRun } from '../../indexes/index-evaluation-run.ts';
import { parseIndexSizes } from './indexes.ts';

/** A minimal evaluation at one size: one proposed index, dropped as redundant. */
function fixture(): IndexEvaluationResults {
  const dropped = candidateFixture(PROPOSED_CANDIDATES[2]!.name, {
    redundancy: [
      { index: 'rel_pkey', key: '(document_id, activity_field_id)', relation: 'prefix', kind: 'primary key' },
    ],
    writeCost: null,
    verdict: {
      kind: 'drop',
      replacement: null,
      headline: 'redundant: a prefix of rel_pkey',
      reasons: ['redundant'],
    },
  });
  return indexEvaluationRun([sizeFixture(100, [dropped])], { runId: 'r1', argv: ['indexes'] });
}

describe('hfc-bench indexes', () => {
  it('refuses bad options before touching a database', async () => {
    await expect(indexesCommand.run(['--documents', 'many'])).rejects.toThrow(UsageError);
    await expect(indexesCommand.run(['--time-budget-s', '0'])).rejects.toThrow(
      /--time-budget-s must be between 1/,
    );
    await expect(indexesCommand.run(['--frobnicate'])).rejects.toThrow(UsageError);
    await expect(indexesCommand.run(['--plan-repeats', '3'])).rejects.toThrow(
      /--plan-repeats must be between 5/,
    );
  });

  it('evaluates the default size alone, next to --documents N, or exactly --sizes', () => {
    expect(parseIndexSizes(undefined, undefined)).toEqual([1000]);
    expect(parseIndexSizes('1000000', undefined)).toEqual([1000, 1_000_000]);
    expect(parseIndexSizes('1000', undefined)).toEqual([1000]);
    expect(parseIndexSizes('300', undefined)).toEqual([300, 1000]);
    expect(parseIndexSizes(undefined, '20000, 500')).toEqual([500, 20000]);
    expect(parseIndexSizes(undefined, '5000')).toEqual([5000]);
  });

  it('refuses sizes it cannot evaluate, saying what to do', () => {
    expect(() => parseIndexSizes('5000', '1000,5000')).toThrow(/cannot be used together/);
    expect(() => parseIndexSizes(undefined, '1000,,5000')).toThrow(/comma-separated list/);
    expect(() => parseIndexSizes(undefined, '1000,2000000')).toThrow(
      /--sizes must be between 50 and 1000000/,
    );
    expect(() => parseIndexSizes(undefined, '100000,1000000')).toThrow(
      /smallest size must be at most 20000 documents .* e\.g\. --sizes 1000,1000000/,
    );
  });

  it('writes the data and indexes.md, and reads the data back validated', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hfcb-indexes-'));
    try {
      const written = await writeIndexEvaluation(fixture(), dir, 'results.json');
      expect(path.basename(written.jsonPath)).toBe('results.json');
      expect(await readIndexEvaluation(written.jsonPath)).toEqual(fixture());
      const md = await readFile(written.reportPath, 'utf8');
      expect(md).toContain('Drop `idx_doc_activity_rel_doc_id` (redundant: a prefix of rel\\_pkey).');
      const inRun = await writeIndexEvaluation(fixture(), dir);
      expect(path.basename(inRun.jsonPath)).toBe('index-evaluation.json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file of another kind or version', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hfcb-indexes-'));
    try {
      const { jsonPath } = await writeIndexEvaluation({ ...fixture(), version: 1 as 2 }, dir);
      await expect(readIndexEvaluation(jsonPath)).rejects.toThrow(
        /not an index evaluation of version 2: \/version/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints one line per candidate', () => {
    expect(verdictSummary(fixture())).toBe('\nidx_doc_activity_rel_doc_id  proposed     drop\n');
    const two = indexEvaluationRun([
      ...fixture().sizes,
      { ...fixture().sizes[0]!, options: { ...fixture().sizes[0]!.options, documents: 5000 } },
    ]);
    expect(verdictSummary(two).split('\n')).toEqual([
      '',
      '                                          at 100 documents  |  at 5000 documents',
      'idx_doc_activity_rel_doc_id  proposed     drop  |  drop',
      '',
    ]);
  });
});
