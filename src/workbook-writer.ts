import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHEET_DEFINITIONS, SHEET_NAMES } from './sheet-definitions.ts';
import type { Cell, SheetDefinition, SheetName, SheetRows } from './sheet-definitions.ts';

/** The data rows of one sheet, produced eagerly (an array) or lazily (a generator, a database cursor). */
export type SheetRowSource = Iterable<Cell[]> | AsyncIterable<Cell[]>;

/** One sheet's worth of data rows, as a streaming producer yields it to {@link writeHfcWorkbook}. */
export interface SheetRowStream {
  sheet: SheetName;
  rows: SheetRowSource;
}

/** What {@link writeHfcWorkbook} wrote. */
export interface WorkbookWriteResult {
  /** The final path of the workbook (the `path` argument). */
  path: string;
  /** Data rows written per sheet (header row excluded); 0 for a sheet that got no rows. */
  rowsWritten: Record<SheetName, number>;
  sizeBytes: number;
}

/** How many rows are written between two yields to the event loop, so the zip stream can drain to disk. */
const ROWS_PER_YIELD = 500;

/**
 * Writes the HFC report workbook (spec 4 and 5) with exceljs's streaming writer, so that memory stays
 * bounded whatever the number of rows: each row is committed (serialised and released) as soon as it is
 * added, and each sheet is committed before the next one starts.
 *
 * Layout: the six sheets in template order with their exact names (sheet 6 ends with a space); row 1 holds
 * the headers of {@link SHEET_DEFINITIONS} in their header fonts (Arial 11 or 10, bold); data starts at
 * row 2, each cell in the font name and size of the header cell of its column, not bold. A sheet that
 * receives no rows still gets its header row. Strings are written inline (`useSharedStrings: false`); an
 * empty string is written as an empty string cell, which exceljs reads back as an empty cell
 * (see `readHfcWorkbook`).
 *
 * Not reproduced from the template, by necessity:
 * - Excel table objects (`Table1`..`Table7`): exceljs's streaming `WorksheetWriter` has no `addTable`
 *   (tables exist only on the in-memory `Worksheet`, which holds every row in memory). The harness
 *   compares data, not table parts, and the original export does not resize its tables either.
 * - Alignment and border of the header cells: the sheet definitions carry none, so there is nothing to
 *   copy to the data cells beyond font name and size.
 * - The template's `sheetId`s (1, 5, 6, 7, 8, 10): exceljs numbers sheets 1..6.
 *
 * The workbook is written to a temporary file next to `path` and renamed onto `path` only once complete,
 * so a failure (a bad cell, a producer that throws, a full disk) never leaves a partial workbook at `path`;
 * the temporary file is removed on failure.
 *
 * @param path - destination `.xlsx` file; its directory must exist. An existing file is replaced.
 * @param sheets - either every sheet's rows at once ({@link SheetRows}), or an async iterable yielding
 *   sheets in template order, each at most once (sheets it skips get a header row only).
 * @throws Error naming the sheet, Excel row and column when a row does not have exactly one cell per
 *   header or a cell is not a string or a finite number; when sheets arrive out of template order; or
 *   when the file cannot be written (the underlying error is the `cause`).
 */
