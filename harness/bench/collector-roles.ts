import { collectorEntries } from '../compare/collectors.ts';
import type { CollectorId } from '../results/collector-id.ts';
import type { CollectorInfo, HeadlineRecord } from '../results/bench-results.ts';

/** The registered collectors, in registry order, with the role and summary the registry gives them. */
export function registeredCollectors(): (CollectorInfo & { id: CollectorId })[] {
  return collectorEntries().map((entry) => ({
    id: entry.id,
    role: entry.role,
    description: entry.summary,
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
