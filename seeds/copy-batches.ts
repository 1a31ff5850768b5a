import { CopyTextEncoder } from './copy-encoder.ts';
import { generateDataset, type GenerateDatasetOptions } from './generate-dataset.ts';
import type { SeededTable } from './seed-row.ts';

/** Rows of one table, already in COPY text format, ready for a COPY stream. */
export interface CopyBatch {
  table: SeededTable;
  columns: readonly string[];
  /** Rows in `data`. */
  rows: number;
  /** COPY text lines, newline-terminated, as UTF-8 bytes. */
  data: Buffer;
}

/**
 * The dataset of `generate-dataset.ts`, batch by batch, as COPY text in UTF-8 (`copy-encoder.ts`). Empty
 * batches are skipped. A row whose value count differs from its column list is a generator bug, and stops the
 * generation with the table's name and the row's key.
 */
export function* copyTextBatches(options: GenerateDatasetOptions): Generator<CopyBatch, void, undefined> {
  const encoder = new CopyTextEncoder();
  for (const batch of generateDataset(options)) {
    if (batch.rows.length === 0) continue;
    const width = batch.columns.length;
    for (const row of batch.rows) {
      if (row.length !== width) {
        throw new Error(
          `generated row for ${batch.table} has ${row.length} values for ${width} columns (generator bug; key ${JSON.stringify(row[0])})`,
        );
      }
      encoder.row(row);
    }
    yield { table: batch.table, columns: batch.columns, rows: batch.rows.length, data: encoder.take() };
  }
}
