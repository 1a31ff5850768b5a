import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { partnerLookupSql } from '../src/document-filter-sql.ts';
import { parseExportFilters } from '../src/export-filters.ts';
import type { Queryable } from '../src/queryable.ts';
import { runCollector } from './compare-collectors.ts';
import { assertSelectStatement, explainAnalyze, pickPlanTargets } from './explain-queries.ts';
import type {
  BenchmarkQuery,
  CandidateEvaluation,
  IndexCandidate,
  IndexEvaluationResults,
  IndexVerdict,
  PlanBrief,
  QueryEffect,
  WithWithoutTiming,
} from './index-evaluation-results.ts';
import { INDEX_EVALUATION_VERSION } from './index-evaluation-results.ts';
import { findCoveringIndexes, readTableIndexes, type IndexDescriptor } from './index-redundancy.ts';
import { currentIndexState, moveToIndexState, PROPOSED_INDEXES } from './index-states.ts';
import { estimateWithHypotheticalIndex, hypopgStatus } from './hypopg-estimates.ts';
import { checkProposedIndexMigration } from './migration-safety.ts';
import {
  ALTERNATIVE_INDEXES,
  createIndexSql,
  ensureExtension,
  operatorFit,
  proveOperatorFit,
} from './operator-fit.ts';
import { summarizePlan } from './plan-summary.ts';
import { timingStatistics } from './timing-statistics.ts';

/** A query saving at least this share of its time (and beyond the noise) makes a used index worth keeping. */
export const KEEP_MIN_SAVING_PCT = 10;
/** A kept index may make the document insert at most this many times slower. */
export const MAX_WRITE_COST_RATIO = 1.5;
/** Default time spent on with/without timings (reads and writes) over all candidates. */
export const DEFAULT_TIME_BUDGET_MS = 20_000;
/** Default write-cost samples per side and candidate. */
export const DEFAULT_WRITE_SAMPLES = 50;

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

/** A filter case whose real export queries are benchmarked. */
export interface FilterCase {
  id: string;
  filters: Record<string, unknown>;
}

/**
 * The filter cases (issue 5): no filter (the backend default, completed documents), a year filter, the
 * activity-field filter, the organisation code alone, and all filters together. The organisation code and
 * name are real infixes of a seeded partner, long enough (3 characters or more) for a trigram index to apply.
 */
export function defaultFilterCases(organizationCode: string, organizationSearch: string): FilterCase[] {
  return [
    { id: 'no-filter', filters: {} },
    { id: 'year', filters: { year_from: 2022 } },
    { id: 'activity', filters: { activity_field_ids: [1, 2] } },
    { id: 'organization-code', filters: { organization_code: organizationCode } },
    {
      id: 'all-filters',
      filters: {
        organization_search: organizationSearch,
        organization_code: organizationCode,
        substance_name: 'HFC',
        activity_field_ids: [1, 2, 3, 4, 5, 6, 7, 8],
        year_from: 2019,
        year_to: 2025,
        status: ['draft', 'validated', 'completed'],
      },
    },
  ];
}

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
  runId?: string;
  argv?: string[];
  seed?: number | null;
  documents?: number | null;
  progress?: (line: string) => void;
}

/** What one write-cost sample inserts; the statement is {@link WRITE_WORKLOAD_SQL}. */
export const WRITE_WORKLOAD =
  'one statement, in a transaction that is rolled back: 1 new partner (organisation), 1 completed document of ' +
  'form 01 for it, 30 child rows (8 substance_usage, 8 equipment_product, 8 equipment_ownership, ' +
  '6 collection_recycling) and 3 activity-field links';

/**
 * The write-cost statement: one round trip, so network time does not drown the index maintenance. `$1` makes
 * the partner's code unique, `$2` a substance id, `$3` an equipment type id, `$4` three activity field ids.
 */
