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
 * Exact round-trip counts of both collectors on hand-built datasets (the counting client counts every
 * query). v2 is constant: 9 without a substance key, 10 with one (see `collectV2`). v1 follows the loading
 * model written at the top of `collector-v1.ts`; each expected count below is computed by hand from it.
 */

let rules: RulesDatabase;
let data: HandBuiltData;
let m: MasterData;

beforeAll(async () => {
  rules = await openRulesDatabase('rules_counts');
  data = rules.data;
});

afterAll(async () => {
  await rules?.db.drop();
});

describe('query counts on a tiny dataset (3 matching documents, 2 exported)', () => {
  beforeEach(async () => {
    m = await data.reset();
    const org = await data.insertPartner({ name: 'An Phát', businessId: '0101', stateId: m.state.haNoi });
    // d1 is a re-extraction that d2 replaces in the (org, 2020, '01') group.
    await data.insertDocument({
      type: '01',
      year: 2020,
      organizationId: org,
      contactStateId: m.state.haNoi,
      activityFieldIds: [m.activity.production, m.activity.import],
      createDate: '2024-01-01 09:00:00',
    });
    const d2 = await data.insertDocument({
      type: '01',
      year: 2020,
      year1: 2019,
      organizationId: org,
      contactStateId: m.state.haNoi,
      activityFieldIds: [m.activity.production],
      createDate: '2024-01-01 10:00:00',
    });
    const d3 = await data.insertDocument({ type: '02', year: 2021, contactStateId: m.state.hue });
    for (const sequence of [10, 20]) {
      await data.insertChild('equipment_ownership', {
        document_id: d2,
        sequence,
        equipment_type: 'AC',
        substance_id: m.substance.hfc134a,
      });
    }
    await data.insertChild('equipment_product', {
      document_id: d2,
      sequence: 10,
      product_type: 'AC',
      hs_code_id: m.hsCode.h84151020,
      substance_id: m.substance.r410a,
    });
    await data.insertChild('collection_recycling', {
      document_id: d2,
      sequence: 10,
      is_title: true,
      substance_name: 'x',
    });
    await data.insertChild('collection_recycling', {
      document_id: d2,
      sequence: 20,
      substance_id: m.substance.hfc32,
      quantity_kg: '5',
    });
    // Skipped by the quantity check before its substance is read.
    await data.insertChild('collection_recycling', {
      document_id: d2,
      sequence: 30,
      substance_id: m.substance.hfc23Archived,
      quantity_kg: '0',
    });
    await data.insertChild('substance_usage', {
      document_id: d2,
      sequence: 10,
      substance_id: m.substance.hfc134a,
      substance_name: 'HFC-134a',
      year_1_quantity_kg: '1',
    });
    await data.insertChild('quota_usage', {
      document_id: d3,
      sequence: 10,
      substance_id: m.substance.hfc32,
      substance_name: 'HFC-32',
      total_quota_kg: '2',
    });
    // Produces no row, yet its substance is read (the base row is built before the quantity checks).
    await data.insertChild('collection_recycling_report', {
      document_id: d3,
      substance_id: m.substance.other,
    });
  });

  it('without filters: v1 sends 22 round trips, v2 sends 9', async () => {
    const { v1, v2 } = await exportBoth(rules.db.client);
    /*
     * v1, by hand from its loading model:
     *    1  document search
     *  + 3  grouping reads every matching document (d1, d2, d3)
     *  + 1  sort reads each distinct partner of the survivors (An Phát; d3 has none)
     *  + 2  sheet 1: activity_field_ids per document (d2, d3)
     *  + 2  sheet 1: each distinct contact state (Hà Nội, Huế)
     *  + 2  sheet 2: one child list per document; + 1 substance HFC-134a (both rows, cached)
     *  + 2  sheet 3: one child list per document; + 1 HS code 84151020; + 1 substance R-410A
     *  + 2  sheet 4: one child list per document; + 1 substance HFC-32 (exported row; the 0 kg row is
     *       skipped before its HFC-23 is read); + 1 substance Other (Form 02 record with no row)
     *  + 2  sheet 5: one child list per document
     *  + 0  sheet 6: the same relations as sheet 5, cached
     *  = 22
     */
    expect(v1.queryCount).toBe(22);
    expect(v2.queryCount).toBe(9);
    expect(v1.documentCount).toBe(2);
    expect(v1.matchingCount).toBe(3);
    expect(v1.rows[SHEET.endOfLife]).toStrictEqual([
      ['An Phát', '0101', 2020, 'Mẫu 01 - Bảng 1.4', 'HFC-32', '', 5, '', ''],
    ]);
  });

  it('with a substance key: v1 sends 20 round trips, v2 sends 10', async () => {
    // 'HFC' matches HFC-134a and HFC-32 (HFC-23 is archived; R-410A and Other do not match).
    const { v1, v2 } = await exportBoth(rules.db.client, { substance_name: 'HFC' });
    /*
     * v1: the 22 above, + 1 for the substance search, - 2 in sheet 3 (the R-410A row is filtered out
     * before its HS code and substance are read), - 1 in sheet 4 (the Other record is filtered out before
     * its substance is read) = 20.
     */
    expect(v1.queryCount).toBe(20);
    expect(v2.queryCount).toBe(10);
    expect(v1.rows[SHEET.products]).toStrictEqual([]);
  });
});

