import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import type { BenchResults, CaseResult, CollectorId, IndexState } from '../results/bench-results.ts';
import { caseName, measureCase } from './plan-predictions.ts';
import type { ChartRef } from './report-markdown.ts';

/** Pixel size of every chart. */
export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 600;

/** Environment variable naming a TrueType/OpenType font file to draw the labels with. */
export const CHART_FONT_ENV = 'HFC_BENCH_CHART_FONT';

/**
 * Font files tried in order after `HFC_BENCH_CHART_FONT`. The first is Debian's fonts-dejavu-core, present on
 * this project's machines and CI (same image); the others cover other Linux distributions, macOS and Windows.
 */
export const CHART_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

const FONT_ALIAS = 'HFC Bench Sans';
const COLORS: Record<CollectorId, string> = { v1: '#c0392b', 'v1-orm': '#e67e22', v2: '#1f6fb2' };
const STATE_COLORS: Record<IndexState, string> = { schema: '#7f8c8d', 'proposed-indexes': '#27ae60' };

/** A chart to draw, or the reason it is skipped. Pure data: see `planCharts`. */
export interface ChartPlan {
  file: string;
  title: string;
  config: ChartConfiguration | null;
  skipped?: string;
}

export interface RenderChartsOptions {
  /** Receives a message when no font file was found (labels then use whatever font the canvas has). */
  onWarning?: (message: string) => void;
}

let chartJsReady = false;
let fontFamily: string | null = null;

/**
 * Draws the report's five charts as PNG files in `outDir` (chart.js on @napi-rs/canvas, no system
 * libraries). Charts without data are not drawn; they are returned with `skipped` set, so the report can say so.
 *
 * @returns every chart, drawn or skipped, in report order; `file` is relative to `outDir`.
 */
export async function renderCharts(
  results: BenchResults,
  outDir: string,
  options: RenderChartsOptions = {},
): Promise<ChartRef[]> {
  prepareChartJs(options.onWarning);
  await mkdir(outDir, { recursive: true });
  const refs: ChartRef[] = [];
  for (const plan of planCharts(results)) {
    if (plan.config === null) {
      refs.push({ file: plan.file, title: plan.title, skipped: plan.skipped ?? 'no data' });
      continue;
    }
    await writeFile(path.join(outDir, plan.file), await drawPng(plan.config));
    refs.push({ file: plan.file, title: plan.title });
  }
  return refs;
}

/**
 * The five charts' chart.js configurations, computed from the results alone. Pure (apart from the
 * chart.js defaults it relies on), so the data behind each chart can be tested without drawing.
 */
export function planCharts(results: BenchResults): ChartPlan[] {
  return [
    queriesChart(results),
    timeChart(results),
    speedupChart(results),
    latencyChart(results),
    planTimeChart(results),
  ];
}

function prepareChartJs(onWarning?: (message: string) => void): void {
  if (!chartJsReady) {
    Chart.register(...registerables);
    chartJsReady = true;
  }
  if (fontFamily === null) {
    fontFamily = registerFont(onWarning);
    Chart.defaults.font.family = fontFamily;
    Chart.defaults.font.size = 15;
    Chart.defaults.color = '#222222';
  }
}

function registerFont(onWarning?: (message: string) => void): string {
  const fromEnv = process.env[CHART_FONT_ENV];
  const candidates = fromEnv ? [fromEnv, ...CHART_FONT_CANDIDATES] : CHART_FONT_CANDIDATES;
  for (const file of candidates) {
    if (existsSync(file) && GlobalFonts.registerFromPath(file, FONT_ALIAS) !== null) return FONT_ALIAS;
  }
  if (fromEnv) onWarning?.(`${CHART_FONT_ENV}=${fromEnv}: not a readable font file`);
  // @napi-rs/canvas also loads the system's fonts; "sans-serif" picks one if there is any.
  onWarning?.(
    `no chart font found (tried ${CHART_FONT_CANDIDATES.length} usual paths); chart labels use the canvas default ` +
      `"sans-serif"${GlobalFonts.families.length === 0 ? ', and no system font was found, so they may be missing' : ''}. ` +
      `Install fonts-dejavu-core (Debian) or set ${CHART_FONT_ENV} to a .ttf file.`,
  );
  return 'sans-serif';
}