export const WRITE_WORKLOAD_SQL = `WITH p AS (
  INSERT INTO res_partner (create_date, write_date, name, active, is_company, business_id)
  VALUES (now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'Write cost probe ' || $1::text, TRUE, TRUE, 'WC' || $1::text)
  RETURNING id, name, business_id
), d AS (
  INSERT INTO document_extraction (create_date, write_date, name, document_type, year, state, source,
                                   organization_id, organization_name, business_id)
  SELECT now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'probe ' || p.business_id, '01', 2024, 'completed',
         'from_user_upload', p.id, p.name, p.business_id FROM p
  RETURNING id
), su AS (
  INSERT INTO substance_usage (create_date, document_id, sequence, usage_type, substance_id, year_1_quantity_kg)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, 'production', $2::int, g * 1.5 FROM d, generate_series(1, 8) AS g
), ep AS (
  INSERT INTO equipment_product (create_date, document_id, sequence, equipment_type_id, substance_id, quantity)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, $3::int, $2::int, g FROM d, generate_series(1, 8) AS g
), eo AS (
  INSERT INTO equipment_ownership (create_date, document_id, sequence, equipment_type_id, substance_id, start_year,
                                   equipment_quantity)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, $3::int, $2::int, 2015 + g, g FROM d, generate_series(1, 8) AS g
), cr AS (
  INSERT INTO collection_recycling (create_date, document_id, sequence, activity_type, substance_id, quantity_kg)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, 'collection', $2::int, g * 2.5 FROM d, generate_series(1, 6) AS g
)
INSERT INTO document_extraction_activity_field_rel (document_id, activity_field_id)
SELECT d.id, a FROM d, unnest($4::int[]) AS a`;

const CANDIDATE_CHILD_TABLES = [
  'substance_usage',
  'equipment_product',
  'equipment_ownership',
  'collection_recycling',
  'quota_usage',
  'equipment_product_report',
  'equipment_ownership_report',
  'collection_recycling_report',
];

/**
 * Evaluates every candidate index on a seeded database in the "schema" index state (moved there if it is in
 * "proposed-indexes"), one candidate at a time, all in the same run:
 *
 * 1. the export of every filter case runs once under the counting client (v1 and v2); every distinct query
 *    that reads a candidate's table becomes a benchmark query, with the parameters it was sent with, plus the
 *    v1 partner lookups of the two organisation searches;
 * 2. per candidate: HypoPG's estimate (when available) before anything is built; `CREATE INDEX CONCURRENTLY`
 *    (timed), `pg_relation_size`, `ANALYZE` of its table; redundancy against the schema's own indexes;
 *    operator fit, proved with sequential and plain index scans switched off; EXPLAIN ANALYZE of each benchmark query on its table
 *    with the index and without it; interleaved timings with and without it of the queries whose plan uses
 *    it; the `idx_scan` it gains over one run of every export; the write cost; then the index is dropped.
 *
 * "Without" is measured in the same state by dropping the index inside a transaction that is rolled back
 * (`BEGIN; DROP INDEX ...; <statement>; ROLLBACK`): the planner then plans as if the index did not exist, and
 * the index is back afterwards without a rebuild, so with and without alternate sample by sample. Each
 * candidate is compared with the bare schema (never with another candidate present).
 *
 * The database ends in the state it started in, without any candidate index (pg_trgm stays created).
 */
