import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_DEFINITIONS, SHEET_NAMES, sheetDefinition } from './sheet-definitions.ts';
import type { Cell, SheetName, SheetRows } from './sheet-definitions.ts';
import { writeHfcWorkbook } from './workbook-writer.ts';
import {
  readWithOpenpyxl,
  requireOpenpyxl,
  skipWithoutOpenpyxl,
  type OpenpyxlWorkbook,
} from '../test/helpers/openpyxl-reader.ts';

/**
 * The workbook read back by openpyxl (Debian's python3-openpyxl, `/usr/bin/python3`), a reader that shares
 * no code with the writer, and compared with the rows written and with the facts of the original's
 * template (`HFC_REPORT.xlsx` read with openpyxl, spec 5 and 5.1), typed out here independently of the
 * sheet definitions the writer uses. Skipped locally without openpyxl (with a message); fails in CI.
 */

// The template's facts, per sheet in workbook order: sheetId, table name and ref, header border sides per
// column (L, R, T, B), header font size per column, and column widths as [first, last, width to 2 places].
const TEMPLATE: Record<
  SheetName,
  { sheetId: number; table: [string, string]; borders: string[]; sizes: number[]; widths: number[][] }
> = {
  '1_Hoso_DoanhNhiep': {
    sheetId: 1,
    table: ['Table2', 'A1:T4'],
    borders: ['RB', ...Array<string>(18).fill('LRB'), 'LB'],
    sizes: [...Array<number>(8).fill(11), ...Array<number>(12).fill(10)],
    widths: [
      [1, 1, 5],
      [2, 2, 16.89],
      [3, 3, 9.11],
      [4, 4, 12.78],
      [5, 5, 13.33],
      [6, 6, 26],
      [7, 7, 8.22],
      [8, 8, 24.33],
      [9, 9, 7.11],
      [10, 10, 15.55],
      [11, 11, 10.22],
      [12, 12, 6.11],
      [13, 13, 21.66],
      [14, 14, 23.44],
      [15, 15, 22.78],
      [16, 16, 23.55],
      [17, 17, 25.55],
      [18, 18, 22.66],
      [19, 19, 27.78],
      [20, 20, 22.11],
      [21, 16384, 8.89],
    ],
  },
  '2_DL_ThietBi_SoHuu': {
    sheetId: 5,
    table: ['Table4', 'A1:M2'],
    borders: ['LRB', 'RB', ...Array<string>(10).fill('LRB'), 'LB'],
    sizes: Array<number>(13).fill(10),
    widths: [
      [1, 1, 17.22],
      [2, 2, 10.44],
      [3, 3, 13.66],
      [4, 4, 14.89],
      [5, 5, 17],
      [6, 6, 15.89],
      [7, 7, 10.33],
      [8, 8, 11.22],
      [9, 9, 13.78],
      [10, 10, 10.44],
      [11, 11, 16.55],
      [12, 12, 17.66],
      [13, 13, 19.78],
      [14, 16384, 8.89],
    ],
  },
  '3_DL_ThietBi_SX_NK': {
    sheetId: 6,
    table: ['Table5', 'A1:K2'],
    borders: ['LRTB', ...Array<string>(10).fill('')],
    sizes: Array<number>(11).fill(10),
    widths: [
      [1, 1, 18],
      [2, 2, 10.44],
      [3, 3, 13.66],
      [4, 4, 14.89],
      [5, 5, 11.66],
      [6, 6, 17.78],
      [8, 8, 11.22],
      [9, 9, 10.44],
      [10, 10, 10.33],
      [11, 11, 22.11],
    ],
  },
  '4_DL_MoiChat_EoL': {
    sheetId: 7,
    table: ['Table6', 'A1:I2'],
    borders: ['LRB', 'RB', ...Array<string>(6).fill('LRB'), 'LB'],
    sizes: Array<number>(9).fill(10),
    widths: [
      [1, 1, 17.78],
      [2, 2, 10.44],
      [3, 3, 13.66],
      [4, 4, 15.22],
      [5, 5, 10.33],
      [6, 6, 11.66],
      [7, 7, 14.89],
      [8, 9, 11.11],
    ],
  },
  '5_DL_MoiChat_Bulk': {
    sheetId: 8,
    table: ['Table7', 'A1:I2'],
    borders: Array<string>(9).fill('LRB'),
    sizes: Array<number>(9).fill(10),
    widths: [
      [1, 1, 17.33],
      [2, 2, 10.44],
      [3, 3, 14.89],
      [4, 4, 11.66],
      [5, 5, 10.33],
      [6, 6, 13.22],
      [7, 7, 11],
      [8, 8, 14.55],
    ],
  },
  '6_DL_QuanLy_HanNgach ': {
    sheetId: 10,
    table: ['Table1', 'A1:L2'],
    borders: ['RB', ...Array<string>(10).fill('LRB'), 'LB'],
    sizes: Array<number>(12).fill(10),
    widths: [
      [1, 1, 18],
      [2, 2, 10],
      [3, 3, 15.44],
      [4, 5, 13.78],
      [6, 6, 14.78],
      [7, 7, 11.22],
      [8, 8, 13.22],
      [9, 9, 16.55],
      [10, 10, 10.33],
      [11, 11, 13.78],
    ],
  },
};

