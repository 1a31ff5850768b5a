import { COLLECTOR_NAMES, COLLECTOR_REGISTRY, type CollectorName } from '../compare/collectors.ts';
import type { CollectorInfo, HeadlineRecord } from '../results/bench-results.ts';

/** The registered collectors, in registry order, with the role and summary the registry gives them. */
export function registeredCollectors(): (CollectorInfo & { id: CollectorName })[] {
  return COLLECTOR_NAMES.map((id) => ({
    id,
    role: COLLECTOR_REGISTRY[id].role,
    description: COLLECTOR_REGISTRY[id].summary,
  }));
}

/**
 * What the headline compares: the candidate against production, or against the premise while no production
 * collector is registered (`fallback`). Null when the registry has no candidate or no baseline.
 */
export function headlinePair(collectors: readonly CollectorInfo[]): HeadlineRecord | null {
  const candidate = collectors.find((c) => c.role === 'candidate');
  const production = collectors.find((c) => c.role === 'production');
  const premise = collectors.find((c) => c.role === 'premise');
  const baseline = production ?? premise;
  if (candidate === undefined || baseline === undefined) return null;
  return {
    candidate: candidate.id,
    baseline: baseline.id,
    baselineRole: baseline.role,
    fallback: production === undefined,
  };
}
