import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  exportBoth,
  openRulesDatabase,
  SHEET,
  type HandBuiltData,
  type MasterData,
  type RulesDatabase,
} from './helpers/hand-built-data.ts';

/*
 * Spec section 4, the six sheets, on real PostgreSQL: a fresh small dataset per test, both collectors run,
 * the literal rows asserted for v1 and v2's rows asserted identical by `exportBoth`.
 */

let rules: RulesDatabase;
let data: HandBuiltData;
let m: MasterData;

beforeAll(async () => {
  rules = await openRulesDatabase('rules_sheets');
  data = rules.data;
});

afterAll(async () => {
  await rules?.db.drop();
});

beforeEach(async () => {
  m = await data.reset();
});

async function exportRows(filters: Record<string, unknown> = {}) {
  const { v1 } = await exportBoth(rules.db.client, filters);
  return v1.rows;
}

describe('spec 4.1: sheet 1, one row per document', () => {
  it('writes the contact fields of the document, its state name, and an X per active activity code', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101', stateId: m.state.hue });
    await data.insertDocument({
      type: '01',
      year: 2023,
      organizationId: org,
      legalRepresentativeName: 'Nguyễn Văn A',
      legalRepresentativePosition: 'Giám đốc',
      contactPersonName: 'Trần Thị B',
      contactAddress: '1 Tràng Tiền',
      contactStateId: m.state.haNoi,
      contactPhone: '024 1234 5678',
      contactEmail: 'a@example.vn',
      activityFieldIds: Object.values(m.activity),
    });
    await data.insertDocument({
      type: '02',
      year: null,
      organizationId: org,
      legalRepresentativeName: '',
      contactAddress: '',
      activityFieldIds: [m.activity.export, m.activity.refrigeration_ownership],
    });
    const rows = await exportRows();
    expect(rows[SHEET.organisations]).toStrictEqual([
      [1, 'An Phát', '0101', 0, 'Mẫu 02', '', '', '', '', '', '', '', '', '', 'X', '', '', '', 'X', ''],
      [
        ...[2, 'An Phát', '0101', 2023, 'Mẫu 01', 'Nguyễn Văn A', 'Giám đốc', 'Trần Thị B', '1 Tràng Tiền'],
        ...['Hà Nội', '024 1234 5678', 'a@example.vn', 'X', 'X', 'X', 'X', 'X', 'X', 'X', 'X'],
      ],
    ]);
  });

  it('a document without organisation gives an empty name and code', async () => {
    await data.insertDocument({ type: '01', year: 2020, activityFieldIds: [m.activity.equipment_import] });
    const rows = await exportRows();
    expect(rows[SHEET.organisations]).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', '', '', '', '', '', '', '', '', '', '', '', 'X', '', '', ''],
    ]);
  });
});

