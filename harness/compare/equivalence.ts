import { SHEET_DEFINITIONS, SHEET_NAMES } from '../../src/sheet-definitions.ts';
import type { Cell, SheetName, SheetRows } from '../../src/sheet-definitions.ts';
import { readHfcWorkbook } from '../../src/workbook-reader.ts';

/** Why two rows differ. `missing-row`: only the expected side has the row; `extra-row`: only the actual side. */
export type DifferenceReason = 'value' | 'type' | 'missing-row' | 'extra-row';

/** A 1-based column with the header the template gives it (`''` past the last header). */
export interface DifferenceColumn {
  index: number;
  header: string;
}

/**
 * One difference between the expected and the actual rows.
 *
 * For `value` and `type`, `column` is set and `expected`/`actual` are the two cells; a cell that one row
 * lacks (rows of different widths) is `null` and counts as a `type` difference. For `missing-row` and
 * `extra-row`, `column` is `null` and the present side holds the whole row, the other side `null`.
 */
export interface Difference {
  sheet: SheetName;
  /** 1-based Excel row: data index + 2 (row 1 holds the headers). */
  row: number;
  column: DifferenceColumn | null;
  expected: Cell | readonly Cell[] | null;
  actual: Cell | readonly Cell[] | null;
  reason: DifferenceReason;
}

/** The outcome of {@link compareSheetRows}. */
export interface EquivalenceResult {
  equivalent: boolean;
  /** Every difference found, not only those listed in `differences`. */
  differenceCount: number;
  /** The first differences, in sheet, row, column order, capped at `maxDifferences`. */
  differences: Difference[];
  rowCounts: Record<SheetName, { expected: number; actual: number }>;
}

/** Options of {@link compareSheetRows}. */
export interface CompareOptions {
  /** How many differences to keep in the list (all are counted). Default 20. */
  maxDifferences?: number;
}

/** A difference in a workbook's structure: its sheet names, or the header row of one sheet. */
export interface StructureDifference {
  kind: 'sheet-names' | 'headers';
  /** The sheet whose headers differ; absent for `sheet-names`. */
  sheet?: string;
  expected: string[];
  actual: string[];
}

/**
 * The outcome of {@link compareWorkbookFiles}: the row comparison plus the structure comparison.
 * `differenceCount` counts both; `equivalent` requires both to agree.
 */
export interface WorkbookComparison extends EquivalenceResult {
  structureDifferences: StructureDifference[];
}

/** Names for the two sides in {@link formatEquivalence}'s text, e.g. `{ expected: 'v1', actual: 'v2' }`. */
export interface EquivalenceLabels {
  expected: string;
  actual: string;
}

const DEFAULT_MAX_DIFFERENCES = 20;

/**
 * Compares the rows of every sheet, row by row and cell by cell, with types: `0` and `'0'` differ (`type`);
 * numbers are equal when they are the same double, with `-0` equal to `0` (the workbook cannot tell them
 * apart); strings are compared exactly (no trimming or Unicode normalisation).
 */
export function compareSheetRows(
  expected: SheetRows,
  actual: SheetRows,
  options: CompareOptions = {},
): EquivalenceResult {
  const maxDifferences = options.maxDifferences ?? DEFAULT_MAX_DIFFERENCES;
  if (!Number.isInteger(maxDifferences) || maxDifferences < 0) {
    throw new Error(
      `compareSheetRows option maxDifferences: expected a non-negative integer, got ${maxDifferences}`,
    );
  }
  const differences: Difference[] = [];
  let differenceCount = 0;
  const record = (difference: Difference): void => {
    differenceCount++;
    if (differences.length < maxDifferences) differences.push(difference);
  };

  const rowCounts = {} as Record<SheetName, { expected: number; actual: number }>;
  for (const definition of SHEET_DEFINITIONS) {
    const sheet = definition.name;
    const expectedRows = expected[sheet] ?? [];
    const actualRows = actual[sheet] ?? [];
    rowCounts[sheet] = { expected: expectedRows.length, actual: actualRows.length };
    const rowCount = Math.max(expectedRows.length, actualRows.length);
    for (let index = 0; index < rowCount; index++) {
      const row = index + 2;
      const expectedRow = expectedRows[index];
      const actualRow = actualRows[index];
      if (actualRow === undefined) {
        record({
          sheet,
          row,
          column: null,
          expected: expectedRow ?? null,
          actual: null,
          reason: 'missing-row',
        });
        continue;
      }
      if (expectedRow === undefined) {
        record({ sheet, row, column: null, expected: null, actual: actualRow, reason: 'extra-row' });
        continue;
      }
      const width = Math.max(expectedRow.length, actualRow.length);
      for (let columnIndex = 0; columnIndex < width; columnIndex++) {
        const expectedCell = columnIndex < expectedRow.length ? (expectedRow[columnIndex] ?? null) : null;
        const actualCell = columnIndex < actualRow.length ? (actualRow[columnIndex] ?? null) : null;
        const reason = cellDifference(expectedCell, actualCell);
        if (reason === undefined) continue;
        const column = { index: columnIndex + 1, header: definition.headers[columnIndex] ?? '' };
        record({ sheet, row, column, expected: expectedCell, actual: actualCell, reason });
      }
    }
  }
  return { equivalent: differenceCount === 0, differenceCount, differences, rowCounts };
}

function cellDifference(expected: Cell | null, actual: Cell | null): 'value' | 'type' | undefined {
  if (typeOfCell(expected) !== typeOfCell(actual)) return 'type';
  if (typeof expected === 'number' && typeof actual === 'number') {
    // `===` already treats -0 and 0 as equal; NaN is equal to itself only through Object.is.
    return expected === actual || Object.is(expected, actual) ? undefined : 'value';
  }
  return expected === actual ? undefined : 'value';
}

