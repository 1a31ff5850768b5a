import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoDocumentsError } from '../src/collector.ts';
import type { Cell } from '../src/sheet-definitions.ts';
import { HsCodeFilterError } from '../src/substance-filter.ts';
import {
  exportBoth,
  exportBothFailing,
  openRulesDatabase,
  SHEET,
  type MasterData,
  type RulesDatabase,
} from './helpers/hand-built-data.ts';

/*
 * Spec sections 2.1, 2.2 and 2.3 on real PostgreSQL: both collectors on one small hand-built dataset per
 * describe block; the literal rows are asserted for v1, and `exportBoth` asserts that v2's are identical.
 *
 * Every document carries its label ("d1", "d2", ...) in legal_representative_name (sheet 1 column 6), so the
 * selected documents can be read off sheet 1.
 */

/** Sheet 1 columns 7-12 when a document has no contact data. */
const NO_CONTACT: Cell[] = ['', '', '', '', '', ''];
/** Sheet 1 columns 13-20 when a document has no active activity field. */
const NO_FLAGS: Cell[] = ['', '', '', '', '', '', '', ''];

let rules: RulesDatabase;

beforeAll(async () => {
  rules = await openRulesDatabase('rules_filters');
});

afterAll(async () => {
  await rules?.db.drop();
});

