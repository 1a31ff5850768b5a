import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../results/bench-results.ts';
import { benchResultsFixture } from '../results/bench-results.fixture.ts';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  logTickLabel,
  planCharts,
  planLabel,
  renderCharts,
} from './report-charts.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which always comes first, right after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const FILES = [
  'queries-vs-documents.png',
  'time-vs-documents.png',
  'speedup.png',
  'latency-projection.png',
  'plan-time.png',
];

describe('renderCharts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hfcb-charts-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the five charts as PNG files of the expected size', async () => {
    const warnings: string[] = [];
    const charts = await renderCharts(benchResultsFixture, dir, { onWarning: (m) => warnings.push(m) });
    expect(charts.map((c) => [c.file, c.skipped])).toEqual(FILES.map((f) => [f, undefined]));
    expect(warnings).toEqual([]);
    for (const file of FILES) {
      const png = await readFile(path.join(dir, file));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), file).toBe(true);
      expect(pngSize(png), file).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
      // A chart with axes, labels and lines compresses to tens of KB; a blank canvas to a few hundred bytes.
      expect(png.length, file).toBeGreaterThan(5 * 1024);
    }
  });

  it('skips charts without data instead of drawing them empty', async () => {
    const empty: BenchResults = { ...benchResultsFixture, cases: [], plans: [], latencyChecks: [] };
    const out = path.join(dir, 'empty');
    const charts = await renderCharts(empty, out);
    expect(charts.map((c) => [c.file, c.skipped])).toEqual([
      ['queries-vs-documents.png', 'no case exported with a query count'],
      ['time-vs-documents.png', 'no case was timed'],
      ['speedup.png', 'no case timed both collectors'],
      ['latency-projection.png', 'no case was timed, so nothing can be projected'],
      ['plan-time.png', 'no v2 plan was captured'],
    ]);
    await expect(readFile(path.join(out, 'speedup.png'))).rejects.toThrow(/ENOENT/);
  });
});

describe('planCharts', () => {
  const plans = planCharts(benchResultsFixture);

  it('plots query counts per collector against exported documents, on log scales', () => {
    const config = plans[0]!.config!;
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      [
        'v1 round trips',
        [
          { x: 10, y: 67 },
          { x: 500, y: 3301 },
        ],
      ],
      [
        'v2 round trips',
        [
          { x: 10, y: 9 },
          { x: 500, y: 9 },
        ],
      ],
    ]);
    expect(config.options?.scales?.y?.type).toBe('logarithmic');
  });

  it('draws one time line per collector and index state', () => {
    expect(plans[1]!.config!.data.datasets.map((d) => d.label)).toEqual([
      'v1, schema',
      'v1, proposed-indexes',
      'v2, schema',
      'v2, proposed-indexes',
    ]);
  });

  it('puts the --rtt-ms measurements on the projection of the case they were taken on', () => {
    const latency = plans[3]!;
    expect(latency.title).toBe('Projected export time against round-trip time, large/500/schema');
    const measured = latency.config!.data.datasets.filter((d) => String(d.label).includes('measured'));
    expect(measured.map((d) => d.data)).toEqual([[{ x: 1, y: 5120.4 }], [{ x: 1, y: 108.2 }]]);
  });

  it('compares v2 plan execution times with and without the indexes', () => {
    const datasets = plans[4]!.config!.data.datasets;
    expect(datasets.map((d) => [d.label, d.data])).toEqual([
      ['schema only', [1.42, 0.88]],
      ['with the proposed indexes', [0.61, 0.86]],
    ]);
  });
});

describe('chart labels', () => {
  it('names a statement by the tables it reads, shortened to fit beside the bars', () => {
    expect(
      planLabel(
        'SELECT c.id FROM substance_usage c JOIN hs_code h ON h.id = c.hs_code_id WHERE c.document_id = ANY(?)',
      ),
    ).toBe('reads substance_usage, hs_code');
    expect(
      planLabel('SELECT c.id FROM substance_usage c JOIN controlled_substance s ON s.id = c.substance_id'),
    ).toBe('reads substance_usage, controlled_substan…');
    expect(planLabel('SHOW server_version')).toBe('SHOW server_version');
  });

  it('labels log axes at 1, 2 and 5 times powers of ten only', () => {
    expect([0.1, 0.2, 0.3, 1, 5, 8, 9, 10, 20, 50, 1000, 3000].map(logTickLabel)).toEqual([
      '0.1',
      '0.2',
      '',
      '1',
      '5',
      '',
      '',
      '10',
      '20',
      '50',
      '1,000',
      '',
    ]);
  });
});
