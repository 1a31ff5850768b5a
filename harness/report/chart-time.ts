import type { BenchResults } from '../results/bench-results.ts';
import {
  baseOptions,
  collectorColors,
  lineChartPlan,
  sortedPoints,
  type ChartPlan,
} from './chart-options.ts';
import { recordOf, reportCollectors } from './report-collectors.ts';

/** Median export time against exported documents, one line per collector and index state, log scales. */
export function timeChart(results: BenchResults): ChartPlan {
  const file = 'time-vs-documents.png';
  const title = 'Export time against exported documents';
  const colors = collectorColors(results);
  const datasets = reportCollectors(results).flatMap(({ id }) =>
    (['schema', 'proposed-indexes'] as const).flatMap((state) => {
      const points = results.cases.flatMap((c) => {
        const r = recordOf(c, id);
        return c.indexState === state && r?.timing && r.exportedDocuments > 0 && r.timing.p50Ms > 0
          ? [{ x: r.exportedDocuments, y: r.timing.p50Ms }]
          : [];
      });
      return points.length === 0
        ? []
        : [
            {
              label: `${id}, ${state}`,
              data: sortedPoints(points),
              borderColor: colors.get(id),
              backgroundColor: colors.get(id),
              borderDash: state === 'schema' ? [] : [8, 5],
              pointStyle: state === 'schema' ? 'circle' : 'rectRot',
              pointRadius: 6,
              borderWidth: 3,
            },
          ];
    }),
  );
  return lineChartPlan(
    file,
    title,
    datasets,
    baseOptions(
      `${title}: median ms (log scales)`,
      'exported documents (log)',
      'median time per export, ms (log)',
      'logarithmic',
      'logarithmic',
    ),
    'no case was timed',
  );
}
