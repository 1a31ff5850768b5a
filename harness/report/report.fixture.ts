import type { BenchResults } from '../results/bench-results.ts';

/**
 * Test data for the report: the shared results fixture as a run without the production collector
 * (`v1-orm`) would have recorded it: two collectors, the headline falling back to the premise.
 */
export function withoutProductionCollector(results: BenchResults): BenchResults {
  const production = results.collectors.find((c) => c.role === 'production')?.id;
  const premise = results.collectors.find((c) => c.role === 'premise')?.id ?? 'v1';
  if (production === undefined) return results;
  return {
    ...results,
    collectors: results.collectors.filter((c) => c.id !== production),
    headline: { ...results.headline, baseline: premise, baselineRole: 'premise', fallback: true },
    cases: results.cases.map((c) => {
      const { [production]: _dropped, ...collectors } = c.collectors;
      return {
        ...c,
        collectors,
        comparisons: c.comparisons
          .filter((x) => x.baseline !== production && x.candidate !== production)
          .map((x) => (x.purpose === 'candidate-vs-premise' ? { ...x, purpose: 'headline' as const } : x)),
      };
    }),
    indexComparisons: results.indexComparisons.filter((x) => x.collector !== production),
    latencyChecks: results.latencyChecks.filter((x) => x.collector !== production),
    plans: results.plans.filter((x) => x.collector !== production),
  };
}
