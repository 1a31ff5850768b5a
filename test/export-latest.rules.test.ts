import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Cell } from '../src/sheet-definitions.ts';
import {
  exportBoth,
  openRulesDatabase,
  SHEET,
  type HandBuiltData,
  type RulesDatabase,
} from './helpers/hand-built-data.ts';

/*
 * Spec section 3, "latest document per group" and the final order, on real PostgreSQL. Each document
 * carries its label in legal_representative_name (sheet 1 column 6), so sheet 1 shows which document of a
 * group survived. Literal rows for v1; `exportBoth` asserts v2's are identical.
 */

/** Sheet 1 columns 7-20 of a document without contact data or activity fields. */
const REST: Cell[] = ['', '', '', '', '', '', '', '', '', '', '', '', '', ''];

let rules: RulesDatabase;
let data: HandBuiltData;

beforeAll(async () => {
  rules = await openRulesDatabase('rules_latest');
  data = rules.data;
});

afterAll(async () => {
  await rules?.db.drop();
});

beforeEach(async () => {
  await data.reset();
});

/** Sheet 1 as v1 exported it (v2 checked equal), with STT. */
async function organisations(filters: Record<string, unknown> = {}): Promise<Cell[][]> {
  const { v1 } = await exportBoth(rules.db.client, filters);
  return v1.rows[SHEET.organisations];
}

describe('spec 3: latest document per (organisation, year, type)', () => {
  it('keeps the latest create_date of a group; on equal create_date the highest id', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    const doc = (label: string, createDate: string) =>
      data.insertDocument({
        type: '01',
        year: 2020,
        organizationId: org,
        legalRepresentativeName: label,
        createDate,
      });
    await doc('old', '2024-01-01 10:00:00');
    await doc('tie low id', '2024-03-01 10:00:00');
    await doc('tie high id', '2024-03-01 10:00:00');
    await doc('middle', '2024-02-01 10:00:00');
    const { v1 } = await exportBoth(rules.db.client);
    expect(v1.rows[SHEET.organisations]).toStrictEqual([
      [1, 'An Phát', '0101', 2020, 'Mẫu 01', 'tie high id', ...REST],
    ]);
    expect(v1.matchingCount).toBe(4);
    expect(v1.documentCount).toBe(1);
  });

  it('microseconds count: 10:00:00.000002 is later than 10:00:00.000001', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      legalRepresentativeName: 'later by 1µs',
      createDate: '2024-03-01 10:00:00.000002',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      legalRepresentativeName: 'higher id',
      createDate: '2024-03-01 10:00:00.000001',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'An Phát', '0101', 2020, 'Mẫu 01', 'later by 1µs', ...REST],
    ]);
  });

  it('a back-dated document (higher id, older create_date) loses to the latest create_date', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    await data.insertDocument({
      type: '02',
      year: 2021,
      organizationId: org,
      legalRepresentativeName: 'latest (id 1)',
      createDate: '2024-05-01 08:00:00',
    });
    await data.insertDocument({
      type: '02',
      year: 2021,
      organizationId: org,
      legalRepresentativeName: 'back-dated (id 2)',
      createDate: '2023-05-01 08:00:00',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'An Phát', '0101', 2021, 'Mẫu 02', 'latest (id 1)', ...REST],
    ]);
  });

  it('groups are per organisation, year and type: each combination keeps one document', async () => {
    const a = await data.insertPartner({ name: 'A Corp', businessId: 'A' });
    const b = await data.insertPartner({ name: 'B Corp', businessId: 'B' });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: a,
      legalRepresentativeName: 'a-2020-01',
    });
    await data.insertDocument({
      type: '02',
      year: 2020,
      organizationId: a,
      legalRepresentativeName: 'a-2020-02',
    });
    await data.insertDocument({
      type: '01',
      year: 2021,
      organizationId: a,
      legalRepresentativeName: 'a-2021-01',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: b,
      legalRepresentativeName: 'b-2020-01',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'A Corp', 'A', 2020, 'Mẫu 01', 'a-2020-01', ...REST],
      [2, 'A Corp', 'A', 2020, 'Mẫu 02', 'a-2020-02', ...REST],
      [3, 'A Corp', 'A', 2021, 'Mẫu 01', 'a-2021-01', ...REST],
      [4, 'B Corp', 'B', 2020, 'Mẫu 01', 'b-2020-01', ...REST],
    ]);
  });

  it('documents without organisation collapse to one per (year, type) and sort first', async () => {
    const org = await data.insertPartner({ name: '0 first by name', businessId: '0' });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      legalRepresentativeName: 'named',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      legalRepresentativeName: 'no org, older',
      createDate: '2024-01-01 09:00:00',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      legalRepresentativeName: 'no org, latest',
      createDate: '2024-01-01 11:00:00',
    });
    await data.insertDocument({ type: '02', year: 2020, legalRepresentativeName: 'no org, form 02' });
    expect(await organisations()).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', 'no org, latest', ...REST],
      [2, '', '', 2020, 'Mẫu 02', 'no org, form 02', ...REST],
      [3, '0 first by name', '0', 2020, 'Mẫu 01', 'named', ...REST],
    ]);
  });

  it('a NULL year and year 0 are the same group (shown as 0)', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    await data.insertDocument({
      type: '01',
      year: null,
      organizationId: org,
      legalRepresentativeName: 'null year, older',
      createDate: '2024-01-01 09:00:00',
    });
    await data.insertDocument({
      type: '01',
      year: 0,
      organizationId: org,
      legalRepresentativeName: 'year 0, latest',
      createDate: '2024-01-01 10:00:00',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      legalRepresentativeName: 'year 2020',
      createDate: '2024-01-01 08:00:00',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'An Phát', '0101', 0, 'Mẫu 01', 'year 0, latest', ...REST],
      [2, 'An Phát', '0101', 2020, 'Mẫu 01', 'year 2020', ...REST],
    ]);
  });

  it('filters apply before grouping: the latest *completed* document wins over a later draft', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      legalRepresentativeName: 'completed',
      createDate: '2024-01-01 09:00:00',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      state: 'draft',
      legalRepresentativeName: 'draft, later',
      createDate: '2024-06-01 09:00:00',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'An Phát', '0101', 2020, 'Mẫu 01', 'completed', ...REST],
    ]);
    expect(await organisations({ status: ['draft', 'completed'] })).toStrictEqual([
      [1, 'An Phát', '0101', 2020, 'Mẫu 01', 'draft, later', ...REST],
    ]);
  });
});

