import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable, QueryResultLike } from '../../src/queryable.ts';
import { currentLabel, labelKey, type QueryLabel } from './query-label.ts';
import { sqlFingerprint } from './sql-fingerprint.ts';

/**
 * What the counting client wraps: anything with pg's `query(text, values)` returning `{ rows, rowCount }`.
 * A connected `pg.Client` fits; so does a `pg.Pool` (see `serialize`).
 */
export interface PgQueryTarget {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** A failed round trip, as recorded: PostgreSQL's fields are kept when the error came from the server. */
export interface QueryErrorInfo {
  message: string;
  /** SQLSTATE, e.g. `42P01` (undefined table). */
  code?: string;
  detail?: string;
  hint?: string;
}

/** One round trip. */
export interface QueryLogEntry {
  /** 1-based order in which the query was issued since construction or the last `reset()`. */
  seq: number;
  sql: string;
  fingerprint: string;
  fingerprintId: string;
  paramCount: number;
  /** The parameters as sent (kept for EXPLAIN); absent when `keepParams` is false. */
  params?: readonly unknown[];
  /** pg's `rowCount` (rows returned or affected; `null` for commands without one, and on error). */
  rowCount: number | null;
  /** Rows that came back (`rows.length`; 0 on error). */
  rowsReturned: number;
  /** `performance.now()` when the round trip started (after waiting for the previous one, see `serialize`). */
  startedAtMs: number;
  /** From the start of the round trip (emulated latency included) to its result or error. */
  durationMs: number;
  /** The emulated latency really waited, included in `durationMs` (at least the `rttMs` option; 0 without it). */
  delayMs: number;
  label: Readonly<QueryLabel>;
  labelKey: string;
  error?: QueryErrorInfo;
}

/**
 * Exact totals for one fingerprint under one label, kept for every round trip whether or not the detailed
 * log was capped. `count` makes it a weighted record for `summarize` and `findNPlusOne`.
 */
export interface QueryTallyRow {
  fingerprintId: string;
  fingerprint: string;
  label: Readonly<QueryLabel>;
  labelKey: string;
  count: number;
  rowsReturned: number;
  durationMs: number;
  errorCount: number;
}

/** A tally row before fingerprinting: per SQL text and label. */
type RawTallyRow = Omit<QueryTallyRow, 'fingerprint' | 'fingerprintId'> & { sql: string };

export interface CountingClientOptions {
  /**
   * Emulated network round-trip time: each query first sleeps this long (really, at least this long), so a
   * latency projection can be checked against a measurement. Default 0.
   */
  rttMs?: number;
  /** Keep each query's parameters in the log (needed to EXPLAIN with the values used). Default true. */
  keepParams?: boolean;
  /**
   * Most entries kept in `log`; later queries are still counted exactly (`count`, `tally()`), only their
   * details are not kept (`droppedEntries` says how many). Default 100,000.
   */
  maxLogEntries?: number;
  /**
   * Run one query at a time, in the order issued, as one PostgreSQL connection does. Keeps `durationMs`
   * free of queueing time, and makes the emulated latency add up per round trip even under `Promise.all`,
   * as it would on a real network. Set false only when wrapping a pool. Default true.
   */
  serialize?: boolean;
}

const DEFAULT_MAX_LOG_ENTRIES = 100_000;
const FINGERPRINT_CACHE_LIMIT = 10_000;

/**
 * A `Queryable` that records every round trip (SQL, fingerprint, parameters, rows, duration, and the label
 * set by `withLabel` around the call) and can emulate network latency. Errors are recorded and rethrown
 * unchanged. Call `reset()` between measured runs, while no query is in flight.
 */
export class CountingClient implements Queryable {
  readonly rttMs: number;
  readonly keepParams: boolean;
  readonly maxLogEntries: number;
  readonly serialize: boolean;

  readonly #target: PgQueryTarget;
  #log: QueryLogEntry[] = [];
  #count = 0;
  #dropped = 0;
  #fingerprinted = 0;
  #tally = new Map<string, RawTallyRow>();
  // The same SQL text is sent thousands of times by an N+1 loop; fingerprint it once.
  #fingerprints = new Map<string, { fingerprint: string; fingerprintId: string }>();
  #tail: Promise<void> = Promise.resolve();

  constructor(target: PgQueryTarget, options: CountingClientOptions = {}) {
    this.#target = target;
    this.rttMs = checkNonNegative('rttMs', options.rttMs ?? 0);
    this.keepParams = options.keepParams ?? true;
    this.maxLogEntries = checkNonNegative('maxLogEntries', options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES);
    this.serialize = options.serialize ?? true;
  }

  /** The recorded round trips, oldest first (at most `maxLogEntries` of them). */
  get log(): readonly QueryLogEntry[] {
    // Fingerprints are filled in here, when the log is read, not while the export runs (see `#record`).
    for (; this.#fingerprinted < this.#log.length; this.#fingerprinted++) {
      const entry = this.#log[this.#fingerprinted]!;
      Object.assign(entry, this.#fingerprint(entry.sql));
    }
    return this.#log;
  }

  /** Round trips issued since construction or `reset()`: exact, even when the log is capped. */
  get count(): number {
    return this.#count;
  }

  /** Round trips counted but left out of `log` because of `maxLogEntries`. */
  get droppedEntries(): number {
    return this.#dropped;
  }

  /** Exact totals per (fingerprint, label), in order of first appearance. */
  tally(): QueryTallyRow[] {
    const merged = new Map<string, QueryTallyRow>();
    for (const raw of this.#tally.values()) {
      const { fingerprint, fingerprintId } = this.#fingerprint(raw.sql);
      const key = `${fingerprintId}\u0000${raw.labelKey}`;
      const row = merged.get(key);
      if (row === undefined) {
        const { sql: _sql, ...totals } = raw;
        merged.set(key, { fingerprintId, fingerprint, ...totals });
        continue;
      }
      row.count += raw.count;
      row.rowsReturned += raw.rowsReturned;
      row.durationMs += raw.durationMs;
      row.errorCount += raw.errorCount;
    }
    return [...merged.values()];
  }

  /** Forgets everything recorded; the wrapped client is left as it is. */
  reset(): void {
    this.#log = [];
    this.#fingerprinted = 0;
    this.#count = 0;
    this.#dropped = 0;
    this.#tally = new Map();
  }

  async query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResultLike<R>> {
    const seq = ++this.#count;
    const label = currentLabel();
    if (!this.serialize) return this.#roundTrip<R>(seq, label, sql, params);
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      return await this.#roundTrip<R>(seq, label, sql, params);
    } finally {
      release();
    }
  }