describe('spec 4.2: sheet 2, equipment ownership', () => {
  it('Form 01: titles give PhanLoaiThietBi, the capacity rule, start_year 0 → "", defaults "" vs 0', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    const doc = await data.insertDocument({ type: '01', year: 2022, organizationId: org });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('equipment_ownership', { document_id: doc, is_title: false, ...values });
    await row({
      sequence: 5,
      equipment_type: 'before any title',
      substance_id: m.substance.hfc134a,
      capacity: '2 HP',
    });
    await row({ sequence: 10, is_title: true, equipment_type: 'Điều hòa không khí' });
    await row({
      sequence: 20,
      equipment_type: 'Split AC',
      substance_id: m.substance.hfc32,
      capacity: '5 HP',
      cooling_capacity: '3.5 kW',
      start_year: 2015,
      equipment_quantity: 3,
      refill_frequency: '1 lần/năm',
      substance_quantity_per_refill: '2.5',
    });
    await row({
      sequence: 30,
      equipment_type: 'Chiller',
      cooling_capacity: '5 HP',
      power_capacity: '3.5 kW',
      start_year: 0,
      refill_frequency: '',
      substance_quantity_per_refill: '',
    });
    await row({ sequence: 40, is_title: true, equipment_type: null });
    await row({
      sequence: 50,
      equipment_type: null,
      capacity: '',
      power_capacity: '7 kW',
      equipment_quantity: 0,
    });
    await row({ sequence: 60, equipment_type: 'Kho lạnh', capacity: '   ', cooling_capacity: '9 kW' });
    const rows = await exportRows();
    const head = ['An Phát', '0101', 2022, 'Mẫu 01 - Bảng 1.3'];
    expect(rows[SHEET.ownership]).toStrictEqual([
      [...head, '', 'before any title', 'HFC-134a', '2 HP', '', 0, '', 0, ''],
      [...head, 'Điều hòa không khí', 'Split AC', 'HFC-32', '5 HP', 2015, 3, '1 lần/năm', '2.5', ''],
      [...head, 'Điều hòa không khí', 'Chiller', '', '5 HP/3.5 kW', '', 0, '', 0, ''],
      [...head, '', '', '', '7 kW', '', 0, '', 0, ''],
      [...head, '', 'Kho lạnh', '', '   ', '', 0, '', 0, ''],
    ]);
  });

  it('Form 02: notes in GhiChu, child order with a NULL sequence, Form 01 children ignored', async () => {
    const org = await data.insertPartner({ name: 'Bình Minh', businessId: '0202' });
    const doc = await data.insertDocument({ type: '02', year: 2023, organizationId: org });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('equipment_ownership_report', { document_id: doc, is_title: false, ...values });
    // Child order: COALESCE(sequence, 0), then the database order (sequence NULLS LAST, id):
    // 'seq 0' (0), 'seq null' (NULL → 0, after 0 in the database order), 'seq 10', 'seq 10 again'.
    await row({ sequence: 10, equipment_type: 'seq 10', notes: 'ghi chú', substance_id: m.substance.r410a });
    await row({ sequence: null, equipment_type: 'seq null', cooling_capacity: '1 kW' });
    await row({ sequence: 0, equipment_type: 'seq 0', refill_frequency: 'hàng năm' });
    await row({ sequence: 10, equipment_type: 'seq 10 again', notes: '' });
    // Rows of the Form 01 relation on a Form 02 document are never read.
    await data.insertChild('equipment_ownership', {
      document_id: doc,
      sequence: 10,
      equipment_type: 'form 01 row',
    });
    const rows = await exportRows();
    const head = ['Bình Minh', '0202', 2023, 'Mẫu 02 - Bảng 2.3', ''];
    expect(rows[SHEET.ownership]).toStrictEqual([
      [...head, 'seq 0', '', '', '', 0, 'hàng năm', 0, ''],
      [...head, 'seq null', '', '1 kW', '', 0, '', 0, ''],
      [...head, 'seq 10', 'R-410A', '', '', 0, '', 0, 'ghi chú'],
      [...head, 'seq 10 again', '', '', '', 0, '', 0, ''],
    ]);
  });
});

describe('spec 4.3: sheet 3, equipment production and import', () => {
  it('Form 01: HoatDong "", MaHS from hs_code_id (own hs_code ignored), exact 4-decimal quantities', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    const doc = await data.insertDocument({ type: '01', year: 2021, organizationId: org });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('equipment_product', { document_id: doc, is_title: false, ...values });
    await row({ sequence: 10, is_title: true, product_type: 'Sản xuất thiết bị' });
    await row({
      sequence: 20,
      product_type: 'Máy điều hòa',
      hs_code_id: m.hsCode.h84151020,
      hs_code: '99999999',
      capacity: '12000 BTU',
      quantity: '0.1234',
      substance_id: m.substance.r410a,
      substance_quantity_per_unit: '0.75',
    });
    await row({
      sequence: 30,
      product_type: null,
      hs_code: '29033900',
      cooling_capacity: '3 kW',
      quantity: '12345678.1234',
      substance_quantity_per_unit: '',
    });
    await row({ sequence: 40, product_type: 'Tủ lạnh', quantity: null, substance_id: m.substance.other });
    const rows = await exportRows();
    const head = ['An Phát', '0101', 2021, 'Mẫu 01 - Bảng 1.2', ''];
    expect(rows[SHEET.products]).toStrictEqual([
      [...head, 'Máy điều hòa', '84151020', '12000 BTU', 0.1234, 'R-410A', '0.75'],
      [...head, '', '', '3 kW', 12345678.1234, '', ''],
      [...head, 'Tủ lạnh', '', '', 0, 'Other Substance', ''],
    ]);
  });

  it('Form 02: HoatDong from production_type (NULL counts as import)', async () => {
    const doc = await data.insertDocument({ type: '02', year: null });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('equipment_product_report', { document_id: doc, is_title: false, ...values });
    await row({
      sequence: 10,
      production_type: 'production',
      product_type: 'A',
      hs_code_id: m.hsCode.h29033900,
    });
    await row({ sequence: 20, production_type: 'import', product_type: 'B', power_capacity: '2 kW' });
    await row({ sequence: 30, production_type: null, product_type: 'C', quantity: '7' });
    const rows = await exportRows();
    const head = ['', '', 0, 'Mẫu 02 - Bảng 2.2'];
    expect(rows[SHEET.products]).toStrictEqual([
      [...head, 'Sản xuất', 'A', '29033900', '', 0, '', ''],
      [...head, 'Nhập khẩu', 'B', '', '2 kW', 0, '', ''],
      [...head, 'Nhập khẩu', 'C', '', '', 7, '', ''],
    ]);
  });
});

