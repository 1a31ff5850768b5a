import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../../src/queryable.ts';
import type { CollectorId, IndexState, PlanRecord } from '../results/bench-results.ts';
import type { QueryLogEntry } from '../queries/counting-client.ts';
import { summarizePlan } from './plan-summary.ts';
import { maskSql } from '../queries/sql-masking.ts';
import { median } from '../timing/ratio-comparison.ts';
import { errorMessage } from '../core/error-message.ts';

/** How many v1 fingerprints are explained when the caller does not say. */
export const DEFAULT_HEAVIEST_V1 = 5;

/** One fingerprint chosen for EXPLAIN, with the call that represents it. */
export interface PlanTarget {
  fingerprintId: string;
  fingerprint: string;
  /** The representative call's SQL text, as sent. */
  sql: string;
  /**
   * The representative call's parameters, as sent (`[]` when it had none); `null` when the call had
   * parameters but the log did not keep them (`CountingClient` `keepParams: false`).
   */
  params: readonly unknown[] | null;
  /** Calls of this fingerprint in the log. */
  calls: number;
  /** Their summed `durationMs`. */
  totalDurationMs: number;
}

/**
 * Chooses what to EXPLAIN from one export's counting-client log: one representative call per fingerprint
 * (its first call that did not fail, or its first call if all failed). For v2, every distinct fingerprint,
 * in order of first appearance; for v1, the `heaviestV1` fingerprints with the highest total duration,
 * heaviest first (ties: more calls first, then first appearance).
 *
 * `calls` and `totalDurationMs` count the log's entries: when the log was capped (`droppedEntries` > 0),
 * they cover only the kept part.
 */
export function pickPlanTargets(
  log: readonly QueryLogEntry[],
  options: { collector: CollectorId; heaviestV1?: number },
): PlanTarget[] {
  const heaviest = options.heaviestV1 ?? DEFAULT_HEAVIEST_V1;
  if (!Number.isInteger(heaviest) || heaviest < 0) {
    throw new RangeError(
      `pickPlanTargets option heaviestV1 must be an integer >= 0, got ${String(heaviest)}`,
    );
  }
  const groups = new Map<string, { target: PlanTarget; representativeFailed: boolean }>();
  for (const entry of log) {
    const group = groups.get(entry.fingerprintId);
    if (group === undefined) {
      groups.set(entry.fingerprintId, {
        target: { ...representative(entry), calls: 1, totalDurationMs: entry.durationMs },
        representativeFailed: entry.error !== undefined,
      });
      continue;
    }
    group.target.calls++;
    group.target.totalDurationMs += entry.durationMs;
    // A call that failed (e.g. cancelled) would only EXPLAIN the same failure; a later good one is better.
    if (group.representativeFailed && entry.error === undefined) {
      Object.assign(group.target, representative(entry));
      group.representativeFailed = false;
    }
  }
  const targets = [...groups.values()].map((g) => g.target);
  if (options.collector === 'v2') return targets;
  return targets
    .map((target, order) => ({ target, order }))
    .sort(
      (a, b) =>
        b.target.totalDurationMs - a.target.totalDurationMs ||
        b.target.calls - a.target.calls ||
        a.order - b.order,
    )
    .slice(0, heaviest)
    .map(({ target }) => target);
}

function representative(
  entry: QueryLogEntry,
): Pick<PlanTarget, 'fingerprintId' | 'fingerprint' | 'sql' | 'params'> {
  const params = entry.params ?? (entry.paramCount === 0 ? [] : null);
  return { fingerprintId: entry.fingerprintId, fingerprint: entry.fingerprint, sql: entry.sql, params };
}

/** `explainAnalyze` was asked to run something that is not a plain SELECT. */
export class NotASelectError extends Error {
  override name = 'NotASelectError';
}

/**
 * Runs `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of `sql` with `params` and returns the JSON PostgreSQL
 * produced (the array with one plan object), already parsed.
 *
 * EXPLAIN ANALYZE executes the statement, so only a SELECT (or `WITH ... SELECT`) is accepted, checked
 * before anything is sent (`NotASelectError` names what was found). As a second guard it runs inside
 * `BEGIN READ ONLY` ... `ROLLBACK`, so even a side effect the check cannot see (a volatile function) is
 * undone. Call it outside a transaction: a `ROLLBACK` would end the caller's.
 *
 * Session settings (`SET enable_seqscan = off`, ...) made beforehand on the same connection apply.
 *
 * @param options.statementTimeoutMs cancel the statement after this long (`SET LOCAL statement_timeout`).
 * @throws NotASelectError for a statement that is not a SELECT; an Error wrapping PostgreSQL's (as `cause`,
 *   with its `code`) when EXPLAIN fails.
 */
