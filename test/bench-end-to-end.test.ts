import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../scenarios/default-scenarios.ts';
import type { BenchResults } from '../harness/results/bench-results.ts';
import { newRunId, PROJECTION_RTT_MS, runBench } from '../harness/bench/bench-runner.ts';
import { DEFAULT_PREMISE_MAX_DOCUMENTS } from '../harness/bench/premise-cap.ts';
import { writeReport } from '../harness/cli/write-report.ts';
import { openDatabaseServer, type DatabaseServer } from '../harness/database/database-server.ts';
import { THROWAWAY_PREFIX } from '../harness/database/throwaway-database.ts';
import { readBenchResults, validateBenchResults } from '../harness/results/validate-results.ts';
import { harnessDatabases } from './helpers/harness-databases.ts';
import { testServerUrl } from './helpers/test-database.ts';

/**
 * Issue 4's end-to-end check: a tiny matrix through the real runner, on the test server: results.json valid
 * against its schema, a report with every section, real PNG charts, a failing scenario recorded while the
 * others complete, and no throwaway database left behind.
 */
let server: DatabaseServer;
let outDir: string;
let results: BenchResults;
let written: Awaited<ReturnType<typeof writeReport>>;

// Other test files run benches on the same server at the same time: only this run's size (8, which no other
// bench test uses) tells its databases apart (hfcb_bench_<scenario>_<size>_...).
const ownDatabases = () => harnessDatabases(testServerUrl(), 'hfcb\\_bench\\_%\\_8\\_%');

beforeAll(async () => {
  server = await openDatabaseServer({ databaseUrl: testServerUrl() });
  outDir = await mkdtemp(join(tmpdir(), 'hfcb-e2e-'));
  const before = await ownDatabases();
  const scenarios = DEFAULT_SCENARIOS.filter((s) => s.name === 'small' || s.name === 'hs-code').map((s) => ({
    ...s,
    documents: 8,
  }));
  const lines: string[] = [];
  results = await runBench({
    server,
    scenarios,
    sizes: null,
    seed: 42,
    quick: true,
    rttMs: 0.2,
    premiseMaxDocuments: DEFAULT_PREMISE_MAX_DOCUMENTS,
    projectionRttMs: PROJECTION_RTT_MS,
    outDir,
    runId: newRunId(),
    argv: ['bench', '--test'],
    keep: false,
    progress: (line) => lines.push(line),
    indexEvaluationScenario: 'small',
  });
  written = await writeReport(results, outDir);
  // Nothing of this run is left on the server.
  expect(await ownDatabases()).toEqual(before);
  expect(lines.some((l) => l.includes('small'))).toBe(true);
});

