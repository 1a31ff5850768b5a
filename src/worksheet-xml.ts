import { columnLetter } from './column-letter.ts';
import { TABLE_RELATIONSHIP_ID } from './workbook-package-parts.ts';
import { escapeXmlText, forbiddenXmlCharacter } from './xml-text.ts';
import type { SheetDefinition } from './sheet-definitions.ts';

/**
 * The XML of one worksheet, in three pieces so that rows can be streamed between them:
 * {@link worksheetStartXml}, one {@link worksheetRowXml} per row (row 1 the headers), {@link worksheetEndXml}.
 */

/** Excel's last row. */
export const MAX_EXCEL_ROWS = 1_048_576;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Everything before the first row: the sheet view (`tabSelected` on the sheet the workbook opens on, as
 * Excel expects), the template's column widths, and the opening of the cell data.
 */
export function worksheetStartXml(definition: SheetDefinition, selected: boolean): string {
  const columns = definition.columnWidths
    .map(
      (range) =>
        `<col min="${range.firstColumn}" max="${range.lastColumn}" width="${range.width}"${range.customWidth ? ' customWidth="1"' : ''}/>`,
    )
    .join('');
  return (
    XML_DECLARATION +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"/></sheetViews>` +
    (columns === '' ? '' : `<cols>${columns}</cols>`) +
    '<sheetData>'
  );
}

/** Everything after the last row: the template's page margins and the reference to the sheet's table. */
export function worksheetEndXml(): string {
  return (
    '</sheetData>' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<tableParts count="1"><tablePart r:id="${TABLE_RELATIONSHIP_ID}"/></tableParts>` +
    '</worksheet>'
  );
}

/**
 * One `<row>`: cell `k` gets the style `styleIds[k]`. A number is a number cell (the shortest decimal that
 * reads back as the same double; `-0` is written `0`). A non-empty string is an inline string cell, with
 * `xml:space="preserve"` when it starts or ends with whitespace, so that every reader keeps those spaces
 * (LibreOffice trims them otherwise); openpyxl, which the original writes with, does the same. `''` is a
 * styled cell with no value, which is what openpyxl writes for it: the cell keeps its border and reads
 * back empty.
 *
 * @throws Error naming the sheet, Excel row and column when the row does not have one cell per header, a
 *   cell is neither a string nor a finite number, or a string holds a character XML cannot carry.
 */
export function worksheetRowXml(
  definition: SheetDefinition,
  excelRow: number,
  cells: unknown,
  styleIds: readonly number[],
): string {
  const where = `sheet ${JSON.stringify(definition.name)} row ${excelRow}`;
  if (!Array.isArray(cells)) {
    throw new Error(`${where}: expected an array of cells, got ${typeof cells}`);
  }
  if (cells.length !== definition.headers.length) {
    throw new Error(
      `${where}: expected ${definition.headers.length} cells (one per header), got ${cells.length}; the sheet builder must emit exactly the template's columns`,
    );
  }
  let xml = `<row r="${excelRow}">`;
  for (let index = 0; index < cells.length; index++) {
    const cell: unknown = cells[index];
    const reference = `${columnLetter(index + 1)}${excelRow}`;
    const style = ` s="${styleIds[index] ?? 0}"`;
    if (typeof cell === 'number') {
      if (!Number.isFinite(cell)) throw invalidCell(definition, where, index, String(cell));
      xml += `<c r="${reference}"${style}><v>${String(cell)}</v></c>`;
    } else if (typeof cell === 'string') {
      if (cell === '') {
        xml += `<c r="${reference}"${style}/>`;
        continue;
      }
      const forbidden = forbiddenXmlCharacter(cell);
      if (forbidden !== undefined) {
        throw invalidCell(
          definition,
          where,
          index,
          `a string holding ${forbidden}, which an xlsx file cannot store`,
        );
      }
      const space = /^\s|\s$/.test(cell) ? ' xml:space="preserve"' : '';
      xml += `<c r="${reference}"${style} t="inlineStr"><is><t${space}>${escapeXmlText(cell)}</t></is></c>`;
    } else {
      throw invalidCell(definition, where, index, typeof cell);
    }
  }
  return `${xml}</row>`;
}

function invalidCell(definition: SheetDefinition, where: string, index: number, shown: string): Error {
  return new Error(
    `${where} column ${index + 1} ${definition.headers[index] ?? ''}: expected a string or a finite number, got ${shown}`,
  );
}
