import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_DEFINITIONS, SHEET_NAMES, sheetDefinition } from './sheet-definitions.ts';
import type { Cell, SheetName, SheetRows } from './sheet-definitions.ts';
import { readHfcWorkbook } from './workbook-reader.ts';
import { writeHfcWorkbook, type SheetRowStream } from './workbook-writer.ts';

let directory = '';
const execFileAsync = promisify(execFile);
const LARGE_WORKBOOK_SCRIPT = fileURLToPath(
  new URL('../test/helpers/write-large-workbook.ts', import.meta.url),
);

/** One turn of the event loop, as a real producer (a database query) would take. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hfcb-workbook-writer-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A row of the sheet's width: the given leading cells, then '' up to the last header. */
function row(sheet: SheetName, ...cells: Cell[]): Cell[] {
  const width = sheetDefinition(sheet).headers.length;
  return [...cells, ...Array<Cell>(width - cells.length).fill('')];
}

function handMadeRows(): SheetRows {
  const manyRows: Cell[][] = [];
  for (let index = 0; index < 1500; index++) {
    manyRows.push(
      row(
        '5_DL_MoiChat_Bulk',
        `Công ty số ${index}`,
        `MST-${index}`,
        'Mẫu 02',
        'Nhập khẩu',
        'HFC-32',
        2024,
        index / 4,
        0 - index,
        '',
      ),
    );
  }
  return {
    '1_Hoso_DoanhNhiep': [
      row(
        '1_Hoso_DoanhNhiep',
        1,
        'Công ty TNHH Điện lạnh Hà Nội',
        '0101234567',
        2024,
        'Mẫu 01',
        'Nguyễn Văn Đức',
      ),
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
        'Điều hòa',
        'Máy lạnh',
        'HFC-134a',
        '5 HP',
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
        '',
        2019,
        0,
        '2 lần/năm',
        '1,5 kg',
        'ghi chú',
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
    '5_DL_MoiChat_Bulk': manyRows,
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
        'Nhập khẩu',
        'HFC-125',
        '2903',
        'Tổng',
        0.1,
        1e-4,
        '',
      ),
      row('6_DL_QuanLy_HanNgach '),
    ],
  };
}

