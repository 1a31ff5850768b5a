import type pg from 'pg';
import { explainBrief } from '../explain/explain-brief.ts';
import type { FilterCase } from './filter-cases.ts';
import { estimateWithHypotheticalIndex } from './hypopg-estimates.ts';
import type {
  BenchmarkQuery,
  CandidateEvaluation,
  IndexCandidate,
  IndexVerdict,
} from '../results/index-evaluation-results.ts';
import { findCoveringIndexes, readTableIndexes, type IndexDescriptor } from './index-redundancy.ts';
import { scansOverExports } from './index-scans.ts';
import { createIndexSql, operatorFit, proveOperatorFit } from './operator-fit.ts';
import { measurePlanTimes } from './plan-times.ts';
import { rateLine } from './rate-line.ts';
import { quoteIdent } from '../core/quote-ident.ts';
import { timeWithAndWithout } from './time-with-and-without.ts';
import { measureWriteCost, WRITE_WORKLOAD_VACUUM_SQL } from './write-cost.ts';

/** What {@link evaluateCandidate} needs besides the candidate: shared by every candidate of one evaluation. */
export interface CandidateContext {
  candidate: IndexCandidate;
  /** The schema's own indexes on the candidates' tables, for the redundancy check. */
  existing: readonly IndexDescriptor[];
  queries: readonly BenchmarkQuery[];
  filterCases: readonly FilterCase[];
  /** Time for the with/without timings of the queries whose plan uses the candidate. */
  readBudgetMs: number;
  writeSamples: number;
  /** `$2` to `$4` of the write-cost statement (`writeWorkloadParams`). */
  writeParams: unknown[];
  /** The server's `server_version_num`. */
  versionNum: number;
  /** HypoPG is available: estimate before building. */
  hypopg: boolean;
  skipScans: boolean;
  /** EXPLAIN ANALYZE executions per side of each query whose plan the index changes. */
  planRepeats: number;
  /** Progress of the candidate's steps, for the long ones at large sizes. */
  progress?: (line: string) => void;
  /** Why the candidate cannot be built (its extension is missing), or `null`. */
  unavailable: string | null;
}

const UNDECIDED: IndexVerdict = {
  kind: 'undecided',
  replacement: null,
  headline: 'not decided yet',
  reasons: [],
};

/**
 * Measures one candidate on the bare schema: HypoPG's estimate (when available) before anything is built;
 * `CREATE INDEX CONCURRENTLY` (timed), `pg_relation_size`, `ANALYZE` of its table; redundancy against the
 * schema's own indexes; operator fit, proved on the partner lookups; EXPLAIN ANALYZE of each benchmark query on
 * its table with the index and without it; interleaved timings with and without it of the queries whose plan uses
 * it; the `idx_scan` it gains over one run of every export; the write cost. The index is dropped again, also
 * on failure, which is recorded in the result (`status: 'failed'`) rather than thrown.
 *
 * The verdict is left `undecided`: it depends on the other candidates (`decideVerdict`).
 */
export async function evaluateCandidate(
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
  const stepProgress = context.progress ?? (() => undefined);
  const phases: [string, number][] = [];
  let phaseStartedMs = performance.now();
  const endPhase = (name: string) => {
    const now = performance.now();
    phases.push([name, now - phaseStartedMs]);
    phaseStartedMs = now;
  };
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

    endPhase('build and checks');
    const plansStartedMs = performance.now();
    for (const [i, query] of relevant.entries()) {
      const outcome = await measurePlanTimes(client, candidate.name, query, context.planRepeats);
      evaluation.queries.push({
        queryId: query.id,
        usesIndex: outcome.usesIndex,
        planChanged: outcome.planChanged,
        with: outcome.with,
        without: outcome.without,
        planTimes: outcome.planTimes,
        timing: null,
        timingSkipped: null,
      });
      stepProgress(
        `    plans ${rateLine(i + 1, relevant.length, performance.now() - plansStartedMs, 'queries')}`,
      );
    }
    endPhase('plans');
    const used = evaluation.queries.filter((e) => e.usesIndex);
    for (const effect of used) {
      const query = relevant.find((q) => q.id === effect.queryId)!;
      const rows = Math.max(effect.with.actualRows ?? 0, effect.without.actualRows ?? 0);
      if (rows > CLIENT_TIMING_MAX_ROWS) {
        // Fetching that many rows into Node on every sample would time the transfer (the same with and without
        // the index) and hold the rows in memory; the repeated EXPLAIN ANALYZE measures the server's part.
        effect.timingSkipped =
          `returns ${Math.round(rows)} rows (more than ${CLIENT_TIMING_MAX_ROWS}): compared on the server's ` +
          'execution time only';
        continue;
      }
      const withMs = effect.planTimes?.with.medianMs ?? effect.with.executionMs;
      const withoutMs = effect.planTimes?.without.medianMs ?? effect.without.executionMs;
      const oneSampleMs = 2 * (withMs + withoutMs) + 1;
      const rounds = clamp(Math.floor(context.readBudgetMs / used.length / oneSampleMs), 5, 200);
      effect.timing = await timeWithAndWithout(client, candidate.name, rounds, async () => {
        await client.query(query.sql, query.params);
      });
    }

    endPhase('round trips');
    if (!context.skipScans) {
      evaluation.scans = await scansOverExports(
        client,
        candidate.name,
        context.filterCases,
        context.versionNum,
      );
    }

    endPhase('scans');
    evaluation.writeCost = await measureWriteCost(
      client,
      candidate.name,
      context.writeSamples,
      context.writeParams,
    );
    await client.query(WRITE_WORKLOAD_VACUUM_SQL);
    endPhase('write cost');
    const totalMs = phases.reduce((sum, [, ms]) => sum + ms, 0);
    stepProgress(
      `    done in ${(totalMs / 1000).toFixed(1)} s (${phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')})`,
    );
  } catch (error) {
    evaluation.status = 'failed';
    evaluation.error = `evaluation failed: ${error instanceof Error ? error.message : String(error)}`;
    await client.query('ROLLBACK').catch(() => undefined);
    await client.query('RESET ALL').catch(() => undefined);
  } finally {
    if (built || evaluation.status === 'failed') {
      await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${candidate.name}"`).catch(() => undefined);
    }
  }
  return evaluation;
}

/** Queries returning more rows than this are compared on EXPLAIN ANALYZE's execution time, not fetched. */
export const CLIENT_TIMING_MAX_ROWS = 20_000;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
