import { describe, expect, it } from 'vitest';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import { makeDocument, makeQuotaUsage, makeSubstanceUsage } from './record-fixtures.ts';
import { buildSheet5 } from './sheet5-bulk-substances.ts';

const organizations = [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }];

describe('buildSheet5 Form 01', () => {
  const doc = makeDocument({
    id: 1,
    documentType: '01',
    year: 2024,
    year1: 2021,
    year2: null,
    year3: 2023,
    organizationId: 100,
  });
  const children = {
    substance_usage: [
      makeSubstanceUsage({
        id: 10,
        sequence: 10,
        substanceId: 1,
        substanceName: 'HFC-32',
        year1QuantityKg: 100,
        year1QuantityCo2: 67.5,
        year2QuantityKg: null,
        year2QuantityCo2: 5,
        year3QuantityKg: 0,
        year3QuantityCo2: 0,
      }),
      makeSubstanceUsage({
        id: 11,
        sequence: 20,
        isTitle: true,
        substanceName: 'Sản xuất chất được kiểm soát',
      }),
      makeSubstanceUsage({
        id: 12,
        sequence: 30,
        substanceId: 2,
        substanceName: 'R-410A',
        year3QuantityKg: 7,
      }),
      makeSubstanceUsage({ id: 13, sequence: 40, isTitle: true, substanceName: 'export' }),
      makeSubstanceUsage({
        id: 14,
        sequence: 50,
        substanceId: null,
        substanceName: null,
        year1QuantityKg: 1,
      }),
      makeSubstanceUsage({ id: 15, sequence: 60, substanceId: 1, substanceName: 'HFC-32' }),
    ],
    quota_usage: [makeQuotaUsage({ id: 99, substanceId: 1, totalQuotaKg: 1 })],
  };

  it('unpivots years with non-zero kg or CO2; HoatDong from the title text; TenChat from the text column', async () => {
    const access = new InMemoryRecordAccess({ organizations, children: new Map([[1, children]]) });
    expect(await buildSheet5([doc], access, null)).toEqual([
      ['Công ty Lạnh', '0101', 'Mẫu 01 - Bảng 1.1', 'Nhập khẩu', 'HFC-32', 2021, 100, 67.5, ''],
      ['Công ty Lạnh', '0101', 'Mẫu 01 - Bảng 1.1', 'Nhập khẩu', 'HFC-32', 0, 0, 5, ''],
      // Vietnamese title: HoatDong '' (spec 8.4).
      ['Công ty Lạnh', '0101', 'Mẫu 01 - Bảng 1.1', '', 'R-410A', 2023, 7, 0, ''],
      ['Công ty Lạnh', '0101', 'Mẫu 01 - Bảng 1.1', 'Xuất khẩu', '', 2021, 1, 0, ''],
    ]);
    expect(access.calls).toEqual(['organization(doc 1)', 'children(doc 1, substance_usage)']);
  });

  it('drops rows without a substance when the filter is active, and keeps them when the list is empty', async () => {
    const access = new InMemoryRecordAccess({ organizations, children: new Map([[1, children]]) });
    const filtered = await buildSheet5([doc], access, { ids: new Set([1, 2]) });
    expect(filtered.map((row) => row[4])).toEqual(['HFC-32', 'HFC-32', 'R-410A']);
    const unfiltered = await buildSheet5([doc], access, { ids: new Set() });
    expect(unfiltered.map((row) => row[4])).toEqual(['HFC-32', 'HFC-32', 'R-410A', '']);
  });
});

describe('buildSheet5 Form 02', () => {
  it('writes exactly one row per quota record, all-zero ones included (spec 8.9), MaHS from the text column', async () => {
    const doc = makeDocument({ id: 2, documentType: '02', year: null, organizationId: null });
    const children = {
      substance_usage: [makeSubstanceUsage({ id: 98, substanceId: 1, year1QuantityKg: 1 })],
      quota_usage: [
        makeQuotaUsage({ id: 20, sequence: 10, isTitle: true, substanceName: 'production' }),
        makeQuotaUsage({
          id: 21,
          sequence: 20,
          substanceId: 1,
          substanceName: 'HFC-32',
          hsCode: '29033900',
          totalQuotaKg: 50.5,
          totalQuotaCo2: 34.0875,
        }),
        makeQuotaUsage({ id: 22, sequence: 30, substanceId: 2, substanceName: 'R-410A' }),
      ],
    };
    const access = new InMemoryRecordAccess({ children: new Map([[2, children]]) });
    expect(await buildSheet5([doc], access, null)).toEqual([
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Sản xuất', 'HFC-32', 0, 50.5, 34.0875, '29033900'],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Sản xuất', 'R-410A', 0, 0, 0, ''],
    ]);
    expect(access.calls).toEqual(['organization(doc 2)', 'children(doc 2, quota_usage)']);
  });
});
