import { describe, expect, it } from 'vitest';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import { makeDocument, makeEquipmentProduct } from './record-fixtures.ts';
import { buildSheet3 } from './sheet3-equipment-products.ts';

const organizations = [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }];
const substanceNames = new Map([
  [1, 'HFC-32'],
  [2, 'R-410A'],
]);
const hsCodes = new Map([[7, '84151020']]);

describe('buildSheet3', () => {
  it("writes Form 01 rows: HoatDong '', MaHS from hs_code_id, no title context, titles skipped", async () => {
    const doc = makeDocument({ id: 1, documentType: '01', year: 2023, organizationId: 100 });
    const children = {
      equipment_product: [
        makeEquipmentProduct({ id: 10, sequence: 10, isTitle: true, productType: 'Sản xuất thiết bị' }),
        makeEquipmentProduct({
          id: 11,
          sequence: 20,
          productType: 'Máy điều hòa',
          hsCodeId: 7,
          capacity: '12000 BTU',
          quantity: 150.25,
          substanceId: 1,
          substanceQuantityPerUnit: '0.8',
        }),
        makeEquipmentProduct({ id: 12, sequence: 30, coolingCapacity: '2 HP' }),
      ],
      equipment_product_report: [makeEquipmentProduct({ id: 99, productType: 'wrong form' })],
    };
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      hsCodes,
      children: new Map([[1, children]]),
    });

    expect(await buildSheet3([doc], access, null)).toEqual([
      [
        ...[
          'Công ty Lạnh',
          '0101',
          2023,
          'Mẫu 01 - Bảng 1.2',
          '',
          'Máy điều hòa',
          '84151020',
          '12000 BTU',
          150.25,
        ],
        ...['HFC-32', '0.8'],
      ],
      ['Công ty Lạnh', '0101', 2023, 'Mẫu 01 - Bảng 1.2', '', '', '', '2 HP', 0, '', ''],
    ]);
    // hs code first, then substance, in column order; nothing for the row without either.
    expect(access.calls).toEqual([
      'organization(doc 1)',
      'children(doc 1, equipment_product)',
      'hsCodeCode(7)',
      'substanceName(1)',
    ]);
  });

  it("writes Form 02 HoatDong from production_type: 'production' gives Sản xuất, anything else Nhập khẩu", async () => {
    const doc = makeDocument({ id: 2, documentType: '02', year: 2024 });
    const children = {
      equipment_product_report: [
        makeEquipmentProduct({ id: 20, sequence: 10, productionType: 'production' }),
        makeEquipmentProduct({ id: 21, sequence: 20, productionType: 'import' }),
        makeEquipmentProduct({ id: 22, sequence: 30, productionType: null }),
      ],
    };
    const access = new InMemoryRecordAccess({ children: new Map([[2, children]]) });
    const rows = await buildSheet3([doc], access, null);
    expect(rows.map((row) => [row[3], row[4]])).toEqual([
      ['Mẫu 02 - Bảng 2.2', 'Sản xuất'],
      ['Mẫu 02 - Bảng 2.2', 'Nhập khẩu'],
      ['Mẫu 02 - Bảng 2.2', 'Nhập khẩu'],
    ]);
  });

  it('keeps rows without a substance under an active filter; no lookups for dropped rows', async () => {
    const doc = makeDocument({ id: 3, documentType: '01' });
    const children = {
      equipment_product: [
        makeEquipmentProduct({ id: 30, sequence: 10, substanceId: 1, hsCodeId: 7, productType: 'dropped' }),
        makeEquipmentProduct({ id: 31, sequence: 20, substanceId: null, productType: 'kept, no substance' }),
        makeEquipmentProduct({ id: 32, sequence: 30, substanceId: 2, productType: 'kept' }),
      ],
    };
    const access = new InMemoryRecordAccess({ substanceNames, hsCodes, children: new Map([[3, children]]) });
    const rows = await buildSheet3([doc], access, { ids: new Set([2]) });
    expect(rows.map((row) => row[5])).toEqual(['kept, no substance', 'kept']);
    expect(access.calls).toEqual([
      'organization(doc 3)',
      'children(doc 3, equipment_product)',
      'substanceName(2)',
    ]);
  });
});
