import { DATASET_COLUMNS, DOCUMENT_TABLES, type DocumentTable } from './dataset-columns.ts';
import type { SeedValue, SeededTable, TableBatch } from './seed-row.ts';

/** One generated row, values in the order of the table's `DATASET_COLUMNS`. */
export type Row = SeedValue[];

/**
 * The rows generated since the last batch, and the id counters of every table. Ids run 1, 2, 3, ... per
 * table for the whole dataset; only the buffered rows are released by `flush`.
 */
export class DatasetRows {
  private readonly nextIds = new Map<SeededTable, number>();
  private readonly buffers = new Map<DocumentTable, Row[]>();

  /** The next id of `table`, starting at 1. */
  allocateId(table: SeededTable): number {
    const id = (this.nextIds.get(table) ?? 0) + 1;
    this.nextIds.set(table, id);
    return id;
  }

  push(table: DocumentTable, row: Row): void {
    let rows = this.buffers.get(table);
    if (rows === undefined) {
      rows = [];
      this.buffers.set(table, rows);
    }
    rows.push(row);
  }

  /** Yields one batch per table holding buffered rows, in load order, and empties the buffers. */
  *flush(): Generator<TableBatch> {
    for (const table of DOCUMENT_TABLES) {
      const rows = this.buffers.get(table);
      if (rows !== undefined && rows.length > 0) {
        yield { table, columns: DATASET_COLUMNS[table], rows };
        this.buffers.set(table, []);
      }
    }
  }
}