describe('spec 4.4: sheet 4, end of life', () => {
  it('Form 01: quantity_kg > 0 only, HoatDong from the title code (default collection)', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    const doc = await data.insertDocument({ type: '01', year: 2020, organizationId: org });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('collection_recycling', { document_id: doc, is_title: false, ...values });
    await row({ sequence: 10, substance_id: m.substance.hfc32, quantity_kg: '5', quantity_co2: '0' });
    await row({ sequence: 20, substance_id: m.substance.hfc32, quantity_kg: '0', quantity_co2: '9' });
    await row({ sequence: 30, substance_id: m.substance.hfc32, quantity_kg: null });
    await row({ sequence: 40, substance_id: m.substance.hfc32, quantity_kg: '-1' });
    await row({ sequence: 50, is_title: true, substance_name: 'reuse' });
    await row({ sequence: 60, substance_id: null, quantity_kg: '1.25' });
    await row({ sequence: 70, is_title: true, substance_name: 'disposal' });
    await row({ sequence: 80, substance_id: m.substance.hfc134a, quantity_kg: '0.0001' });
    await row({ sequence: 90, is_title: true, substance_name: 'Thu gom' });
    await row({ sequence: 100, substance_id: m.substance.hfc134a, quantity_kg: '2' });
    const rows = await exportRows();
    const head = ['An Phát', '0101', 2020, 'Mẫu 01 - Bảng 1.4'];
    expect(rows[SHEET.endOfLife]).toStrictEqual([
      [...head, 'HFC-32', 'Thu gom', 5, '', ''],
      [...head, '', 'Tái sử dụng', 1.25, '', ''],
      [...head, 'HFC-134a', 'Xử lý/Tiêu hủy', 0.0001, '', ''],
      [...head, 'HFC-134a', '', 2, '', ''],
    ]);
  });

  it('Form 02: 0-4 rows per record in fixed order; records by substance_name code points, NULLS LAST, then id', async () => {
    const org = await data.insertPartner({ name: 'Bình Minh', businessId: '0202' });
    const doc = await data.insertDocument({ type: '02', year: 2024, organizationId: org });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('collection_recycling_report', { document_id: doc, ...values });
    // Inserted out of order; the row order is 'B' < 'a' (id 3) < 'a' (id 5) < 'b' < 'Ä' < NULL.
    await row({
      substance_name: 'b',
      substance_id: m.substance.hfc32,
      reuse_quantity_kg: '2',
      reuse_technology: 'T-reuse',
    });
    await row({
      substance_name: null,
      substance_id: null,
      disposal_quantity_kg: '4',
      disposal_technology: 'lò đốt',
      disposal_facility: 'F1',
    });
    await row({
      substance_name: 'a',
      substance_id: m.substance.hfc134a,
      collection_quantity_kg: '1.5',
      collection_location: 'Kho A',
      storage_location: 'Kho B',
      reuse_quantity_kg: '0.5',
      reuse_technology: null,
      recycle_quantity_kg: '0.25',
      recycle_technology: 'R-tech',
      recycle_usage_location: 'Nhà máy',
      disposal_quantity_kg: '0.125',
      disposal_technology: '',
      disposal_facility: null,
    });
    await row({ substance_name: 'Ä', substance_id: m.substance.r410a, collection_quantity_kg: '3' });
    await row({
      substance_name: 'a',
      substance_id: m.substance.other,
      collection_quantity_kg: '0',
      reuse_quantity_kg: null,
      recycle_quantity_kg: '-2',
    });
    await row({
      substance_name: 'B',
      substance_id: m.substance.hfc32,
      recycle_quantity_kg: '6',
      recycle_technology: 'tái chế',
    });
    const rows = await exportRows();
    const head = ['Bình Minh', '0202', 2024, 'Mẫu 02 - Bảng 2.4'];
    expect(rows[SHEET.endOfLife]).toStrictEqual([
      [...head, 'HFC-32', 'Tái chế', 6, 'tái chế', ''],
      [...head, 'HFC-134a', 'Thu gom', 1.5, 'Kho A', 'Kho B'],
      [...head, 'HFC-134a', 'Tái sử dụng', 0.5, '', ''],
      [...head, 'HFC-134a', 'Tái chế', 0.25, 'R-tech', 'Nhà máy'],
      [...head, 'HFC-134a', 'Xử lý/Tiêu hủy', 0.125, '', ''],
      [...head, 'HFC-32', 'Tái sử dụng', 2, 'T-reuse', ''],
      [...head, 'R-410A', 'Thu gom', 3, '', ''],
      [...head, '', 'Xử lý/Tiêu hủy', 4, 'lò đốt', 'F1'],
    ]);
  });
});