describe('spec 2.1: the document filter', () => {
  let m: MasterData;
  const partner = { anPhat: 0, obrien: 0, archived: 0, fiftyPercent: 0, fiftyX: 0, injection: 0 };

  beforeAll(async () => {
    const data = rules.data;
    m = await data.reset({ archivedActivityCodes: ['collection_recycling'] });
    partner.anPhat = await data.insertPartner({
      name: 'An Phát',
      businessId: '0101',
      stateId: m.state.haNoi,
    });
    partner.obrien = await data.insertPartner({
      name: "O'Brien & Co",
      businessId: '0202',
      stateId: m.state.california,
    });
    partner.archived = await data.insertPartner({
      name: 'Archived Hà Nội Co',
      businessId: '0303',
      stateId: m.state.haNoi,
      active: false,
    });
    partner.fiftyPercent = await data.insertPartner({
      name: '50% Discount',
      businessId: '0404',
      stateId: m.state.haNam,
    });
    partner.fiftyX = await data.insertPartner({
      name: '50X Discount',
      businessId: '0505',
      stateId: m.state.hue,
    });
    partner.injection = await data.insertPartner({
      name: "x'; DROP TABLE res_partner; --",
      businessId: '0606',
    });

    // The province filter reads the partner's state: d1's contact state is elsewhere, d6's partner has none.
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: partner.anPhat,
      legalRepresentativeName: 'd1',
      contactStateId: m.state.hoChiMinh,
      activityFieldIds: [m.activity.production],
    });
    await data.insertDocument({
      type: '02',
      year: 2021,
      organizationId: partner.obrien,
      legalRepresentativeName: 'd2',
      activityFieldIds: [m.activity.import],
    });
    await data.insertDocument({
      type: '01',
      year: 2022,
      organizationId: partner.archived,
      legalRepresentativeName: 'd3',
    });
    await data.insertDocument({
      type: '01',
      year: null,
      organizationId: partner.fiftyPercent,
      legalRepresentativeName: 'd4',
    });
    await data.insertDocument({
      type: '02',
      year: 2019,
      organizationId: partner.fiftyX,
      legalRepresentativeName: 'd5',
      activityFieldIds: [m.activity.collection_recycling],
    });
    await data.insertDocument({
      type: '01',
      year: 2023,
      organizationId: partner.injection,
      legalRepresentativeName: 'd6',
      contactStateId: m.state.haNoi,
    });
    await data.insertDocument({
      type: '01',
      year: 2022,
      organizationId: null,
      legalRepresentativeName: 'd7',
      activityFieldIds: [m.activity.collection_recycling],
    });
    await data.insertDocument({
      type: '01',
      year: 2021,
      organizationId: partner.anPhat,
      state: 'draft',
      legalRepresentativeName: 'd8',
    });
    await data.insertDocument({
      type: '02',
      year: 2022,
      organizationId: partner.obrien,
      state: 'validated',
      legalRepresentativeName: 'd9',
    });
  });

  // The completed documents' sheet 1 rows without STT, in export order (code points: '' < '5' < 'A' < 'O' < 'x').
  const d7: Cell[] = ['', '', 2022, 'Mẫu 01', 'd7', ...NO_CONTACT, ...NO_FLAGS];
  const d4: Cell[] = ['50% Discount', '0404', 0, 'Mẫu 01', 'd4', ...NO_CONTACT, ...NO_FLAGS];
  const d5: Cell[] = ['50X Discount', '0505', 2019, 'Mẫu 02', 'd5', ...NO_CONTACT, ...NO_FLAGS];
  const d1: Cell[] = [
    ...['An Phát', '0101', 2020, 'Mẫu 01', 'd1', '', '', '', 'TP Hồ Chí Minh', '', ''],
    ...['X', '', '', '', '', '', '', ''],
  ];
  const d3: Cell[] = ['Archived Hà Nội Co', '0303', 2022, 'Mẫu 01', 'd3', ...NO_CONTACT, ...NO_FLAGS];
  const d2: Cell[] = [
    ...["O'Brien & Co", '0202', 2021, 'Mẫu 02', 'd2', ...NO_CONTACT],
    ...['', 'X', '', '', '', '', '', ''],
  ];
  const d6: Cell[] = [
    ...["x'; DROP TABLE res_partner; --", '0606', 2023, 'Mẫu 01', 'd6', '', '', '', 'Hà Nội', '', ''],
    ...NO_FLAGS,
  ];
  const d8: Cell[] = ['An Phát', '0101', 2021, 'Mẫu 01', 'd8', ...NO_CONTACT, ...NO_FLAGS];
  const d9: Cell[] = ["O'Brien & Co", '0202', 2022, 'Mẫu 02', 'd9', ...NO_CONTACT, ...NO_FLAGS];

  /** Sheet 1 as expected: the given rows numbered from 1. */
  const sheet1 = (...rows: Cell[][]): Cell[][] => rows.map((row, index) => [index + 1, ...row]);

  async function organisations(filters: Record<string, unknown>): Promise<Cell[][]> {
    const { v1 } = await exportBoth(rules.db.client, filters);
    return v1.rows[SHEET.organisations];
  }

  it('exports only completed documents when status is absent (backend default), with literal sheet 1 rows', async () => {
    const { v1 } = await exportBoth(rules.db.client, {});
    // prettier-ignore
    expect(v1.rows[SHEET.organisations]).toStrictEqual([
      [1, '', '', 2022, 'Mẫu 01', 'd7', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      [2, '50% Discount', '0404', 0, 'Mẫu 01', 'd4', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      [3, '50X Discount', '0505', 2019, 'Mẫu 02', 'd5', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      [4, 'An Phát', '0101', 2020, 'Mẫu 01', 'd1', '', '', '', 'TP Hồ Chí Minh', '', '', 'X', '', '', '', '', '', '', ''],
      [5, 'Archived Hà Nội Co', '0303', 2022, 'Mẫu 01', 'd3', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      [6, "O'Brien & Co", '0202', 2021, 'Mẫu 02', 'd2', '', '', '', '', '', '', '', 'X', '', '', '', '', '', ''],
      [7, "x'; DROP TABLE res_partner; --", '0606', 2023, 'Mẫu 01', 'd6', '', '', '', 'Hà Nội', '', '', '', '', '', '', '', '', '', ''],
    ]);
    expect(v1.documentCount).toBe(7);
    expect(v1.matchingCount).toBe(7);
  });

  it('status is a list of states: draft only, draft and validated, all three', async () => {
    expect(await organisations({ status: ['draft'] })).toStrictEqual(sheet1(d8));
    expect(await organisations({ status: ['draft', 'validated'] })).toStrictEqual(sheet1(d8, d9));
    expect(await organisations({ status: ['completed', 'draft', 'validated'] })).toStrictEqual(
      sheet1(d7, d4, d5, d1, d8, d3, d2, d9, d6),
    );
  });

  it('an empty status list means completed only, like an absent one', async () => {
    expect(await organisations({ status: [] })).toStrictEqual(sheet1(d7, d4, d5, d1, d3, d2, d6));
  });

  it('activity_field_ids: a document with at least one of the ids passes (OR semantics)', async () => {
    expect(
      await organisations({ activity_field_ids: [m.activity.production, m.activity.import] }),
    ).toStrictEqual(sheet1(d1, d2));
  });

  it('activity_field_ids: an archived activity field satisfies the filter (and gives no X)', async () => {
    expect(await organisations({ activity_field_ids: [m.activity.collection_recycling] })).toStrictEqual(
      sheet1(d7, d5),
    );
  });

  it('activity_field_ids matching no document → NoDocumentsError from both', async () => {
    const failures = await exportBothFailing(rules.db.client, { activity_field_ids: [m.activity.export] });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
  });

  it('year_from excludes NULL years', async () => {
    expect(await organisations({ year_from: 2021 })).toStrictEqual(sheet1(d7, d3, d2, d6));
  });

  it('year_to includes NULL years (contract decision, Odoo 18 NULL-as-0)', async () => {
    expect(await organisations({ year_to: 2020 })).toStrictEqual(sheet1(d4, d5, d1));
  });

  it('year_from and year_to together (NULL excluded by year_from)', async () => {
    expect(await organisations({ year_from: 2020, year_to: 2021 })).toStrictEqual(sheet1(d1, d2));
  });

  it('organization_search is a case-insensitive substring match on the partner name, accents not folded', async () => {
    expect(await organisations({ organization_search: 'AN PH' })).toStrictEqual(sheet1(d1));
    const failures = await exportBothFailing(rules.db.client, { organization_search: 'An Phat' });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
  });

  it('organization_search never matches an archived partner', async () => {
    const failures = await exportBothFailing(rules.db.client, { organization_search: 'Archived' });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
  });

  it('organization_code is a substring match on the partner business_id', async () => {
    expect(await organisations({ organization_code: '02' })).toStrictEqual(sheet1(d2));
    expect(await organisations({ organization_code: '0', status: ['draft', 'validated'] })).toStrictEqual(
      sheet1(d8, d9),
    );
  });

  it("province matches the partner's state, not the document's contact state", async () => {
    // d1's partner is in Hà Nội (its contact state is HCM); d6's contact state is Hà Nội, its partner has none.
    expect(await organisations({ province: 'Hà Nội' })).toStrictEqual(sheet1(d1));
  });

  it('province searches the states of every country', async () => {
    expect(await organisations({ province: 'cali' })).toStrictEqual(sheet1(d2));
  });

  it('province together with a name: both apply (ANDed)', async () => {
    // 'Hà' matches Hà Nội and Hà Nam: partners An Phát, the archived one, 50% Discount; the name keeps one.
    expect(await organisations({ province: 'Hà', organization_search: 'discount' })).toStrictEqual(
      sheet1(d4),
    );
  });

  it('a province matching no state is ignored: alone, every document passes (NULL organisation included)', async () => {
    expect(await organisations({ province: 'Atlantis' })).toStrictEqual(sheet1(d7, d4, d5, d1, d3, d2, d6));
  });

  it('a province matching no state is ignored: with a name, only the name applies', async () => {
    expect(await organisations({ province: 'Atlantis', organization_search: 'discount' })).toStrictEqual(
      sheet1(d4, d5),
    );
  });

  it('a province whose states no partner holds → no documents → NoDocumentsError from both', async () => {
    const failures = await exportBothFailing(rules.db.client, { province: 'Hồ Chí Minh' });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
  });

  it("'%' typed by the user is a wildcard", async () => {
    // '50%' matches '50X Discount' too; 'O%Co' matches "O'Brien & Co".
    expect(await organisations({ organization_search: '50%' })).toStrictEqual(sheet1(d4, d5));
    expect(await organisations({ organization_search: 'O%Co' })).toStrictEqual(sheet1(d2));
  });

  it("'_' typed by the user is a one-character wildcard", async () => {
    expect(await organisations({ organization_search: 'A_ Ph' })).toStrictEqual(sheet1(d1));
    expect(await organisations({ organization_code: '2_2' })).toStrictEqual(sheet1(d2));
  });

  it('quotes and an SQL injection attempt match literally, and the tables stay intact', async () => {
    expect(await organisations({ organization_search: "O'Brien" })).toStrictEqual(sheet1(d2));
    expect(await organisations({ organization_search: "'; DROP TABLE res_partner; --" })).toStrictEqual(
      sheet1(d6),
    );
    const failures = await exportBothFailing(rules.db.client, {
      organization_code: "0'; DROP TABLE document_extraction; --",
    });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
    const { rows } = await rules.db.client.query<{ partners: number; documents: number }>(
      'SELECT (SELECT count(*) FROM res_partner)::int AS partners, (SELECT count(*) FROM document_extraction)::int AS documents',
    );
    expect(rows).toStrictEqual([{ partners: 6, documents: 9 }]);
  });
});

describe('spec 2.2: the substance filter (sheets 2-6 only)', () => {
  let m: MasterData;

  beforeAll(async () => {
    const data = rules.data;
    m = await data.reset();
    const anPhat = await data.insertPartner({ name: 'An Phát', businessId: '0101' });
    const binhMinh = await data.insertPartner({ name: 'Bình Minh', businessId: '0202' });
    const doc = await data.insertDocument({ type: '01', year: 2020, year1: 2018, organizationId: anPhat });
    // A second document whose only row's substance matches no filter used below: it stays in sheet 1.
    const other = await data.insertDocument({
      type: '01',
      year: 2020,
      year1: 2019,
      organizationId: binhMinh,
    });
    const substances: [number, number | null, string][] = [
      [doc, m.substance.hfc134a, 'HFC-134a'],
      [doc, m.substance.hfc32, 'HFC-32'],
      [doc, null, 'no substance'],
      [doc, m.substance.hfc23Archived, 'HFC-23'],
      [other, m.substance.r410a, 'R-410A'],
    ];
    for (const [index, [documentId, substanceId, name]] of substances.entries()) {
      await data.insertChild('equipment_ownership', {
        document_id: documentId,
        sequence: (index + 1) * 10,
        is_title: false,
        equipment_type: `type ${name}`,
        substance_id: substanceId,
      });
      await data.insertChild('substance_usage', {
        document_id: documentId,
        sequence: (index + 1) * 10,
        is_title: false,
        substance_id: substanceId,
        substance_name: name,
        year_1_quantity_kg: '1.5',
      });
    }
  });

  const SHEET1: Cell[][] = [
    [1, 'An Phát', '0101', 2020, 'Mẫu 01', ...NO_CONTACT, '', ...NO_FLAGS],
    [2, 'Bình Minh', '0202', 2020, 'Mẫu 01', ...NO_CONTACT, '', ...NO_FLAGS],
  ];
  const own = (equipmentType: string, substance: string, org = ['An Phát', '0101']): Cell[] => [
    ...org,
    ...[2020, 'Mẫu 01 - Bảng 1.3', '', equipmentType, substance, '', '', 0, '', 0, ''],
  ];
  const bulk = (name: string, org = ['An Phát', '0101'], year = 2018): Cell[] => [
    ...org,
    ...['Mẫu 01 - Bảng 1.1', 'Nhập khẩu', name, year, 1.5, 0, ''],
  ];
  const ALL_OWNERSHIP: Cell[][] = [
    own('type HFC-134a', 'HFC-134a'),
    own('type HFC-32', 'HFC-32'),
    own('type no substance', ''),
    own('type HFC-23', 'HFC-23'),
    own('type R-410A', 'R-410A', ['Bình Minh', '0202']),
  ];
  const ALL_BULK: Cell[][] = [
    bulk('HFC-134a'),
    bulk('HFC-32'),
    bulk('no substance'),
    bulk('HFC-23'),
    bulk('R-410A', ['Bình Minh', '0202'], 2019),
  ];

  it('without a substance key nothing is filtered', async () => {
    const { v1 } = await exportBoth(rules.db.client, {});
    expect(v1.rows[SHEET.organisations]).toStrictEqual(SHEET1);
    expect(v1.rows[SHEET.ownership]).toStrictEqual(ALL_OWNERSHIP);
    expect(v1.rows[SHEET.bulk]).toStrictEqual(ALL_BULK);
  });

  it('substance_name filters rows by substance name; it never removes documents', async () => {
    const { v1 } = await exportBoth(rules.db.client, { substance_name: 'hfc-134' });
    expect(v1.rows[SHEET.organisations]).toStrictEqual(SHEET1);
    expect(v1.rows[SHEET.ownership]).toStrictEqual([
      own('type HFC-134a', 'HFC-134a'),
      own('type no substance', ''),
    ]);
    expect(v1.rows[SHEET.bulk]).toStrictEqual([bulk('HFC-134a')]);
    expect(v1.documentCount).toBe(2);
  });

  it('an archived substance is never in the filter list', async () => {
    // 'HFC-' matches HFC-134a and HFC-32; HFC-23 is archived, so its rows are dropped.
    const { v1 } = await exportBoth(rules.db.client, { substance_name: 'HFC-' });
    expect(v1.rows[SHEET.ownership]).toStrictEqual([
      own('type HFC-134a', 'HFC-134a'),
      own('type HFC-32', 'HFC-32'),
      own('type no substance', ''),
    ]);
    expect(v1.rows[SHEET.bulk]).toStrictEqual([bulk('HFC-134a'), bulk('HFC-32')]);
  });

  it('substance_group_id filters by group (active members only)', async () => {
    // HFC group: HFC-134a and R-410A (HFC-23 is archived).
    const { v1 } = await exportBoth(rules.db.client, { substance_group_id: m.group.hfc });
    expect(v1.rows[SHEET.ownership]).toStrictEqual([
      own('type HFC-134a', 'HFC-134a'),
      own('type no substance', ''),
      own('type R-410A', 'R-410A', ['Bình Minh', '0202']),
    ]);
    expect(v1.rows[SHEET.bulk]).toStrictEqual([
      bulk('HFC-134a'),
      bulk('R-410A', ['Bình Minh', '0202'], 2019),
    ]);
  });

  it('substance_name and substance_group_id are ANDed', async () => {
    const { v1 } = await exportBoth(rules.db.client, {
      substance_name: 'HFC',
      substance_group_id: m.group.hfc,
    });
    expect(v1.rows[SHEET.bulk]).toStrictEqual([bulk('HFC-134a')]);
  });

  it('a group with no substance (as every shipped group) → empty list → the filter is disabled', async () => {
    const { v1 } = await exportBoth(rules.db.client, { substance_group_id: m.group.hcfc });
    expect(v1.rows[SHEET.ownership]).toStrictEqual(ALL_OWNERSHIP);
    expect(v1.rows[SHEET.bulk]).toStrictEqual(ALL_BULK);
  });

  it('a non-empty hs_code fails with HsCodeFilterError from both when documents match', async () => {
    const failures = await exportBothFailing(rules.db.client, { hs_code: '2903' });
    expect(failures.v1).toBeInstanceOf(HsCodeFilterError);
    expect(failures.v2).toBeInstanceOf(HsCodeFilterError);
    expect((failures.v1 as HsCodeFilterError).hsCode).toBe('2903');
    // Even together with a valid substance key.
    const withName = await exportBothFailing(rules.db.client, { hs_code: '2903', substance_name: 'HFC' });
    expect(withName.v1).toBeInstanceOf(HsCodeFilterError);
    expect(withName.v2).toBeInstanceOf(HsCodeFilterError);
  });

  it('a non-empty hs_code with no matching document gives NoDocumentsError from both', async () => {
    const failures = await exportBothFailing(rules.db.client, { hs_code: '2903', year_from: 2100 });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
  });
});

describe('spec 2.3: outcomes', () => {
  beforeAll(async () => {
    const data = rules.data;
    await data.reset();
    await data.insertDocument({ type: '01', year: 2020, state: 'draft' });
  });

  it('no document matches → NoDocumentsError from both, before any workbook', async () => {
    const failures = await exportBothFailing(rules.db.client, {});
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
    // v1: the document search only; v2: its single document query.
    expect(failures.v1QueryCount).toBe(1);
    expect(failures.v2QueryCount).toBe(1);
  });

  it('an empty table gives the same outcome', async () => {
    await rules.data.reset();
    const failures = await exportBothFailing(rules.db.client, { status: ['draft'] });
    expect(failures.v1).toBeInstanceOf(NoDocumentsError);
    expect(failures.v2).toBeInstanceOf(NoDocumentsError);
  });
});
