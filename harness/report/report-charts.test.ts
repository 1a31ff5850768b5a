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
  type ChartPlan,
} from './report-charts.ts';
import { withoutProductionCollector } from './report.fixture.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which always comes first, right after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const FILES = [
  'queries-vs-documents.png',
  'time-vs-documents.png',
  'time-split.png',
  'speedup.png',
  'latency-projection.png',
  'plan-time.png',
];

function chart(plans: ChartPlan[], file: string): ChartPlan {
  return plans.find((p) => p.file === file)!;
}

describe('renderCharts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hfcb-charts-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the six charts as PNG files of the expected size', async () => {
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
      ['time-split.png', 'no export was timed'],
      ['speedup.png', 'no case timed both collectors'],
      ['latency-projection.png', 'no case was timed, so nothing can be projected'],
      ['plan-time.png', 'no v2 plan was captured'],
    ]);
    await expect(readFile(path.join(out, 'speedup.png'))).rejects.toThrow(/ENOENT/);
  });
});

describe('planCharts, three collectors', () => {
  const plans = planCharts(benchResultsFixture);

  it('draws one query line per collector: premise, production, candidate', () => {
    const config = chart(plans, 'queries-vs-documents.png').config!;
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      [
        'v1 round trips (premise)',
        [
          { x: 10, y: 67 },
          { x: 500, y: 3301 },
        ],
      ],
      [
        'v1-orm round trips (production)',
        [
          { x: 10, y: 27 },
          { x: 500, y: 29 },
        ],
      ],
      [
        'v2 round trips (candidate)',
        [
          { x: 10, y: 9 },
          { x: 500, y: 9 },
        ],
      ],
    ]);
    expect(config.options?.scales?.y?.type).toBe('logarithmic');
  });

  it('draws one time line per collector and index state', () => {
    expect(chart(plans, 'time-vs-documents.png').config!.data.datasets.map((d) => d.label)).toEqual([
      'v1, schema',
      'v1, proposed-indexes',
      'v1-orm, schema',
      'v1-orm, proposed-indexes',
      'v2, schema',
      'v2, proposed-indexes',
    ]);
  });

  it('stacks latency, server and client shares per collector and case', () => {
    const config = chart(plans, 'time-split.png').config!;
    expect(config.data.labels).toEqual([
      'small/10/schema v1 (37.1 ms)',
      'small/10/schema v1-orm (14.4 ms)',
      'small/10/schema v2 (5.92 ms)',
      'large/500/schema v1 (1,601 ms)',
      'large/500/schema v1-orm (203.7 ms)',
      'large/500/schema v2 (92.1 ms)',
    ]);
    const [latency, server, client] = config.data.datasets.map((d) => d.data as number[]);
    for (let i = 0; i < 6; i += 1) expect(latency![i]! + server![i]! + client![i]!).toBeCloseTo(100, 6);
  });

  it('shows the speed-up over production first, then over the premise, with interval bars', () => {
    const config = chart(plans, 'speedup.png').config!;
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      '95 % interval, v2 vs v1-orm',
      'v2 vs v1-orm: baseline median / candidate median',
      '95 % interval, v2 vs v1',
      'v2 vs v1: baseline median / candidate median',
    ]);
    const interval = config.data.datasets[0]!.data as unknown as ([number, number] | null)[];
    // Speed-up = 1 / ratio, so the bar runs from 1 / high to 1 / low; the failed case has none.
    expect(interval[0]![0]).toBeCloseTo(1 / ((6.1 / 14.8) * 1.06), 6);
    expect(interval[0]![1]).toBeCloseTo(1 / ((6.1 / 14.8) * 0.94), 6);
  });

  it('projects every collector from its time split, with the --rtt-ms measurements on the case they were taken on', () => {
    const latency = chart(plans, 'latency-projection.png');
    expect(latency.title).toBe('Projected export time against round-trip time, large/500/schema');
    const lines = latency.config!.data.datasets.filter((d) => !String(d.label).includes('measured'));
    expect(lines.map((d) => d.label)).toEqual([
      'v1: time without network + 3301 queries × r',
      'v1-orm: time without network + 29 queries × r',
      'v2: time without network + 9 queries × r',
    ]);
    const measured = latency.config!.data.datasets.filter((d) => String(d.label).includes('measured'));
    expect(measured.map((d) => d.data)).toEqual([[{ x: 1, y: 5120.4 }], [{ x: 1, y: 108.2 }]]);
  });

  it('draws plan times as ranges with medians, and states the index effect only where it is outside noise', () => {
    const plan = chart(plans, 'plan-time.png').config!;
    expect(plan.data.datasets.map((d) => d.label)).toEqual([
      'schema only: fastest to slowest run',
      'schema only: median',
      'with the proposed indexes: fastest to slowest run',
      'with the proposed indexes: median',
    ]);
    expect(plan.data.datasets[0]!.data).toEqual([
      [1.363, 1.59],
      [0.845, 0.986],
    ]);
    expect(plan.data.labels).toEqual([
      '[faster with indexes]  7a6b5c4d3e2f  reads document_extraction',
      '[no difference]  d0e1f2a3b4c5  reads substance_usage',
    ]);
  });
});

describe('planCharts without a production collector', () => {
  it('draws two lines and compares the candidate with the premise only', () => {
    const plans = planCharts(withoutProductionCollector(benchResultsFixture));
    expect(chart(plans, 'queries-vs-documents.png').config!.data.datasets.map((d) => d.label)).toEqual([
      'v1 round trips (premise)',
      'v2 round trips (candidate)',
    ]);
    expect(chart(plans, 'speedup.png').config!.data.datasets.map((d) => d.label)).toEqual([
      '95 % interval, v2 vs v1',
      'v2 vs v1: baseline median / candidate median',
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