describe('spec 4.5: sheet 5, bulk substances', () => {
  it('Form 01: 0-3 rows per record (kg or CO2 non-zero), NamDuLieu = year_i or 0, HoatDong from the title code', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    const doc = await data.insertDocument({
      type: '01',
      year: 2024,
      year1: 2021,
      year2: null,
      year3: 2023,
      organizationId: org,
    });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('substance_usage', { document_id: doc, is_title: false, ...values });
    await row({
      sequence: 10,
      substance_id: m.substance.hfc134a,
      substance_name: 'HFC-134a',
      year_1_quantity_kg: '1.5',
      year_2_quantity_co2: '0.1234',
      year_3_quantity_kg: '0',
      year_3_quantity_co2: null,
    });
    await row({ sequence: 20, substance_id: m.substance.hfc32, substance_name: 'no quantity at all' });
    await row({ sequence: 30, is_title: true, substance_name: 'production' });
    await row({
      sequence: 40,
      substance_id: null,
      substance_name: null,
      usage_type: 'export',
      year_3_quantity_kg: '12345678.1234',
      year_3_quantity_co2: '3',
    });
    await row({ sequence: 50, is_title: true, substance_name: 'export' });
    await row({
      sequence: 60,
      substance_id: m.substance.r410a,
      substance_name: 'R-410A',
      year_1_quantity_co2: '2',
    });
    const rows = await exportRows();
    const head = ['An Phát', '0101', 'Mẫu 01 - Bảng 1.1'];
    expect(rows[SHEET.bulk]).toStrictEqual([
      [...head, 'Nhập khẩu', 'HFC-134a', 2021, 1.5, 0, ''],
      [...head, 'Nhập khẩu', 'HFC-134a', 0, 0, 0.1234, ''],
      [...head, 'Sản xuất', '', 2023, 12345678.1234, 3, ''],
      [...head, 'Xuất khẩu', 'R-410A', 2021, 0, 2, ''],
    ]);
  });

  it('Form 02: exactly one row per record, all-zero rows included, MaHS from the hs_code text', async () => {
    const doc = await data.insertDocument({ type: '02', year: 2022 });
    const row = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('quota_usage', { document_id: doc, is_title: false, ...values });
    await row({
      sequence: 10,
      substance_id: m.substance.hfc134a,
      substance_name: 'HFC-134a',
      hs_code: '29034500',
      total_quota_kg: '100.5',
      total_quota_co2: '143.7150',
    });
    await row({
      sequence: 20,
      substance_id: m.substance.hfc32,
      substance_name: 'HFC-32',
      total_quota_kg: '0',
    });
    await row({ sequence: 30, is_title: true, substance_name: 'Nhập khẩu chất được kiểm soát' });
    await row({ sequence: 40, substance_id: null, substance_name: '', hs_code: '' });
    const rows = await exportRows();
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'HFC-134a', 2022, 100.5, 143.715, '29034500'],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'HFC-32', 2022, 0, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', '', '', 2022, 0, 0, ''],
    ]);
  });
});