export async function writeHfcWorkbook(
  path: string,
  sheets: AsyncIterable<SheetRowStream> | SheetRows,
): Promise<WorkbookWriteResult> {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const rowsWritten = Object.fromEntries(SHEET_NAMES.map((name) => [name, 0])) as Record<SheetName, number>;
  let fileStream: WriteStream | undefined;
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  try {
    fileStream = createWriteStream(tempPath, { flags: 'wx' });
    await once(fileStream, 'open');
    const failure = watchForStreamErrors(fileStream);
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: fileStream,
      useSharedStrings: false,
      useStyles: true,
    });
    failure.watch(zipOf(workbook));

    let nextSheetIndex = 0;
    for await (const { sheet, rows } of toSheetStreams(sheets)) {
      const sheetIndex = SHEET_NAMES.indexOf(sheet);
      if (sheetIndex < 0) {
        throw new Error(
          `Unknown sheet name ${JSON.stringify(sheet)}: expected one of ${SHEET_NAMES.map((name) => JSON.stringify(name)).join(', ')}`,
        );
      }
      if (sheetIndex < nextSheetIndex) {
        throw new Error(
          `Sheet ${JSON.stringify(sheet)} arrived after a later sheet or twice: yield sheets in template order (${SHEET_NAMES.map((name) => JSON.stringify(name)).join(', ')}), each once`,
        );
      }
      for (; nextSheetIndex < sheetIndex; nextSheetIndex++) {
        await writeSheet(workbook, definitionAt(nextSheetIndex), [], failure);
      }
      rowsWritten[sheet] = await writeSheet(workbook, definitionAt(sheetIndex), rows, failure);
      nextSheetIndex = sheetIndex + 1;
    }
    for (; nextSheetIndex < SHEET_NAMES.length; nextSheetIndex++) {
      await writeSheet(workbook, definitionAt(nextSheetIndex), [], failure);
    }

    failure.throwIfFailed();
    await Promise.race([workbook.commit(), failure.promise]);
    await rename(tempPath, path);
    const { size } = await stat(path);
    return { path, rowsWritten, sizeBytes: size };
  } catch (error) {
    if (workbook !== undefined) zipOf(workbook).abort();
    if (fileStream !== undefined && !fileStream.closed) {
      const closed = once(fileStream, 'close').catch(() => undefined);
      fileStream.destroy();
      await closed;
    }
    await rm(tempPath, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not write the HFC workbook ${JSON.stringify(path)}: ${detail}`, { cause: error });
  }
}

function toSheetStreams(
  sheets: AsyncIterable<SheetRowStream> | SheetRows,
): AsyncIterable<SheetRowStream> | Iterable<SheetRowStream> {
  if (Symbol.asyncIterator in sheets) return sheets;
  return SHEET_NAMES.map((sheet) => ({ sheet, rows: sheets[sheet] ?? [] }));
}

function definitionAt(index: number): SheetDefinition {
  const definition = SHEET_DEFINITIONS[index];
  if (definition === undefined) throw new Error(`No sheet definition at index ${index}`);
  return definition;
}

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  definition: SheetDefinition,
  rows: SheetRowSource,
  failure: StreamFailure,
): Promise<number> {
  const worksheet = workbook.addWorksheet(definition.name);
  const header = worksheet.addRow([...definition.headers]);
  definition.headerFonts.forEach((font, index) => {
    header.getCell(index + 1).font = { name: font.name, size: font.sizePt, bold: true };
  });
  header.commit();

  // One shared font object per column: exceljs deduplicates styles, so this adds no per-cell cost.
  const dataFonts = definition.headerFonts.map((font) => ({ name: font.name, size: font.sizePt }));
  let count = 0;
  for await (const cells of rows) {
    const excelRow = count + 2;
    checkRow(definition, excelRow, cells);
    const row = worksheet.addRow(cells);
    dataFonts.forEach((font, index) => {
      row.getCell(index + 1).font = font;
    });
    row.commit();
    count++;
    if (count % ROWS_PER_YIELD === 0) {
      failure.throwIfFailed();
      // The streaming writer ignores back-pressure; yielding lets the zip and file streams drain.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  worksheet.commit();
  return count;
}

function checkRow(definition: SheetDefinition, excelRow: number, cells: unknown): asserts cells is Cell[] {
  const where = `sheet ${JSON.stringify(definition.name)} row ${excelRow}`;
  if (!Array.isArray(cells)) {
    throw new Error(`${where}: expected an array of cells, got ${typeof cells}`);
  }
  if (cells.length !== definition.headers.length) {
    throw new Error(
      `${where}: expected ${definition.headers.length} cells (one per header), got ${cells.length}; the sheet builder must emit exactly the template's columns`,
    );
  }
  cells.forEach((cell: unknown, index) => {
    const validNumber = typeof cell === 'number' && Number.isFinite(cell);
    if (typeof cell !== 'string' && !validNumber) {
      const shown = typeof cell === 'number' ? String(cell) : typeof cell;
      throw new Error(
        `${where} column ${index + 1} ${definition.headers[index] ?? ''}: expected a string or a finite number, got ${shown}`,
      );
    }
  });
}

/** The archiver instance inside exceljs's streaming writer; exceljs's type declarations do not expose it. */
interface ZipArchive {
  on(event: 'error', listener: (error: Error) => void): unknown;
  abort(): unknown;
}

function zipOf(workbook: ExcelJS.stream.xlsx.WorkbookWriter): ZipArchive {
  return (workbook as unknown as { zip: ZipArchive }).zip;
}

interface StreamFailure {
  /** Rejects with the first error any watched stream emits. */
  promise: Promise<never>;
  watch(emitter: { on(event: 'error', listener: (error: Error) => void): unknown }): void;
  throwIfFailed(): void;
}

function watchForStreamErrors(fileStream: WriteStream): StreamFailure {
  let firstError: Error | undefined;
  let rejectPromise: (error: Error) => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    rejectPromise = reject;
  });
  // A stream error that nobody awaits yet must not become an unhandled rejection.
  promise.catch(() => undefined);
  const onError = (error: Error): void => {
    firstError ??= error;
    rejectPromise(error);
  };
  fileStream.on('error', onError);
  return {
    promise,
    watch: (emitter) => {
      emitter.on('error', onError);
    },
    throwIfFailed: () => {
      if (firstError !== undefined) throw firstError;
    },
  };
}
