import { describe, expect, it } from 'vitest';
import { copyTextBatches, type CopyBatch } from './copy-batches.ts';
import { WorkerCopyBatches } from './worker-copy-batches.ts';

const OPTIONS = { documents: 300, seed: 7 };

/** A batch with its data as text, whichever thread made it. */
function asText(batch: CopyBatch) {
  const text = typeof batch.data === 'string' ? batch.data : Buffer.from(batch.data).toString('utf8');
  return { table: batch.table, columns: [...batch.columns], rows: batch.rows, text };
}

/** Reads every batch of a worker, then stops it. */
async function collect(worker: WorkerCopyBatches) {
  const out: CopyBatch[] = [];
  try {
    for await (const batch of worker) out.push(batch);
  } finally {
    await worker.close();
  }
  return out;
}

describe('workerCopyBatches', () => {
  it('yields the batches copyTextBatches makes on this thread, in the same order, as UTF-8 bytes', async () => {
    const here = [...copyTextBatches(OPTIONS)].map(asText);
    const batches = await collect(new WorkerCopyBatches(OPTIONS));
    expect(batches.every((b) => b.data instanceof Uint8Array)).toBe(true);
    expect(batches.map(asText)).toEqual(here);
    // Vietnamese text crossed the thread boundary intact.
    expect(here.some((b) => b.text.includes('Nguyễn'))).toBe(true);
  });

  it('gives the same batches when the worker may be only one batch ahead', async () => {
    const here = [...copyTextBatches(OPTIONS)].map(asText);
    expect((await collect(new WorkerCopyBatches(OPTIONS, 1))).map(asText)).toEqual(here);
  });

  it("throws the worker's own error when generation fails", async () => {
    await expect(collect(new WorkerCopyBatches({ documents: 0, seed: 1 }))).rejects.toThrow(
      /dataset option "documents" must be a positive integer, got 0/,
    );
  });

  it('stops the worker on close, whether the reader left early or never began', async () => {
    const early = new WorkerCopyBatches({ documents: 5000, seed: 1 }, 2);
    const unread = new WorkerCopyBatches(OPTIONS);
    const seen: string[] = [];
    for await (const batch of early) {
      seen.push(batch.table);
      if (seen.length === 3) break;
    }
    expect(seen).toHaveLength(3);
    // Two batches ahead at most: the worker is asleep, waiting for the reader, until it is stopped.
    expect(early.running).toBe(true);
    await Promise.all([early.close(), unread.close()]);
    expect(early.running).toBe(false);
    expect(unread.running).toBe(false);
  });
});
