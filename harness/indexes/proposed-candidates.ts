import type { IndexCandidate } from '../results/index-evaluation-results.ts';
import { PROPOSED_INDEXES } from '../schema/index-states.ts';

/** The plan's indexes as candidates, in the migration's build order. */
export const PROPOSED_CANDIDATES: readonly IndexCandidate[] = PROPOSED_INDEXES.map((p) => ({
  name: p.name,
  table: p.table,
  method: 'btree',
  columns: p.columns,
  predicate: null,
  role: 'proposed',
  source: p.planSection,
  rationale: p.rationale,
  correction: p.correction,
  knownOverlap: p.knownOverlap,
  alternativeFor: [],
  extension: null,
}));

/**
 * The child tables of a document, whose row counts the evaluation records next to the candidates' tables:
 * the write-cost insert fills some of them, and their sizes explain the export's timings.
 */
export const CANDIDATE_CHILD_TABLES: readonly string[] = [
  'substance_usage',
  'equipment_product',
  'equipment_ownership',
  'collection_recycling',
  'quota_usage',
  'equipment_product_report',
  'equipment_ownership_report',
  'collection_recycling_report',
];

/** The tables the candidates index, each once, in the candidates' order. */
export function candidateTables(candidates: readonly IndexCandidate[]): string[] {
  return [...new Set(candidates.map((c) => c.table))];
}
