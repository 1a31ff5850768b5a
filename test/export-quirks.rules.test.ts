import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoDocumentsError } from '../src/collector.ts';
import type { Cell } from '../src/sheet-definitions.ts';
import { HsCodeFilterError } from '../src/substance-filter.ts';
import {
  exportBoth,
  exportBothFailing,
  openRulesDatabase,
  SHEET,
  type HandBuiltData,
  type MasterData,
  type RulesDatabase,
} from './helpers/hand-built-data.ts';

/*
 * Spec section 8: the twelve quirks the contract keeps, one test (or more) each, named by item number. Both
 * collectors must reproduce every one of them: literal rows for v1, v2 identical (`exportBoth`).
 */

/** Sheet 1 columns 7-20 of a document without contact data or activity fields. */
const REST: Cell[] = ['', '', '', '', '', '', '', '', '', '', '', '', '', ''];

let rules: RulesDatabase;
let data: HandBuiltData;
let m: MasterData;

beforeAll(async () => {
  rules = await openRulesDatabase('rules_quirks');
  data = rules.data;
});

afterAll(async () => {
  await rules?.db.drop();
});

beforeEach(async () => {
  m = await data.reset({ archivedActivityCodes: ['ac_ownership'] });
});

async function exportRows(filters: Record<string, unknown> = {}) {
  const { v1 } = await exportBoth(rules.db.client, filters);
  return v1.rows;
}