describe('query counts on a larger dataset (50 matching documents, 40 exported)', () => {
  beforeAll(async () => {
    m = await data.reset();
    for (let p = 0; p < 10; p++) {
      const org = await data.insertPartner({ name: `Partner ${p}`, businessId: `B${p}` });
      for (const year of [2021, 2022]) {
        for (const type of ['01', '02'] as const) {
          const doc = await data.insertDocument({
            type,
            year,
            year1: year - 1,
            organizationId: org,
            contactStateId: p % 2 === 0 ? m.state.haNoi : m.state.haNam,
            createDate: '2024-02-01 00:00:00',
          });
          // One older re-extraction per partner, in one of its groups.
          if (year === 2021 && type === '01') {
            await data.insertDocument({ type, year, organizationId: org, createDate: '2024-01-01 00:00:00' });
          }
          const substance = { document_id: doc, sequence: 10, substance_id: m.substance.hfc134a };
          if (type === '01') {
            await data.insertChild('equipment_ownership', { ...substance, equipment_type: 'AC' });
            await data.insertChild('equipment_product', { ...substance, hs_code_id: m.hsCode.h29033900 });
            await data.insertChild('collection_recycling', { ...substance, quantity_kg: '1' });
            await data.insertChild('substance_usage', {
              ...substance,
              substance_name: 'HFC-134a',
              year_1_quantity_kg: '1',
            });
          } else {
            await data.insertChild('equipment_ownership_report', { ...substance, equipment_type: 'AC' });
            await data.insertChild('equipment_product_report', {
              ...substance,
              hs_code_id: m.hsCode.h29033900,
            });
            await data.insertChild('collection_recycling_report', {
              document_id: doc,
              substance_id: m.substance.hfc134a,
              collection_quantity_kg: '1',
            });
            await data.insertChild('quota_usage', {
              ...substance,
              substance_name: 'HFC-134a',
              total_quota_kg: '1',
            });
          }
        }
      }
    }
  });

  it('without filters: v2 still sends 9; v1 grows with the documents (265)', async () => {
    const { v1, v2 } = await exportBoth(rules.db.client);
    /*
     * v1: 1 search + 50 grouping reads + 10 partners + 40 activity lists + 2 states + 4 × 40 child lists
     * (sheets 2-5; sheet 6 cached) + 1 substance + 1 HS code = 265.
     */
    expect(v1.queryCount).toBe(265);
    expect(v2.queryCount).toBe(9);
    expect(v1.documentCount).toBe(40);
    expect(v1.matchingCount).toBe(50);
    expect(v1.rows[SHEET.bulk]).toHaveLength(40);
    expect(v1.rows[SHEET.quota]).toHaveLength(40);
  });

  it('with a substance key: v2 sends 10; v1 one more than without (266)', async () => {
    const { v1, v2 } = await exportBoth(rules.db.client, { substance_name: 'HFC-134a' });
    expect(v1.queryCount).toBe(266);
    expect(v2.queryCount).toBe(10);
    expect(v1.rows[SHEET.ownership]).toHaveLength(40);
  });
});
