import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SeededTable } from './seed-row.ts';

/** Bytes handed to a COPY stream in one write: large enough that writes are few, small enough to stay bounded. */
const CHUNK_BYTES = 64 * 1024;

/**
 * One connection loading tables with `COPY ... FROM STDIN` (text format), in its own transaction. A lane keeps
 * the COPY of its current table open across batches and streams lines into it with backpressure: `write`
 * waits while the server has not taken the previous chunks, so memory stays bounded however large the
 * dataset. Switching to another table ends the current COPY first (a connection runs one COPY at a time).
 *
 * Any failure of the stream is kept and re-thrown by every later call, and reported through `failed`, so a
 * loop writing to several lanes stops at the first error instead of waiting on a lane that will never drain.
 */
export class CopyLane {
  private stream: Writable | null = null;
  private table: SeededTable | null = null;
  /** Small batches gathered until they make a chunk, and their total size. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private error: Error | null = null;
  private rejectFailed: ((error: Error) => void) | null = null;
  /** Rejects with the first error of this lane's COPY streams; never resolves. */
  readonly failed: Promise<never>;

  /** Tables this lane truncated in its transaction: COPY them with FREEZE. */
  private readonly frozenTables = new Set<SeededTable>();

  constructor(readonly client: pg.ClientBase) {
    this.failed = new Promise<never>((_, reject) => {
      this.rejectFailed = reject;
    });
    // Nobody may be awaiting `failed` when a lane fails: keep the rejection from being "unhandled".
    this.failed.catch(() => undefined);
  }

  /** `table` was truncated in this lane's transaction: its COPY may use FREEZE. */
  markTruncated(table: SeededTable): void {
    this.frozenTables.add(table);
  }

  /**
   * Appends COPY text lines (UTF-8) for `table` (columns as in `columns`), flushing in chunks with
   * backpressure. The lane keeps `lines` until the server has them: the caller must not reuse its bytes.
   */
  async write(table: SeededTable, columns: readonly string[], lines: Buffer): Promise<void> {
    this.throwIfFailed();
    if (this.table !== table) {
      await this.endCopy();
      this.startCopy(table, columns);
    }
    // Large batches go out as they are; small ones are gathered first, so that writes stay few.
    this.pending.push(lines);
    this.pendingBytes += lines.length;
    if (this.pendingBytes >= CHUNK_BYTES) await this.flush();
  }

  /** Ends the COPY in progress (if any) and waits until the server has loaded every line. */
  async endCopy(): Promise<void> {
    if (this.stream === null) return;
    await this.flush();
    const stream = this.stream;
    this.stream = null;
    this.table = null;
    stream.end();
    await Promise.race([once(stream, 'finish'), this.failed]);
    this.throwIfFailed();
  }

  private startCopy(table: SeededTable, columns: readonly string[]): void {
    const list = columns.map((c) => `"${c}"`).join(', ');
    const freeze = this.frozenTables.has(table) ? ' WITH (FREEZE)' : '';
    const stream = this.client.query(copyFrom(`COPY "${table}" (${list}) FROM STDIN${freeze}`));
    stream.on('error', (error: Error) => {
      const wrapped = new Error(`seeding failed while loading ${table}: ${error.message}`, { cause: error });
      this.error ??= wrapped;
      this.rejectFailed?.(wrapped);
    });
    this.stream = stream;
    this.table = table;
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0 || this.stream === null) return;
    const chunk =
      this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.failed]);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.error !== null) throw this.error;
  }
}
