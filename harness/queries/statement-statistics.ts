import type { Queryable } from '../../src/queryable.ts';
import type { WitnessAvailability } from '../results/bench-results.ts';

/**
 * The server's own statistics of the statements it ran (`pg_stat_statements`), read for one database: the
 * counting client's counts are witnessed against them, and the server time of an export (execution plus
 * planning) comes from them.
 *
 * The extension works only when the server loaded it at start (`shared_preload_libraries`); the embedded
 * server the harness starts does (harness/database/embedded-server.ts). On another server it is used when it
 * is preloaded and the extension can be created; otherwise the counts are "not witnessed", with the reason.
 *
 * The harness's own statements are recognised by their text: every one of them names `pg_stat_statements`
 * (the reset and the read below), so {@link readStatementStatistics} leaves them out.
 */

/** One normalised statement as the server counted it since the last reset, in the current database. */
export interface ServerStatement {
  /** The statement as the server normalised it (constants replaced by `$n`). */
  query: string;
  calls: number;
  /** Summed execution time, ms. */
  totalExecMs: number;
  /** Summed planning time, ms (0 unless `pg_stat_statements.track_planning` is on). */
  totalPlanMs: number;
}

const EXTENSION = 'pg_stat_statements';

/**
 * Makes the statistics usable on `client`'s database, which must be one the harness created (it creates the
 * extension there), and says whether they are. Turns `pg_stat_statements.track_planning` on for the session
 * when the server allows it (a superuser setting), so that planning time counts as server time.
 * Never throws for a missing or unusable extension: the availability says why.
 */
export async function enableStatementStatistics(client: Queryable): Promise<WitnessAvailability> {
  const unavailable = (reason: string): WitnessAvailability => ({
    available: false,
    reason,
    trackPlanning: false,
  });
  const { rows: preload } = await client.query<{ libraries: string }>(
    "SELECT current_setting('shared_preload_libraries') AS libraries",
  );
  const libraries = (preload[0]?.libraries ?? '').split(',').map((l) => l.trim().replace(/^"|"$/g, ''));
  if (!libraries.includes(EXTENSION)) {
    return unavailable(
      `the server does not load ${EXTENSION} (add it to shared_preload_libraries and restart the server, ` +
        'or let the harness start its embedded server)',
    );
  }
  try {
    await client.query(`CREATE EXTENSION IF NOT EXISTS ${EXTENSION}`);
  } catch (error) {
    return unavailable(`CREATE EXTENSION ${EXTENSION} failed: ${messageOf(error)}`);
  }
  let trackPlanning = false;
  try {
    await client.query(`SET ${EXTENSION}.track_planning = on`);
    trackPlanning = true;
  } catch {
    const { rows } = await client.query<{ setting: string | null }>(
      `SELECT current_setting('${EXTENSION}.track_planning', true) AS setting`,
    );
    trackPlanning = rows[0]?.setting === 'on';
  }
  try {
    await resetStatementStatistics(client);
    await readStatementStatistics(client);
  } catch (error) {
    return unavailable(`${EXTENSION} cannot be reset or read by this role: ${messageOf(error)}`);
  }
  return { available: true, trackPlanning };
}

/** Forgets the statistics of the current database only (other databases on the server keep theirs). */
export async function resetStatementStatistics(client: Queryable): Promise<void> {
  // (userid 0 = every user, this database, queryid 0 = every statement); PostgreSQL 17 added a fourth
  // argument with a default, so the three-argument call works from 12 on.
  await client.query(
    `SELECT ${EXTENSION}_reset(0, d.oid, 0) FROM pg_database d WHERE d.datname = current_database()`,
  );
}

/**
 * The statements counted in the current database since the last reset, top-level ones only (a statement
 * run inside a function is not a round trip), without the harness's own.
 */
export async function readStatementStatistics(client: Queryable): Promise<ServerStatement[]> {
  const { rows } = await client.query<{
    query: string;
    calls: string;
    exec_ms: number;
    plan_ms: number;
  }>(
    `SELECT s.query, sum(s.calls)::text AS calls, sum(s.total_exec_time)::float8 AS exec_ms,
            sum(s.total_plan_time)::float8 AS plan_ms
       FROM ${EXTENSION} s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database() AND s.toplevel AND s.query NOT LIKE '%${EXTENSION}%'
      GROUP BY s.query`,
  );
  return rows.map((r) => ({
    query: r.query,
    calls: Number(r.calls),
    totalExecMs: r.exec_ms,
    totalPlanMs: r.plan_ms,
  }));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
