import ExcelJS from 'exceljs';
import { SHEET_NAMES } from './sheet-definitions.ts';
import type { Cell, SheetName, SheetRows } from './sheet-definitions.ts';

/** A workbook read back by {@link readHfcWorkbook}. */
export interface HfcWorkbookContents {
  /** Every sheet name in workbook order, exactly as stored (trailing spaces kept). */
  sheetNames: string[];
  /** Row-1 texts of every sheet, keyed by exact sheet name. */
  headers: Record<string, string[]>;
  /** Data rows (row 2 on) of the six HFC sheets; `[]` for an HFC sheet the workbook lacks. */
  rows: SheetRows;
}

/**
 * Reads an HFC report workbook back with its cell types: a number cell gives a number, a text cell a string.
 *
 * Empty cells: `writeHfcWorkbook` writes `''` as a styled cell without a value (as openpyxl does), which
 * exceljs reads back as an empty cell (`null`), exactly like a cell that was never written. Every data row is therefore read as wide as the
 * sheet's header row (wider if it has cells beyond it), with every empty cell given back as `''`, so a round
 * trip of rows with one cell per header is lossless. Rows are read up to the last `<row>` element of the
 * sheet, so trailing rows made only of `''` cells are kept.
 *
 * Numbers round-trip exactly (`writeHfcWorkbook` writes the shortest decimal that parses back to the same double),
 * except `-0`, which is written as `0`.
 *
 * @throws Error naming the file when it cannot be read as an xlsx workbook, and naming the sheet and cell
 *   when a cell holds something other than text or a number (a formula, a date, rich text, a boolean).
 */
export async function readHfcWorkbook(path: string): Promise<HfcWorkbookContents> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read the workbook ${JSON.stringify(path)} as xlsx: ${detail}`, {
      cause: error,
    });
  }

  const sheetNames: string[] = [];
  const headers: Record<string, string[]> = {};
  const rows = Object.fromEntries(SHEET_NAMES.map((name) => [name, []])) as unknown as SheetRows;

  for (const worksheet of workbook.worksheets) {
    const name = worksheet.name;
    sheetNames.push(name);
    const headerRow = worksheet.getRow(1);
    const headerCells: string[] = [];
    for (let column = 1; column <= headerRow.cellCount; column++) {
      const value = readCell(path, name, 1, column, headerRow.getCell(column).value);
      headerCells.push(typeof value === 'number' ? String(value) : value);
    }
    headers[name] = headerCells;

    if (!isSheetName(name)) continue;
    const dataRows: Cell[][] = [];
    for (let rowNumber = 2; rowNumber <= worksheet.rowCount; rowNumber++) {
      const row = worksheet.getRow(rowNumber);
      const width = Math.max(headerCells.length, row.cellCount);
      const cells: Cell[] = [];
      for (let column = 1; column <= width; column++) {
        cells.push(readCell(path, name, rowNumber, column, row.getCell(column).value));
      }
      dataRows.push(cells);
    }
    rows[name] = dataRows;
  }
  return { sheetNames, headers, rows };
}

function isSheetName(name: string): name is SheetName {
  return (SHEET_NAMES as readonly string[]).includes(name);
}

function readCell(
  path: string,
  sheet: string,
  rowNumber: number,
  column: number,
  value: ExcelJS.CellValue,
): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  const kind =
    value instanceof Date
      ? 'a date'
      : typeof value === 'object'
        ? 'an object (formula, rich text, hyperlink or error)'
        : typeof value;
  throw new Error(
    `Workbook ${JSON.stringify(path)} sheet ${JSON.stringify(sheet)} row ${rowNumber} column ${column}: expected text or a number, found ${kind}; the HFC export writes only texts and numbers`,
  );
}