/** The reader's style key for Arial of `size`, bold or not, with the thin border sides of `code`. */
function styleKey(size: number, bold: boolean, code: string): string {
  const sides = ['left', 'right', 'top', 'bottom'].filter((side) =>
    code.includes(side.charAt(0).toUpperCase()),
  );
  return `Arial/${size}/${bold ? 'b' : ''}/${sides.join(',')}/`;
}

/** A row of the sheet's width: the given leading cells, then '' up to the last header. */
function row(sheet: SheetName, ...cells: Cell[]): Cell[] {
  const width = sheetDefinition(sheet).headers.length;
  return [...cells, ...Array<Cell>(width - cells.length).fill('')];
}

/** Strings that readers have been seen to alter: padding, whitespace only, line ends, markup, Vietnamese. */
const AWKWARD_STRINGS = [
  ' leading space',
  'trailing space ',
  '  both  ',
  ' ',
  '   ',
  '\t',
  '\t\t',
  ' \t ',
  'tab\tinside',
  'line\nbreak',
  'crlf\r\nline',
  '\nleading newline',
  'a & b < c > d "quoted" \'single\'',
  '<t>not markup</t>',
  'Công ty TNHH Điện lạnh Hà Nội',
  'Hạn ngạch điều chỉnh ',
  '😀 astral',
];

function awkwardRows(): SheetRows {
  const bulk: Cell[][] = [];
  for (let index = 0; index < 60; index++) {
    const text = AWKWARD_STRINGS[index % AWKWARD_STRINGS.length] ?? '';
    bulk.push(
      row(
        '5_DL_MoiChat_Bulk',
        text,
        `MST-${index}`,
        'Mẫu 02',
        'Nhập khẩu',
        'HFC-32',
        2024,
        index / 4,
        -index,
        '',
      ),
    );
  }
  return {
    '1_Hoso_DoanhNhiep': [
      row('1_Hoso_DoanhNhiep', 1, ...AWKWARD_STRINGS.slice(0, 19)),
      row(
        '1_Hoso_DoanhNhiep',
        2,
        'Đông Á',
        '',
        0,
        'Mẫu 02',
        '',
        'Giám đốc',
        '',
        '',
        '',
        '',
        '',
        'X',
        '',
        'X',
      ),
    ],
    '2_DL_ThietBi_SoHuu': [
      row(
        '2_DL_ThietBi_SoHuu',
        'A',
        'B',
        2024,
        'Mẫu 01 - Bảng 1.3',
        ' ',
        '\t',
        'HFC-134a',
        '  ',
        '',
        3,
        '',
        0,
        '',
      ),
      row(
        '2_DL_ThietBi_SoHuu',
        'A',
        'B',
        2024,
        'Mẫu 01 - Bảng 1.3',
        '',
        'Tủ đông',
        '',
        '\t',
        2019,
        0,
        '2 lần/năm',
        '1,5 kg',
      ),
    ],
    '3_DL_ThietBi_SX_NK': [
      row(
        '3_DL_ThietBi_SX_NK',
        'C',
        'D',
        2023,
        'Mẫu 02',
        'Sản xuất',
        'Tủ lạnh',
        '8418',
        '',
        12.3456,
        'R-410A',
        '0.75',
      ),
    ],
    '4_DL_MoiChat_EoL': [],
    '5_DL_MoiChat_Bulk': bulk,
    '6_DL_QuanLy_HanNgach ': [
      row(
        '6_DL_QuanLy_HanNgach ',
        'E',
        'F',
        'Mẫu 01',
        '',
        2025,
        'Nhập khẩu',
        'HFC-125',
        '2903',
        'Hạn ngạch điều chỉnh',
        -1234.5678,
        -0.0001,
        '  khoảng trắng  ',
      ),
      row(
        '6_DL_QuanLy_HanNgach ',
        'E',
        'F',
        'Mẫu 01',
        2024,
        2025,
        'x',
        'y',
        'z',
        'Tổng',
        0.1,
        1e-4,
        123456789012345,
      ),
      row('6_DL_QuanLy_HanNgach ', 'E', 'F', 'Mẫu 01', 2024, 2025, 'x', 'y', 'z', 'Tổng', 1e21, 5e-324, -0),
      row('6_DL_QuanLy_HanNgach '),
    ],
  };
}

