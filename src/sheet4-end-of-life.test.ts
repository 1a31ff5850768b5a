import { describe, expect, it } from 'vitest';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import { makeCollectionRecycling, makeCollectionRecyclingReport, makeDocument } from './record-fixtures.ts';
import { buildSheet4 } from './sheet4-end-of-life.ts';

const organizations = [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }];
const substanceNames = new Map([
  [1, 'HFC-32'],
  [2, 'R-410A'],
  [3, 'HFC-134a'],
]);

describe('buildSheet4 Form 01', () => {
  const doc = makeDocument({ id: 1, documentType: '01', year: 2024, organizationId: 100 });
  const children = {
    collection_recycling: [
      makeCollectionRecycling({ id: 10, sequence: 10, substanceId: 1, quantityKg: 12.5 }),
      makeCollectionRecycling({ id: 11, sequence: 20, isTitle: true, substanceName: 'Thu gom, tái chế' }),
      makeCollectionRecycling({ id: 12, sequence: 30, substanceId: 2, quantityKg: 3 }),
      makeCollectionRecycling({ id: 13, sequence: 40, substanceId: 3, quantityKg: 0 }),
      makeCollectionRecycling({ id: 14, sequence: 50, substanceId: 3, quantityKg: null }),
      makeCollectionRecycling({ id: 15, sequence: 60, substanceId: 3, quantityKg: -1 }),
      makeCollectionRecycling({ id: 16, sequence: 70, isTitle: true, substanceName: 'recycle' }),
      makeCollectionRecycling({ id: 17, sequence: 80, substanceId: null, quantityKg: 0.0001 }),
    ],
    collection_recycling_report: [makeCollectionRecyclingReport({ id: 99, collectionQuantityKg: 5 })],
  };

  it('writes rows with quantity_kg > 0 only; HoatDong maps the title text (default collection)', async () => {
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[1, children]]),
    });
    expect(await buildSheet4([doc], access, null)).toEqual([
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.4', 'HFC-32', 'Thu gom', 12.5, '', ''],
      // A Vietnamese title maps to '' (spec 8.4).
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.4', 'R-410A', '', 3, '', ''],
      ['Công ty Lạnh', '0101', 2024, 'Mẫu 01 - Bảng 1.4', '', 'Tái chế', 0.0001, '', ''],
    ]);
  });

  it('resolves the substance name only for rows that pass the quantity check', async () => {
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[1, children]]),
    });
    await buildSheet4([doc], access, null);
    expect(access.calls).toEqual([
      'organization(doc 1)',
      'children(doc 1, collection_recycling)',
      'substanceName(1)',
      'substanceName(2)',
    ]);
  });

  it('keeps rows without a substance under an active filter', async () => {
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[1, children]]),
    });
    const rows = await buildSheet4([doc], access, { ids: new Set([2]) });
    expect(rows.map((row) => [row[4], row[6]])).toEqual([
      ['R-410A', 3],
      ['', 0.0001],
    ]);
  });
});

describe('buildSheet4 Form 02', () => {
  const doc = makeDocument({ id: 2, documentType: '02', year: 2025, organizationId: 100 });
  const children = {
    collection_recycling: [makeCollectionRecycling({ id: 98, substanceId: 1, quantityKg: 1 })],
    // Database order (substance_name COLLATE "C" NULLS LAST, id); the builder must not re-sort it.
    collection_recycling_report: [
      makeCollectionRecyclingReport({
        id: 21,
        substanceId: 3,
        substanceName: 'HFC-134a',
        collectionQuantityKg: 10,
        reuseQuantityKg: 2,
        recycleQuantityKg: 3,
        disposalQuantityKg: 4,
        collectionLocation: 'Kho A',
        storageLocation: 'Kho B',
        reuseTechnology: 'Lọc',
        recycleTechnology: 'Chưng cất',
        recycleUsageLocation: 'Nhà máy C',
        disposalTechnology: 'Đốt',
        disposalFacility: 'Lò D',
      }),
      makeCollectionRecyclingReport({ id: 20, substanceId: 1, substanceName: 'HFC-32', reuseQuantityKg: -2 }),
      makeCollectionRecyclingReport({
        id: 22,
        substanceId: null,
        substanceName: null,
        recycleQuantityKg: 1.5,
        recycleTechnology: '',
        disposalQuantityKg: 0,
      }),
    ],
  };

  it('unpivots each record into the activities with quantity > 0, in fixed order, with ChiTiet texts', async () => {
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[2, children]]),
    });
    expect(await buildSheet4([doc], access, null)).toEqual([
      ['Công ty Lạnh', '0101', 2025, 'Mẫu 02 - Bảng 2.4', 'HFC-134a', 'Thu gom', 10, 'Kho A', 'Kho B'],
      ['Công ty Lạnh', '0101', 2025, 'Mẫu 02 - Bảng 2.4', 'HFC-134a', 'Tái sử dụng', 2, 'Lọc', ''],
      ['Công ty Lạnh', '0101', 2025, 'Mẫu 02 - Bảng 2.4', 'HFC-134a', 'Tái chế', 3, 'Chưng cất', 'Nhà máy C'],
      ['Công ty Lạnh', '0101', 2025, 'Mẫu 02 - Bảng 2.4', 'HFC-134a', 'Xử lý/Tiêu hủy', 4, 'Đốt', 'Lò D'],
      ['Công ty Lạnh', '0101', 2025, 'Mẫu 02 - Bảng 2.4', '', 'Tái chế', 1.5, '', ''],
    ]);
  });

  it('resolves the substance name for every record passing the filter, even one that yields no row', async () => {
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[2, children]]),
    });
    await buildSheet4([doc], access, null);
    expect(access.calls).toEqual([
      'organization(doc 2)',
      'children(doc 2, collection_recycling_report)',
      'substanceName(3)',
      'substanceName(1)',
    ]);
  });

  it('drops substances outside an active filter before resolving their names, keeping NULL ones', async () => {
    const access = new InMemoryRecordAccess({
      organizations,
      substanceNames,
      children: new Map([[2, children]]),
    });
    const rows = await buildSheet4([doc], access, { ids: new Set([1]) });
    expect(rows).toEqual([['Công ty Lạnh', '0101', 2025, 'Mẫu 02 - Bảng 2.4', '', 'Tái chế', 1.5, '', '']]);
    expect(access.calls.filter((call) => call.startsWith('substanceName'))).toEqual(['substanceName(1)']);
  });
});
