import type { Queryable } from '../../src/queryable.ts';
import type { WitnessAvailability, WitnessMismatch, WitnessRecord } from '../results/bench-results.ts';
import { sqlFingerprint } from './sql-fingerprint.ts';
import {
  readStatementStatistics,
  resetStatementStatistics,
  type ServerStatement,
} from './statement-statistics.ts';

/** What the counting client counted, per fingerprint (a `CountingClient.tally()` fits). */
export interface ClientCount {
  fingerprint: string;
  count: number;
}

/**
 * Compares the counting client's counts with the server's, statement by statement. Both sides are matched on
 * the project's fingerprint id (PostgreSQL's parse tree without values, `IN` lists collapsed), so the
 * client's literals and the server's `$n` placeholders meet, then summed per id: one id may be several server
 * entries (an `IN` list of another length) or several client labels. Pure.
 *
 * `witnessed` when every fingerprint has the same count on both sides; `mismatch` otherwise, listing each
 * statement that differs, a statement the client never sent (a query outside the counting client) included.
 */
export function witnessCounts(
  client: readonly ClientCount[],
  server: readonly ServerStatement[],
): WitnessRecord {
  const counts = new Map<string, { statement: string; clientCount: number; serverCalls: number }>();
  const entry = (sql: string, statement: string) => {
    const key = matchKey(sql);
    let found = counts.get(key);
    if (found === undefined) {
      found = { statement, clientCount: 0, serverCalls: 0 };
      counts.set(key, found);
    }
    return found;
  };
  for (const row of client) entry(row.fingerprint, row.fingerprint).clientCount += row.count;
  for (const row of server) entry(row.query, row.query).serverCalls += row.calls;
  const mismatches: WitnessMismatch[] = [...counts.values()]
    .filter((c) => c.clientCount !== c.serverCalls)
    .map(({ statement, clientCount, serverCalls }) => ({ statement, clientCount, serverCalls }));
  const clientCount = client.reduce((sum, row) => sum + row.count, 0);
  const serverCalls = server.reduce((sum, row) => sum + row.calls, 0);
  return { status: mismatches.length === 0 ? 'witnessed' : 'mismatch', clientCount, serverCalls, mismatches };
}

/**
 * The id both sides are matched on. The server also takes `NULL`, `TRUE` and `FALSE` constants for
 * placeholders (`NULL::text` arrives as `$2::text`), which the project's fingerprint keeps as words: those
 * constants become a placeholder first (not after `IS` / `IS NOT`, where they are part of the test).
 */
function matchKey(sql: string): string {
  return sqlFingerprint(sql.replace(/(?<!\bIS\s+(?:NOT\s+)?)\b(?:NULL|TRUE|FALSE)\b/gi, '$1')).fingerprintId;
}

/** The witness record when the server's statistics cannot be used. */
export function notWitnessed(clientCount: number, reason: string): WitnessRecord {
  return { status: 'not witnessed', clientCount, serverCalls: null, reason, mismatches: [] };
}

/** Server time of the statements of one witnessed run, ms. */
export interface ServerTime {
  execMs: number;
  planMs: number;
}

/**
 * Runs `run` (one export on a counting client over `client`'s connection) between a reset and a read of the
 * server's statistics, and witnesses its counts. Nothing else may use the database meanwhile: the server
 * counts every statement run in it. When the statistics are not available, the run still happens and the
 * record says "not witnessed" with the reason.
 *
 * @param counts called after `run` with its result: the client's counts per fingerprint.
 */
export async function witnessRun<T>(
  client: Queryable,
  availability: WitnessAvailability,
  run: () => Promise<T>,
  counts: (result: T) => readonly ClientCount[],
): Promise<{ result: T; witness: WitnessRecord; serverTime: ServerTime | null }> {
  if (!availability.available) {
    const result = await run();
    const clientCount = counts(result).reduce((sum, row) => sum + row.count, 0);
    return {
      result,
      witness: notWitnessed(clientCount, availability.reason ?? 'pg_stat_statements is not available'),
      serverTime: null,
    };
  }
  await resetStatementStatistics(client);
  const result = await run();
  const server = await readStatementStatistics(client);
  return {
    result,
    witness: witnessCounts(counts(result), server),
    serverTime: {
      execMs: server.reduce((sum, s) => sum + s.totalExecMs, 0),
      planMs: server.reduce((sum, s) => sum + s.totalPlanMs, 0),
    },
  };
}

/**
 * A witnessed count differs from the server's: the counting client missed round trips (or counted some that
 * never reached the server). The harness's counts cannot be trusted, so the run fails (exit 2).
 */
export class WitnessMismatchError extends Error {
  override name = 'WitnessMismatchError';
  readonly mismatches: readonly WitnessMismatch[];

  constructor(where: string, mismatches: readonly WitnessMismatch[]) {
    const first = mismatches
      .slice(0, 3)
      .map((m) => `"${excerpt(m.statement)}": client ${m.clientCount}, server ${m.serverCalls}`)
      .join('; ');
    super(
      `${where}: the server's pg_stat_statements does not confirm the counting client's counts (${first}` +
        `${mismatches.length > 3 ? `; and ${mismatches.length - 3} more` : ''}). Something sent statements ` +
        'outside the counting client, or the database was used by another connection during the export.',
    );
    this.mismatches = mismatches;
  }
}

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