/** What a reader gives back for a written cell: '' is an empty cell, -0 the number 0. */
function expectedCell(cell: Cell): [string | number | null, string] {
  if (cell === '') return [null, 'empty'];
  if (typeof cell === 'number') return [Object.is(cell, -0) ? 0 : cell, 'number'];
  return [cell, 'string'];
}

describe.skipIf(skipWithoutOpenpyxl('the openpyxl read-back of the workbook'))(
  'writeHfcWorkbook read back by openpyxl',
  () => {
    let directory = '';
    const rows = awkwardRows();
    let workbook: OpenpyxlWorkbook;

    beforeAll(async () => {
      requireOpenpyxl();
      directory = await mkdtemp(join(tmpdir(), 'hfcb-openpyxl-'));
      const path = join(directory, 'awkward.xlsx');
      await writeHfcWorkbook(path, rows);
      workbook = await readWithOpenpyxl(path);
    });
    afterAll(async () => {
      if (directory !== '') await rm(directory, { recursive: true, force: true });
    });

    it('reads every cell with the value and type written, headers in row 1', () => {
      expect(workbook.sheets.map((sheet) => sheet.name)).toEqual([...SHEET_NAMES]);
      for (const definition of SHEET_DEFINITIONS) {
        const sheet = workbook.sheets.find((candidate) => candidate.name === definition.name);
        const read = sheet?.rows.map((cells) => cells.map(([value, type]) => [value, type])) ?? [];
        const written = [[...definition.headers], ...rows[definition.name]];
        expect(read, definition.name).toEqual(written.map((cells) => cells.map(expectedCell)));
      }
    });

    it('keeps whitespace-only and padded strings, each written with xml:space="preserve"', () => {
      const sheet2 = workbook.sheets[1]?.rows ?? [];
      expect(sheet2[1]?.slice(4, 8).map(([value]) => value)).toEqual([' ', '\t', 'HFC-134a', '  ']);
      expect(sheet2[2]?.[7]?.[0]).toBe('\t');

      const padded = Object.values(rows)
        .flat(2)
        .filter((cell): cell is string => typeof cell === 'string' && cell !== '' && cell !== cell.trim());
      expect(padded.length).toBeGreaterThan(40);
      expect(workbook.whitespace.unpreserved).toEqual([]);
      expect(workbook.whitespace.preserved).toBe(padded.length);
    });

    it("has the template's sheet ids, opens on sheet 6, and has the template's tables, not resized", () => {
      expect(workbook.activeSheet).toBe('6_DL_QuanLy_HanNgach ');
      for (const sheet of workbook.sheets) {
        const facts = TEMPLATE[sheet.name as SheetName];
        expect(sheet.sheetId, sheet.name).toBe(facts.sheetId);
        expect(sheet.tables, sheet.name).toEqual([
          {
            name: facts.table[0],
            displayName: facts.table[0],
            ref: facts.table[1],
            columns: [...sheetDefinition(sheet.name as SheetName).headers],
            showRowStripes: true,
            style: null,
          },
        ]);
      }
      // 61 rows in sheet 5, and its table still ends at row 2, as the original's does.
      expect(workbook.sheets[4]?.rows).toHaveLength(61);
    });

    it("has the template's column widths", () => {
      for (const sheet of workbook.sheets) {
        const widths = sheet.columnWidths.map(({ min, max, width }) => [
          min,
          max,
          Math.round(width * 100) / 100,
        ]);
        expect(widths, sheet.name).toEqual(TEMPLATE[sheet.name as SheetName].widths);
      }
    });

    it("gives headers the template's font and border, and every data cell its header's font name and size (not bold), border and alignment", () => {
      for (const sheet of workbook.sheets) {
        const facts = TEMPLATE[sheet.name as SheetName];
        const expectedHeader = facts.borders.map((code, index) =>
          styleKey(facts.sizes[index] ?? 0, true, code),
        );
        const expectedData = facts.borders.map((code, index) =>
          styleKey(facts.sizes[index] ?? 0, false, code),
        );
        expect(
          sheet.rows[0]?.map(([, , style]) => style),
          sheet.name,
        ).toEqual(expectedHeader);
        sheet.rows.slice(1).forEach((cells, index) => {
          expect(
            cells.map(([, , style]) => style),
            `${sheet.name} row ${index + 2}`,
          ).toEqual(expectedData);
        });
      }
    });
  },
);
