import { describe, expect, it } from 'vitest';
import { buildAllSheets, streamSheets } from './build-sheets.ts';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import {
  makeCollectionRecycling,
  makeCollectionRecyclingReport,
  makeDocument,
  makeEquipmentOwnership,
  makeEquipmentProduct,
  makeQuotaUsage,
  makeSubstanceUsage,
} from './record-fixtures.ts';
import { SHEET_NAMES } from './sheet-definitions.ts';

const form01 = makeDocument({
  id: 1,
  documentType: '01',
  year: 2024,
  year1: 2023,
  organizationId: 100,
  contactStateId: 5,
});
const form02 = makeDocument({ id: 2, documentType: '02', year: 2024, organizationId: 100 });

function fixtureAccess(): InMemoryRecordAccess {
  return new InMemoryRecordAccess({
    organizations: [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }],
    stateNames: new Map([[5, 'Hà Nội']]),
    activityFields: [{ id: 1, code: 'import', active: true }],
    documentActivityFieldIds: new Map([[1, [1]]]),
    substanceNames: new Map([
      [1, 'HFC-32'],
      [2, 'R-410A'],
    ]),
    hsCodes: new Map([[7, '84151020']]),
    children: new Map([
      [
        1,
        {
          equipment_ownership: [
            makeEquipmentOwnership({ id: 10, sequence: 10, substanceId: 1 }),
            makeEquipmentOwnership({ id: 11, sequence: 20, substanceId: 2 }),
          ],
          equipment_product: [makeEquipmentProduct({ id: 20, sequence: 10, substanceId: 2, hsCodeId: 7 })],
          collection_recycling: [
            makeCollectionRecycling({ id: 30, sequence: 10, substanceId: 1, quantityKg: 0 }),
            makeCollectionRecycling({ id: 31, sequence: 20, substanceId: 2, quantityKg: 4 }),
          ],
          substance_usage: [makeSubstanceUsage({ id: 40, sequence: 10, substanceId: 1, year1QuantityKg: 9 })],
        },
      ],
      [
        2,
        {
          equipment_ownership_report: [makeEquipmentOwnership({ id: 50, sequence: 10 })],
          equipment_product_report: [makeEquipmentProduct({ id: 60, sequence: 10, substanceId: 1 })],
          collection_recycling_report: [
            makeCollectionRecyclingReport({ id: 70, substanceId: 2 }),
            makeCollectionRecyclingReport({ id: 71, substanceId: 1, collectionQuantityKg: 3 }),
          ],
          quota_usage: [makeQuotaUsage({ id: 80, sequence: 10, substanceId: 1, totalQuotaKg: 2 })],
        },
      ],
    ]),
  });
}

describe('buildAllSheets', () => {
  it('touches the record access in a pinned order for a Form 01 document', async () => {
    const access = fixtureAccess();
    await buildAllSheets([form01], access, null);
    expect(access.calls).toEqual([
      // sheet 1
      'organization(doc 1)',
      'activityCodes(doc 1)',
      'contactStateName(doc 1)',
      // sheet 2
      'organization(doc 1)',
      'children(doc 1, equipment_ownership)',
      'substanceName(1)',
      'substanceName(2)',
      // sheet 3
      'organization(doc 1)',
      'children(doc 1, equipment_product)',
      'hsCodeCode(7)',
      'substanceName(2)',
      // sheet 4: only the row that passes quantity_kg > 0
      'organization(doc 1)',
      'children(doc 1, collection_recycling)',
      'substanceName(2)',
      // sheets 5 and 6 re-read the same relation and never resolve substance names
      'organization(doc 1)',
      'children(doc 1, substance_usage)',
      'organization(doc 1)',
      'children(doc 1, substance_usage)',
    ]);
  });

  it('touches the record access in a pinned order for a Form 02 document', async () => {
    const access = fixtureAccess();
    await buildAllSheets([form02], access, null);
    expect(access.calls).toEqual([
      'organization(doc 2)',
      'activityCodes(doc 2)',
      'contactStateName(doc 2)',
      'organization(doc 2)',
      'children(doc 2, equipment_ownership_report)',
      'organization(doc 2)',
      'children(doc 2, equipment_product_report)',
      'substanceName(1)',
      // sheet 4 Form 02: record 70 yields no row but its substance name is still resolved
      'organization(doc 2)',
      'children(doc 2, collection_recycling_report)',
      'substanceName(2)',
      'substanceName(1)',
      'organization(doc 2)',
      'children(doc 2, quota_usage)',
      'organization(doc 2)',
      'children(doc 2, quota_usage)',
    ]);
  });

  it('returns every sheet keyed by its exact name, sheet by sheet as documents go', async () => {
    const sheets = await buildAllSheets([form01, form02], fixtureAccess(), null);
    expect(Object.keys(sheets)).toEqual([...SHEET_NAMES]);
    expect(sheets['1_Hoso_DoanhNhiep'].map((row) => row[0])).toEqual([1, 2]);
    expect(sheets['2_DL_ThietBi_SoHuu']).toHaveLength(3);
    expect(sheets['3_DL_ThietBi_SX_NK']).toHaveLength(2);
    expect(sheets['4_DL_MoiChat_EoL']).toEqual([
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.4', 'R-410A', 'Thu gom', 4, '', ''],
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 02 - Bảng 2.4', 'HFC-32', 'Thu gom', 3, '', ''],
    ]);
    expect(sheets['5_DL_MoiChat_Bulk']).toEqual([
      ['Công ty Lạnh', '0101', 'Mẫu 01 - Bảng 1.1', 'Nhập khẩu', '', 2023, 9, 0, ''],
      ['Công ty Lạnh', '0101', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', '', 2024, 2, 0, ''],
    ]);
    expect(sheets['6_DL_QuanLy_HanNgach ']).toEqual([
      ['Công ty Lạnh', '0101', 'Mẫu 01', 2024, 2023, 'Nhập khẩu', '', '', 'Lượng sử dụng quá khứ', 9, 0, ''],
      ['Công ty Lạnh', '0101', 'Mẫu 02', 2024, 2024, 'Nhập khẩu', '', '', 'Hạn ngạch đã sử dụng', 2, 0, ''],
    ]);
  });

  it('writes only NFC strings (the constants of the spec are NFC)', async () => {
    const sheets = await buildAllSheets([form01, form02], fixtureAccess(), null);
    const strings = Object.values(sheets)
      .flat(2)
      .filter((cell): cell is string => typeof cell === 'string');
    expect(strings.filter((text) => text !== text.normalize('NFC'))).toEqual([]);
    expect(strings.some((text) => text !== text.normalize('NFD'))).toBe(true);
  });
});

describe('streamSheets', () => {
  it('yields the six sheets in workbook order, each built before the next one starts', async () => {
    const access = fixtureAccess();
    const seen: [string, number][] = [];
    for await (const { sheet } of streamSheets([form01], access, null)) {
      seen.push([sheet, access.calls.length]);
    }
    expect(seen).toEqual([
      ['1_Hoso_DoanhNhiep', 3],
      ['2_DL_ThietBi_SoHuu', 7],
      ['3_DL_ThietBi_SX_NK', 11],
      ['4_DL_MoiChat_EoL', 14],
      ['5_DL_MoiChat_Bulk', 16],
      ['6_DL_QuanLy_HanNgach ', 18],
    ]);
  });
});
