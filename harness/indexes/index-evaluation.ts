import type pg from 'pg';
import { collectBenchmarkQueries } from './benchmark-queries.ts';
import { decideVerdict } from './decide-verdict.ts';
import { evaluateCandidate } from './evaluate-candidate.ts';
import { defaultFilterCases, organizationSearchValues, type FilterCase } from './filter-cases.ts';
import { hypopgStatus } from './hypopg-estimates.ts';
import type {
  CandidateEvaluation,
  IndexCandidate,
  IndexSizeEvaluation,
} from '../results/index-evaluation-results.ts';
import { readTableIndexes } from './index-redundancy.ts';
import { currentIndexState, moveToIndexState } from '../schema/index-states.ts';
import { checkProposedIndexMigration } from './migration-safety.ts';
import { ALTERNATIVE_INDEXES, ensureExtension } from './operator-fit.ts';
import { CANDIDATE_CHILD_TABLES, candidateTables, PROPOSED_CANDIDATES } from './proposed-candidates.ts';
import { SCAN_COLLECTORS } from './index-scans.ts';
import { DEFAULT_PLAN_REPEATS } from './plan-times.ts';
import { rateLine } from './rate-line.ts';
import { DEFAULT_WRITE_SAMPLES, WRITE_WORKLOAD, writeWorkloadParams } from './write-cost.ts';
import { errorMessage } from '../core/error-message.ts';

// The evaluation's parts live in their own files; their names stay importable from here, where the command,
// the report and the tests import them.
export { compareWithWithout } from './compare-with-without.ts';
export { decideVerdict, KEEP_MIN_SAVING_PCT, MAX_WRITE_COST_RATIO } from './decide-verdict.ts';
export { DEFAULT_PLAN_REPEATS } from './plan-times.ts';
export { explainBrief } from '../explain/explain-brief.ts';
export { defaultFilterCases, type FilterCase } from './filter-cases.ts';
export { indexScans } from './index-scans.ts';
export { PROPOSED_CANDIDATES } from './proposed-candidates.ts';
export { DEFAULT_WRITE_SAMPLES, WRITE_WORKLOAD, WRITE_WORKLOAD_SQL } from './write-cost.ts';

/** Default time spent on with/without timings (reads and writes) over all candidates. */
export const DEFAULT_TIME_BUDGET_MS = 20_000;

/** Options of {@link evaluateIndexes}. */
export interface IndexEvaluationOptions {
  /** Time for the with/without timings, over all candidates (default {@link DEFAULT_TIME_BUDGET_MS}). */
  timeBudgetMs?: number;
  /** Write-cost samples per side (default {@link DEFAULT_WRITE_SAMPLES}). */
  writeSamples?: number;
  /** Default: the plan's six indexes, then the alternatives. */
  candidates?: readonly IndexCandidate[];
  /** Default: {@link defaultFilterCases} with a code and a name word taken from the data. */
  filterCases?: readonly FilterCase[];
  /** Skip the pass of every export that counts `idx_scan` (the slowest part at large sizes). */
  skipScans?: boolean;
  /** EXPLAIN ANALYZE executions per side of each query whose plan a candidate changes (default 5). */
  planRepeats?: number;
  /**
   * Measure the benchmark queries of an evaluation at a smaller size (same SQL and parameters, same filter cases)
   * instead of running every export here: at a million documents the exports themselves (v1's one round trip per
   * record, v2's whole result in memory) would take most of the time and memory. The `idx_scan` pass, which runs
   * the exports, is then skipped too.
   */
  queriesFrom?: IndexSizeEvaluation;
  seed?: number | null;
  documents?: number | null;
  progress?: (line: string) => void;
}

