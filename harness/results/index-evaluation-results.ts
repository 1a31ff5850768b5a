import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';

/**
 * Version of the index evaluation's own `results.json` format (`index-evaluation.schema.json`). Version 2: one
 * evaluation per data size (`sizes`); every with/without comparison keeps its raw samples and is a ratio of
 * medians with a 95 % bootstrap interval and a verdict; each query's plan time comes from repeated EXPLAIN
 * ANALYZE executions.
 */
export const INDEX_EVALUATION_VERSION = 2;

/** Where the evaluation's data goes inside a bench run folder, whose `results.json` is the bench's own. */
export const INDEX_EVALUATION_FILE = 'index-evaluation.json';

/** An existing index that makes a proposed one redundant. */
export interface Coverage {
  /** The covering index. */
  index: string;
  /** Its key, e.g. `(document_id, activity_field_id)`. */
  key: string;
  /** `equal`: same key; `prefix`: the proposed key is a leading prefix of the covering key. */
  relation: 'equal' | 'prefix';
  /** `primary key`, `unique constraint <name>`, or `index`. */
  kind: string;
}

/** An index to evaluate: one the plan proposes, or an alternative the harness measures next to them. */
export interface IndexCandidate {
  name: string;
  table: string;
  /** Access method: `btree` (the plan's indexes), `gin` (trigram alternatives). */
  method: string;
  /** The SQL between the parentheses of `CREATE INDEX ... USING method (...)`. */
  columns: string;
  /** Partial index predicate, or `null`. */
  predicate: string | null;
  role: 'proposed' | 'alternative';
  /** Where the plan (or the harness) proposes it. */
  source: string;
  rationale: string;
  /** For a proposed index: where the harness departs from the plan's text. */
  correction: string | null;
  knownOverlap: string | null;
  /** For an alternative: the proposed indexes it would replace (`[]` for an addition). */
  alternativeFor: string[];
  /** The extension it needs (`pg_trgm`), created in the throwaway database only. */
  extension: string | null;
}

/** What one `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` showed, in short. */
export interface PlanBrief {
  executionMs: number;
  planningMs: number;
  /** The top node's `Total Cost` (the planner's estimate). */
  totalCost: number;
  nodeTypes: string[];
  indexesUsed: string[];
  /** Tables read by a Seq Scan. */
  seqScans: string[];
  /** Rows the top node produced (`Actual Rows` x loops), when known. */
  actualRows?: number;
  /** Planned with `EXPLAIN` only, not executed: the times are 0 and there are no rows. */
  notExecuted?: boolean;
  /** Set when the EXPLAIN failed; the other fields are then zeros and empty lists. */
  error?: string;
}

/** One query the evaluation measures, taken from a real export's counting-client log. */
export interface BenchmarkQuery {
  /** `<filter case>/<source>/<fingerprint id>`. */
  id: string;
  /** The collector whose export sent it (`v1`, `v1-orm`, `v2`, ...), or `partner-lookup`. */
  source: string;
  filterCase: string;
  fingerprintId: string;
  fingerprint: string;
  /** Calls of this fingerprint in the export it comes from (1 for the partner lookup). */
  calls: number;
  /** The tables it reads that the candidates index. */
  tables: string[];
  sql: string;
  params: unknown[];
}

