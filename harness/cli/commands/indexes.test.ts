import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/usage-error.ts';
import { PROPOSED_CANDIDATES } from '../../indexes/index-evaluation.ts';
import { readIndexEvaluation, type IndexEvaluationResults } from '../../results/index-evaluation-results.ts';
import { indexesCommand } from './indexes.ts';
import { verdictSummary, writeIndexEvaluation } from '../../indexes/write-index-evaluation.ts';

/** A minimal evaluation: one proposed index, dropped as redundant. */
function fixture(): IndexEvaluationResults {
  return {
    kind: 'index-evaluation',
    version: 1,
    runId: 'r1',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 60_000,
    argv: ['indexes'],
    options: {
      seed: 42,
      documents: 100,
      timeBudgetMs: 1000,
      writeSamples: 5,
      organizationCode: '123456',
      organizationSearch: 'Minh',
    },
    environment: { serverVersion: '18.4', serverVersionNum: 180004, tableRows: { document_extraction: 100 } },
    writeWorkload: 'one document',
    filterCases: [
      { id: 'no-filter', filters: {}, exportedDocuments: 60, queries: { v1: 300, v2: 9 }, error: null },
    ],
    queries: [],
    existingIndexes: [],
    extensions: [],
    hypopg: { available: false, reason: 'not installed' },
    migrationSafety: { available: true, reason: 'checked', findings: [] },
    candidates: [
      {
        candidate: PROPOSED_CANDIDATES[2]!,
        status: 'measured',
        error: null,
        createSql: 'CREATE INDEX CONCURRENTLY ...',
        catalogDefinition: 'CREATE INDEX ...',
        buildMs: 3,
        analyzeMs: 2,
        sizeBytes: 16384,
        redundancy: [
          {
            index: 'rel_pkey',
            key: '(document_id, activity_field_id)',
            relation: 'prefix',
            kind: 'primary key',
          },
        ],
        operatorFit: [],
        queries: [],
        scans: 0,
        writeCost: null,
        hypopg: null,
        verdict: {
          kind: 'drop',
          replacement: null,
          headline: 'redundant: a prefix of rel_pkey',
          reasons: ['redundant'],
        },
      },
    ],
    warnings: [],
  };
}

describe('hfc-bench indexes', () => {
  it('refuses bad options before touching a database', async () => {
    await expect(indexesCommand.run(['--documents', 'many'])).rejects.toThrow(UsageError);
    await expect(indexesCommand.run(['--time-budget-s', '0'])).rejects.toThrow(
      /--time-budget-s must be between 1/,
    );
    await expect(indexesCommand.run(['--frobnicate'])).rejects.toThrow(UsageError);
  });

  it('writes the data and indexes.md, and reads the data back validated', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hfcb-indexes-'));
    try {
      const written = await writeIndexEvaluation(fixture(), dir, 'results.json');
      expect(path.basename(written.jsonPath)).toBe('results.json');
      expect(await readIndexEvaluation(written.jsonPath)).toEqual(fixture());
      const md = await readFile(written.reportPath, 'utf8');
      expect(md).toContain('Drop `idx_doc_activity_rel_doc_id` (redundant: a prefix of rel_pkey).');
      const inRun = await writeIndexEvaluation(fixture(), dir);
      expect(path.basename(inRun.jsonPath)).toBe('index-evaluation.json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file of another kind or version', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hfcb-indexes-'));
    try {
      const { jsonPath } = await writeIndexEvaluation({ ...fixture(), version: 2 as 1 }, dir);
      await expect(readIndexEvaluation(jsonPath)).rejects.toThrow(
        /not an index evaluation of version 1: \/version/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints one line per candidate', () => {
    expect(verdictSummary(fixture())).toBe('\nidx_doc_activity_rel_doc_id  proposed     drop\n');
  });
});