describe('writeHfcWorkbook', () => {
  it('writes the six sheets in template order with exact names, headers, fonts and rows that read back unchanged', async () => {
    const path = join(directory, 'round-trip.xlsx');
    const rows = handMadeRows();
    const result = await writeHfcWorkbook(path, rows);

    expect(result.path).toBe(path);
    expect(result.sizeBytes).toBeGreaterThan(0);
    expect(result.rowsWritten).toEqual({
      '1_Hoso_DoanhNhiep': 2,
      '2_DL_ThietBi_SoHuu': 2,
      '3_DL_ThietBi_SX_NK': 1,
      '4_DL_MoiChat_EoL': 0,
      '5_DL_MoiChat_Bulk': 1500,
      '6_DL_QuanLy_HanNgach ': 3,
    });

    const contents = await readHfcWorkbook(path);
    expect(contents.sheetNames).toEqual([...SHEET_NAMES]);
    expect(contents.sheetNames[5]).toBe('6_DL_QuanLy_HanNgach ');
    for (const definition of SHEET_DEFINITIONS) {
      expect(contents.headers[definition.name]).toEqual([...definition.headers]);
    }
    expect(contents.rows).toEqual(rows);
    // The mixed-type columns, spelt out: the number 0 and '' survive the round trip as such.
    expect(contents.rows['2_DL_ThietBi_SoHuu'][0]?.[11]).toBe(0);
    expect(contents.rows['2_DL_ThietBi_SoHuu'][0]?.[8]).toBe('');
    expect(contents.rows['6_DL_QuanLy_HanNgach '][0]?.[3]).toBe('');
    expect(contents.rows['6_DL_QuanLy_HanNgach '][0]?.[9]).toBe(-1234.5678);
    expect(contents.rows['6_DL_QuanLy_HanNgach '][2]).toEqual(Array<Cell>(12).fill(''));
  });

  it('gives header cells the template font, bold, and data cells the same font name and size, not bold', async () => {
    const path = join(directory, 'fonts.xlsx');
    await writeHfcWorkbook(path, handMadeRows());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);

    const sheet1 = workbook.getWorksheet('1_Hoso_DoanhNhiep');
    expect(sheet1?.getCell('A1').font).toEqual({ name: 'Arial', size: 11, bold: true });
    expect(sheet1?.getCell('H1').font).toEqual({ name: 'Arial', size: 11, bold: true });
    expect(sheet1?.getCell('I1').font).toEqual({ name: 'Arial', size: 10, bold: true });
    expect(sheet1?.getCell('B2').font).toEqual({ name: 'Arial', size: 11 });
    expect(sheet1?.getCell('T3').font).toEqual({ name: 'Arial', size: 10 });

    const sheet6 = workbook.getWorksheet('6_DL_QuanLy_HanNgach ');
    expect(sheet6?.getCell('L1').font).toEqual({ name: 'Arial', size: 10, bold: true });
    expect(sheet6?.getCell('J2').font).toEqual({ name: 'Arial', size: 10 });
    expect(sheet6?.getCell('J2').value).toBe(-1234.5678);
  });

  it('accepts an async iterable of sheets, fills in skipped sheets with headers only, and takes generators', async () => {
    const path = join(directory, 'streamed.xlsx');
    async function* sheets(): AsyncGenerator<SheetRowStream> {
      await tick();
      yield { sheet: '2_DL_ThietBi_SoHuu', rows: [row('2_DL_ThietBi_SoHuu', 'x', 'y', 2020)] };
      yield {
        sheet: '5_DL_MoiChat_Bulk',
        rows: (async function* () {
          await tick();
          yield row('5_DL_MoiChat_Bulk', 'a');
          yield row('5_DL_MoiChat_Bulk', 'b');
        })(),
      };
    }
    const result = await writeHfcWorkbook(path, sheets());
    expect(result.rowsWritten['2_DL_ThietBi_SoHuu']).toBe(1);
    expect(result.rowsWritten['5_DL_MoiChat_Bulk']).toBe(2);
    expect(result.rowsWritten['6_DL_QuanLy_HanNgach ']).toBe(0);

    const contents = await readHfcWorkbook(path);
    expect(contents.sheetNames).toEqual([...SHEET_NAMES]);
    expect(contents.headers['4_DL_MoiChat_EoL']).toEqual([...sheetDefinition('4_DL_MoiChat_EoL').headers]);
    expect(contents.rows['1_Hoso_DoanhNhiep']).toEqual([]);
    expect(contents.rows['2_DL_ThietBi_SoHuu']).toEqual([row('2_DL_ThietBi_SoHuu', 'x', 'y', 2020)]);
    expect(contents.rows['5_DL_MoiChat_Bulk']).toEqual([
      row('5_DL_MoiChat_Bulk', 'a'),
      row('5_DL_MoiChat_Bulk', 'b'),
    ]);
  });

  it('leaves no file (and no temporary file) behind when a row producer fails midway', async () => {
    const failDirectory = await mkdtemp(join(directory, 'fail-'));
    const path = join(failDirectory, 'never.xlsx');
    async function* sheets(): AsyncGenerator<SheetRowStream> {
      await tick();
      yield { sheet: '1_Hoso_DoanhNhiep', rows: [row('1_Hoso_DoanhNhiep', 1)] };
      yield {
        sheet: '2_DL_ThietBi_SoHuu',
        rows: (function* () {
          for (let index = 0; index < 2000; index++) yield row('2_DL_ThietBi_SoHuu', `r${index}`);
          throw new Error('collector failed');
        })(),
      };
    }
    await expect(writeHfcWorkbook(path, sheets())).rejects.toThrow(/never\.xlsx.*collector failed/);
    expect(await readdir(failDirectory)).toEqual([]);
  });

  it('keeps an existing file intact and names sheet, row and column when a cell is invalid', async () => {
    const failDirectory = await mkdtemp(join(directory, 'bad-cell-'));
    const path = join(failDirectory, 'existing.xlsx');
    await writeFile(path, 'previous content');
    const rows = handMadeRows();
    rows['3_DL_ThietBi_SX_NK'] = [row('3_DL_ThietBi_SX_NK', 'C', 'D', Number.NaN)];
    await expect(writeHfcWorkbook(path, rows)).rejects.toThrow(
      `sheet "3_DL_ThietBi_SX_NK" row 2 column 3 NamBaoCao: expected a string or a finite number, got NaN`,
    );
    expect(await readdir(failDirectory)).toEqual(['existing.xlsx']);
    expect(await readFile(path, 'utf8')).toBe('previous content');
  });

  it('rejects a row of the wrong width and sheets out of template order', async () => {
    const path = join(directory, 'invalid.xlsx');
    const rows = handMadeRows();
    rows['4_DL_MoiChat_EoL'] = [['only', 'three', 'cells']];
    await expect(writeHfcWorkbook(path, rows)).rejects.toThrow(
      'sheet "4_DL_MoiChat_EoL" row 2: expected 9 cells (one per header), got 3',
    );

    async function* backwards(): AsyncGenerator<SheetRowStream> {
      await tick();
      yield { sheet: '3_DL_ThietBi_SX_NK', rows: [] };
      yield { sheet: '2_DL_ThietBi_SoHuu', rows: [] };
    }
    await expect(writeHfcWorkbook(path, backwards())).rejects.toThrow(
      /"2_DL_ThietBi_SoHuu" arrived after a later sheet/,
    );
    expect((await readdir(directory)).filter((name) => name.includes('invalid'))).toEqual([]);
  });

  it('fails with the path named when the directory does not exist', async () => {
    const path = join(directory, 'no-such-directory', 'report.xlsx');
    await expect(writeHfcWorkbook(path, handMadeRows())).rejects.toThrow(/no-such-directory.*ENOENT/);
  });

  it('rejects a string holding a character XML cannot carry, naming the cell, and leaves no file', async () => {
    const failDirectory = await mkdtemp(join(directory, 'control-'));
    const rows = handMadeRows();
    rows['4_DL_MoiChat_EoL'] = [row('4_DL_MoiChat_EoL', 'ok', 'bell\u0007')];
    await expect(writeHfcWorkbook(join(failDirectory, 'x.xlsx'), rows)).rejects.toThrow(
      'sheet "4_DL_MoiChat_EoL" row 2 column 2 MaSoDN: expected a string or a finite number, got a string holding U+0007',
    );
    expect(await readdir(failDirectory)).toEqual([]);
  });

  it('ends the producer of a sheet (its finally runs, as a cursor would close) when a row is rejected', async () => {
    let producerClosed = false;
    async function* rows(): AsyncGenerator<Cell[]> {
      try {
        await tick();
        yield row('2_DL_ThietBi_SoHuu', 'ok');
        yield ['too', 'short'];
        yield row('2_DL_ThietBi_SoHuu', 'never reached');
      } finally {
        producerClosed = true;
      }
    }
    async function* sheets(): AsyncGenerator<SheetRowStream> {
      await tick();
      yield { sheet: '2_DL_ThietBi_SoHuu', rows: rows() };
    }
    await expect(writeHfcWorkbook(join(directory, 'closed.xlsx'), sheets())).rejects.toThrow(
      'row 3: expected 13 cells',
    );
    expect(producerClosed).toBe(true);
  });

  it('writes the package parts of the template layout: one table part per sheet, referenced by its sheet', async () => {
    const path = join(directory, 'parts.xlsx');
    await writeHfcWorkbook(path, handMadeRows());
    const zip = await JSZip.loadAsync(await readFile(path));
    const names = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
    for (let sheetNumber = 1; sheetNumber <= 6; sheetNumber++) {
      expect(names).toContain(`xl/worksheets/sheet${sheetNumber}.xml`);
      expect(names).toContain(`xl/tables/table${sheetNumber}.xml`);
      const rels =
        (await zip.file(`xl/worksheets/_rels/sheet${sheetNumber}.xml.rels`)?.async('string')) ?? '';
      expect(rels).toContain(`Target="../tables/table${sheetNumber}.xml"`);
    }
    const sheet6 = (await zip.file('xl/worksheets/sheet6.xml')?.async('string')) ?? '';
    expect(sheet6).toContain('<sheetView tabSelected="1" workbookViewId="0"/>');
    expect(sheet6).toContain('<t xml:space="preserve">  khoảng trắng  </t>');
    expect(sheet6).toMatch(/<tableParts count="1"><tablePart r:id="rId1"\/><\/tableParts><\/worksheet>$/);
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect(workbookXml).toContain('<workbookView activeTab="5"/>');
    expect(workbookXml).toContain('<sheet name="6_DL_QuanLy_HanNgach " sheetId="10" r:id="rId6"/>');
  });

  it('writes 100 000 rows under 500 MB peak resident memory, in a process of its own', async () => {
    const path = join(directory, 'large.xlsx');
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', LARGE_WORKBOOK_SCRIPT, path, '100000'],
      { encoding: 'utf8' },
    );
    const measured = JSON.parse(stdout) as {
      rows: number;
      sizeBytes: number;
      durationMs: number;
      maxRssBytes: number;
    };
    const maxRssMb = measured.maxRssBytes / 1024 / 1024;
    process.stderr.write(
      `workbook-writer: ${measured.rows} rows, ${(measured.sizeBytes / 1024 / 1024).toFixed(1)} MB file, peak RSS ${maxRssMb.toFixed(0)} MB\n`,
    );
    const contents = await readHfcWorkbook(path);
    expect(contents.rows['6_DL_QuanLy_HanNgach ']).toHaveLength(100_000);
    expect(contents.rows['6_DL_QuanLy_HanNgach '][99_999]?.[1]).toBe('0100099999');
    expect(maxRssMb).toBeLessThan(500);
  });
});
