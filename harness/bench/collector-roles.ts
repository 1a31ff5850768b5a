import { COLLECTORS, type CollectorName } from '../compare/collectors.ts';
import type { CollectorInfo, CollectorRole, HeadlineRecord } from '../results/bench-results.ts';

/**
 * The role and description of each registered collector, by id. The registry (harness/compare/collectors.ts)
 * is the list; this says what each one stands for in the verdict. An id not known here is treated as a
 * candidate (something new to decide on), so a newly registered collector is measured rather than dropped.
 */
const KNOWN: Record<string, { role: CollectorRole; description: string }> = {
  v1: {
    role: 'premise',
    description: "the plan's premise: relations loaded one record per round trip, no prefetch",
  },
  'v1-orm': {
    role: 'production',
    description: "what production sends today: the current code as Odoo 18's ORM runs it",
  },
  v2: {
    role: 'candidate',
    description: 'the optimised collector: each relation loaded once for all documents',
  },
};

/** The registered collectors, in registry order, with their roles. */
export function registeredCollectors(): (CollectorInfo & { id: CollectorName })[] {
  return (Object.keys(COLLECTORS) as CollectorName[]).map((id) => ({
    id,
    ...(KNOWN[id] ?? { role: 'candidate' as const, description: `collector ${id}` }),
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
