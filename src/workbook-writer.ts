import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import archiver from 'archiver';
import { ACTIVE_SHEET, SHEET_DEFINITIONS, SHEET_NAMES } from './sheet-definitions.ts';
import type { Cell, SheetDefinition, SheetName, SheetRows } from './sheet-definitions.ts';
import { buildWorkbookStyles, type WorkbookStyles } from './workbook-styles.ts';
import {
  contentTypesXml,
  packageRelationshipsXml,
  sheetPartName,
  sheetRelationshipsPartName,
  sheetRelationshipsXml,
  tablePartName,
  tableXml,
  workbookRelationshipsXml,
  workbookXml,
} from './workbook-package-parts.ts';
import { MAX_EXCEL_ROWS, worksheetEndXml, worksheetRowXml, worksheetStartXml } from './worksheet-xml.ts';

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

/**
 * Worksheet XML is handed to the zip in pieces of about this many characters: large enough that the
 * per-chunk cost vanishes, small enough that memory does not depend on the number of rows.
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the HFC report workbook as the original export's output looks (spec 4, 5 and 5.1), streaming, so
 * that memory stays bounded whatever the number of rows.
 *
 * What a person opening it sees, as in the original (which fills the template `HFC_REPORT.xlsx` with
 * openpyxl):
 * - the six sheets in template order with their exact names (sheet 6 ends with a space) and the
 *   template's `sheetId`s (1, 5, 6, 7, 8, 10); the workbook opens on sheet 6 (`6_DL_QuanLy_HanNgach `);
 * - the template's column widths;
 * - row 1: the headers of {@link SHEET_DEFINITIONS} in their header fonts (Arial 11 or 10, bold) and the
 *   template's header borders; data from row 2, each cell in the font name and size of its column's header
 *   cell (not bold) with a copy of that cell's border and alignment (the template sets no alignment);
 * - one Excel table per sheet with the template's name and ref: `Table2` (A1:T4), `Table4` (A1:M2),
 *   `Table5` (A1:K2), `Table6` (A1:I2), `Table7` (A1:I2), `Table1` (A1:L2).
 *
 * **The tables are not resized** to the rows written: each keeps the template's ref, so it covers the
 * header and the first one to three rows only. That is the original's behaviour (openpyxl does not grow a
 * table when cells are written below it), kept on purpose: this harness reproduces the export, quirks
 * included, and lists quirks as findings rather than fixing them in one writer.
 *
 * Cell encoding: numbers as number cells; non-empty strings as inline strings, with `xml:space="preserve"`
 * when they start or end with whitespace (LibreOffice would trim them otherwise; openpyxl writes the same
 * attribute); `''` as a styled cell without a value, which reads back empty, as openpyxl writes it. The
 * original stores strings in a shared-string table; inline strings read back the same and need no table
 * of every distinct string in memory.
 *
 * Not reproduced from the template: its theme, the pre-styled empty cells of rows 2 to 4 below the data,
 * the column default styles, the scroll positions and selections of its sheet views, the table columns'
 * differential formats, and the document properties: none of them holds or changes a value.
 *
 * The zip is written with archiver, each worksheet from a generator that the zip pulls as it compresses,
 * so a slow disk slows the producer rather than filling memory. The workbook is written to a temporary
 * file next to `path` and renamed onto `path` only once complete, so a failure (a bad cell, a producer
 * that throws, a full disk) never leaves a partial workbook at `path`; the temporary file is removed on
 * failure.
 *
 * @param path - destination `.xlsx` file; its directory must exist. An existing file is replaced.
 * @param sheets - either every sheet's rows at once ({@link SheetRows}), or an async iterable yielding
 *   sheets in template order, each at most once (sheets it skips get a header row only).
 * @throws Error naming the sheet, Excel row and column when a row does not have exactly one cell per
 *   header, a cell is not a string or a finite number, or a string holds a character XML cannot carry;
 *   when sheets arrive out of template order; when a sheet has more rows than Excel allows; or when the
 *   file cannot be written (the underlying error is the `cause`).
 */
