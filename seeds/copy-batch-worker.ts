/**
 * The generating thread of `worker-copy-batches.ts`: generates the dataset as COPY text, encodes each batch
 * to UTF-8 and hands the bytes over (transferred, not copied). It stays at most `ahead` batches ahead of the
 * reader: the reader counts the batches it has taken in `taken`, and this thread sleeps on it while it is
 * that far ahead, so memory stays bounded by the reader's pace.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyTextBatches } from './copy-batches.ts';
import type { GenerateDatasetOptions } from './generate-dataset.ts';

/** What the reading thread passes in `workerData`. */
export interface CopyBatchWorkerInput {
  options: GenerateDatasetOptions;
  /** One Int32: how many batches the reader has taken so far. */
  taken: SharedArrayBuffer;
  ahead: number;
}

/** A message of this thread: a batch (its bytes transferred), or the end of the dataset. */
export type CopyBatchMessage =
  | { kind: 'batch'; table: string; columns: readonly string[]; rows: number; data: Uint8Array }
  | { kind: 'done' };

const port = parentPort;
if (port === null) throw new Error('copy-batch-worker runs in a worker thread only');
const input = workerData as CopyBatchWorkerInput;
const taken = new Int32Array(input.taken);
const encoder = new TextEncoder();
let sent = 0;
for (const batch of copyTextBatches(input.options)) {
  for (let read = Atomics.load(taken, 0); sent - read >= input.ahead; read = Atomics.load(taken, 0)) {
    Atomics.wait(taken, 0, read);
  }
  // encode() returns bytes with an ArrayBuffer of their own, so it can be transferred.
  const data = encoder.encode(batch.data as string);
  const message: CopyBatchMessage = {
    kind: 'batch',
    table: batch.table,
    columns: batch.columns,
    rows: batch.rows,
    data,
  };
  port.postMessage(message, [data.buffer]);
  sent += 1;
}
port.postMessage({ kind: 'done' } satisfies CopyBatchMessage);