describe('spec 4.6: sheet 6, quota management', () => {
  it('Form 01: the sheet 5 unpivot, NamBaoCao = year or "", past-usage label and notes', async () => {
    const doc = await data.insertDocument({ type: '01', year: null, year1: 2019, year2: 2020 });
    await data.insertChild('substance_usage', {
      document_id: doc,
      sequence: 10,
      substance_id: m.substance.hfc32,
      substance_name: 'HFC-32',
      notes: 'ghi chú',
      year_1_quantity_kg: '1',
      year_2_quantity_kg: '2',
      year_2_quantity_co2: '1.35',
    });
    const withYear = await data.insertDocument({ type: '01', year: 2021, year1: 2018 });
    await data.insertChild('substance_usage', {
      document_id: withYear,
      sequence: 10,
      substance_name: 'R-404A',
      year_1_quantity_co2: '4',
    });
    const rows = await exportRows();
    expect(rows[SHEET.quota]).toStrictEqual([
      ['', '', 'Mẫu 01', '', 2019, 'Nhập khẩu', 'HFC-32', '', 'Lượng sử dụng quá khứ', 1, 0, 'ghi chú'],
      ['', '', 'Mẫu 01', '', 2020, 'Nhập khẩu', 'HFC-32', '', 'Lượng sử dụng quá khứ', 2, 1.35, 'ghi chú'],
      ['', '', 'Mẫu 01', 2021, 2018, 'Nhập khẩu', 'R-404A', '', 'Lượng sử dụng quá khứ', 0, 4, ''],
    ]);
  });

  it('Form 02: four quota types in order, each when kg or CO2 is non-zero, negatives included', async () => {
    const org = await data.insertPartner({ name: 'Bình Minh', businessId: '0202' });
    const doc = await data.insertDocument({ type: '02', year: 2025, organizationId: org });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 10,
      is_title: true,
      substance_name: 'export',
    });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 20,
      substance_id: m.substance.hfc134a,
      substance_name: 'HFC-134a',
      hs_code: '29034500',
      notes: 'n1',
      allocated_quota_kg: '100',
      allocated_quota_co2: '143',
      adjusted_quota_kg: '-2.5',
      adjusted_quota_co2: '0',
      total_quota_kg: '0',
      total_quota_co2: '0',
      next_year_quota_kg: null,
      next_year_quota_co2: '-1',
    });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 30,
      substance_id: m.substance.hfc32,
      substance_name: 'HFC-32',
      total_quota_co2: '0.0001',
    });
    const rows = await exportRows();
    const head = ['Bình Minh', '0202', 'Mẫu 02', 2025, 2025, 'Xuất khẩu'];
    expect(rows[SHEET.quota]).toStrictEqual([
      [...head, 'HFC-134a', '29034500', 'Hạn ngạch được phân bổ', 100, 143, 'n1'],
      [...head, 'HFC-134a', '29034500', 'Hạn ngạch điều chỉnh', -2.5, 0, 'n1'],
      [...head, 'HFC-134a', '29034500', 'Đăng ký hạn ngạch năm sau', 0, -1, 'n1'],
      [...head, 'HFC-32', '', 'Hạn ngạch đã sử dụng', 0, 0.0001, ''],
    ]);
    // Sheet 5 still has exactly one row per record.
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['Bình Minh', '0202', 'Mẫu 02 - Bảng 2.1', 'Xuất khẩu', 'HFC-134a', 2025, 0, 0, '29034500'],
      ['Bình Minh', '0202', 'Mẫu 02 - Bảng 2.1', 'Xuất khẩu', 'HFC-32', 2025, 0, 0.0001, ''],
    ]);
  });

  it('Form 02 with a NULL year: NamBaoCao and NamDuLieu are 0', async () => {
    const doc = await data.insertDocument({ type: '02', year: null });
    await data.insertChild('quota_usage', {
      document_id: doc,
      sequence: 10,
      substance_name: 'X',
      allocated_quota_kg: '1',
    });
    const rows = await exportRows();
    expect(rows[SHEET.quota]).toStrictEqual([
      ['', '', 'Mẫu 02', 0, 0, 'Nhập khẩu', 'X', '', 'Hạn ngạch được phân bổ', 1, 0, ''],
    ]);
  });
});

