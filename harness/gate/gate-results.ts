import type { Difference } from '../compare/equivalence.ts';

/** What the gate measures and decides: the data its checks and reports share. */

/** Round trips of one fingerprint in one export. */
export interface FingerprintCount {
  fingerprintId: string;
  fingerprint: string;
  count: number;
}

/** One collector on one case. */
export interface CollectorMeasurement {
  /** `failed`: a contract error (no documents, hs_code); `error`: anything else the collector threw. */
  outcome: 'exported' | 'failed' | 'error';
  /** The contract error's name, or the thrown error's message. */
  error?: string;
  queryCount: number;
  /** Documents exported; `null` unless `exported`. */
  exportedDocuments: number | null;
  /** Most issued first. */
  fingerprints: FingerprintCount[];
  durationMs: number;
}

/** Both collectors on one case, and how their outputs compare. */
export interface CaseMeasurement {
  caseId: string;
  filterCase: string;
  seededDocuments: number;
  /** Exported documents (v1's count, else v2's; 0 when neither exported). */
  exportedDocuments: number;
  v1: CollectorMeasurement;
  v2: CollectorMeasurement;
  equivalent: boolean;
  /** Differing cells and rows, all counted. */
  differenceCount: number;
  /** The first differences, in sheet, row, column order. */
  differences: Difference[];
  /** A person's reading of the comparison (first line: verdict). */
  equivalenceText: string[];
}

export type CheckStatus = 'pass' | 'fail' | 'note';
export type CheckName = 'equivalence' | 'v2-budget' | 'v2-constant' | 'record';

/** A fingerprint whose count differs between sizes. */
export interface FingerprintGrowth {
  fingerprintId: string;
  fingerprint: string;
  /** Count at the smallest and the largest size. */
  countSmall: number;
  countLarge: number;
  documentsSmall: number;
  documentsLarge: number;
  /** `(countLarge - countSmall) / (documentsLarge - documentsSmall)`; `null` when the document counts are equal. */
  addedPerDocument: number | null;
}

export interface GateCheck {
  name: CheckName;
  /** The case id (`no-filter@60`), or the filter case for `v2-constant`. */
  subject: string;
  status: CheckStatus;
  /** One line, self-sufficient: what was checked, what was found. */
  message: string;
  /** Further lines (first differences, fingerprints), for failures and notes. */
  details: string[];
  /** For `v2-constant`: the fingerprints that grew, most per document first. */
  growth?: FingerprintGrowth[];
}

export interface GateReport {
  version: 1;
  /** `pass` when no check failed (notes allowed). */
  verdict: 'pass' | 'fail';
  seed: number;
  seededSizes: number[];
  /** Whether the run checked budgets (false with `--update-budgets`). */
  budgetsChecked: boolean;
  serverVersion: string;
  cases: CaseMeasurement[];
  checks: GateCheck[];
  durationMs: number;
}