describe('spec 8: quirks kept by the contract', () => {
  it('quirk 8.1: any non-empty hs_code fails the export (HsCodeFilterError), unless no document matches', async () => {
    await data.insertDocument({ type: '01', year: 2020 });
    const failing = await exportBothFailing(rules.db.client, { hs_code: '29034500' });
    expect(failing.v1).toBeInstanceOf(HsCodeFilterError);
    expect(failing.v2).toBeInstanceOf(HsCodeFilterError);
    expect((failing.v2 as Error).message).toContain('hs_code');
    const none = await exportBothFailing(rules.db.client, { hs_code: '29034500', status: ['draft'] });
    expect(none.v1).toBeInstanceOf(NoDocumentsError);
    expect(none.v2).toBeInstanceOf(NoDocumentsError);
  });

  it('quirk 8.2: a substance filter that matches nothing disables substance filtering', async () => {
    const doc = await data.insertDocument({ type: '02', year: 2020 });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 10,
      substance_id: m.substance.hfc32,
      substance_name: 'HFC-32',
      total_quota_kg: '1',
    });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 20,
      substance_name: 'none',
      total_quota_kg: '2',
    });
    await data.insertChild('equipment_ownership_report', {
      document_id: doc,
      sequence: 10,
      equipment_type: 'AC',
      substance_id: m.substance.r410a,
    });
    const rows = await exportRows({ substance_name: 'no such substance' });
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'HFC-32', 2020, 1, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'none', 2020, 2, 0, ''],
    ]);
    expect(rows[SHEET.ownership]).toStrictEqual([
      ['', '', 2020, 'Mẫu 02 - Bảng 2.3', '', 'AC', 'R-410A', '', '', 0, '', 0, ''],
    ]);
    // Only an archived substance matches: the list is empty too.
    expect(await exportRows({ substance_name: 'HFC-23' })).toStrictEqual(rows);
  });

  it('quirk 8.3: a province matching no state is ignored, which may remove all organisation filtering', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101', stateId: m.state.haNoi });
    const other = await data.insertPartner({ name: 'Bình Minh', businessId: '0202', stateId: m.state.haNam });
    await data.insertDocument({ type: '01', year: 2020, organizationId: org });
    await data.insertDocument({ type: '01', year: 2020, organizationId: other });
    await data.insertDocument({ type: '01', year: 2020, organizationId: null });
    expect((await exportRows({ province: 'Ha Noi' }))[SHEET.organisations]).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', '', ...REST],
      [2, 'An Phát', '0101', 2020, 'Mẫu 01', '', ...REST],
      [3, 'Bình Minh', '0202', 2020, 'Mẫu 01', '', ...REST],
    ]);
    expect(
      (await exportRows({ province: 'Ha Noi', organization_code: '02' }))[SHEET.organisations],
    ).toStrictEqual([[1, 'Bình Minh', '0202', 2020, 'Mẫu 01', '', ...REST]]);
    // A province that does match a state applies.
    expect((await exportRows({ province: 'Hà Nam' }))[SHEET.organisations]).toStrictEqual([
      [1, 'Bình Minh', '0202', 2020, 'Mẫu 01', '', ...REST],
    ]);
  });

  it('quirk 8.4: HoatDong comes from the title text looked up by English code; usage_type and activity_type are ignored', async () => {
    const form01 = await data.insertDocument({ type: '01', year: 2020, year1: 2020 });
    const form02 = await data.insertDocument({ type: '02', year: 2021 });
    // No title yet: the default code, whatever the row's own usage_type / activity_type says.
    await data.insertChild('substance_usage', {
      document_id: form01,
      sequence: 10,
      usage_type: 'export',
      substance_name: 'no title',
      year_1_quantity_kg: '1',
    });
    await data.insertChild('substance_usage', {
      document_id: form01,
      sequence: 20,
      is_title: true,
      substance_name: 'Sản xuất chất được kiểm soát',
    });
    await data.insertChild('substance_usage', {
      document_id: form01,
      sequence: 30,
      usage_type: 'production',
      substance_name: 'vietnamese title',
      year_1_quantity_kg: '2',
    });
    await data.insertChild('collection_recycling', {
      document_id: form01,
      sequence: 10,
      activity_type: 'disposal',
      substance_id: m.substance.hfc32,
      quantity_kg: '3',
    });
    await data.insertChild('collection_recycling', {
      document_id: form01,
      sequence: 20,
      is_title: true,
      substance_name: 'Thu gom, tái chế',
    });
    await data.insertChild('collection_recycling', {
      document_id: form01,
      sequence: 30,
      activity_type: 'collection',
      substance_id: m.substance.hfc32,
      quantity_kg: '4',
    });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 10,
      is_title: true,
      substance_name: 'Nhập khẩu',
    });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 20,
      usage_type: 'import',
      substance_name: 'under "Nhập khẩu"',
      total_quota_kg: '5',
    });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 30,
      is_title: true,
      substance_name: 'import',
    });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 40,
      usage_type: 'export',
      substance_name: 'under "import"',
      total_quota_kg: '6',
    });
    const rows = await exportRows();
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 01 - Bảng 1.1', 'Nhập khẩu', 'no title', 2020, 1, 0, ''],
      ['', '', 'Mẫu 01 - Bảng 1.1', '', 'vietnamese title', 2020, 2, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', '', 'under "Nhập khẩu"', 2021, 5, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'under "import"', 2021, 6, 0, ''],
    ]);
    expect(rows[SHEET.quota].map((row) => [row[5], row[6]])).toStrictEqual([
      ['Nhập khẩu', 'no title'],
      ['', 'vietnamese title'],
      ['', 'under "Nhập khẩu"'],
      ['Nhập khẩu', 'under "import"'],
    ]);
    expect(rows[SHEET.endOfLife]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.4', 'HFC-32', 'Thu gom', 3, '', ''],
      ['', '', 2020, 'Mẫu 01 - Bảng 1.4', 'HFC-32', '', 4, '', ''],
    ]);
  });

  it('quirk 8.5: with year_to, NULL-year documents are included', async () => {
    await data.insertDocument({ type: '01', year: null, legalRepresentativeName: 'null year' });
    await data.insertDocument({ type: '01', year: 2010, legalRepresentativeName: '2010' });
    await data.insertDocument({ type: '02', year: 1999, legalRepresentativeName: '1999' });
    expect((await exportRows({ year_to: 2000 }))[SHEET.organisations]).toStrictEqual([
      [1, '', '', 0, 'Mẫu 01', 'null year', ...REST],
      [2, '', '', 1999, 'Mẫu 02', '1999', ...REST],
    ]);
  });

  it('quirk 8.6: Form 02 end-of-life rows follow substance_name in code-point order, NULLs last, ties by id', async () => {
    const doc = await data.insertDocument({ type: '02', year: 2022 });
    // A linguistic collation would give a, Đ, Z; code points give Z < a < Đ.
    for (const [name, kg] of [
      ['Đ', '1'],
      [null, '2'],
      ['a', '3'],
      ['Z', '4'],
      ['a', '5'],
    ] as const) {
      await data.insertChild('collection_recycling_report', {
        document_id: doc,
        substance_name: name,
        collection_quantity_kg: kg,
      });
    }
    const rows = await exportRows();
    expect(rows[SHEET.endOfLife].map((row) => row[6])).toStrictEqual([4, 3, 5, 1, 2]);
    expect(rows[SHEET.endOfLife][0]).toStrictEqual([
      '',
      '',
      2022,
      'Mẫu 02 - Bảng 2.4',
      '',
      'Thu gom',
      4,
      '',
      '',
    ]);
  });

  it('quirk 8.7: documents without organisation collapse to one per (year, type) and sort first', async () => {
    const org = await data.insertPartner({ name: '!first by name', businessId: '1' });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      legalRepresentativeName: 'org',
    });
    for (const [label, createDate] of [
      ['older', '2024-01-01 00:00:00'],
      ['latest', '2024-01-03 00:00:00'],
      ['middle', '2024-01-02 00:00:00'],
    ] as const) {
      await data.insertDocument({ type: '01', year: 2020, legalRepresentativeName: label, createDate });
    }
    const { v1 } = await exportBoth(rules.db.client);
    expect(v1.rows[SHEET.organisations]).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', 'latest', ...REST],
      [2, '!first by name', '1', 2020, 'Mẫu 01', 'org', ...REST],
    ]);
    expect(v1.matchingCount).toBe(4);
  });

  it('quirk 8.8: sheet 6 "Đăng ký hạn ngạch năm sau" carries NamDuLieu = report year, not year + 1', async () => {
    const doc = await data.insertDocument({ type: '02', year: 2024 });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 10,
      substance_name: 'HFC-32',
      next_year_quota_kg: '10',
      next_year_quota_co2: '6.75',
    });
    expect((await exportRows())[SHEET.quota]).toStrictEqual([
      ['', '', 'Mẫu 02', 2024, 2024, 'Nhập khẩu', 'HFC-32', '', 'Đăng ký hạn ngạch năm sau', 10, 6.75, ''],
    ]);
  });

  it('quirk 8.9: sheet 5 Form 02 emits a quota row whose values are all zero or NULL; the other unpivots do not', async () => {
    const form02 = await data.insertDocument({ type: '02', year: 2023 });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 10,
      substance_name: 'all NULL',
    });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 20,
      substance_name: 'all zero',
      allocated_quota_kg: '0',
      adjusted_quota_kg: '0',
      total_quota_kg: '0',
      total_quota_co2: '0',
      next_year_quota_kg: '0',
    });
    await data.insertChild('collection_recycling_report', {
      document_id: form02,
      collection_quantity_kg: '0',
    });
    const form01 = await data.insertDocument({ type: '01', year: 2023, year1: 2022 });
    await data.insertChild('substance_usage', {
      document_id: form01,
      sequence: 10,
      substance_name: 'zero usage',
      year_1_quantity_kg: '0',
    });
    const rows = await exportRows();
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'all NULL', 2023, 0, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'all zero', 2023, 0, 0, ''],
    ]);
    expect(rows[SHEET.quota]).toStrictEqual([]);
    expect(rows[SHEET.endOfLife]).toStrictEqual([]);
  });

  it('quirk 8.10: MaHS and TenChat come from the relation in sheets 2-4 but from the text columns in sheets 5-6', async () => {
    const form01 = await data.insertDocument({ type: '01', year: 2020, year1: 2020 });
    const form02 = await data.insertDocument({ type: '02', year: 2021 });
    await data.insertChild('equipment_product', {
      document_id: form01,
      sequence: 10,
      product_type: 'AC',
      hs_code_id: m.hsCode.h84151020,
      hs_code: 'stale text',
      substance_id: m.substance.r410a,
      substance_name: 'stale name',
    });
    await data.insertChild('equipment_ownership', {
      document_id: form01,
      sequence: 10,
      equipment_type: 'Chiller',
      substance_id: m.substance.hfc134a,
      substance_name: 'stale name',
    });
    await data.insertChild('substance_usage', {
      document_id: form01,
      sequence: 10,
      substance_id: m.substance.hfc134a,
      substance_name: 'typed HFC-134a',
      year_1_quantity_kg: '1',
    });
    await data.insertChild('quota_usage', {
      document_id: form02,
      sequence: 10,
      substance_id: m.substance.hfc32,
      substance_name: 'typed HFC-32',
      hs_code_id: m.hsCode.h29033900,
      hs_code: 'typed 2903',
      total_quota_kg: '1',
    });
    const rows = await exportRows();
    expect(rows[SHEET.products]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.2', '', 'AC', '84151020', '', 0, 'R-410A', ''],
    ]);
    expect(rows[SHEET.ownership]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.3', '', 'Chiller', 'HFC-134a', '', '', 0, '', 0, ''],
    ]);
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 01 - Bảng 1.1', 'Nhập khẩu', 'typed HFC-134a', 2020, 1, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'typed HFC-32', 2021, 1, 0, 'typed 2903'],
    ]);
    // prettier-ignore
    expect(rows[SHEET.quota]).toStrictEqual([
      ['', '', 'Mẫu 01', 2020, 2020, 'Nhập khẩu', 'typed HFC-134a', '', 'Lượng sử dụng quá khứ', 1, 0, ''],
      ['', '', 'Mẫu 02', 2021, 2021, 'Nhập khẩu', 'typed HFC-32', 'typed 2903', 'Hạn ngạch đã sử dụng', 1, 0, ''],
    ]);
  });

  it('quirk 8.11: an archived activity field satisfies the filter but never yields an X', async () => {
    await data.insertDocument({
      type: '01',
      year: 2020,
      legalRepresentativeName: 'archived + active',
      activityFieldIds: [m.activity.ac_ownership, m.activity.refrigeration_ownership],
    });
    await data.insertDocument({
      type: '02',
      year: 2020,
      legalRepresentativeName: 'archived only',
      activityFieldIds: [m.activity.ac_ownership],
    });
    await data.insertDocument({ type: '01', year: 2021, legalRepresentativeName: 'no activity' });
    const rows = await exportRows({ activity_field_ids: [m.activity.ac_ownership] });
    // prettier-ignore
    expect(rows[SHEET.organisations]).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', 'archived + active', '', '', '', '', '', '', '', '', '', '', '', '', 'X', ''],
      [2, '', '', 2020, 'Mẫu 02', 'archived only', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    ]);
  });

  it('quirk 8.12: an absent or empty status means completed only, not every state', async () => {
    await data.insertDocument({ type: '01', year: 2020, state: 'draft', legalRepresentativeName: 'draft' });
    await data.insertDocument({
      type: '01',
      year: 2021,
      state: 'validated',
      legalRepresentativeName: 'validated',
    });
    await data.insertDocument({
      type: '01',
      year: 2022,
      state: 'completed',
      legalRepresentativeName: 'completed',
    });
    const completedOnly = [[1, '', '', 2022, 'Mẫu 01', 'completed', ...REST]];
    expect((await exportRows({}))[SHEET.organisations]).toStrictEqual(completedOnly);
    expect((await exportRows({ status: [] }))[SHEET.organisations]).toStrictEqual(completedOnly);
    expect((await exportRows({ status: null }))[SHEET.organisations]).toStrictEqual(completedOnly);
    // What the UI sends for "all states".
    expect(
      (await exportRows({ status: ['draft', 'validated', 'completed'] }))[SHEET.organisations],
    ).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', 'draft', ...REST],
      [2, '', '', 2021, 'Mẫu 01', 'validated', ...REST],
      [3, '', '', 2022, 'Mẫu 01', 'completed', ...REST],
    ]);
  });
});