const whiteBackground: Plugin = {
  id: 'hfcBenchWhiteBackground',
  beforeDraw(chart) {
    // The project compiles without the DOM lib, so chart.js's context type is unresolved; name what is used.
    const ctx = chart.ctx as unknown as {
      save(): void;
      restore(): void;
      fillRect(x: number, y: number, w: number, h: number): void;
      fillStyle: string;
    };
    const { width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

async function drawPng(config: ChartConfiguration): Promise<Buffer> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  // chart.js runs on its BasicPlatform outside a browser: it only needs getContext('2d') and width/height.
  const chart = new Chart(canvas.getContext('2d'), {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [...(config.plugins ?? []), whiteBackground],
  });
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

// ---------------------------------------------------------------- the five charts

/**
 * Log axes label only 1, 2 and 5 times a power of ten: chart.js's default labels 8, 9 and 10 next to each
 * other, which overlap.
 */
export function logTickLabel(value: number | string): string {
  const n = Number(value);
  if (!(n > 0)) return '';
  const mantissa = n / 10 ** Math.floor(Math.log10(n) + 1e-9);
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? n.toLocaleString('en-US') : '';
}

const LOG_TICKS = { ticks: { callback: logTickLabel, autoSkip: false } };

function baseOptions(
  title: string,
  xTitle: string,
  yTitle: string,
  xType: 'linear' | 'logarithmic' | 'category',
  yType: 'linear' | 'logarithmic',
) {
  return {
    plugins: {
      title: { display: true, text: title, font: { size: 20, weight: 'bold' as const } },
      legend: { position: 'top' as const },
    },
    scales: {
      x: {
        type: xType,
        title: { display: true, text: xTitle },
        ...(xType === 'logarithmic' ? LOG_TICKS : {}),
      },
      y: {
        type: yType,
        title: { display: true, text: yTitle },
        ...(yType === 'linear' ? { beginAtZero: true } : LOG_TICKS),
      },
    },
  };
}

function exportedDocuments(c: CaseResult): number | undefined {
  return c.collectors.v1?.exportedDocuments ?? c.collectors.v2?.exportedDocuments;
}

function sortedPoints(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const unique = new Map(points.map((p) => [`${p.x}:${p.y}`, p]));
  return [...unique.values()].sort((a, b) => a.x - b.x || a.y - b.y);
}

function queriesChart(results: BenchResults): ChartPlan {
  const file = 'queries-vs-documents.png';
  const title = 'Queries per export against exported documents';
  const datasets = (['v1', 'v2'] as const).flatMap((id) => {
    const points = results.cases.flatMap((c) => {
      const r = c.collectors[id];
      return r?.outcome === 'exported' && r.exportedDocuments > 0 && r.queryCount > 0
        ? [{ x: r.exportedDocuments, y: r.queryCount }]
        : [];
    });
    return points.length === 0
      ? []
      : [
          {
            label: `${id} round trips`,
            data: sortedPoints(points),
            borderColor: COLORS[id],
            backgroundColor: COLORS[id],
            pointRadius: 5,
            borderWidth: 3,
          },
        ];
  });
  if (datasets.length === 0)
    return { file, title, config: null, skipped: 'no case exported with a query count' };
  return {
    file,
    title,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(
        `${title} (log scales)`,
        'exported documents (log)',
        'queries per export (log)',
        'logarithmic',
        'logarithmic',
      ),
    },
  };
}

function timeChart(results: BenchResults): ChartPlan {
  const file = 'time-vs-documents.png';
  const title = 'Export time against exported documents';
  const datasets = (['v1', 'v2'] as const).flatMap((id) =>
    (['schema', 'proposed-indexes'] as const).flatMap((state) => {
      const points = results.cases.flatMap((c) => {
        const r = c.collectors[id];
        return c.indexState === state && r?.timing && r.exportedDocuments > 0 && r.timing.meanMs > 0
          ? [{ x: r.exportedDocuments, y: r.timing.meanMs }]
          : [];
      });
      return points.length === 0
        ? []
        : [
            {
              label: `${id}, ${state}`,
              data: sortedPoints(points),
              borderColor: COLORS[id],
              backgroundColor: COLORS[id],
              borderDash: state === 'schema' ? [] : [8, 5],
              pointStyle: state === 'schema' ? 'circle' : 'rectRot',
              pointRadius: 6,
              borderWidth: 3,
            },
          ];
    }),
  );
  if (datasets.length === 0) return { file, title, config: null, skipped: 'no case was timed' };
  return {
    file,
    title,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(
        `${title}: mean ms (log scales)`,
        'exported documents (log)',
        'mean time per export, ms (log)',
        'logarithmic',
        'logarithmic',
      ),
    },
  };
}

function speedupChart(results: BenchResults): ChartPlan {
  const file = 'speedup.png';
  const title = 'Speed-up of v2 over v1 per case';
  const bars = results.cases.flatMap((c) => {
    const m = measureCase(c);
    return m?.speedup != null ? [{ label: caseName(c), value: m.speedup, state: c.indexState }] : [];
  });
  if (bars.length === 0) return { file, title, config: null, skipped: 'no case timed both collectors' };
  return {
    file,
    title,
    config: {
      type: 'bar',
      data: {
        labels: bars.map((b) => b.label),
        datasets: [
          {
            label: 'v1 mean / v2 mean (colour: index state, grey schema, green proposed indexes)',
            data: bars.map((b) => b.value),
            backgroundColor: bars.map((b) => STATE_COLORS[b.state]),
          },
        ],
      },
      options: baseOptions(
        `${title} (v1 mean / v2 mean)`,
        'case (scenario/target documents/index state)',
        'speed-up, times',
        'category',
        'linear',
      ),
    },
  };
}

function latencyChart(results: BenchResults): ChartPlan {
  const file = 'latency-projection.png';
  const baseTitle = 'Projected export time against round-trip time';
  const chosen = latencyCase(results);
  if (!chosen)
    return {
      file,
      title: baseTitle,
      config: null,
      skipped: 'no case was timed, so nothing can be projected',
    };
  const title = `${baseTitle}, ${caseName(chosen)}`;
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
  for (const id of ['v1', 'v2'] as const) {
    const r = chosen.collectors[id];
    if (!r?.timing) continue;
    const points = sortedPoints([
      { x: 0, y: r.timing.meanMs },
      ...r.projectedMs.map((p) => ({ x: p.rttMs, y: p.ms })),
    ]).filter((p) => p.y > 0);
    datasets.push({
      label: `${id} projected: mean + ${r.queryCount} queries × r`,
      data: points,
      borderColor: COLORS[id],
      backgroundColor: COLORS[id],
      borderWidth: 3,
      pointRadius: 4,
    });
    const checks = results.latencyChecks.filter(
      (l) =>
        l.collector === id &&
        l.scenario === chosen.scenario &&
        l.targetDocuments === chosen.targetDocuments &&
        l.indexState === chosen.indexState,
    );
    if (checks.length > 0) {
      datasets.push({
        label: `${id} measured with --rtt-ms`,
        data: checks.map((l) => ({ x: l.rttMs, y: l.measuredMs })),
        borderColor: '#111111',
        backgroundColor: COLORS[id],
        showLine: false,
        pointStyle: 'triangle',
        pointRadius: 11,
        borderWidth: 2,
      });
    }
  }
  if (datasets.length === 0) return { file, title: baseTitle, config: null, skipped: 'no case was timed' };
  return {
    file,
    title,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(title, 'round-trip time r, ms', 'export time, ms (log)', 'linear', 'logarithmic'),
    },
  };
}

