import { describe, expect, it } from 'vitest';
import { sheetDefinition } from './sheet-definitions.ts';
import { worksheetEndXml, worksheetRowXml, worksheetStartXml } from './worksheet-xml.ts';

const quota = sheetDefinition('6_DL_QuanLy_HanNgach ');
const styles = [7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9];

describe('worksheetRowXml', () => {
  it('writes numbers as number cells, strings inline, and an empty string as a styled cell without value', () => {
    const xml = worksheetRowXml(
      quota,
      2,
      ['Cty', ' pad', '', 2024, -0, 0.1, 'a&b', '\t', 'x', 1e21, -1.5, 'end '],
      styles,
    );
    expect(xml).toBe(
      '<row r="2">' +
        '<c r="A2" s="7" t="inlineStr"><is><t>Cty</t></is></c>' +
        '<c r="B2" s="8" t="inlineStr"><is><t xml:space="preserve"> pad</t></is></c>' +
        '<c r="C2" s="8"/>' +
        '<c r="D2" s="8"><v>2024</v></c>' +
        '<c r="E2" s="8"><v>0</v></c>' +
        '<c r="F2" s="8"><v>0.1</v></c>' +
        '<c r="G2" s="8" t="inlineStr"><is><t>a&amp;b</t></is></c>' +
        '<c r="H2" s="8" t="inlineStr"><is><t xml:space="preserve">\t</t></is></c>' +
        '<c r="I2" s="8" t="inlineStr"><is><t>x</t></is></c>' +
        '<c r="J2" s="8"><v>1e+21</v></c>' +
        '<c r="K2" s="8"><v>-1.5</v></c>' +
        '<c r="L2" s="9" t="inlineStr"><is><t xml:space="preserve">end </t></is></c>' +
        '</row>',
    );
  });

  it('names sheet, row and column of a bad cell, and the sheet and row of a row of the wrong width', () => {
    const cells = Array<unknown>(12).fill('');
    cells[9] = Number.POSITIVE_INFINITY;
    expect(() => worksheetRowXml(quota, 7, cells, styles)).toThrow(
      'sheet "6_DL_QuanLy_HanNgach " row 7 column 10 Luong_kg: expected a string or a finite number, got Infinity',
    );
    cells[9] = null;
    expect(() => worksheetRowXml(quota, 7, cells, styles)).toThrow(
      'column 10 Luong_kg: expected a string or a finite number, got object',
    );
    expect(() => worksheetRowXml(quota, 3, ['a'], styles)).toThrow(
      'row 3: expected 12 cells (one per header), got 1',
    );
    expect(() => worksheetRowXml(quota, 3, 'a', styles)).toThrow(
      'row 3: expected an array of cells, got string',
    );
  });
});

describe('worksheetStartXml and worksheetEndXml', () => {
  it("frame the rows with the sheet view, the template's column widths and the table reference", () => {
    const start = worksheetStartXml(quota, true);
    expect(start).toContain('<sheetView tabSelected="1" workbookViewId="0"/>');
    expect(start).toContain('<col min="4" max="5" width="13.77734375" customWidth="1"/>');
    expect(start.endsWith('<sheetData>')).toBe(true);
    expect(worksheetStartXml(sheetDefinition('1_Hoso_DoanhNhiep'), false)).toContain(
      '<sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="5" customWidth="1"/>',
    );
    expect(worksheetStartXml(sheetDefinition('1_Hoso_DoanhNhiep'), false)).toContain(
      '<col min="21" max="16384" width="8.88671875"/></cols>',
    );
    expect(worksheetEndXml()).toContain(
      '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>',
    );
  });
});
