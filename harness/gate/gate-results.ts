import type { Difference } from '../compare/equivalence.ts';
import type { CollectorId } from '../results/collector-id.ts';

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

/** One collector's rows against the reference's (the premise) on one case. */
export interface EquivalenceMeasurement {
  collector: CollectorId;
  equivalent: boolean;
  /** Differing cells and rows, all counted. */
  differenceCount: number;
  /** The first differences, in sheet, row, column order. */
  differences: Difference[];
  /** A person's reading of the comparison (first line: verdict). */
  equivalenceText: string[];
}

/** Every collector of the registry on one case, and how each compares with the reference. */
export interface CaseMeasurement {
  caseId: string;
  filterCase: string;
  seededDocuments: number;
  /** Exported documents (the reference's count, else the first that exported; 0 when none exported). */
  exportedDocuments: number;
  /** By collector id, in registry order. */
  collectors: Partial<Record<CollectorId, CollectorMeasurement>>;
  /** The collector the others are compared with (the premise, v1). */
  reference: CollectorId;
  /** Each other collector against the reference, in registry order. */
  comparisons: EquivalenceMeasurement[];
  /** Every comparison equivalent. */
  equivalent: boolean;
}

export type CheckStatus = 'pass' | 'fail' | 'note';
/**
 * `equivalence` (per case and compared collector), `<id>-budget` (per case and pinned collector), `record`
 * (per case: the recorded collectors and the exported documents), `<id>-constant` (per filter case and
 * pinned collector).
 */
export type CheckName = 'equivalence' | 'record' | `${CollectorId}-budget` | `${CollectorId}-constant`;

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
  /** The collector checked (`equivalence`: the one compared with the reference); none for `record`. */
  collector?: CollectorId;
  /** The case id (`no-filter@60`), or the filter case for `<id>-constant`. */
  subject: string;
  status: CheckStatus;
  /** One line, self-sufficient: what was checked, what was found. */
  message: string;
  /** Further lines (first differences, fingerprints), for failures and notes. */
  details: string[];
  /** For `<id>-constant`: the fingerprints that grew, most per document first. */
  growth?: FingerprintGrowth[];
}

/** Version of the gate's JSON report (`--json`); 2: collectors by id, pinned and recorded by role. */
export const GATE_REPORT_VERSION = 2;

export interface GateReport {
  version: typeof GATE_REPORT_VERSION;
  /** `pass` when no check failed (notes allowed). */
  verdict: 'pass' | 'fail';
  seed: number;
  seededSizes: number[];
  /** Whether the run checked budgets (false with `--update-budgets`). */
  budgetsChecked: boolean;
  /** Collectors whose round trips are pinned (more fail the gate), and those only recorded. */
  pinned: CollectorId[];
  recorded: CollectorId[];
  serverVersion: string;
  cases: CaseMeasurement[];
  checks: GateCheck[];
  durationMs: number;
}