describe('spec 4.0: title context', () => {
  it('a title directly followed by another title is replaced; an empty or NULL title gives the context ""', async () => {
    const form01 = await data.insertDocument({ type: '01', year: 2020, year1: 2020 });
    const usage = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('substance_usage', { document_id: form01, is_title: false, ...values });
    await usage({ sequence: 10, is_title: true, substance_name: 'export' });
    await usage({ sequence: 20, is_title: true, substance_name: 'production' });
    await usage({ sequence: 30, substance_name: 'after two titles', year_1_quantity_kg: '1' });
    await usage({ sequence: 40, is_title: true, substance_name: '' });
    await usage({ sequence: 50, substance_name: 'after an empty title', year_1_quantity_kg: '2' });
    const recycling = (values: Record<string, string | number | boolean | null>) =>
      data.insertChild('collection_recycling', { document_id: form01, is_title: false, ...values });
    await recycling({ sequence: 10, is_title: true, substance_name: 'recycle' });
    await recycling({ sequence: 20, quantity_kg: '3' });
    await recycling({ sequence: 30, is_title: true, substance_name: null });
    await recycling({ sequence: 40, quantity_kg: '4' });
    const rows = await exportRows();
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 01 - Bảng 1.1', 'Sản xuất', 'after two titles', 2020, 1, 0, ''],
      ['', '', 'Mẫu 01 - Bảng 1.1', '', 'after an empty title', 2020, 2, 0, ''],
    ]);
    expect(rows[SHEET.endOfLife]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.4', '', 'Tái chế', 3, '', ''],
      ['', '', 2020, 'Mẫu 01 - Bảng 1.4', '', '', 4, '', ''],
    ]);
  });
});

describe('spec 4 general rules: children of the other form are ignored', () => {
  it('a Form 01 document never reads Form 02 relations and vice versa', async () => {
    const form01 = await data.insertDocument({ type: '01', year: 2020, year1: 2020 });
    const form02 = await data.insertDocument({ type: '02', year: 2021 });
    // Wrong-form children, on every relation pair.
    await data.insertChild('quota_usage', {
      document_id: form01,
      sequence: 10,
      substance_name: 'wrong',
      total_quota_kg: '1',
    });
    await data.insertChild('equipment_product_report', {
      document_id: form01,
      sequence: 10,
      product_type: 'wrong',
    });
    await data.insertChild('equipment_ownership_report', {
      document_id: form01,
      sequence: 10,
      equipment_type: 'wrong',
    });
    await data.insertChild('collection_recycling_report', {
      document_id: form01,
      collection_quantity_kg: '1',
    });
    await data.insertChild('substance_usage', {
      document_id: form02,
      sequence: 10,
      substance_name: 'wrong',
      year_1_quantity_kg: '1',
    });
    await data.insertChild('equipment_product', { document_id: form02, sequence: 10, product_type: 'wrong' });
    await data.insertChild('equipment_ownership', {
      document_id: form02,
      sequence: 10,
      equipment_type: 'wrong',
    });
    await data.insertChild('collection_recycling', { document_id: form02, sequence: 10, quantity_kg: '1' });
    const rows = await exportRows();
    expect(rows[SHEET.ownership]).toStrictEqual([]);
    expect(rows[SHEET.products]).toStrictEqual([]);
    expect(rows[SHEET.endOfLife]).toStrictEqual([]);
    expect(rows[SHEET.bulk]).toStrictEqual([]);
    expect(rows[SHEET.quota]).toStrictEqual([]);
    expect(rows[SHEET.organisations]).toHaveLength(2);
  });
});