/**
 * Evaluates every candidate index on a seeded database in the "schema" index state (moved there if it is in
 * "proposed-indexes"), one candidate at a time, all in the same run:
 *
 * 1. the export of every filter case runs once under the counting client, with every registered collector;
 *    every distinct query
 *    that reads a candidate's table becomes a benchmark query, with the parameters it was sent with, plus the
 *    v1 partner lookups of the two organisation searches. With `queriesFrom` (a larger size), the queries of that
 *    smaller evaluation are measured instead and no export runs here;
 * 2. per candidate: HypoPG's estimate (when available) before anything is built; `CREATE INDEX CONCURRENTLY`
 *    (timed), `pg_relation_size`, `ANALYZE` of its table; redundancy against the schema's own indexes;
 *    operator fit, proved with sequential and plain index scans switched off; EXPLAIN ANALYZE of each benchmark
 *    query on its table with the index and without it, repeated `planRepeats` times a side when the plan uses the
 *    index or changes (`measurePlanTimes`); interleaved round-trip timings with and without it of the queries whose
 *    plan uses it and whose result is small; the `idx_scan` it gains over one run of every export; the write cost;
 *    then the index is dropped. Every with/without comparison is a ratio of medians with a 95 % bootstrap
 *    interval and a verdict (`compareWithWithout`).
 *
 * "Without" is measured in the same state by dropping the index inside a transaction that is rolled back
 * (`BEGIN; DROP INDEX ...; <statement>; ROLLBACK`): the planner then plans as if the index did not exist, and
 * the index is back afterwards without a rebuild, so with and without alternate sample by sample. Each
 * candidate is compared with the bare schema (never with another candidate present).
 *
 * Memory stays bounded at any size: no table is read into Node; results larger than `CLIENT_TIMING_MAX_ROWS`
 * are not fetched (EXPLAIN ANALYZE measures them on the server).
 *
 * The database ends in the state it started in, without any candidate index (pg_trgm stays created).
 */
