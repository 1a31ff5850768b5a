import { describe, expect, it } from 'vitest';
import { InMemoryRecordAccess } from './in-memory-record-access.ts';
import { makeDocument, makeQuotaUsage, makeSubstanceUsage } from './record-fixtures.ts';
import { buildSheet6 } from './sheet6-quota-management.ts';

const organizations = [{ id: 100, name: 'Công ty Lạnh', businessId: '0101' }];

describe('buildSheet6 Form 01', () => {
  it("unpivots like sheet 5 with LoaiThongTin 'Lượng sử dụng quá khứ'; NamBaoCao is year or ''", async () => {
    const children = {
      substance_usage: [
        makeSubstanceUsage({
          id: 10,
          sequence: 10,
          substanceId: 1,
          substanceName: 'HFC-32',
          notes: 'Ghi chú',
          year1QuantityKg: 2,
          year2QuantityCo2: 1.35,
        }),
      ],
    };
    const documents = [
      makeDocument({ id: 1, documentType: '01', year: 2024, year1: 2021, year2: 2022, organizationId: 100 }),
      makeDocument({ id: 2, documentType: '01', year: null, year1: 2021 }),
      makeDocument({ id: 3, documentType: '01', year: 0, year1: 2021 }),
    ];
    const access = new InMemoryRecordAccess({
      organizations,
      children: new Map([
        [1, children],
        [2, children],
        [3, children],
      ]),
    });
    expect(await buildSheet6(documents, access, null)).toEqual([
      [
        'Công ty Lạnh',
        '0101',
        'Mẫu 01',
        2024,
        2021,
        'Nhập khẩu',
        'HFC-32',
        '',
        'Lượng sử dụng quá khứ',
        2,
        0,
        'Ghi chú',
      ],
      [
        'Công ty Lạnh',
        '0101',
        'Mẫu 01',
        2024,
        2022,
        'Nhập khẩu',
        'HFC-32',
        '',
        'Lượng sử dụng quá khứ',
        0,
        1.35,
        'Ghi chú',
      ],
      ['', '', 'Mẫu 01', '', 2021, 'Nhập khẩu', 'HFC-32', '', 'Lượng sử dụng quá khứ', 2, 0, 'Ghi chú'],
      ['', '', 'Mẫu 01', '', 0, 'Nhập khẩu', 'HFC-32', '', 'Lượng sử dụng quá khứ', 0, 1.35, 'Ghi chú'],
      ['', '', 'Mẫu 01', '', 2021, 'Nhập khẩu', 'HFC-32', '', 'Lượng sử dụng quá khứ', 2, 0, 'Ghi chú'],
      ['', '', 'Mẫu 01', '', 0, 'Nhập khẩu', 'HFC-32', '', 'Lượng sử dụng quá khứ', 0, 1.35, 'Ghi chú'],
    ]);
  });
});

describe('buildSheet6 Form 02', () => {
  const doc = makeDocument({ id: 2, documentType: '02', year: 2024, organizationId: 100 });
  const children = {
    substance_usage: [makeSubstanceUsage({ id: 98, substanceId: 1, year1QuantityKg: 1 })],
    quota_usage: [
      makeQuotaUsage({ id: 19, sequence: 5, isTitle: true, substanceName: 'Nhập khẩu' }),
      makeQuotaUsage({
        id: 20,
        sequence: 10,
        substanceId: 1,
        substanceName: 'HFC-32',
        hsCode: '29033900',
        notes: 'ok',
        allocatedQuotaKg: 100,
        allocatedQuotaCo2: 67.5,
        adjustedQuotaKg: -10,
        adjustedQuotaCo2: null,
        totalQuotaKg: 0,
        totalQuotaCo2: 0,
        nextYearQuotaKg: null,
        nextYearQuotaCo2: 80,
      }),
      // All four quota types zero or NULL: no row at all, unlike sheet 5.
      makeQuotaUsage({ id: 21, sequence: 20, substanceId: 2, substanceName: 'R-410A', totalQuotaKg: 0 }),
      makeQuotaUsage({ id: 22, sequence: 30, substanceId: null, substanceName: 'Khác', totalQuotaKg: 1 }),
    ],
  };

  it('unpivots the four quota types when kg or CO2 is non-zero, negatives included; NamDuLieu is doc.year', async () => {
    const access = new InMemoryRecordAccess({ organizations, children: new Map([[2, children]]) });
    const head = ['Công ty Lạnh', '0101', 'Mẫu 02', 2024, 2024, ''];
    expect(await buildSheet6([doc], access, null)).toEqual([
      [...head, 'HFC-32', '29033900', 'Hạn ngạch được phân bổ', 100, 67.5, 'ok'],
      [...head, 'HFC-32', '29033900', 'Hạn ngạch điều chỉnh', -10, 0, 'ok'],
      // The next-year registration keeps the report year as NamDuLieu (spec 8.8).
      [...head, 'HFC-32', '29033900', 'Đăng ký hạn ngạch năm sau', 0, 80, 'ok'],
      [...head, 'Khác', '', 'Hạn ngạch đã sử dụng', 1, 0, ''],
    ]);
    expect(access.calls).toEqual(['organization(doc 2)', 'children(doc 2, quota_usage)']);
  });

  it('drops rows without a substance when the filter is active', async () => {
    const access = new InMemoryRecordAccess({ organizations, children: new Map([[2, children]]) });
    const rows = await buildSheet6([doc], access, { ids: new Set([1, 2]) });
    expect(rows.map((row) => row[6])).toEqual(['HFC-32', 'HFC-32', 'HFC-32']);
  });

  it('writes NamBaoCao and NamDuLieu 0 when the year is NULL', async () => {
    const nullYear = makeDocument({ id: 3, documentType: '02', year: null });
    const access = new InMemoryRecordAccess({
      children: new Map([[3, { quota_usage: [makeQuotaUsage({ id: 30, totalQuotaCo2: 2 })] }]]),
    });
    expect(await buildSheet6([nullYear], access, null)).toEqual([
      ['', '', 'Mẫu 02', 0, 0, 'Nhập khẩu', '', '', 'Hạn ngạch đã sử dụng', 0, 2, ''],
    ]);
  });
});