describe('spec 4.7: the substance filter per sheet (NULL substance kept in 2-4, dropped in 5-6)', () => {
  beforeEach(async () => {
    const form01 = await data.insertDocument({ type: '01', year: 2020, year1: 2019 });
    const form02 = await data.insertDocument({ type: '02', year: 2021 });
    for (const [index, substanceId] of [m.substance.hfc134a, m.substance.hfc32, null].entries()) {
      const label = substanceId === null ? 'none' : substanceId === m.substance.hfc134a ? 'kept' : 'dropped';
      const sequence = (index + 1) * 10;
      for (const [documentId, table] of [
        [form01, 'equipment_ownership'],
        [form02, 'equipment_ownership_report'],
      ] as const) {
        await data.insertChild(table, {
          document_id: documentId,
          sequence,
          equipment_type: label,
          substance_id: substanceId,
        });
      }
      for (const [documentId, table] of [
        [form01, 'equipment_product'],
        [form02, 'equipment_product_report'],
      ] as const) {
        await data.insertChild(table, {
          document_id: documentId,
          sequence,
          product_type: label,
          substance_id: substanceId,
        });
      }
      await data.insertChild('collection_recycling', {
        document_id: form01,
        sequence,
        substance_id: substanceId,
        quantity_kg: '1',
      });
      await data.insertChild('collection_recycling_report', {
        document_id: form02,
        substance_name: label,
        substance_id: substanceId,
        collection_quantity_kg: '2',
      });
      await data.insertChild('substance_usage', {
        document_id: form01,
        sequence,
        substance_id: substanceId,
        substance_name: label,
        year_1_quantity_kg: '3',
      });
      await data.insertChild('quota_usage', {
        document_id: form02,
        sequence,
        substance_id: substanceId,
        substance_name: label,
        total_quota_kg: '4',
      });
    }
  });

  it('substance_name HFC-134a: sheets 2-4 keep the NULL-substance rows, sheets 5-6 drop them', async () => {
    const rows = await exportRows({ substance_name: 'HFC-134a' });
    expect(rows[SHEET.ownership]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.3', '', 'kept', 'HFC-134a', '', '', 0, '', 0, ''],
      ['', '', 2020, 'Mẫu 01 - Bảng 1.3', '', 'none', '', '', '', 0, '', 0, ''],
      ['', '', 2021, 'Mẫu 02 - Bảng 2.3', '', 'kept', 'HFC-134a', '', '', 0, '', 0, ''],
      ['', '', 2021, 'Mẫu 02 - Bảng 2.3', '', 'none', '', '', '', 0, '', 0, ''],
    ]);
    expect(rows[SHEET.products]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.2', '', 'kept', '', '', 0, 'HFC-134a', ''],
      ['', '', 2020, 'Mẫu 01 - Bảng 1.2', '', 'none', '', '', 0, '', ''],
      ['', '', 2021, 'Mẫu 02 - Bảng 2.2', 'Nhập khẩu', 'kept', '', '', 0, 'HFC-134a', ''],
      ['', '', 2021, 'Mẫu 02 - Bảng 2.2', 'Nhập khẩu', 'none', '', '', 0, '', ''],
    ]);
    expect(rows[SHEET.endOfLife]).toStrictEqual([
      ['', '', 2020, 'Mẫu 01 - Bảng 1.4', 'HFC-134a', 'Thu gom', 1, '', ''],
      ['', '', 2020, 'Mẫu 01 - Bảng 1.4', '', 'Thu gom', 1, '', ''],
      ['', '', 2021, 'Mẫu 02 - Bảng 2.4', 'HFC-134a', 'Thu gom', 2, '', ''],
      ['', '', 2021, 'Mẫu 02 - Bảng 2.4', '', 'Thu gom', 2, '', ''],
    ]);
    expect(rows[SHEET.bulk]).toStrictEqual([
      ['', '', 'Mẫu 01 - Bảng 1.1', 'Nhập khẩu', 'kept', 2019, 3, 0, ''],
      ['', '', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'kept', 2021, 4, 0, ''],
    ]);
    expect(rows[SHEET.quota]).toStrictEqual([
      ['', '', 'Mẫu 01', 2020, 2019, 'Nhập khẩu', 'kept', '', 'Lượng sử dụng quá khứ', 3, 0, ''],
      ['', '', 'Mẫu 02', 2021, 2021, 'Nhập khẩu', 'kept', '', 'Hạn ngạch đã sử dụng', 4, 0, ''],
    ]);
  });

  it('without a substance key every row is exported, NULL substances included', async () => {
    const rows = await exportRows();
    expect(rows[SHEET.ownership]).toHaveLength(6);
    expect(rows[SHEET.products]).toHaveLength(6);
    expect(rows[SHEET.endOfLife]).toHaveLength(6);
    expect(rows[SHEET.bulk].map((row) => row[4])).toStrictEqual([
      'kept',
      'dropped',
      'none',
      'kept',
      'dropped',
      'none',
    ]);
    expect(rows[SHEET.quota].map((row) => row[6])).toStrictEqual([
      'kept',
      'dropped',
      'none',
      'kept',
      'dropped',
      'none',
    ]);
  });
});
