import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';

/**
 * Drawing charts without a browser: chart.js on @napi-rs/canvas (no system libraries), a font found on the
 * machine, a white background.
 */

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
let chartJsReady = false;
let fontFamily: string | null = null;

/** Registers chart.js's parts and the label font, once per process. */
export function prepareChartJs(onWarning?: (message: string) => void): void {
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

/** Draws one chart configuration as a PNG of {@link CHART_WIDTH} × {@link CHART_HEIGHT}. */
export async function drawPng(config: ChartConfiguration): Promise<Buffer> {
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
