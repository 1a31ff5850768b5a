/**
 * `reports/<run-id>/results.json`: everything a bench run measured, the single source from which
 * `report.md` and the charts are rendered (`hfc-bench report <dir>` re-renders from it alone).
 *
 * Versioned: a change that removes or re-types a field bumps `RESULTS_VERSION`; the JSON Schema beside this
 * file (`bench-results.schema.json`) describes the current version and the tests validate real runs against it.
 * Units are in the field names; times are milliseconds measured with `performance.now()` in the harness
 * process (so they include the client side: network, parsing, the sheet builders).
 */
export const RESULTS_VERSION = 1;

export type IndexState = 'schema' | 'proposed-indexes';
/** `v1` the plan's premise (no prefetch), `v1-orm` production (Odoo's ORM), `v2` the candidate. */
export type CollectorId = 'v1' | 'v1-orm' | 'v2';

export interface BenchResults {
  version: typeof RESULTS_VERSION;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The command line, as typed after `hfc-bench` (no secrets: URLs are redacted). */
  argv: string[];
  options: BenchOptionsRecord;
  environment: EnvironmentRecord;
  /** One per (scenario, index state). */
  cases: CaseResult[];
  /** The index migration's up/down round trip and what it found. */
  indexMigration: IndexMigrationRecord | null;
  /** EXPLAIN (ANALYZE, BUFFERS) of the distinct v2 fingerprints and the heaviest v1 ones, per index state. */
  plans: PlanRecord[];
  /** `--rtt-ms`: the same export with a real delay per round trip, to check the projection. */
  latencyChecks: LatencyCheck[];
  /** Harness-level problems that did not stop the run (a failed scenario is in its case instead). */
  warnings: string[];
  /** The light index evaluation run on one case's database (`indexes.md` beside the report), if any. */
  indexEvaluation?: IndexEvaluationLink | null;
}

/** Where the bench's index evaluation is, and its verdicts in brief. */
export interface IndexEvaluationLink {
  /** `indexes.md`, relative to the run folder. */
  reportFile: string;
  /** Its data (`index-evaluation.json`), relative to the run folder. */
  dataFile: string;
  scenario: string;
  seededDocuments: number;
  verdicts: { index: string; verdict: string; headline: string }[];
  /** Set when the evaluation failed; the bench goes on without it. */
  error?: string;
}

export interface BenchOptionsRecord {
  seed: number;
  quick: boolean;
  scenarios: string[];
  sizes: number[] | null;
  /** Round-trip times used for the latency projection. */
  projectionRttMs: number[];
  rttMs: number | null;
  /** Interleaved timing: each case gets `budgetMsPerCase / (v1 + v2 time)` rounds, within these bounds. */
  timing: { budgetMsPerCase: number; minRounds: number; maxRounds: number };
}

export interface EnvironmentRecord {
  postgres: {
    version: string;
    versionNum: number;
    kind: 'embedded' | 'external';
    server: string;
    ctype: string;
  };
  node: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  memoryBytes: number;
  /** Exact versions of the packages that matter for the figures. */
  packages: Record<string, string>;
}

export interface CaseResult {
  scenario: string;
  description: string;
  /** The filter object as posted (snake_case keys, as the front end sends it). */
  filters: Record<string, unknown>;
  /** Exported documents the scenario asked for. */
  targetDocuments: number;
  /** Documents seeded to reach it (re-extractions collapse; filters select). */
  seededDocuments: number;
  indexState: IndexState;
  /**
   * `failed`: the case exported no workbook. Either the harness could not measure it (then `equivalent` is
   * null), or both collectors failed with the same contract error, such as the `hs_code` filter (then
   * `equivalent` is true and the collectors' records hold their round trips up to the failure).
   */
  status: 'ok' | 'failed';
  /** Why the case failed: the harness error, or the contract error both collectors raised. */
  error?: { name: string; message: string };
  /** v1 and v2 gave identical sheets, or failed with the same contract error; null if not measured. */
  equivalent: boolean | null;
  /** First differences when not equivalent (sheet, row, column, both values). */
  differences?: {
    count: number;
    first: { sheet: string; row: number; column: string | null; v1: unknown; v2: unknown; reason: string }[];
  };
  /** Description of a differing outcome (e.g. v1 exported, v2 failed). */
  outcomeDifference?: string;
  collectors: Partial<Record<CollectorId, CollectorRecord>>;
}

export interface CollectorRecord {
  outcome: 'exported' | 'failed';
  /** The contract error when `outcome` is failed (NoDocumentsError, HsCodeFilterError). */
  errorName?: string;
  exportedDocuments: number;
  matchingDocuments: number;
  /** Exact round trips of one export. */
  queryCount: number;
  /** Every distinct fingerprint of one export, most issued first. */
  fingerprints: {
    id: string;
    fingerprint: string;
    count: number;
    rows: number;
    durationMs: number;
    labels: string[];
  }[];
  nPlusOne: {
    fingerprintId: string;
    fingerprint: string;
    label: string;
    count: number;
    perDocument: number;
  }[];
  /** Timing over interleaved rounds (see the runner); null when the outcome is a failure or timing was skipped. */
  timing: TimingRecord | null;
  /** `timing.meanMs + queryCount × r` for each projected round-trip time r. */
  projectedMs: { rttMs: number; ms: number }[];
}

export interface TimingRecord {
  samples: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  sdMs: number;
  /** Relative margin of error, percent (95 % confidence, Student t). */
  rme: number;
}

export interface IndexMigrationRecord {
  /** The indexes the migration creates: name, table, definition as the catalog reports it after up. */
  indexes: { name: string; table: string; definition: string; sizeBytes: number }[];
  upMs: number;
  downMs: number;
  /** down restored exactly the catalog before up. */
  roundTripIdentical: boolean;
  differences: string[];
  /** Indexes left INVALID (a failed concurrent build), by name. */
  invalidIndexes: string[];
  /** Documents in the database when the index sizes were read (the plan's size estimate is for 10,000). */
  seededDocuments?: number;
}

export interface PlanRecord {
  scenario: string;
  targetDocuments: number;
  indexState: IndexState;
  collector: CollectorId;
  fingerprintId: string;
  fingerprint: string;
  /** Times the export issued it (the plan is of one representative call). */
  calls: number;
  planningMs: number;
  executionMs: number;
  indexesUsed: string[];
  seqScans: { relation: string; actualRows: number }[];
  /** Top plan node: estimated versus actual rows. */
  estimatedRows: number;
  actualRows: number;
  sharedHitBlocks: number;
  sharedReadBlocks: number;
  nodeTypes: string[];
  /** Path of the raw EXPLAIN JSON, relative to the report folder. */
  rawFile: string;
  error?: string;
}

export interface LatencyCheck {
  scenario: string;
  targetDocuments: number;
  indexState: IndexState;
  collector: CollectorId;
  rttMs: number;
  queryCount: number;
  /** Mean time with no added delay (from the case's timing). */
  baseMeanMs: number;
  projectedMs: number;
  /** Mean time measured with the delay really applied to every round trip. */
  measuredMs: number;
  /** The delay each round trip really waited, on average (at least `rttMs`; timers overshoot a little). */
  meanDelayMs?: number;
  samples: number;
}