export async function evaluateIndexes(
  client: pg.ClientBase,
  options: IndexEvaluationOptions = {},
): Promise<IndexSizeEvaluation> {
  const started = new Date();
  const startedMs = performance.now();
  const progress = options.progress ?? (() => undefined);
  const warnings: string[] = [];
  const candidates = options.candidates ?? [...PROPOSED_CANDIDATES, ...ALTERNATIVE_INDEXES];
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const writeSamples = options.writeSamples ?? DEFAULT_WRITE_SAMPLES;
  const planRepeats = options.planRepeats ?? DEFAULT_PLAN_REPEATS;
  const from = options.queriesFrom;
  const skipScans = (options.skipScans ?? false) || from !== undefined;

  const initialState = await currentIndexState(client);
  if (initialState !== 'schema') await moveToIndexState(client, 'schema');
  else await client.query('ANALYZE');
  const leftovers = (await readTableIndexes(client, candidateTables(candidates))).filter((i) =>
    candidates.some((c) => c.name === i.name),
  );
  if (leftovers.length > 0) {
    throw new Error(
      `evaluateIndexes: candidate indexes already exist: ${leftovers.map((i) => i.name).join(', ')}; ` +
        'evaluate a database in the "schema" state (drop them, or seed a fresh database).',
    );
  }

  const versionNum = Number(
    (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v ?? 0,
  );
  const serverVersion =
    (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  const databaseSize = await client.query<{ n: string }>(
    'SELECT pg_database_size(current_database())::text AS n',
  );
  const search =
    from === undefined
      ? await organizationSearchValues(client)
      : { code: from.options.organizationCode, word: from.options.organizationSearch };
  const filterCases = options.filterCases ?? defaultFilterCases(search.code, search.word);

  let collected: Pick<IndexSizeEvaluation, 'queries' | 'filterCases'>;
  if (from === undefined) {
    progress(
      `index evaluation: running the exports of ${filterCases.length} filter cases to collect their queries...`,
    );
    const found = await collectBenchmarkQueries(client, filterCases, candidateTables(candidates), search);
    collected = { queries: found.queries, filterCases: found.cases };
  } else {
    progress(
      `index evaluation: measuring the ${from.queries.length} queries collected at ${from.options.documents ?? '?'} documents`,
    );
    collected = {
      queries: from.queries,
      filterCases: from.filterCases.map((c) => ({
        ...c,
        exportedDocuments: null,
        queries: Object.fromEntries(Object.keys(c.queries).map((name) => [name, null])),
      })),
    };
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM res_partner WHERE business_id ILIKE '%' || $1 || '%'",
      [search.code],
    );
    if ((rows[0]?.n ?? 0) === 0) {
      warnings.push(
        `the organisation code ${search.code} taken at ${from.options.documents ?? '?'} documents matches no partner ` +
          'here: the organisation filter queries find nothing at this size',
      );
    }
  }
  const { queries, filterCases: cases } = collected;

  const extensions = [];
  for (const name of new Set(candidates.flatMap((c) => (c.extension === null ? [] : [c.extension])))) {
    extensions.push({ name, ...(await ensureExtension(client, name)) });
  }
  const existing = await readTableIndexes(client, candidateTables(candidates));
  const hypopg = await hypopgStatus(client).catch((error: unknown) => ({
    available: false,
    reason: errorMessage(error),
  }));
  const migrationSafety = await checkProposedIndexMigration(client).then(
    (findings) => ({ available: true, reason: 'checked', findings: findings }),
    (error: unknown) => ({ available: false, reason: errorMessage(error), findings: [] }),
  );
  const writeParams = await writeWorkloadParams(client);

  const perCandidateMs = timeBudgetMs / Math.max(1, candidates.length);
  const evaluations: CandidateEvaluation[] = [];
  const candidatesStartedMs = performance.now();
  for (const [i, candidate] of candidates.entries()) {
    progress(
      `[${i + 1}/${candidates.length}] ${candidate.name} (${rateLine(i, candidates.length, performance.now() - candidatesStartedMs, 'indexes done')})`,
    );
    const extension = extensions.find((e) => e.name === candidate.extension);
    const evaluation = await evaluateCandidate(client, {
      candidate,
      existing,
      queries,
      filterCases,
      readBudgetMs: perCandidateMs * 0.75,
      writeSamples,
      writeParams,
      versionNum,
      hypopg: hypopg.available,
      skipScans,
      planRepeats,
      progress,
      unavailable: extension !== undefined && !extension.available ? extension.reason : null,
    });
    if (evaluation.error !== null) warnings.push(`${candidate.name}: ${evaluation.error}`);
    evaluations.push(evaluation);
  }
  for (const evaluation of evaluations) evaluation.verdict = decideVerdict(evaluation, evaluations);

  const tableRows: Record<string, number> = {};
  for (const table of [...candidateTables(candidates), ...CANDIDATE_CHILD_TABLES]) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    tableRows[table] = rows[0]?.n ?? 0;
  }
  if (initialState !== 'schema') await moveToIndexState(client, initialState);

  const finished = new Date();
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: performance.now() - startedMs,
    options: {
      seed: options.seed ?? null,
      documents: options.documents ?? null,
      timeBudgetMs,
      writeSamples,
      planRepeats,
      organizationCode: search.code,
      organizationSearch: search.word,
      queriesFromDocuments: from === undefined ? null : (from.options.documents ?? 0),
      scanCollectors: skipScans ? [] : [...SCAN_COLLECTORS],
    },
    environment: {
      serverVersion,
      serverVersionNum: versionNum,
      tableRows,
      databaseSizeBytes: Number(databaseSize.rows[0]?.n ?? 0),
    },
    writeWorkload: WRITE_WORKLOAD,
    filterCases: cases,
    queries,
    existingIndexes: existing.map((i) => ({ name: i.name, table: i.table, definition: i.definition })),
    extensions,
    hypopg,
    migrationSafety,
    candidates: evaluations,
    warnings,
  };
}
