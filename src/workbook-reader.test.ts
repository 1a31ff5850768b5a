import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetDefinition } from './sheet-definitions.ts';
import type { Cell, SheetRows } from './sheet-definitions.ts';
import { readHfcWorkbook } from './workbook-reader.ts';
import { writeHfcWorkbook } from './workbook-writer.ts';

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hfcb-workbook-reader-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function emptyRows(): SheetRows {
  return {
    '1_Hoso_DoanhNhiep': [],
    '2_DL_ThietBi_SoHuu': [],
    '3_DL_ThietBi_SX_NK': [],
    '4_DL_MoiChat_EoL': [],
    '5_DL_MoiChat_Bulk': [],
    '6_DL_QuanLy_HanNgach ': [],
  };
}

describe('readHfcWorkbook', () => {
  it("gives back '' for the empty string cells the writer wrote (exceljs itself reads them as null)", async () => {
    const path = join(directory, 'empty-strings.xlsx');
    const rows = emptyRows();
    const emptyRow = Array<Cell>(9).fill('');
    const leadingEmpty: Cell[] = ['', '', 'Mẫu 02', '', 'HFC-32', 0, 0, 0, ''];
    rows['5_DL_MoiChat_Bulk'] = [emptyRow, leadingEmpty, emptyRow];
    await writeHfcWorkbook(path, rows);

    const raw = new ExcelJS.Workbook();
    await raw.xlsx.readFile(path);
    expect(raw.getWorksheet('5_DL_MoiChat_Bulk')?.getCell('A3').value).toBeNull();

    const contents = await readHfcWorkbook(path);
    expect(contents.rows['5_DL_MoiChat_Bulk']).toEqual([emptyRow, leadingEmpty, emptyRow]);
    expect(contents.rows['4_DL_MoiChat_EoL']).toEqual([]);
  });

  it('reads -0 back as 0, since the workbook stores it as 0', async () => {
    const path = join(directory, 'negative-zero.xlsx');
    const rows = emptyRows();
    rows['4_DL_MoiChat_EoL'] = [['a', 'b', 2024, 'Mẫu 02', 'HFC-32', 'Thu gom', -0, '', '']];
    await writeHfcWorkbook(path, rows);
    const contents = await readHfcWorkbook(path);
    expect(Object.is(contents.rows['4_DL_MoiChat_EoL'][0]?.[6], 0)).toBe(true);
  });

  it('lists foreign sheets with their headers, keeps rows only for HFC sheets, and gives [] for absent ones', async () => {
    const path = join(directory, 'foreign.xlsx');
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Notes');
    notes.addRow(['Ghi chú', 42]);
    notes.addRow(['ignored']);
    const sheet2 = workbook.addWorksheet('2_DL_ThietBi_SoHuu');
    sheet2.addRow([...sheetDefinition('2_DL_ThietBi_SoHuu').headers]);
    sheet2.addRow(['Công ty', 'MST', 2024]);
    await workbook.xlsx.writeFile(path);

    const contents = await readHfcWorkbook(path);
    expect(contents.sheetNames).toEqual(['Notes', '2_DL_ThietBi_SoHuu']);
    expect(contents.headers['Notes']).toEqual(['Ghi chú', '42']);
    expect(contents.rows['2_DL_ThietBi_SoHuu']).toEqual([
      ['Công ty', 'MST', 2024, '', '', '', '', '', '', '', '', '', ''],
    ]);
    expect(contents.rows['1_Hoso_DoanhNhiep']).toEqual([]);
  });

  it('names the sheet and cell holding something other than text or a number', async () => {
    const path = join(directory, 'formula.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('3_DL_ThietBi_SX_NK');
    sheet.addRow([...sheetDefinition('3_DL_ThietBi_SX_NK').headers]);
    sheet.addRow(['a', 'b', { formula: '1+1', result: 2 }]);
    await workbook.xlsx.writeFile(path);
    await expect(readHfcWorkbook(path)).rejects.toThrow(
      /sheet "3_DL_ThietBi_SX_NK" row 2 column 3: expected text or a number, found an object/,
    );
  });

  it('names the file it cannot read', async () => {
    const path = join(directory, 'missing.xlsx');
    await expect(readHfcWorkbook(path)).rejects.toThrow(
      /Could not read the workbook ".*missing\.xlsx" as xlsx/,
    );
  });
});