/** The case the `--rtt-ms` checks ran on (the largest), else the largest timed case, schema state first. */
function latencyCase(results: BenchResults): CaseResult | undefined {
  const timed = results.cases.filter((c) => c.collectors.v1?.timing || c.collectors.v2?.timing);
  const checked = timed.filter((c) =>
    results.latencyChecks.some(
      (l) =>
        l.scenario === c.scenario && l.targetDocuments === c.targetDocuments && l.indexState === c.indexState,
    ),
  );
  const pool = checked.length > 0 ? checked : timed;
  return [...pool].sort(
    (a, b) =>
      (exportedDocuments(b) ?? 0) - (exportedDocuments(a) ?? 0) ||
      Number(a.indexState !== 'schema') - Number(b.indexState !== 'schema'),
  )[0];
}

function planTimeChart(results: BenchResults): ChartPlan {
  const file = 'plan-time.png';
  const baseTitle = 'EXPLAIN ANALYZE execution time per v2 query, with and without the proposed indexes';
  const v2Plans = results.plans.filter((p) => p.collector === 'v2' && p.error === undefined);
  if (v2Plans.length === 0)
    return { file, title: baseTitle, config: null, skipped: 'no v2 plan was captured' };
  const largest = v2Plans.reduce((a, b) => (b.targetDocuments > a.targetDocuments ? b : a));
  const plans = v2Plans.filter(
    (p) => p.scenario === largest.scenario && p.targetDocuments === largest.targetDocuments,
  );
  const ids = [...new Set(plans.map((p) => p.fingerprintId))];
  const title = `EXPLAIN ANALYZE execution time per v2 query, ${largest.scenario}/${largest.targetDocuments}`;
  const labels = ids.map(
    (id) => `${id}  ${planLabel(plans.find((p) => p.fingerprintId === id)?.fingerprint ?? '')}`,
  );
  const datasets = (['schema', 'proposed-indexes'] as const).flatMap((state) => {
    const data = ids.map(
      (id) => plans.find((p) => p.fingerprintId === id && p.indexState === state)?.executionMs ?? null,
    );
    return data.every((d) => d === null)
      ? []
      : [
          {
            label: state === 'schema' ? 'schema only' : 'with the proposed indexes',
            data,
            backgroundColor: STATE_COLORS[state],
          },
        ];
  });
  const options = baseOptions(title, 'execution time, ms', '', 'linear', 'linear');
  return {
    file,
    title,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        ...options,
        indexAxis: 'y',
        scales: {
          x: {
            type: 'linear',
            beginAtZero: true,
            title: { display: true, text: 'execution time, ms (one representative call)' },
          },
          y: { type: 'category', ticks: { font: { size: 13 } } },
        },
      },
    },
  };
}

/**
 * A short bar label for a statement: the tables it reads, since v2's batched statements share their opening
 * words (`SELECT c.document_id AS "documentId", ...`) and differ in the table.
 */
export function planLabel(fingerprint: string): string {
  const tables = [...fingerprint.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][\w.]*)/gi)].map((m) => m[1]!);
  const unique = [...new Set(tables)];
  if (unique.length === 0) return fingerprint.length > 40 ? `${fingerprint.slice(0, 39)}…` : fingerprint;
  const text = `reads ${unique.join(', ')}`;
  return text.length > 42 ? `${text.slice(0, 41)}…` : text;
}