  async #roundTrip<R>(
    seq: number,
    label: Readonly<QueryLabel>,
    sql: string,
    params: readonly unknown[] | undefined,
  ): Promise<QueryResultLike<R>> {
    const startMs = performance.now();
    if (this.rttMs > 0) await sleepAtLeast(this.rttMs);
    const delayMs = performance.now() - startMs;
    let result: { rows: unknown[]; rowCount: number | null } | undefined;
    let failure: unknown;
    let failed = false;
    try {
      result = await this.#target.query(sql, params === undefined ? undefined : [...params]);
    } catch (error) {
      failed = true;
      failure = error;
    }
    const durationMs = performance.now() - startMs;
    this.#record({
      seq,
      sql,
      fingerprint: '',
      fingerprintId: '',
      paramCount: params?.length ?? 0,
      ...(this.keepParams && params !== undefined ? { params } : {}),
      rowCount: failed ? null : rowCountOf(result),
      rowsReturned: failed ? 0 : rowsReturnedOf(result),
      startedAtMs: startMs,
      durationMs,
      delayMs: this.rttMs > 0 ? delayMs : 0,
      label,
      labelKey: labelKey(label),
      ...(failed ? { error: errorInfo(failure) } : {}),
    });
    if (failed) throw failure;
    return result as unknown as QueryResultLike<R>;
  }

  #fingerprint(sql: string): { fingerprint: string; fingerprintId: string } {
    let cached = this.#fingerprints.get(sql);
    if (cached === undefined) {
      cached = sqlFingerprint(sql);
      // Generated SQL with inlined values would grow the cache without bound; start over instead.
      if (this.#fingerprints.size >= FINGERPRINT_CACHE_LIMIT) this.#fingerprints.clear();
      this.#fingerprints.set(sql, cached);
    }
    return cached;
  }

  /**
   * Records one round trip. The SQL is fingerprinted later, when the log or the tally is read: parsing a
   * statement (up to milliseconds for a 1000-id `IN` list) would otherwise add to the export's measured time.
   * Until then the tally is kept per SQL text and label.
   */
  #record(entry: QueryLogEntry): void {
    if (this.#log.length < this.maxLogEntries) this.#log.push(entry);
    else this.#dropped++;
    const key = `${entry.sql}\u0000${entry.labelKey}`;
    let row = this.#tally.get(key);
    if (row === undefined) {
      row = {
        sql: entry.sql,
        label: entry.label,
        labelKey: entry.labelKey,
        count: 0,
        rowsReturned: 0,
        durationMs: 0,
        errorCount: 0,
      };
      this.#tally.set(key, row);
    }
    row.count++;
    row.rowsReturned += entry.rowsReturned;
    row.durationMs += entry.durationMs;
    if (entry.error !== undefined) row.errorCount++;
  }
}

function checkNonNegative(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `CountingClient option ${option} must be a finite number >= 0, got ${String(value)}`,
    );
  }
  return value;
}

/** Node's timers fire up to about a millisecond late; the last stretch of a delay is waited out without them. */
const TIMER_SLACK_MS = 1.5;

/**
 * Waits until at least `ms` have passed on `performance.now()`, and not much more: a timer for the whole
 * milliseconds well before the end, then `setImmediate` turns (which let I/O through) for the rest. A plain
 * `setTimeout(1)` lasts 1.1 to 2 ms, which would inflate an emulated 1 ms round trip by a third or more.
 */
async function sleepAtLeast(ms: number): Promise<void> {
  const endMs = performance.now() + ms;
  const timerMs = Math.floor(ms - TIMER_SLACK_MS);
  if (timerMs >= 1) await sleep(timerMs);
  while (performance.now() < endMs) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** pg returns one result per statement when a text holds several; these sum them. */
function resultsOf(result: unknown): Record<string, unknown>[] {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  return results.filter((one): one is Record<string, unknown> => typeof one === 'object' && one !== null);
}

function rowsReturnedOf(result: unknown): number {
  return resultsOf(result).reduce((sum, one) => sum + (Array.isArray(one.rows) ? one.rows.length : 0), 0);
}

function rowCountOf(result: unknown): number | null {
  const counts = resultsOf(result)
    .map((one) => one.rowCount)
    .filter((n): n is number => typeof n === 'number');
  return counts.length === 0 ? null : counts.reduce((sum, n) => sum + n, 0);
}

function errorInfo(error: unknown): QueryErrorInfo {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & Record<string, unknown>;
  const info: QueryErrorInfo = { message: error.message };
  for (const field of ['code', 'detail', 'hint'] as const) {
    const value = fields[field];
    if (typeof value === 'string') info[field] = value;
  }
  return info;
}
