import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetDefinition } from '../../src/sheet-definitions.ts';
import type { Cell, SheetName, SheetRows } from '../../src/sheet-definitions.ts';
import { writeHfcWorkbook } from '../../src/workbook-writer.ts';
import { compareSheetRows, compareWorkbookFiles, formatEquivalence } from './equivalence.ts';

function row(sheet: SheetName, ...cells: Cell[]): Cell[] {
  const width = sheetDefinition(sheet).headers.length;
  return [...cells, ...Array<Cell>(width - cells.length).fill('')];
}

function baseRows(): SheetRows {
  return {
    '1_Hoso_DoanhNhiep': [
      row('1_Hoso_DoanhNhiep', 1, 'Công ty A', 'MST1', 2024),
      row('1_Hoso_DoanhNhiep', 2, 'Công ty B'),
    ],
    '2_DL_ThietBi_SoHuu': [
      row(
        '2_DL_ThietBi_SoHuu',
        'A',
        'MST1',
        2024,
        'Mẫu 01 - Bảng 1.3',
        '',
        'Máy lạnh',
        'R-22',
        '',
        '',
        1,
        '',
        0,
        '',
      ),
      row(
        '2_DL_ThietBi_SoHuu',
        'A',
        'MST1',
        2024,
        'Mẫu 01 - Bảng 1.3',
        '',
        'Tủ đông',
        'R-32',
        '',
        2020,
        2,
        '',
        0,
        '',
      ),
      row(
        '2_DL_ThietBi_SoHuu',
        'A',
        'MST1',
        2024,
        'Mẫu 01 - Bảng 1.3',
        '',
        'Điều hòa',
        'HFC-134a',
        '',
        '',
        3,
        '',
        0,
        '',
      ),
    ],
    '3_DL_ThietBi_SX_NK': [],
    '4_DL_MoiChat_EoL': [row('4_DL_MoiChat_EoL', 'A', 'MST1', 2024, 'Mẫu 02', 'HFC-32', 'Thu gom', 0)],
    '5_DL_MoiChat_Bulk': [
      row('5_DL_MoiChat_Bulk', 'A', 'MST1', 'Mẫu 01', 'Nhập khẩu', 'HFC-32', 2024, 1.5, 1012.5),
    ],
    '6_DL_QuanLy_HanNgach ': [row('6_DL_QuanLy_HanNgach ', 'A', 'MST1', 'Mẫu 01', '', 2025)],
  };
}

function clone(rows: SheetRows): SheetRows {
  return structuredClone(rows);
}