export async function evaluateIndexes(
  client: pg.ClientBase,
  options: IndexEvaluationOptions = {},
): Promise<IndexEvaluationResults> {
  const started = new Date();
  const startedMs = performance.now();
  const progress = options.progress ?? (() => undefined);
  const warnings: string[] = [];
  const candidates = options.candidates ?? [...PROPOSED_CANDIDATES, ...ALTERNATIVE_INDEXES];
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const writeSamples = options.writeSamples ?? DEFAULT_WRITE_SAMPLES;

  const initialState = await currentIndexState(client);
  if (initialState !== 'schema') await moveToIndexState(client, 'schema');
  else await client.query('ANALYZE');
  const leftovers = (await readTableIndexes(client, uniqueTables(candidates))).filter((i) =>
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
  const search = await searchValues(client);
  const filterCases = options.filterCases ?? defaultFilterCases(search.code, search.word);

  progress(
    `index evaluation: running the exports of ${filterCases.length} filter cases to collect their queries...`,
  );
  const { queries, cases } = await collectBenchmarkQueries(
    client,
    filterCases,
    uniqueTables(candidates),
    search,
  );

  const extensions = [];
  for (const name of new Set(candidates.flatMap((c) => (c.extension === null ? [] : [c.extension])))) {
    extensions.push({ name, ...(await ensureExtension(client, name)) });
  }
  const existing = await readTableIndexes(client, uniqueTables(candidates));
  const hypopg = await hypopgStatus(client).catch((error: unknown) => ({
    available: false,
    reason: messageOf(error),
  }));
  const migrationSafety = await checkProposedIndexMigration(client).then(
    (findings) => ({ available: true, reason: 'checked', findings: findings }),
    (error: unknown) => ({ available: false, reason: messageOf(error), findings: [] }),
  );
  const writeParams = await writeWorkloadParams(client);

  const perCandidateMs = timeBudgetMs / Math.max(1, candidates.length);
  const evaluations: CandidateEvaluation[] = [];
  for (const [i, candidate] of candidates.entries()) {
    progress(`[${i + 1}/${candidates.length}] ${candidate.name}...`);
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
      skipScans: options.skipScans ?? false,
      unavailable: extension !== undefined && !extension.available ? extension.reason : null,
    });
    if (evaluation.error !== null) warnings.push(`${candidate.name}: ${evaluation.error}`);
    evaluations.push(evaluation);
  }
  for (const evaluation of evaluations) evaluation.verdict = decideVerdict(evaluation, evaluations);

  const tableRows: Record<string, number> = {};
  for (const table of [...uniqueTables(candidates), ...CANDIDATE_CHILD_TABLES]) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    tableRows[table] = rows[0]?.n ?? 0;
  }
  if (initialState !== 'schema') await moveToIndexState(client, initialState);

  const finished = new Date();
  return {
    kind: 'index-evaluation',
    version: INDEX_EVALUATION_VERSION,
    runId: options.runId ?? started.toISOString(),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: performance.now() - startedMs,
    argv: options.argv ?? [],
    options: {
      seed: options.seed ?? null,
      documents: options.documents ?? null,
      timeBudgetMs,
      writeSamples,
      organizationCode: search.code,
      organizationSearch: search.word,
    },
    environment: { serverVersion, serverVersionNum: versionNum, tableRows },
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

function uniqueTables(candidates: readonly IndexCandidate[]): string[] {
  return [...new Set(candidates.map((c) => c.table))];
}

/**
 * A real organisation code infix (6 characters from the second one of the first active partner with documents)
 * and the longest word of that partner's name, so the "organisation" filter cases find documents.
 */
async function searchValues(q: Queryable): Promise<{ code: string; word: string }> {
  const { rows } = await q.query<{ business_id: string; name: string | null }>(
    `SELECT p.business_id, p.name FROM res_partner p
      WHERE p.active AND length(p.business_id) >= 8
        AND EXISTS (SELECT 1 FROM document_extraction d WHERE d.organization_id = p.id AND d.state = 'completed')
      ORDER BY p.id LIMIT 1`,
  );
  const row = rows[0];
  if (row === undefined) {
    throw new Error(
      'evaluateIndexes: no active partner with a business_id and a completed document; seed the database first',
    );
  }
  const words = (row.name ?? '').split(/\s+/).filter((w) => w.length >= 3);
  const word = words.reduce((best, w) => (w.length > best.length ? w : best), words[0] ?? 'TNHH');
  return { code: row.business_id.slice(1, 7), word };
}

async function collectBenchmarkQueries(
  client: pg.ClientBase,
  filterCases: readonly FilterCase[],
  tables: readonly string[],
  search: { code: string; word: string },
): Promise<{ queries: BenchmarkQuery[]; cases: IndexEvaluationResults['filterCases'] }> {
  const queries: BenchmarkQuery[] = [];
  const seen = new Set<string>();
  const cases: IndexEvaluationResults['filterCases'] = [];
  for (const filterCase of filterCases) {
    const filters = parseExportFilters(filterCase.filters);
    const record: IndexEvaluationResults['filterCases'][number] = {
      id: filterCase.id,
      filters: filterCase.filters,
      exportedDocuments: null,
      queries: { v1: null, v2: null },
      error: null,
    };
    for (const collector of ['v1', 'v2'] as const) {
      const outcome = await runCollector(client, collector, filters);
      if (outcome.kind === 'failed') {
        record.queries[collector] = outcome.queryCount;
        record.error = `${outcome.errorName}: ${outcome.error}`;
        continue;
      }
      record.queries[collector] = outcome.run.queryCount;
      record.exportedDocuments = outcome.run.documentCount;
      for (const target of pickPlanTargets(outcome.log, { collector, heaviestV1: Number.MAX_SAFE_INTEGER })) {
        const read = tablesRead(target.sql, tables);
        if (read.length === 0 || target.params === null || seen.has(target.fingerprintId)) continue;
        try {
          assertSelectStatement(target.sql);
        } catch {
          continue;
        }
        seen.add(target.fingerprintId);
        queries.push({
          id: `${filterCase.id}/${collector}/${target.fingerprintId}`,
          source: collector,
          filterCase: filterCase.id,
          fingerprintId: target.fingerprintId,
          fingerprint: target.fingerprint,
          calls: target.calls,
          tables: read,
          sql: target.sql,
          params: [...target.params],
        });
      }
    }
    cases.push(record);
  }
  // The partner lookups alone, as v1 sends them: the queries the operator-fit proofs explain.
  for (const [key, value] of [
    ['organization_code', search.code],
    ['organization_search', search.word],
  ] as const) {
    const lookup = partnerLookupSql(parseExportFilters({ [key]: value }), null);
    if (lookup === null) continue;
    queries.push({
      id: `partner-lookup/${key}`,
      source: 'partner-lookup',
      filterCase: key,
      fingerprintId: key,
      fingerprint: lookup.text,
      calls: 1,
      tables: ['res_partner'],
      sql: lookup.text,
      params: lookup.values,
    });
  }
  return { queries, cases };
}

function tablesRead(sql: string, tables: readonly string[]): string[] {
  return tables.filter((t) => new RegExp(`\\b${t}\\b`).test(sql));
}

interface CandidateContext {
  candidate: IndexCandidate;
  existing: readonly IndexDescriptor[];
  queries: readonly BenchmarkQuery[];
  filterCases: readonly FilterCase[];
  readBudgetMs: number;
  writeSamples: number;
  writeParams: unknown[];
  versionNum: number;
  /** HypoPG is available: estimate before building. */
  hypopg: boolean;
  skipScans: boolean;
  unavailable: string | null;
}

const UNDECIDED: IndexVerdict = {
  kind: 'undecided',
  replacement: null,
  headline: 'not decided yet',
  reasons: [],
};

async function evaluateCandidate(
  client: pg.ClientBase,
  context: CandidateContext,
): Promise<CandidateEvaluation> {
  const { candidate } = context;
  const evaluation: CandidateEvaluation = {
    candidate,
    status: 'measured',
    error: null,
    createSql: createIndexSql(candidate),
    catalogDefinition: null,
    buildMs: null,
    analyzeMs: null,
    sizeBytes: null,
    redundancy: [],
    operatorFit: [],
    queries: [],
    scans: null,
    writeCost: null,
    hypopg: null,
    verdict: UNDECIDED,
  };
  if (context.unavailable !== null) {
    return { ...evaluation, status: 'skipped', error: `not built: ${context.unavailable}` };
  }
  const relevant = context.queries.filter((q) => q.tables.includes(candidate.table));
  if (context.hypopg) {
    const where = candidate.predicate === null ? '' : ` WHERE ${candidate.predicate}`;
    evaluation.hypopg = await estimateWithHypotheticalIndex(
      client,
      {
        name: candidate.name,
        table: candidate.table,
        definitionSql: `CREATE INDEX ON "${candidate.table}" USING ${candidate.method} (${candidate.columns})${where}`,
      },
      relevant.map((q) => ({ id: q.id, sql: q.sql, params: q.params })),
    ).then(
      (estimates) =>
        estimates.map(({ queryId, costWithout, costWith, usesIndex }) => ({
          queryId,
          costWithout,
          costWith,
          usesIndex,
        })),
      () => null,
    );
  }

  let built = false;
  try {
    const buildStartedMs = performance.now();
    await client.query(evaluation.createSql);
    evaluation.buildMs = performance.now() - buildStartedMs;
    built = true;
    const analyzeStartedMs = performance.now();
    await client.query(`ANALYZE "${candidate.table}"`);
    evaluation.analyzeMs = performance.now() - analyzeStartedMs;

    const descriptor = (await readTableIndexes(client, [candidate.table])).find(
      (i) => i.name === candidate.name,
    );
    if (descriptor === undefined || !descriptor.valid) {
      throw new Error(
        `the index is ${descriptor === undefined ? 'missing' : 'INVALID'} after CREATE INDEX CONCURRENTLY`,
      );
    }
    evaluation.catalogDefinition = descriptor.definition;
    const size = await client.query<{ n: string }>('SELECT pg_relation_size(to_regclass($1))::text AS n', [
      quoteIdent(candidate.name),
    ]);
    evaluation.sizeBytes = Number(size.rows[0]?.n ?? 0);
    evaluation.redundancy = findCoveringIndexes(descriptor, context.existing);

    const explainWith = (sql: string, params: readonly unknown[]) => explainBrief(client, sql, params);
    evaluation.operatorFit = [];
    for (const finding of operatorFit(descriptor)) {
      const proofQuery = context.queries.find((q) => q.id === `partner-lookup/${finding.filterKey}`);
      if (proofQuery !== undefined) {
        const proof = await proveOperatorFit(client, candidate.name, proofQuery, explainWith);
        finding.proof = { queryId: proofQuery.id, ...proof };
      }
      evaluation.operatorFit.push(finding);
    }

    for (const query of relevant) {
      const withPlan = await explainWith(query.sql, query.params);
      const withoutPlan = await explainWithout(client, candidate.name, query);
      evaluation.queries.push({
        queryId: query.id,
        usesIndex: withPlan.indexesUsed.includes(candidate.name),
        with: withPlan,
        without: withoutPlan,
        timing: null,
      });
    }
    const used = evaluation.queries.filter((e) => e.usesIndex);
    for (const effect of used) {
      const query = relevant.find((q) => q.id === effect.queryId)!;
      const oneSampleMs = 2 * (effect.with.executionMs + effect.without.executionMs) + 1;
      const rounds = clamp(Math.floor(context.readBudgetMs / used.length / oneSampleMs), 5, 200);
      effect.timing = await timeWithAndWithout(client, candidate.name, rounds, async () => {
        await client.query(query.sql, query.params);
      });
    }

    if (!context.skipScans) evaluation.scans = await scansOverExports(client, candidate.name, context);

    let sample = 0;
    const writeTiming = await timeWithAndWithout(client, candidate.name, context.writeSamples, async () => {
      sample += 1;
      await client.query(WRITE_WORKLOAD_SQL, [`${Date.now().toString(36)}${sample}`, ...context.writeParams]);
    });
    evaluation.writeCost = { ...writeTiming, ratio: writeTiming.with.meanMs / writeTiming.without.meanMs };
    // The rolled-back inserts left dead tuples in the tables and every index: clear them for the next candidate.
    await client.query('VACUUM res_partner, document_extraction, document_extraction_activity_field_rel');
  } catch (error) {
    evaluation.status = 'failed';
    evaluation.error = `evaluation failed: ${messageOf(error)}`;
    await client.query('ROLLBACK').catch(() => undefined);
    await client.query('RESET ALL').catch(() => undefined);
  } finally {
    if (built || evaluation.status === 'failed') {
      await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${candidate.name}"`).catch(() => undefined);
    }
  }
  return evaluation;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** EXPLAIN ANALYZE (read-only transaction, see `explainAnalyze`), summarised; an error becomes `PlanBrief.error`. */
export async function explainBrief(
  q: Queryable,
  sql: string,
  params: readonly unknown[],
): Promise<PlanBrief> {
  try {
    return planBrief(await explainAnalyze(q, sql, params));
  } catch (error) {
    return failedPlan(error);
  }
}

/** The plan of `query` with `indexName` dropped inside a transaction that is rolled back. */
async function explainWithout(
  client: pg.ClientBase,
  indexName: string,
  query: BenchmarkQuery,
): Promise<PlanBrief> {
  assertSelectStatement(query.sql);
  await client.query('BEGIN');
  try {
    await client.query(`DROP INDEX ${quoteIdent(indexName)}`);
    const { rows } = await client.query<Record<string, unknown>>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
      query.params,
    );
    const cell = rows[0]?.['QUERY PLAN'];
    return planBrief(typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell);
  } catch (error) {
    return failedPlan(error);
  } finally {
    await client.query('ROLLBACK');
  }
}

function planBrief(raw: unknown): PlanBrief {
  const summary = summarizePlan(raw);
  const top = (Array.isArray(raw) ? (raw[0] as { Plan?: { 'Total Cost'?: unknown } }) : undefined)?.Plan;
  const totalCost = typeof top?.['Total Cost'] === 'number' ? top['Total Cost'] : 0;
  return {
    executionMs: summary.executionMs,
    planningMs: summary.planningMs,
    totalCost,
    nodeTypes: summary.nodeTypes,
    indexesUsed: summary.indexesUsed,
    seqScans: [...new Set(summary.seqScans.map((s) => s.relation))],
  };
}

function failedPlan(error: unknown): PlanBrief {
  return {
    executionMs: 0,
    planningMs: 0,
    totalCost: 0,
    nodeTypes: [],
    indexesUsed: [],
    seqScans: [],
    error: messageOf(error),
  };
}

/**
 * Times `run` with the index and without it, interleaved (the order alternates every round), after one
 * discarded warm-up round. Each sample runs in its own transaction, rolled back: "without" drops the index in
 * it first; then `run` runs twice and only the second run is timed (not the DROP, the first run, nor the
 * ROLLBACK), so both sides are timed with warm catalog caches.
 */
async function timeWithAndWithout(
  client: pg.ClientBase,
  indexName: string,
  rounds: number,
  run: () => Promise<void>,
): Promise<WithWithoutTiming> {
  const samples = { with: [] as number[], without: [] as number[] };
  const once = async (side: 'with' | 'without'): Promise<number> => {
    await client.query('BEGIN');
    try {
      if (side === 'without') await client.query(`DROP INDEX ${quoteIdent(indexName)}`);
      // The first statement after BEGIN (and, without, after the DROP's catalog invalidation) rebuilds
      // cached catalog entries; an untimed run on both sides keeps that out of the comparison.
      await run();
      const startedMs = performance.now();
      await run();
      return performance.now() - startedMs;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const side of order) {
      const ms = await once(side);
      if (round > 0) samples[side].push(ms);
    }
  }
  return compareTimings(samples.with, samples.without);
}

/** With/without statistics from raw samples (ms). Pure. */
export function compareTimings(
  withSamples: readonly number[],
  withoutSamples: readonly number[],
): WithWithoutTiming {
  const withStats = timingStatistics(withSamples);
  const withoutStats = timingStatistics(withoutSamples);
  const margin = (s: typeof withStats) => (s.rme / 100) * s.meanMs;
  return {
    with: withStats,
    without: withoutStats,
    changePct: ((withStats.meanMs - withoutStats.meanMs) / withoutStats.meanMs) * 100,
    significant: Math.abs(withStats.meanMs - withoutStats.meanMs) > margin(withStats) + margin(withoutStats),
  };
}

/** `idx_scan` gained by `indexName` over one run of every filter case's export, v1 and v2. */
async function scansOverExports(
  client: pg.ClientBase,
  indexName: string,
  context: CandidateContext,
): Promise<number> {
  const before = await indexScans(client, indexName, context.versionNum);
  for (const filterCase of context.filterCases) {
    const filters = parseExportFilters(filterCase.filters);
    for (const collector of ['v1', 'v2'] as const) await runCollector(client, collector, filters);
  }
  return (await indexScans(client, indexName, context.versionNum)) - before;
}

/**
 * Reads `pg_stat_user_indexes.idx_scan`, after making this backend's counts visible: PostgreSQL 15+ keeps
 * them in the backend until it flushes, which `pg_stat_force_next_flush()` makes happen before the next query
 * is read; before 15 the statistics collector receives them asynchronously, so this waits for it.
 */
export async function indexScans(q: Queryable, indexName: string, versionNum: number): Promise<number> {
  if (versionNum >= 150_000) await q.query('SELECT pg_stat_force_next_flush()');
  else await sleep(1_000);
  await q.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await q.query<{ n: string | null }>(
    'SELECT idx_scan::text AS n FROM pg_stat_user_indexes WHERE indexrelid = to_regclass($1)',
    [quoteIdent(indexName)],
  );
  return Number(rows[0]?.n ?? 0);
}

async function writeWorkloadParams(q: Queryable): Promise<unknown[]> {
  const { rows } = await q.query<{
    substance: number | null;
    equipment: number | null;
    activities: number[];
  }>(
    `SELECT (SELECT min(id) FROM controlled_substance) AS substance, (SELECT min(id) FROM equipment_type) AS equipment,
            ARRAY(SELECT id FROM activity_field ORDER BY id LIMIT 3) AS activities`,
  );
  const row = rows[0];
  if (row?.substance == null || row.equipment == null || row.activities.length < 3) {
    throw new Error(
      'evaluateIndexes: the write-cost insert needs a controlled substance, an equipment type and 3 activity fields; seed the database first',
    );
  }
  return [row.substance, row.equipment, row.activities];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function percent(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(1)} %`;
}

function ms(value: number): string {
  return value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(3)} ms`;
}

/**
 * The verdict on one candidate, from its measurements and the alternatives measured next to it. Rules, in order:
 * 1. not measured: `undecided`;
 * 2. **wrong operator**: a filter on its column uses an operator it cannot serve: `replace` with a measured
 *    alternative whose forced plan uses it for that filter, else `drop`;
 * 3. **redundant**: its key equals or prefixes an existing index: `drop`, whether or not the planner picked it
 *    (it then picks the covering index instead; the time change is given);
 * 4. **unused**: no benchmark plan used it and it received no scan: `drop`;
 * 5. **used**: `keep` when some query using it is at least {@link KEEP_MIN_SAVING_PCT} % faster beyond the
 *    noise and the write cost ratio is at most {@link MAX_WRITE_COST_RATIO}; otherwise `drop`.
 * Every verdict lists the facts behind it (usage, scans, write cost).
 */
export function decideVerdict(
  evaluation: CandidateEvaluation,
  all: readonly CandidateEvaluation[],
): IndexVerdict {
  const name = evaluation.candidate.name;
  if (evaluation.status !== 'measured') {
    const why = evaluation.error ?? `not measured (${evaluation.status})`;
    return { kind: 'undecided', replacement: null, headline: why, reasons: [why] };
  }
  const used = evaluation.queries.filter((q) => q.usesIndex);
  const facts: string[] = [];
  if (used.length === 0) facts.push('no benchmarked query plan used it');
  for (const effect of used) facts.push(usageFact(effect));
  if (evaluation.scans !== null) facts.push(`${evaluation.scans} scans over one run of every export`);
  if (evaluation.writeCost !== null) facts.push(writeFact(evaluation.writeCost));

  const misfits = evaluation.operatorFit.filter((f) => !f.served);
  const firstMisfit = misfits[0];
  if (firstMisfit !== undefined) {
    const reasons = misfits.map((f) => {
      const proof =
        f.proof === null
          ? ''
          : `; with sequential and plain index scans off, the ${f.filterKey} lookup ` +
            (f.proof.usesIndex ? 'still used it' : `does not use it (${planWords(f.proof.plan)})`);
      return `wrong operator: the ${f.filterKey} filter runs ${f.operator}: ${f.reason}${proof}`;
    });
    for (const cover of evaluation.redundancy) reasons.push(redundancyReason(cover));
    const replacement = all.find(
      (a) =>
        a.candidate.role === 'alternative' &&
        a.candidate.alternativeFor.includes(name) &&
        a.status === 'measured' &&
        a.operatorFit.some((f) => f.served && f.proof?.usesIndex === true),
    );
    const operator = `the ${firstMisfit.filterKey} filter's ILIKE '%...%'`;
    if (replacement !== undefined) {
      const fit = replacement.operatorFit.find((f) => f.served && f.proof?.usesIndex === true);
      reasons.push(
        `${replacement.candidate.name} (${replacement.candidate.method} ${replacement.candidate.columns}) serves it: ` +
          `the ${fit?.filterKey ?? ''} lookup uses it (${fit?.proof ? planWords(fit.proof.plan) : ''})`,
      );
      return {
        kind: 'replace',
        replacement: replacement.candidate.name,
        headline: `cannot serve ${operator}; ${replacement.candidate.name} can`,
        reasons: [...reasons, ...facts],
      };
    }
    return {
      kind: 'drop',
      replacement: null,
      headline: `cannot serve ${operator}; no measured alternative serves it`,
      reasons: [...reasons, ...facts],
    };
  }

  const cover = evaluation.redundancy[0];
  if (cover !== undefined) {
    const reasons = evaluation.redundancy.map(redundancyReason);
    if (used.length > 0) {
      reasons.push(
        'the planner picks it where it exists (it is smaller than the covering index), but without it the same ' +
          `queries use ${[...new Set(used.flatMap((u) => u.without.indexesUsed))].join(', ') || 'other plans'}`,
      );
    }
    return {
      kind: 'drop',
      replacement: null,
      headline: `redundant: ${cover.relation === 'equal' ? 'same key as' : 'a prefix of'} ${cover.index} ${cover.key}`,
      reasons: [...reasons, ...facts],
    };
  }

  if (used.length === 0 && (evaluation.scans ?? 0) === 0) {
    return {
      kind: 'drop',
      replacement: null,
      headline: 'unused: no plan used it, no scan',
      reasons: ['unused', ...facts],
    };
  }

  let bestEffect: QueryEffect | null = null;
  for (const effect of used) {
    const timing = effect.timing;
    if (timing === null || !timing.significant || timing.changePct >= 0) continue;
    if (bestEffect === null || timing.changePct < (bestEffect.timing?.changePct ?? 0)) bestEffect = effect;
  }
  const best = bestEffect?.timing ? -bestEffect.timing.changePct : 0;
  const ratio = evaluation.writeCost?.ratio ?? 1;
  if (bestEffect !== null && best >= KEEP_MIN_SAVING_PCT && ratio <= MAX_WRITE_COST_RATIO) {
    const headline = `used: ${bestEffect.queryId} ${best.toFixed(0)} % faster, write cost x${ratio.toFixed(2)}`;
    return { kind: 'keep', replacement: null, headline, reasons: [headline, ...facts] };
  }
  const why =
    best < KEEP_MIN_SAVING_PCT
      ? `used by ${used.length} quer${used.length === 1 ? 'y' : 'ies'}, but none is at least ${KEEP_MIN_SAVING_PCT} % ` +
        `faster beyond the noise (best significant saving ${best.toFixed(1)} %)`
      : `used and ${best.toFixed(1)} % faster, but the write cost ratio ${ratio.toFixed(2)} exceeds ${MAX_WRITE_COST_RATIO}`;
  return {
    kind: 'drop',
    replacement: null,
    headline:
      best < KEEP_MIN_SAVING_PCT ? `used, but no measurable saving of ${KEEP_MIN_SAVING_PCT} % or more` : why,
    reasons: [why, ...facts],
  };
}

function redundancyReason(cover: CandidateEvaluation['redundancy'][number]): string {
  return `redundant: its key is ${cover.relation === 'equal' ? 'equal to' : 'a prefix of'} ${cover.index} ${cover.key} (${cover.kind})`;
}

function usageFact(effect: QueryEffect): string {
  const timing = effect.timing;
  const time =
    timing === null
      ? `plan ${ms(effect.without.executionMs)} -> ${ms(effect.with.executionMs)}`
      : `${ms(timing.without.meanMs)} -> ${ms(timing.with.meanMs)} (${percent(timing.changePct)}${timing.significant ? '' : ', within noise'})`;
  return `used by ${effect.queryId}: ${time}`;
}

function writeFact(cost: NonNullable<CandidateEvaluation['writeCost']>): string {
  return `write cost x${cost.ratio.toFixed(3)} (${ms(cost.without.meanMs)} -> ${ms(cost.with.meanMs)}${cost.significant ? '' : ', within noise'})`;
}

function planWords(plan: PlanBrief): string {
  if (plan.error !== undefined) return `EXPLAIN failed: ${plan.error}`;
  const indexes = plan.indexesUsed.length === 0 ? 'no index' : plan.indexesUsed.join(', ');
  return `${plan.nodeTypes.join(' > ')}; indexes: ${indexes}`;
}