export async function writeHfcWorkbook(
  path: string,
  sheets: AsyncIterable<SheetRowStream> | SheetRows,
): Promise<WorkbookWriteResult> {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const rowsWritten = Object.fromEntries(SHEET_NAMES.map((name) => [name, 0])) as Record<SheetName, number>;
  let fileStream: WriteStream | undefined;
  let archive: archiver.Archiver | undefined;
  try {
    fileStream = createWriteStream(tempPath, { flags: 'wx' });
    await once(fileStream, 'open');
    const fileClosed = new Promise<void>((resolve) => fileStream?.once('close', () => resolve()));
    const failure = watchForStreamErrors(fileStream);
    archive = archiver('zip');
    failure.watch(archive);
    archive.pipe(fileStream);

    const styles = buildWorkbookStyles(SHEET_DEFINITIONS);
    const sheetCount = SHEET_DEFINITIONS.length;
    archive.append(contentTypesXml(sheetCount), { name: '[Content_Types].xml' });
    archive.append(packageRelationshipsXml(), { name: '_rels/.rels' });
    archive.append(workbookXml(SHEET_DEFINITIONS, SHEET_NAMES.indexOf(ACTIVE_SHEET)), {
      name: 'xl/workbook.xml',
    });
    archive.append(workbookRelationshipsXml(sheetCount), { name: 'xl/_rels/workbook.xml.rels' });
    archive.append(styles.xml, { name: 'xl/styles.xml' });

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
        await writeSheet(archive, nextSheetIndex, [], styles, failure);
      }
      rowsWritten[sheet] = await writeSheet(archive, sheetIndex, rows, styles, failure);
      nextSheetIndex = sheetIndex + 1;
    }
    for (; nextSheetIndex < SHEET_NAMES.length; nextSheetIndex++) {
      await writeSheet(archive, nextSheetIndex, [], styles, failure);
    }

    failure.throwIfFailed();
    await Promise.race([archive.finalize(), failure.promise]);
    await Promise.race([fileClosed, failure.promise]);
    failure.throwIfFailed();
    await rename(tempPath, path);
    const { size } = await stat(path);
    return { path, rowsWritten, sizeBytes: size };
  } catch (error) {
    archive?.abort();
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

/**
 * Adds sheet `sheetIndex` (0-based) to the zip: its worksheet, streamed from `rows`, then its relationships
 * and its table. Resolves once the zip has consumed every row, with the number of data rows.
 */
async function writeSheet(
  archive: archiver.Archiver,
  sheetIndex: number,
  rows: SheetRowSource,
  styles: WorkbookStyles,
  failure: StreamFailure,
): Promise<number> {
  const definition = definitionAt(sheetIndex);
  const sheetNumber = sheetIndex + 1;
  const headerStyleIds = styles.headerStyleIds.get(definition.name) ?? [];
  const dataStyleIds = styles.dataStyleIds.get(definition.name) ?? [];
  let count = 0;

  async function* worksheetChunks(): AsyncGenerator<Buffer> {
    let pending =
      worksheetStartXml(definition, definition.name === ACTIVE_SHEET) +
      worksheetRowXml(definition, 1, [...definition.headers], headerStyleIds);
    for await (const cells of rows) {
      const excelRow = count + 2;
      if (excelRow > MAX_EXCEL_ROWS) {
        throw new Error(
          `sheet ${JSON.stringify(definition.name)}: more than ${MAX_EXCEL_ROWS - 1} data rows, more than an Excel sheet holds; narrow the export's filters`,
        );
      }
      pending += worksheetRowXml(definition, excelRow, cells, dataStyleIds);
      count++;
      if (pending.length >= CHUNK_CHARS) {
        yield Buffer.from(pending, 'utf8');
        pending = '';
      }
    }
    yield Buffer.from(pending + worksheetEndXml(), 'utf8');
  }

  const source = Readable.from(worksheetChunks(), { objectMode: false });
  archive.append(source, { name: sheetPartName(sheetNumber) });
  // The zip pulls the rows as it compresses them; wait until it has them all (or something failed).
  try {
    await Promise.race([finished(source), failure.promise]);
  } catch (error) {
    // Stops the generator, which ends the producer's iteration too (a database cursor gets closed).
    source.destroy();
    throw error;
  }
  archive.append(sheetRelationshipsXml(sheetNumber), { name: sheetRelationshipsPartName(sheetNumber) });
  archive.append(tableXml(definition), { name: tablePartName(sheetNumber) });
  return count;
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