describe('spec 3: final order', () => {
  it("sorts by name in code-point order: 'Z' < 'a' < 'Đ', 'Cuong' < 'Công'", async () => {
    // Inserted in an order that is none of the orders a linguistic collation would give.
    for (const [name, code] of [
      ['Đông Á', 'dong'],
      ['apple', 'apple'],
      ['Công Thành', 'cong'],
      ['Zeta', 'zeta'],
      ['Cuong Thinh', 'cuong'],
      ['Ánh Dương', 'anh'],
      ['Bravo', 'bravo'],
    ] as const) {
      const org = await data.insertPartner({ name, businessId: code });
      await data.insertDocument({
        type: '01',
        year: 2020,
        organizationId: org,
        legalRepresentativeName: code,
      });
    }
    expect(await organisations()).toStrictEqual([
      [1, 'Bravo', 'bravo', 2020, 'Mẫu 01', 'bravo', ...REST],
      [2, 'Cuong Thinh', 'cuong', 2020, 'Mẫu 01', 'cuong', ...REST],
      [3, 'Công Thành', 'cong', 2020, 'Mẫu 01', 'cong', ...REST],
      [4, 'Zeta', 'zeta', 2020, 'Mẫu 01', 'zeta', ...REST],
      [5, 'apple', 'apple', 2020, 'Mẫu 01', 'apple', ...REST],
      [6, 'Ánh Dương', 'anh', 2020, 'Mẫu 01', 'anh', ...REST],
      [7, 'Đông Á', 'dong', 2020, 'Mẫu 01', 'dong', ...REST],
    ]);
  });

  it('then by year, then by type', async () => {
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    await data.insertDocument({
      type: '02',
      year: 2021,
      organizationId: org,
      legalRepresentativeName: '2021-02',
    });
    await data.insertDocument({
      type: '01',
      year: 2021,
      organizationId: org,
      legalRepresentativeName: '2021-01',
    });
    await data.insertDocument({
      type: '02',
      year: 2019,
      organizationId: org,
      legalRepresentativeName: '2019-02',
    });
    await data.insertDocument({
      type: '01',
      year: null,
      organizationId: org,
      legalRepresentativeName: 'null-01',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'An Phát', '0101', 0, 'Mẫu 01', 'null-01', ...REST],
      [2, 'An Phát', '0101', 2019, 'Mẫu 02', '2019-02', ...REST],
      [3, 'An Phát', '0101', 2021, 'Mẫu 01', '2021-01', ...REST],
      [4, 'An Phát', '0101', 2021, 'Mẫu 02', '2021-02', ...REST],
    ]);
  });

  it("equal names (two partners): the group's latest create_date DESC, then id DESC", async () => {
    const first = await data.insertPartner({ name: 'Twin Co', businessId: 'T1' });
    const second = await data.insertPartner({ name: 'Twin Co', businessId: 'T2' });
    const third = await data.insertPartner({ name: 'Twin Co', businessId: 'T3' });
    // T1's group: an old and a newest document; T2: one middle document; T3: the same create_date as T2
    // but a higher id.
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: first,
      createDate: '2024-01-01 00:00:00',
      legalRepresentativeName: 'T1 old',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: second,
      createDate: '2024-02-01 00:00:00',
      legalRepresentativeName: 'T2',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: third,
      createDate: '2024-02-01 00:00:00',
      legalRepresentativeName: 'T3',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: first,
      createDate: '2024-03-01 00:00:00',
      legalRepresentativeName: 'T1 newest',
    });
    expect(await organisations()).toStrictEqual([
      [1, 'Twin Co', 'T1', 2020, 'Mẫu 01', 'T1 newest', ...REST],
      [2, 'Twin Co', 'T3', 2020, 'Mẫu 01', 'T3', ...REST],
      [3, 'Twin Co', 'T2', 2020, 'Mẫu 01', 'T2', ...REST],
    ]);
  });

  it('an empty-named partner ties with the NULL-organisation group (and a NULL-named one): latest first', async () => {
    const empty = await data.insertPartner({ name: '', businessId: 'EMPTY' });
    const nameless = await data.insertPartner({ name: null, businessId: 'NULL' });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: empty,
      createDate: '2024-02-01 00:00:00',
      legalRepresentativeName: 'empty name',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: null,
      createDate: '2024-03-01 00:00:00',
      legalRepresentativeName: 'no org',
    });
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: nameless,
      createDate: '2024-01-01 00:00:00',
      legalRepresentativeName: 'null name',
    });
    const b = await data.insertPartner({ name: 'B', businessId: 'B' });
    await data.insertDocument({
      type: '01',
      year: 2019,
      organizationId: b,
      createDate: '2024-04-01 00:00:00',
      legalRepresentativeName: 'B',
    });
    expect(await organisations()).toStrictEqual([
      [1, '', '', 2020, 'Mẫu 01', 'no org', ...REST],
      [2, '', 'EMPTY', 2020, 'Mẫu 01', 'empty name', ...REST],
      [3, '', 'NULL', 2020, 'Mẫu 01', 'null name', ...REST],
      [4, 'B', 'B', 2019, 'Mẫu 01', 'B', ...REST],
    ]);
  });

  it('every sheet follows the document order', async () => {
    const z = await data.insertPartner({ name: 'Zeta', businessId: 'Z' });
    const a = await data.insertPartner({ name: 'Alpha', businessId: 'A' });
    for (const org of [z, a]) {
      const doc = await data.insertDocument({ type: '02', year: 2022, organizationId: org });
      await data.insertChild('quota_usage', {
        document_id: doc,
        sequence: 10,
        substance_name: 'HFC-32',
        total_quota_kg: 1,
      });
    }
    const { v1 } = await exportBoth(rules.db.client);
    expect(v1.rows[SHEET.bulk]).toStrictEqual([
      ['Alpha', 'A', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'HFC-32', 2022, 1, 0, ''],
      ['Zeta', 'Z', 'Mẫu 02 - Bảng 2.1', 'Nhập khẩu', 'HFC-32', 2022, 1, 0, ''],
    ]);
  });
});