/** Samples of one side of a comparison, in short: how many, their median and their range. */
export interface SampleRange {
  samples: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * The statistics of a with/without comparison, as `harness/timing/ratio-comparison.ts` computes them (kept as
 * plain data here, below the timing layer): ratio = median(with) / median(without), below 1 the index saves time.
 */
export interface RatioComparisonRecord {
  ratio: number;
  /** 95 % interval of the ratio; `null` with too few samples. */
  low: number | null;
  high: number | null;
  verdict: 'faster' | 'slower' | 'no detectable difference' | 'too few samples';
  baselineSamples: number;
  candidateSamples: number;
  noiseThreshold: number;
  method: string;
}

/**
 * One with/without comparison, interleaved: the same statement with the index, and in a transaction that dropped
 * it. The raw samples are kept; `comparison.verdict` `faster` means faster **with** the index.
 */
export interface WithWithoutComparison {
  /** Raw samples with the index, ms, in the order taken. */
  withMs: number[];
  withoutMs: number[];
  with: SampleRange;
  without: SampleRange;
  comparison: RatioComparisonRecord;
}

/** A query's plan and time with and without one candidate. */
export interface QueryEffect {
  queryId: string;
  /** The plan with the index reads it (Index Scan, Index Only Scan or Bitmap Index Scan). */
  usesIndex: boolean;
  /** The plan with the index differs from the plan without it (node types or indexes read). */
  planChanged: boolean;
  /** The first EXPLAIN ANALYZE on each side. */
  with: PlanBrief;
  without: PlanBrief;
  /**
   * Server execution time (EXPLAIN ANALYZE `Execution Time`) from repeated executions on each side, when the plan
   * uses the index or changed; `null` when both sides ran the same plan (no effect to measure).
   */
  planTimes: WithWithoutComparison | null;
  /** Round trip timed by the client, for the queries whose plan uses the index and whose result is small. */
  timing: WithWithoutComparison | null;
  /** Why a query using the index has no client timing (its result is too large to fetch), else `null`. */
  timingSkipped: string | null;
}

/** Whether an index can serve a filter operator the export uses on its column. */
export interface OperatorFitFinding {
  /** The export filter key, e.g. `organization_code`. */
  filterKey: string;
  /** `res_partner.business_id`. */
  column: string;
  /** The SQL the filter runs, e.g. `business_id ILIKE '%' || $1 || '%'`. */
  operator: string;
  served: boolean;
  reason: string;
  /** EXPLAIN ANALYZE of the filter query with `FORCING_SETTINGS` off (`operator-fit.ts`); `null` when not run. */
  proof: { queryId: string; usesIndex: boolean; plan: PlanBrief } | null;
}

/** HypoPG's estimate for one query, next to what was measured. */
export interface HypopgEstimate {
  queryId: string;
  costWithout: number;
  costWith: number;
  usesIndex: boolean;
}

/** `undecided`: the candidate was not measured (skipped or failed). */
export type VerdictKind = 'keep' | 'drop' | 'replace' | 'undecided';

export interface IndexVerdict {
  kind: VerdictKind;
  /** For `replace`: the alternative to build instead. */
  replacement: string | null;
  /** The verdict's main reason in a few words, for summaries. */
  headline: string;
  reasons: string[];
}

/** Everything measured for one candidate. */
export interface CandidateEvaluation {
  candidate: IndexCandidate;
  /** `skipped`: not built (e.g. its extension is not available); `failed`: the build or a measurement failed. */
  status: 'measured' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  error: string | null;
  /** The statement that built it. */
  createSql: string;
  /** `pg_get_indexdef` of the built index. */
  catalogDefinition: string | null;
  /** `CREATE INDEX CONCURRENTLY` alone. */
  buildMs: number | null;
  /** `ANALYZE` of the table after the build (separate: not part of the build). */
  analyzeMs: number | null;
  /** `pg_relation_size`. */
  sizeBytes: number | null;
  redundancy: Coverage[];
  operatorFit: OperatorFitFinding[];
  /** Every benchmark query that reads the candidate's table. */
  queries: QueryEffect[];
  /** `pg_stat_user_indexes.idx_scan` gained over one run of every filter case's exports (v1 and v2). */
  scans: number | null;
  /** Insert of one document with its child rows, with and without the index (ratio with / without). */
  writeCost: WithWithoutComparison | null;
  /** `null` when HypoPG is not available. */
  hypopg: HypopgEstimate[] | null;
  verdict: IndexVerdict;
}

/** One finding of the migration safety check (H12's `harness/migration-safety.ts`). */
export interface MigrationSafetyRecord {
  migration: string;
  rule: string;
  severity: 'ok' | 'unsafe';
  statement?: string;
  message: string;
}

/** The evaluation at one data size: everything measured on one seeded database. */
export interface IndexSizeEvaluation {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  options: {
    seed: number | null;
    /** Target of exported documents (no filter, all states), when the command seeded the database. */
    documents: number | null;
    timeBudgetMs: number;
    writeSamples: number;
    /** EXPLAIN ANALYZE executions per side of each query whose plan the index changes. */
    planRepeats: number;
    /** The organisation code searched by the filter cases (a real infix of a seeded business_id). */
    organizationCode: string;
    organizationSearch: string;
    /**
     * Where the benchmark queries come from: `null` when this size ran the exports to collect them; else the
     * documents of the smaller size whose exports they were collected at (same SQL and parameters).
     */
    queriesFromDocuments: number | null;
    /** The collectors whose exports the `idx_scan` count ran (empty when scans were not counted). */
    scanCollectors: string[];
  };
  environment: {
    serverVersion: string;
    serverVersionNum: number;
    /** Rows of the tables the candidates index, and of document_extraction's child tables. */
    tableRows: Record<string, number>;
    /** `pg_database_size` of the evaluated database when the evaluation started. */
    databaseSizeBytes: number;
  };
  /** What exactly one write-cost sample inserts. */
  writeWorkload: string;
  filterCases: {
    id: string;
    filters: Record<string, unknown>;
    exportedDocuments: number | null;
    /** Statements each registered collector sent, by collector name (`null`: it did not run). */
    queries: Record<string, number | null>;
    error: string | null;
  }[];
  queries: BenchmarkQuery[];
  /** The indexes the schema has before any candidate is built. */
  existingIndexes: { name: string; table: string; definition: string }[];
  extensions: { name: string; available: boolean; reason: string }[];
  hypopg: { available: boolean; reason: string };
  migrationSafety: { available: boolean; reason: string; findings: MigrationSafetyRecord[] };
  candidates: CandidateEvaluation[];
  warnings: string[];
}

/** The index evaluation's `results.json`: one evaluation per data size, smallest first. */
export interface IndexEvaluationResults {
  kind: 'index-evaluation';
  version: typeof INDEX_EVALUATION_VERSION;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  argv: string[];
  sizes: IndexSizeEvaluation[];
}

const schemaPath = new URL('./index-evaluation.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validateSchema = ajv.compile(schema);

/** Checks a parsed file against `index-evaluation.schema.json`; never throws. */
export function validateIndexEvaluation(json: unknown): { valid: boolean; errors: string[] } {
  if (validateSchema(json)) return { valid: true, errors: [] };
  return { valid: false, errors: (validateSchema.errors ?? []).map(briefSchemaError) };
}

function briefSchemaError(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`;
}

/**
 * Reads and validates an index evaluation file (`results.json` of an `indexes` run, or `index-evaluation.json`
 * inside a bench run folder).
 *
 * @throws Error naming the file and its first problems.
 */
export async function readIndexEvaluation(file: string): Promise<IndexEvaluationResults> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the index evaluation ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const result = validateIndexEvaluation(json);
  if (!result.valid) {
    throw new Error(
      `${path.basename(file)} is not an index evaluation of version ${INDEX_EVALUATION_VERSION}: ` +
        `${result.errors.slice(0, 5).join('; ')}${result.errors.length > 5 ? `; and ${result.errors.length - 5} more` : ''}`,
    );
  }
  return json as IndexEvaluationResults;
}
