import { Worker } from 'node:worker_threads';
import type { CopyBatch } from './copy-batches.ts';
import type { CopyBatchMessage, CopyBatchWorkerInput } from './copy-batch-worker.ts';
import type { GenerateDatasetOptions } from './generate-dataset.ts';
import type { SeededTable } from './seed-row.ts';

/** Batches the generating thread may have ready before the reader takes them (a few rounds of every table). */
const DEFAULT_AHEAD = 48;

/**
 * The same batches as `copyTextBatches(options)`, in the same order, generated, formatted and encoded in a
 * worker thread, so that this thread only streams bytes to the server while the next ones are made. Each
 * batch's `data` is its UTF-8 bytes.
 *
 * The worker starts at once (loading the generator in a new thread takes a moment; the caller can prepare
 * the database meanwhile) and stays at most `ahead` batches ahead of the reader: a batch counts as taken
 * when the next one is asked for, that is once the caller is done with it. A failure in the worker (a
 * generator bug, say) is thrown by the iteration with the worker's message. Read it once; `close` (always
 * call it, also when the batches were never read) stops the worker.
 */
export class WorkerCopyBatches implements AsyncIterable<CopyBatch> {
  private readonly worker: Worker;
  private readonly taken = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly queue: CopyBatchMessage[] = [];
  private failure: Error | null = null;
  private exited = false;
  private wake: (() => void) | null = null;

  constructor(options: GenerateDatasetOptions, ahead = DEFAULT_AHEAD) {
    const input: CopyBatchWorkerInput = { options, taken: this.taken.buffer, ahead };
    this.worker = new Worker(workerBootstrap(), {
      eval: true,
      workerData: input,
      // A larger young generation, as the CLI gives the main thread: the generator's strings are short-lived.
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    });
    this.worker.on('message', (message: CopyBatchMessage) => {
      this.queue.push(message);
      this.notify();
    });
    this.worker.on('error', (error: Error) => {
      this.failure ??= error;
      this.notify();
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      if (code !== 0)
        this.failure ??= new Error(`the seed generator's thread stopped with exit code ${code}`);
      this.notify();
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CopyBatch, void, undefined> {
    for (;;) {
      const message = await this.next();
      if (message.kind === 'done') return;
      yield {
        table: message.table as SeededTable,
        columns: message.columns,
        rows: message.rows,
        data: message.data,
      };
      Atomics.add(this.taken, 0, 1);
      Atomics.notify(this.taken, 0);
    }
  }

  /** Whether the worker thread is still alive (it ends after the last batch, or on `close`). */
  get running(): boolean {
    return !this.exited;
  }

  /** Stops the worker (at once, wherever it is) and waits until it has. */
  async close(): Promise<void> {
    if (!this.exited) await this.worker.terminate();
  }

  private async next(): Promise<CopyBatchMessage> {
    while (this.queue.length === 0 && this.failure === null && !this.exited) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    const message = this.queue.shift();
    // A message sent before a failure is still read first: the failure is what comes after it.
    if (message !== undefined) return message;
    throw this.failure ?? new Error("the seed generator's thread ended before the dataset did");
  }

  private notify(): void {
    const resume = this.wake;
    this.wake = null;
    resume?.();
  }
}

/**
 * The worker's entry is TypeScript like the rest, so the thread starts with a line of JavaScript that loads
 * it through tsx (hooks registered on this thread do not reach a worker, and `--import tsx` in its
 * `execArgv` did not apply to its entry on Node 20). Both are resolved from here, so nothing depends on the
 * working folder.
 */
function workerBootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = import.meta.resolve('./copy-batch-worker.ts');
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
}