export async function explainAnalyze(
  q: Queryable,
  sql: string,
  params: readonly unknown[] = [],
  options: { statementTimeoutMs?: number } = {},
): Promise<unknown> {
  assertSelectStatement(sql);
  const timeoutMs = options.statementTimeoutMs;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) {
    throw new RangeError(
      `explainAnalyze option statementTimeoutMs must be a positive integer, got ${timeoutMs}`,
    );
  }
  await q.query('BEGIN READ ONLY');
  let plan: unknown;
  try {
    if (timeoutMs !== undefined) await q.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    let rows: Record<string, unknown>[];
    try {
      ({ rows } = await q.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params));
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      throw new Error(
        `EXPLAIN ANALYZE failed${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}: ${errorMessage(error)}; ` +
          `statement: ${excerpt(sql)}`,
        { cause: error },
      );
    }
    // pg parses the `json` column itself; a client configured without that type parser hands back text.
    const cell = rows[0]?.['QUERY PLAN'];
    plan = typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell;
    if (rows.length !== 1 || plan === undefined) {
      throw new Error(
        `EXPLAIN returned ${rows.length} rows without a "QUERY PLAN" column; expected one row with it`,
      );
    }
  } catch (error) {
    await q.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await q.query('ROLLBACK');
  return plan;
}

/**
 * Throws `NotASelectError` unless `sql` is one SELECT or `WITH ... SELECT` statement without a
 * data-modifying part. Literals, quoted identifiers and comments are blanked first so that their content
 * cannot trip (or fool) the check; it is deliberately strict (`FOR UPDATE` and `SELECT ... INTO` are refused).
 */