describe('compareSheetRows', () => {
  it('finds identical rows equivalent, treating -0 as 0', () => {
    const expected = baseRows();
    const actual = clone(expected);
    (actual['4_DL_MoiChat_EoL'][0] as Cell[])[6] = -0;
    const result = compareSheetRows(expected, actual);
    expect(result).toEqual({
      equivalent: true,
      differenceCount: 0,
      differences: [],
      rowCounts: {
        '1_Hoso_DoanhNhiep': { expected: 2, actual: 2 },
        '2_DL_ThietBi_SoHuu': { expected: 3, actual: 3 },
        '3_DL_ThietBi_SX_NK': { expected: 0, actual: 0 },
        '4_DL_MoiChat_EoL': { expected: 1, actual: 1 },
        '5_DL_MoiChat_Bulk': { expected: 1, actual: 1 },
        '6_DL_QuanLy_HanNgach ': { expected: 1, actual: 1 },
      },
    });
    expect(formatEquivalence(result, { expected: 'v1', actual: 'v2' })).toBe('equivalent: 6 sheets, 8 rows');
  });

  it('reports value, type, missing-row and extra-row differences with sheet, Excel row and column', () => {
    const expected = baseRows();
    const actual = clone(expected);
    (actual['2_DL_ThietBi_SoHuu'][2] as Cell[])[6] = ''; // value: row 4, column 7 TenChat
    (actual['2_DL_ThietBi_SoHuu'][0] as Cell[])[11] = '0'; // type: row 2, column 12 LuongNapMoi_kg
    (actual['5_DL_MoiChat_Bulk'][0] as Cell[])[6] = 1.5000001; // value: a near-equal number is still different
    actual['1_Hoso_DoanhNhiep'].pop(); // missing-row: row 3
    actual['6_DL_QuanLy_HanNgach '].push(row('6_DL_QuanLy_HanNgach ', 'Z')); // extra-row: row 3

    const result = compareSheetRows(expected, actual);
    expect(result.equivalent).toBe(false);
    expect(result.differenceCount).toBe(5);
    expect(result.differences).toEqual([
      {
        sheet: '1_Hoso_DoanhNhiep',
        row: 3,
        column: null,
        expected: expected['1_Hoso_DoanhNhiep'][1],
        actual: null,
        reason: 'missing-row',
      },
      {
        sheet: '2_DL_ThietBi_SoHuu',
        row: 2,
        column: { index: 12, header: 'LuongNapMoi_kg' },
        expected: 0,
        actual: '0',
        reason: 'type',
      },
      {
        sheet: '2_DL_ThietBi_SoHuu',
        row: 4,
        column: { index: 7, header: 'TenChat' },
        expected: 'HFC-134a',
        actual: '',
        reason: 'value',
      },
      {
        sheet: '5_DL_MoiChat_Bulk',
        row: 2,
        column: { index: 7, header: 'Luong_kg' },
        expected: 1.5,
        actual: 1.5000001,
        reason: 'value',
      },
      {
        sheet: '6_DL_QuanLy_HanNgach ',
        row: 3,
        column: null,
        expected: null,
        actual: row('6_DL_QuanLy_HanNgach ', 'Z'),
        reason: 'extra-row',
      },
    ]);
    expect(result.rowCounts['1_Hoso_DoanhNhiep']).toEqual({ expected: 2, actual: 1 });
    expect(result.rowCounts['6_DL_QuanLy_HanNgach ']).toEqual({ expected: 1, actual: 2 });

    expect(formatEquivalence(result, { expected: 'v1', actual: 'v2' }).split('\n')).toEqual([
      'NOT equivalent: 5 differences',
      "sheet '1_Hoso_DoanhNhiep' row 3: missing in v2; v1 has [2, 'Công ty B', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '']",
      "sheet '2_DL_ThietBi_SoHuu' row 2 column 12 LuongNapMoi_kg: v1 0 (number) vs v2 '0' (string)",
      "sheet '2_DL_ThietBi_SoHuu' row 4 column 7 TenChat: v1 'HFC-134a' (string) vs v2 '' (string)",
      "sheet '5_DL_MoiChat_Bulk' row 2 column 7 Luong_kg: v1 1.5 (number) vs v2 1.5000001 (number)",
      "sheet '6_DL_QuanLy_HanNgach ' row 3: extra in v2 (v1 has no such row): ['Z', '', '', '', '', '', '', '', '', '', '', '']",
      "sheet '1_Hoso_DoanhNhiep' row count: v1 2 vs v2 1",
      "sheet '6_DL_QuanLy_HanNgach ' row count: v1 1 vs v2 2",
    ]);
  });

  it('counts every difference but lists only the first maxDifferences', () => {
    const expected = baseRows();
    const actual = clone(expected);
    for (const cells of actual['2_DL_ThietBi_SoHuu']) cells[0] = 'other';
    actual['5_DL_MoiChat_Bulk'] = [];
    const result = compareSheetRows(expected, actual, { maxDifferences: 2 });
    expect(result.differenceCount).toBe(4);
    expect(
      result.differences.map((difference) => [difference.sheet, difference.row, difference.reason]),
    ).toEqual([
      ['2_DL_ThietBi_SoHuu', 2, 'value'],
      ['2_DL_ThietBi_SoHuu', 3, 'value'],
    ]);
    const lines = formatEquivalence(result, { expected: 'old', actual: 'new' }).split('\n');
    expect(lines[0]).toBe('NOT equivalent: 4 differences');
    expect(lines[1]).toBe(
      "sheet '2_DL_ThietBi_SoHuu' row 2 column 1 TenDoanhNghiep: old 'A' (string) vs new 'other' (string)",
    );
    expect(lines[3]).toBe('... and 2 more');
    expect(() => compareSheetRows(expected, actual, { maxDifferences: -1 })).toThrow(/maxDifferences/);
  });

  it('reports a cell one row lacks as a type difference', () => {
    const expected = baseRows();
    const actual = clone(expected);
    (actual['4_DL_MoiChat_EoL'][0] as Cell[]).pop();
    const result = compareSheetRows(expected, actual);
    expect(result.differences).toEqual([
      {
        sheet: '4_DL_MoiChat_EoL',
        row: 2,
        column: { index: 9, header: 'ChiTiet_2' },
        expected: '',
        actual: null,
        reason: 'type',
      },
    ]);
    expect(formatEquivalence(result).split('\n')[1]).toBe(
      "sheet '4_DL_MoiChat_EoL' row 2 column 9 ChiTiet_2: v1 '' (string) vs v2 (no cell)",
    );
  });
});

