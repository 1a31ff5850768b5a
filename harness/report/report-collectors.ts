import { COLLECTOR_REGISTRY } from '../compare/collectors.ts';
import type {
  BenchResults,
  CaseResult,
  CollectorRecord,
  CollectorRole,
  NotRunRecord,
} from '../results/bench-results.ts';

/**
 * Which collectors a report shows, in which order, and which two its headline compares.
 *
 * Roles: `premise` is the plan's model (no prefetch, one record per round trip: `v1`), `production` is what
 * production sends today (Odoo 18's ORM: `v1-orm`), `candidate` is the change under decision (`v2`). The
 * headline compares the candidate with production; when the run had no production collector it falls back to
 * the premise and says so. Every table and chart iterates {@link reportCollectors}, so a collector added to
 * the registry appears without a change here.
 */
export type { CollectorRole };

/** A collector as the report names it. */
export interface ReportCollector {
  id: string;
  role: CollectorRole | null;
}

/**
 * The roles of the registered collectors, for results that do not record them. Decision: a collector the
 * registry does not know is shown after the known ones, in the order the results name it, with no role.
 */
const DEFAULT_ROLES: Readonly<Record<string, CollectorRole>> = Object.fromEntries(
  Object.entries(COLLECTOR_REGISTRY).map(([id, entry]) => [id, entry.role]),
);

const ROLE_ORDER: readonly CollectorRole[] = ['premise', 'production', 'candidate'];

/** How the report names a role, next to the collector's id. */
export const ROLE_DESCRIPTION: Readonly<Record<CollectorRole, string>> = {
  premise: "the plan's premise: no prefetch",
  production: 'what production sends today',
  candidate: 'the candidate',
};

/** `v1-orm (what production sends today)`. */
export function collectorTitle(c: ReportCollector): string {
  return c.role === null ? c.id : `${c.id} (${ROLE_DESCRIPTION[c.role]})`;
}

/**
 * Every collector of the run, ordered premise, production, candidate, then any other: the list results.json
 * records (registry ids with their roles), completed by any collector a case or plan names that the list
 * lacks (with the registry's role, if it has one).
 */
export function reportCollectors(results: BenchResults): ReportCollector[] {
  const seen = new Map<string, ReportCollector>();
  for (const c of results.collectors) seen.set(c.id, { id: c.id, role: c.role });
  const add = (id: string) => {
    if (!seen.has(id)) seen.set(id, { id, role: DEFAULT_ROLES[id] ?? null });
  };
  for (const c of results.cases) for (const id of Object.keys(c.collectors)) add(id);
  for (const p of results.plans) add(p.collector);
  const rank = (c: ReportCollector) => (c.role === null ? ROLE_ORDER.length : ROLE_ORDER.indexOf(c.role));
  return [...seen.values()].sort((a, b) => rank(a) - rank(b));
}

/** The collector of a role, if the run had one. */
export function collectorOfRole(results: BenchResults, role: CollectorRole): ReportCollector | undefined {
  return reportCollectors(results).find((c) => c.role === role);
}

/** The two collectors the headline compares: candidate against production, else against the premise. */
export interface HeadlinePair {
  baseline: ReportCollector;
  candidate: ReportCollector;
  /** True when no production collector ran and the premise stands in for it. */
  fallback: boolean;
}

/**
 * The headline's pair: as the run recorded it (`results.headline`) when both collectors are known, else
 * the candidate against production, else against the premise (`fallback`).
 */
export function headlinePair(results: BenchResults): HeadlinePair | null {
  const all = reportCollectors(results);
  const recorded = results.headline;
  const baseline = all.find((c) => c.id === recorded.baseline);
  const candidate = all.find((c) => c.id === recorded.candidate);
  if (baseline && candidate) return { baseline, candidate, fallback: recorded.fallback };
  const cand = collectorOfRole(results, 'candidate');
  const production = collectorOfRole(results, 'production');
  const premise = collectorOfRole(results, 'premise');
  if (!cand) return null;
  if (production) return { baseline: production, candidate: cand, fallback: false };
  if (premise) return { baseline: premise, candidate: cand, fallback: true };
  return null;
}

/** A case's record of one collector (results key collectors by id). */
export function recordOf(c: CaseResult, id: string): CollectorRecord | undefined {
  // Ids come from the results file, which may name collectors this registry does not have.
  return (c.collectors as Partial<Record<string, CollectorRecord>>)[id];
}

/** Why the case left collector `id` out, and its projection (`--premise-max`); undefined when it ran. */
export function notRunOf(c: CaseResult, id: string): NotRunRecord | undefined {
  return c.notRun?.find((n) => n.collector === id);
}

/** The exported documents of a case, from whichever collector exported. */
export function exportedDocumentsOf(c: CaseResult): number | undefined {
  for (const r of Object.values(c.collectors)) {
    if (r?.outcome === 'exported') return r.exportedDocuments;
  }
  return undefined;
}
