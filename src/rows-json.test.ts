import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAMES } from './sheet-definitions.ts';
import type { Cell, SheetRows } from './sheet-definitions.ts';
import { writeRowsJson } from './rows-json.ts';

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hfcb-rows-json-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function sampleRows(): SheetRows {
  const many: Cell[][] = [];
  for (let index = 0; index < 3000; index++)
    many.push([`Công ty "${index}"\n`, index, index / 3, 0 - index * 0.0001]);
  return {
    '1_Hoso_DoanhNhiep': [[1, 'Công ty TNHH Điện lạnh Hà Nội', '', 2024, 'X']],
    '2_DL_ThietBi_SoHuu': [['', 0, '0', -1234.5678, 'HFC-134a', 'tab\there', 'back\\slash']],
    '3_DL_ThietBi_SX_NK': [],
    '4_DL_MoiChat_EoL': many,
    '5_DL_MoiChat_Bulk': [[0.1, 1e-4, 123456789.1234, Number.MAX_SAFE_INTEGER]],
    '6_DL_QuanLy_HanNgach ': [['  espaces  ', '🙂', 'Đ'], []],
  };
}

describe('writeRowsJson', () => {
  it('writes JSON that parses to exactly the input, sheets keyed by exact name in template order', async () => {
    const path = join(directory, 'rows.json');
    const rows = sampleRows();
    const result = await writeRowsJson(path, rows);
    const text = await readFile(path, 'utf8');
    expect(result).toEqual({ path, sizeBytes: Buffer.byteLength(text) });

    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...SHEET_NAMES]);
    expect(parsed).toEqual(rows);
    expect((parsed['2_DL_ThietBi_SoHuu'] as Cell[][])[0]?.slice(1, 3)).toEqual([0, '0']);
    // One row per line, so two files diff line by line.
    expect(text.split('\n')).toContain('[1,"Công ty TNHH Điện lạnh Hà Nội","",2024,"X"]');
  });

  it('writes -0 as 0, as the workbook does', async () => {
    const path = join(directory, 'negative-zero.json');
    const rows = sampleRows();
    rows['3_DL_ThietBi_SX_NK'] = [[-0]];
    await writeRowsJson(path, rows);
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Record<string, Cell[][]>;
    expect(Object.is(parsed['3_DL_ThietBi_SX_NK']?.[0]?.[0], 0)).toBe(true);
  });

  it('rejects a non-finite number, naming the cell, and leaves no file behind', async () => {
    const failDirectory = await mkdtemp(join(directory, 'fail-'));
    const path = join(failDirectory, 'rows.json');
    const rows = sampleRows();
    rows['5_DL_MoiChat_Bulk'] = [
      ['a', 1],
      ['b', Number.POSITIVE_INFINITY],
    ];
    await expect(writeRowsJson(path, rows)).rejects.toThrow(
      'sheet "5_DL_MoiChat_Bulk" row 3 column 2: expected a string or a finite number, got Infinity',
    );
    expect(await readdir(failDirectory)).toEqual([]);
  });
});
