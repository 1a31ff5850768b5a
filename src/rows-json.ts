import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { SHEET_NAMES } from './sheet-definitions.ts';
import type { Cell, SheetRows } from './sheet-definitions.ts';

/** What {@link writeRowsJson} wrote. */
export interface RowsJsonWriteResult {
  path: string;
  sizeBytes: number;
}

/**
 * Writes the data rows of the six sheets as JSON, `{ "<exact sheet name>": [[cell, ...], ...], ... }`, in
 * template sheet order, headers excluded, one row per line so that two files diff line by line. Cells are
 * JSON strings and numbers exactly as written to the workbook (`-0` is written as `0`, as in the sheet).
 *
 * The text is written row by row to the file with back-pressure, never built whole in memory, to a
 * temporary file next to `path` that is renamed onto `path` when complete (removed on failure).
 *
 * @throws Error naming the sheet, Excel row and column of a cell that is not a string or a finite number
 *   (JSON cannot hold NaN or Infinity), or naming the file when it cannot be written.
 */
export async function writeRowsJson(path: string, rows: SheetRows): Promise<RowsJsonWriteResult> {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  let stream: WriteStream | undefined;
  try {
    stream = createWriteStream(tempPath, { flags: 'wx', encoding: 'utf8' });
    await once(stream, 'open');
    const out = stream;
    let streamError: Error | undefined;
    out.on('error', (error) => {
      streamError ??= error;
    });
    const write = async (text: string): Promise<void> => {
      if (streamError !== undefined) throw streamError;
      if (!out.write(text)) await once(out, 'drain');
    };

    await write('{');
    for (const [sheetIndex, sheet] of SHEET_NAMES.entries()) {
      await write(`${sheetIndex === 0 ? '' : ','}\n${JSON.stringify(sheet)}: [`);
      const sheetRows = rows[sheet] ?? [];
      for (const [rowIndex, row] of sheetRows.entries()) {
        const cellsText = row.map((cell, columnIndex) =>
          cellJson(cell, sheet, rowIndex + 2, columnIndex + 1),
        );
        await write(`${rowIndex === 0 ? '' : ','}\n[${cellsText.join(',')}]`);
      }
      await write(sheetRows.length === 0 ? ']' : '\n]');
    }
    await write('\n}\n');
    out.end();
    await once(out, 'finish');
    if (streamError !== undefined) throw streamError;
    await rename(tempPath, path);
    const { size } = await stat(path);
    return { path, sizeBytes: size };
  } catch (error) {
    if (stream !== undefined && !stream.closed) {
      const closed = once(stream, 'close').catch(() => undefined);
      stream.destroy();
      await closed;
    }
    await rm(tempPath, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not write the rows JSON ${JSON.stringify(path)}: ${detail}`, { cause: error });
  }
}

function cellJson(cell: Cell, sheet: string, excelRow: number, column: number): string {
  if (typeof cell === 'string') return JSON.stringify(cell);
  if (typeof cell === 'number' && Number.isFinite(cell))
    return Object.is(cell, -0) ? '0' : JSON.stringify(cell);
  const shown = typeof cell === 'number' ? String(cell) : typeof cell;
  throw new Error(
    `sheet ${JSON.stringify(sheet)} row ${excelRow} column ${column}: expected a string or a finite number, got ${shown}`,
  );
}