afterAll(async () => {
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('bench end to end (tiny matrix)', () => {
  it('writes a results.json that validates against its schema and reads back', async () => {
    const json: unknown = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
    expect(validateBenchResults(json)).toEqual({ valid: true, errors: [] });
    expect(await readBenchResults(outDir)).toEqual(json);
    expect(THROWAWAY_PREFIX).toBe('hfcb_');
  });

  it('measures every case in both index states, equivalent, with exact v2 counts', () => {
    expect(results.cases.map((c) => `${c.scenario}/${c.indexState}`)).toEqual([
      'small/schema',
      'small/proposed-indexes',
      'hs-code/schema',
      'hs-code/proposed-indexes',
    ]);
    for (const c of results.cases) expect(c.equivalent).toBe(true);
    const small = results.cases.filter((c) => c.scenario === 'small');
    for (const c of small) {
      expect(c.status).toBe('ok');
      expect(c.collectors.v2?.queryCount).toBe(9);
      expect(c.collectors.v1!.queryCount).toBeGreaterThan(c.collectors.v2!.queryCount);
      // Timed in every round, or less with the reason (a long export: which one is, the machine decides).
      const v1 = c.collectors.v1!;
      expect(v1.timing?.samplesMs).toHaveLength(v1.timing!.samples);
      if (v1.timing!.samples < c.sampling!.rounds) expect(v1.timingNote).toMatch(/^v1 (timed in|not timed)/);
      expect(c.collectors.v2?.projectedMs.map((p) => p.rttMs)).toEqual([...PROJECTION_RTT_MS]);
    }
    expect(results.indexMigration?.roundTripIdentical).toBe(true);
    expect(results.indexMigration?.indexes).toHaveLength(6);
    expect(results.latencyChecks.length).toBeGreaterThan(0);
    expect(results.plans.some((p) => p.collector === 'v2' && p.indexState === 'proposed-indexes')).toBe(true);
  });

  it('compares with intervals, runs an A/A control, splits the time and witnesses the counts', () => {
    const small = results.cases.filter((c) => c.scenario === 'small');
    const ids = results.collectors.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['v1', 'v2']));
    expect(results.headline.candidate).toBe('v2');
    for (const c of small) {
      // Ten rounds at least for every compared pair; raw samples kept.
      expect(c.sampling?.rounds).toBeGreaterThanOrEqual(10);
      for (const id of ids) {
        const r = c.collectors[id]!;
        expect(r.timing?.samplesMs).toHaveLength(r.timing!.samples);
        expect(r.peakMemory?.peakRssBytes).toBeGreaterThan(0);
        const split = r.timeSplit!;
        expect(split.roundTrips).toBe(r.queryCount);
        expect(split.latencyMs).toBeCloseTo(split.roundTrips * split.perTripLatencyMs, 9);
        if (results.witness.available) {
          expect(r.witness).toEqual({
            status: 'witnessed',
            clientCount: r.queryCount,
            serverCalls: r.queryCount,
            mismatches: [],
          });
          expect(split.serverMs! + split.latencyMs + split.clientMs!).toBeGreaterThanOrEqual(
            split.totalMs - 1e-9,
          );
        } else {
          expect(r.witness.status).toBe('not witnessed');
        }
      }
      const headline = c.comparisons.find((x) => x.purpose === 'headline')!;
      expect(headline.candidate).toBe('v2');
      expect(headline.low).not.toBeNull();
      expect(headline.low!).toBeLessThanOrEqual(headline.ratio);
      expect(headline.high!).toBeGreaterThanOrEqual(headline.ratio);
      expect(c.aaControl?.collector).toBe('v2');
      expect(c.aaControl?.comparison.baselineSamples).toBe(c.collectors.v2!.timing!.samples);
      expect(c.latencyProbe?.samples).toBe(50);
    }
    // On the embedded server the witness is available (pg_stat_statements preloaded).
    if (server.kind === 'embedded') expect(results.witness).toEqual({ available: true, trackPlanning: true });
    expect(results.noise.controls).toBe(2);
    expect(results.noise.tooNoisy).toBe(results.noise.failedCases.length > 0);
    expect(results.indexComparisons.filter((c) => c.scenario === 'small')).toHaveLength(ids.length);
    const plan = results.plans.find((p) => p.collector === 'v2' && p.error === undefined)!;
    expect(plan.executionSamplesMs).toHaveLength(5);
    expect(results.planIndexComparisons.length).toBeGreaterThan(0);
  });

  it('records the failing scenario with its error while the others complete', () => {
    const failing = results.cases.filter((c) => c.scenario === 'hs-code');
    expect(failing).toHaveLength(2);
    for (const c of failing) {
      expect(c.status).toBe('failed');
      expect(c.error?.name).toBe('HsCodeFilterError');
      expect(c.collectors.v1?.outcome).toBe('failed');
      expect(c.collectors.v2?.outcome).toBe('failed');
    }
  });

  it('adds the index evaluation beside the report and links it', async () => {
    const link = results.indexEvaluation;
    expect(link?.error).toBeUndefined();
    expect(link?.verdicts.map((v) => v.index)).toEqual(
      expect.arrayContaining(['idx_doc_activity_rel_doc_id', 'idx_res_partner_business_id']),
    );
    // The plan's many2many index is covered by the relation table's primary key, whatever the size.
    expect(link?.verdicts.find((v) => v.index === 'idx_doc_activity_rel_doc_id')?.verdict).toBe('drop');
    const indexes = await readFile(join(outDir, link!.reportFile), 'utf8');
    expect(indexes).toContain('## Verdicts');
    expect(await readFile(written.reportPath, 'utf8')).toContain(`](${link!.reportFile})`);
  });

  it('writes a report with every section, its appendices and real PNG charts', async () => {
    const report = await readFile(written.reportPath, 'utf8');
    const appendices: Record<string, string[]> = {
      'report.md': [
        '## Verdict',
        '## Results per case',
        '## Predictions versus measurements',
        '## Where the time goes',
        '## Latency',
        '## Index migration',
        '## Charts',
      ],
      'appendix-queries.md': ['## Server-side witness', '## N+1 findings', '## Query fingerprints'],
      'appendix-plans.md': ['## Index migration', '## Plans'],
      'appendix-method.md': ['## Environment', '## How these figures were obtained'],
    };
    for (const [file, headings] of Object.entries(appendices)) {
      const text = await readFile(join(outDir, file), 'utf8');
      for (const heading of headings) expect(text, file).toContain(heading);
      if (file !== 'report.md') expect(report).toContain(`](${file})`);
    }
    expect(Buffer.byteLength(report)).toBeLessThanOrEqual(25 * 1024);
    const pngs = (await readdir(outDir)).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(4);
    for (const file of pngs) {
      const bytes = await readFile(join(outDir, file));
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // IHDR: width and height, big-endian, at bytes 16..23.
      expect(bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(600);
      expect(bytes.readUInt32BE(20)).toBeGreaterThanOrEqual(300);
      expect((await stat(join(outDir, file))).size).toBeGreaterThan(5_000);
      expect(report).toContain(`(${file})`);
    }
  });
});