function typeOfCell(cell: Cell | null): string {
  return cell === null ? 'no cell' : typeof cell;
}

/**
 * Reads two workbooks back and compares them: sheet names (exact, in order), the header row of every sheet
 * both have, then the rows of the six HFC sheets as {@link compareSheetRows} does. `pathA` is the
 * expected side.
 */
export async function compareWorkbookFiles(
  pathA: string,
  pathB: string,
  options: CompareOptions = {},
): Promise<WorkbookComparison> {
  const [expected, actual] = await Promise.all([readHfcWorkbook(pathA), readHfcWorkbook(pathB)]);
  const structureDifferences: StructureDifference[] = [];
  if (!sameTexts(expected.sheetNames, actual.sheetNames)) {
    structureDifferences.push({
      kind: 'sheet-names',
      expected: expected.sheetNames,
      actual: actual.sheetNames,
    });
  }
  for (const sheet of expected.sheetNames) {
    const expectedHeaders = expected.headers[sheet];
    const actualHeaders = actual.headers[sheet];
    if (expectedHeaders === undefined || actualHeaders === undefined) continue;
    if (!sameTexts(expectedHeaders, actualHeaders)) {
      structureDifferences.push({ kind: 'headers', sheet, expected: expectedHeaders, actual: actualHeaders });
    }
  }
  const rows = compareSheetRows(expected.rows, actual.rows, options);
  return {
    ...rows,
    equivalent: rows.equivalent && structureDifferences.length === 0,
    differenceCount: rows.differenceCount + structureDifferences.length,
    structureDifferences,
  };
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}

/**
 * Human-readable text of a comparison: `equivalent: 6 sheets, N rows`, or `NOT equivalent: K differences`
 * followed by one line per listed difference, e.g.
 * `sheet '2_DL_ThietBi_SoHuu' row 5 column 7 TenChat: v1 'HFC-134a' (string) vs v2 '' (string)`.
 */
export function formatEquivalence(
  result: EquivalenceResult | WorkbookComparison,
  labels: EquivalenceLabels = { expected: 'v1', actual: 'v2' },
): string {
  const sheetCount = Object.keys(result.rowCounts).length;
  if (result.equivalent) {
    const rowCount = Object.values(result.rowCounts).reduce((sum, counts) => sum + counts.expected, 0);
    return `equivalent: ${sheetCount} sheets, ${rowCount} rows`;
  }
  const lines = [
    `NOT equivalent: ${result.differenceCount} ${result.differenceCount === 1 ? 'difference' : 'differences'}`,
  ];
  const structureDifferences = 'structureDifferences' in result ? result.structureDifferences : [];
  for (const difference of structureDifferences) lines.push(formatStructureDifference(difference, labels));
  for (const difference of result.differences) lines.push(formatDifference(difference, labels));
  const listed = structureDifferences.length + result.differences.length;
  if (result.differenceCount > listed) lines.push(`... and ${result.differenceCount - listed} more`);
  const mismatchedCounts = SHEET_NAMES.filter((sheet) => {
    const counts = result.rowCounts[sheet];
    return counts !== undefined && counts.expected !== counts.actual;
  });
  for (const sheet of mismatchedCounts) {
    const counts = result.rowCounts[sheet];
    lines.push(
      `sheet ${quote(sheet)} row count: ${labels.expected} ${counts.expected} vs ${labels.actual} ${counts.actual}`,
    );
  }
  return lines.join('\n');
}

function formatDifference(difference: Difference, labels: EquivalenceLabels): string {
  const place = `sheet ${quote(difference.sheet)} row ${difference.row}`;
  if (difference.reason === 'missing-row') {
    return `${place}: missing in ${labels.actual}; ${labels.expected} has ${formatRow(difference.expected)}`;
  }
  if (difference.reason === 'extra-row') {
    return `${place}: extra in ${labels.actual} (${labels.expected} has no such row): ${formatRow(difference.actual)}`;
  }
  const column = difference.column;
  const columnText =
    column === null ? '' : ` column ${column.index}${column.header === '' ? '' : ` ${column.header}`}`;
  return `${place}${columnText}: ${labels.expected} ${formatTypedCell(difference.expected)} vs ${labels.actual} ${formatTypedCell(difference.actual)}`;
}

function formatStructureDifference(difference: StructureDifference, labels: EquivalenceLabels): string {
  const list = (texts: readonly string[]): string => `[${texts.map(quote).join(', ')}]`;
  const subject =
    difference.kind === 'sheet-names' ? 'sheet names' : `sheet ${quote(difference.sheet ?? '')} headers`;
  return `${subject}: ${labels.expected} ${list(difference.expected)} vs ${labels.actual} ${list(difference.actual)}`;
}

function formatTypedCell(value: Cell | readonly Cell[] | null): string {
  if (value === null) return '(no cell)';
  if (Array.isArray(value)) return formatRow(value);
  const cell = value as Cell;
  return `${formatCell(cell)} (${typeof cell})`;
}

function formatRow(value: Cell | readonly Cell[] | null): string {
  if (!Array.isArray(value)) return value === null ? '(nothing)' : formatCell(value as Cell);
  return `[${(value as readonly Cell[]).map(formatCell).join(', ')}]`;
}

function formatCell(cell: Cell): string {
  if (typeof cell === 'number') return Object.is(cell, -0) ? '-0' : String(cell);
  return quote(cell);
}

/** Single-quoted, with quotes, backslashes and control characters escaped so trailing spaces stay visible. */
function quote(text: string): string {
  const escaped = text
    .replace(/[\\']/g, (character) => `\\${character}`)
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return `'${escaped}'`;
}