export function assertSelectStatement(sql: string): void {
  const code = maskSql(sql, { maskQuotedIdentifiers: true });
  const refuse = (why: string): never => {
    throw new NotASelectError(
      `explainAnalyze refuses ${why}: EXPLAIN ANALYZE executes the statement, so only a SELECT or ` +
        `WITH ... SELECT is run. Statement: ${excerpt(sql)}`,
    );
  };
  const first = /^[\s(]*([A-Za-z_]+)/.exec(code)?.[1]?.toUpperCase();
  if (first === undefined) refuse('a statement that does not start with a keyword');
  if (first !== 'SELECT' && first !== 'WITH') refuse(`a ${first} statement`);
  if (/;\s*\S/.test(code)) refuse('more than one statement');
  const writer = /\b(INSERT|UPDATE|DELETE|MERGE|INTO)\b/i.exec(code)?.[1]?.toUpperCase();
  if (writer !== undefined) refuse(`a SELECT containing ${writer}`);
}

export interface CapturePlansOptions {
  /** Where EXPLAIN runs: the plain connection, not the counting client (whose log would grow). */
  client: Queryable;
  /** The counting-client log of one export by `collector`. */
  log: readonly QueryLogEntry[];
  collector: CollectorId;
  /** Scenario name; part of the raw files' names, so letters, digits, `.`, `_` and `-` only. */
  scenario: string;
  targetDocuments: number;
  indexState: IndexState;
  /** The report folder; raw plans go to `<outDir>/plans/`. */
  outDir: string;
  /** For v1: how many of the heaviest fingerprints (default `DEFAULT_HEAVIEST_V1`). */
  heaviestV1?: number;
  /** Per EXPLAIN; a statement over it is recorded as failed. */
  statementTimeoutMs?: number;
  /**
   * EXPLAIN ANALYZE executions per fingerprint (default {@link DEFAULT_PLAN_EXECUTIONS}): the record's
   * times are their medians, with every sample kept, so an index effect can be told from noise.
   */
  executions?: number;
}

/** EXPLAIN ANALYZE executions per fingerprint: one execution has no spread (issue 11). */
export const DEFAULT_PLAN_EXECUTIONS = 5;

/**
 * EXPLAINs the fingerprints `pickPlanTargets` chooses from one export's log, with the parameters each
 * representative call used, one at a time on `client`, `executions` times each, and summarises each plan as
 * a `PlanRecord` whose times are the medians of the executions (all samples kept).
 *
 * Each raw plan is written to `<outDir>/plans/<indexState>-<scenario>-<collector>-<fingerprintId>.json`
 * (exactly what PostgreSQL returned, so it can be pasted into a plan viewer), with the statement and its
 * parameters beside it in a `.sql` file of the same name; `rawFile` is the `.json` path relative to `outDir`.
 *
 * One failing plan (EXPLAIN error, parameters not kept, unreadable plan, file not writable) is recorded with
 * `error` (zeros, empty lists, and an empty `rawFile` if nothing was written) and the others still run.
 * The caller sets the index state and runs `ANALYZE` first.
 */
export async function capturePlans(options: CapturePlansOptions): Promise<PlanRecord[]> {
  const { client, collector, scenario, targetDocuments, indexState, outDir } = options;
  if (!/^[A-Za-z0-9._-]+$/.test(scenario)) {
    throw new TypeError(
      `capturePlans: scenario ${JSON.stringify(scenario)} cannot be part of a file name; ` +
        'use letters, digits, ".", "_" and "-"',
    );
  }
  const targets = pickPlanTargets(options.log, {
    collector,
    ...(options.heaviestV1 === undefined ? {} : { heaviestV1: options.heaviestV1 }),
  });
  const executions = options.executions ?? DEFAULT_PLAN_EXECUTIONS;
  if (!Number.isInteger(executions) || executions < 1) {
    throw new RangeError(`capturePlans option executions must be an integer >= 1, got ${String(executions)}`);
  }
  const plansDir = path.join(outDir, 'plans');
  await mkdir(plansDir, { recursive: true });

  const records: PlanRecord[] = [];
  for (const target of targets) {
    const base = `${indexState}-${scenario}-${collector}-${target.fingerprintId}`;
    const record: PlanRecord = {
      scenario,
      targetDocuments,
      indexState,
      collector,
      fingerprintId: target.fingerprintId,
      fingerprint: target.fingerprint,
      calls: target.calls,
      planningMs: 0,
      executionMs: 0,
      indexesUsed: [],
      seqScans: [],
      estimatedRows: 0,
      actualRows: 0,
      sharedHitBlocks: 0,
      sharedReadBlocks: 0,
      nodeTypes: [],
      rawFile: '',
      executionSamplesMs: [],
      executionMinMs: 0,
      executionMaxMs: 0,
      planningSamplesMs: [],
    };
    try {
      await writeFile(path.join(plansDir, `${base}.sql`), statementFile(target));
      if (target.params === null) {
        throw new Error(
          'its parameters were not kept in the log (create the CountingClient with keepParams: true)',
        );
      }
      const explainOptions =
        options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs };
      const raw = await explainAnalyze(client, target.sql, target.params, explainOptions);
      await writeFile(path.join(plansDir, `${base}.json`), `${JSON.stringify(raw, null, 2)}\n`);
      record.rawFile = `plans/${base}.json`;
      const summary = summarizePlan(raw);
      // The first plan is the one kept and described; the repetitions only add time samples (the plan of one
      // statement with the same parameters does not change between them).
      const executionSamplesMs = [summary.executionMs];
      const planningSamplesMs = [summary.planningMs];
      for (let i = 1; i < executions; i++) {
        const again = summarizePlan(await explainAnalyze(client, target.sql, target.params, explainOptions));
        executionSamplesMs.push(again.executionMs);
        planningSamplesMs.push(again.planningMs);
      }
      Object.assign(record, {
        planningMs: median(planningSamplesMs),
        executionMs: median(executionSamplesMs),
        indexesUsed: summary.indexesUsed,
        seqScans: summary.seqScans,
        estimatedRows: summary.estimatedRows,
        actualRows: summary.actualRows,
        sharedHitBlocks: summary.sharedHitBlocks,
        sharedReadBlocks: summary.sharedReadBlocks,
        nodeTypes: summary.nodeTypes,
        executionSamplesMs,
        executionMinMs: Math.min(...executionSamplesMs),
        executionMaxMs: Math.max(...executionSamplesMs),
        planningSamplesMs,
      });
    } catch (error) {
      record.error = `plan of ${collector} fingerprint ${target.fingerprintId} not captured: ${errorMessage(error)}`;
    }
    records.push(record);
  }
  return records;
}

/** The statement as explained, with its parameters, so a DBA can rerun it in psql. */
function statementFile(target: PlanTarget): string {
  const lines = [`-- fingerprint ${target.fingerprintId}: ${target.calls} call(s) in the export`];
  if (target.params === null) lines.push('-- parameters: not kept in the log');
  else target.params.forEach((value, i) => lines.push(`-- $${i + 1} = ${paramText(value)}`));
  lines.push(`${target.sql.trim()};`, '');
  return lines.join('\n');
}

function paramText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