describe('compareWorkbookFiles', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hfcb-equivalence-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('finds two workbooks of the same rows equivalent and reports a changed cell', async () => {
    const expected = baseRows();
    const changed = clone(expected);
    (changed['6_DL_QuanLy_HanNgach '][0] as Cell[])[3] = 0;
    const pathA = join(directory, 'a.xlsx');
    const pathB = join(directory, 'b.xlsx');
    const pathC = join(directory, 'c.xlsx');
    await writeHfcWorkbook(pathA, expected);
    await writeHfcWorkbook(pathB, clone(expected));
    await writeHfcWorkbook(pathC, changed);

    const same = await compareWorkbookFiles(pathA, pathB);
    expect(same.equivalent).toBe(true);
    expect(same.structureDifferences).toEqual([]);

    const different = await compareWorkbookFiles(pathA, pathC);
    expect(different.equivalent).toBe(false);
    expect(different.differenceCount).toBe(1);
    expect(formatEquivalence(different).split('\n')).toEqual([
      'NOT equivalent: 1 difference',
      "sheet '6_DL_QuanLy_HanNgach ' row 2 column 4 NamBaoCao: v1 '' (string) vs v2 0 (number)",
    ]);
  });

  it('reports different sheet names and headers', async () => {
    const pathA = join(directory, 'hfc.xlsx');
    await writeHfcWorkbook(pathA, baseRows());
    const pathB = join(directory, 'renamed.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('1_Hoso_DoanhNhiep').addRow(['STT', 'TenDoanhNghiep']);
    await workbook.xlsx.writeFile(pathB);

    const result = await compareWorkbookFiles(pathA, pathB, { maxDifferences: 0 });
    expect(result.equivalent).toBe(false);
    expect(result.structureDifferences.map((difference) => [difference.kind, difference.sheet])).toEqual([
      ['sheet-names', undefined],
      ['headers', '1_Hoso_DoanhNhiep'],
    ]);
    expect(result.structureDifferences[1]?.actual).toEqual(['STT', 'TenDoanhNghiep']);
    const text = formatEquivalence(result);
    expect(text).toContain(
      "sheet names: v1 ['1_Hoso_DoanhNhiep', '2_DL_ThietBi_SoHuu', '3_DL_ThietBi_SX_NK', '4_DL_MoiChat_EoL', '5_DL_MoiChat_Bulk', '6_DL_QuanLy_HanNgach '] vs v2 ['1_Hoso_DoanhNhiep']",
    );
    // 2 structure differences, and all 8 data rows of the first workbook missing from the second.
    expect(result.differenceCount).toBe(2 + 8);
    expect(text.split('\n')).toContain('... and 8 more');
  });
});
