import type { ChartConfiguration } from 'chart.js';
import type { BenchResults } from '../results/bench-results.ts';
import { baseOptions, collectorColors, type ChartPlan } from './chart-options.ts';
import { pairTime } from './pair-measures.ts';
import { caseName } from './plan-predictions.ts';
import { collectorOfRole, headlinePair } from './report-collectors.ts';

/**
 * The candidate's speed-up per case over production (and over the premise): the point estimate as a marker
 * and its 95 % interval as a bar from its low to its high end. A case without an interval has the marker
 * alone: one sample has no spread, and a bar would invent one.
 */
export function speedupChart(results: BenchResults): ChartPlan {
  const file = 'speedup.png';
  const headline = headlinePair(results);
  const title = headline
    ? `Speed-up of ${headline.candidate.id} per case, with 95 % intervals`
    : 'Speed-up per case';
  if (!headline) return { file, title, config: null, skipped: 'no candidate and baseline collectors ran' };
  const premise = collectorOfRole(results, 'premise');
  const baselines = [headline.baseline.id];
  if (premise && premise.id !== headline.baseline.id) baselines.push(premise.id);
  const colors = collectorColors(results);
  const timed = results.cases.filter((c) =>
    baselines.some((b) => pairTime(c, b, headline.candidate.id) !== null),
  );
  if (timed.length === 0) return { file, title, config: null, skipped: 'no case timed both collectors' };
  const labels = timed.map(caseName);
  const datasets: ChartConfiguration<'bar'>['data']['datasets'] = [];
  for (const baseline of baselines) {
    const times = timed.map((c) => pairTime(c, baseline, headline.candidate.id));
    const color = colors.get(baseline) ?? '#333333';
    datasets.push({
      label: `95 % interval, ${headline.candidate.id} vs ${baseline}`,
      data: times.map((t) =>
        t && t.low !== null && t.high !== null ? ([1 / t.high, 1 / t.low] as [number, number]) : null,
      ),
      backgroundColor: `${color}55`,
      borderColor: color,
      borderWidth: 1,
      // Bars centred on their category, where the median markers are drawn; ranges overlap, translucent.
      grouped: false,
    });
    datasets.push({
      type: 'line' as const,
      label: `${headline.candidate.id} vs ${baseline}: baseline median / candidate median`,
      data: times.map((t) => (t ? 1 / t.ratio : null)) as unknown as number[],
      borderColor: '#111111',
      backgroundColor: color,
      showLine: false,
      pointStyle: 'rectRot',
      pointRadius: 8,
    } as unknown as ChartConfiguration<'bar'>['data']['datasets'][number]);
  }
  return {
    file,
    title,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: baseOptions(
        `${title} (log scale; a marker without a bar: no interval)`,
        'case (scenario/target documents/index state)',
        'speed-up, times (log)',
        'category',
        'logarithmic',
      ),
    },
  };
}
