import type { BenchResults } from '../results/bench-results.ts';
import {
  baseOptions,
  collectorColors,
  lineChartPlan,
  sortedPoints,
  type ChartPlan,
} from './chart-options.ts';
import { recordOf, reportCollectors } from './report-collectors.ts';

/** Round trips per export against exported documents, one line per collector, log scales. */
export function queriesChart(results: BenchResults): ChartPlan {
  const file = 'queries-vs-documents.png';
  const title = 'Queries per export against exported documents';
  const colors = collectorColors(results);
  const datasets = reportCollectors(results).flatMap(({ id, role }) => {
    const points = results.cases.flatMap((c) => {
      const r = recordOf(c, id);
      return r?.outcome === 'exported' && r.exportedDocuments > 0 && r.queryCount > 0
        ? [{ x: r.exportedDocuments, y: r.queryCount }]
        : [];
    });
    return points.length === 0
      ? []
      : [
          {
            label: `${id} round trips${role ? ` (${role})` : ''}`,
            data: sortedPoints(points),
            borderColor: colors.get(id),
            backgroundColor: colors.get(id),
            pointRadius: 5,
            borderWidth: 3,
          },
        ];
  });
  return lineChartPlan(
    file,
    title,
    datasets,
    baseOptions(
      `${title} (log scales)`,
      'exported documents (log)',
      'queries per export (log)',
      'logarithmic',
      'logarithmic',
    ),
    'no case exported with a query count',
  );
}
