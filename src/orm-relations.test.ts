import { describe, expect, it } from 'vitest';
import { OrmRecordCache, PREFETCH_MAX } from './orm-record-cache.ts';
import { ACTIVITY_FIELD_IDS, ONE2MANY_FIELDS } from './orm-relations.ts';
import type { Queryable } from './queryable.ts';

const noDatabase: Queryable = {
  query: () => Promise.reject(new Error('this test sends no statement')),
};

describe('the statements v1-orm reads x2many values with (the shape of Odoo 18 traces)', () => {
  it('a one2many: ids and document_id of a batch of documents, in the line model’s _order', () => {
    expect(ONE2MANY_FIELDS.equipment_ownership.sql([7, 9])).toBe(
      'SELECT "equipment_ownership"."id" AS "line", "equipment_ownership"."document_id" AS "parent" ' +
        'FROM "equipment_ownership" WHERE ("equipment_ownership"."document_id" IN (7, 9)) ' +
        'ORDER BY "equipment_ownership"."sequence", "equipment_ownership"."id"',
    );
  });

  it('a one2many whose _order starts with document_id sorts by the document’s own _order through a join', () => {
    const sql = ONE2MANY_FIELDS.collection_recycling_report.sql([3]);
    expect(sql).toContain(
      'LEFT JOIN "document_extraction" AS "collection_recycling_report__document_id" ON ' +
        '("collection_recycling_report"."document_id" = "collection_recycling_report__document_id"."id")',
    );
    expect(sql).toMatch(
      /ORDER BY "collection_recycling_report__document_id"\."extraction_date" DESC, "collection_recycling_report__document_id"\."id" DESC, "collection_recycling_report"\."substance_name" COLLATE "C", "collection_recycling_report"\."id"$/,
    );
  });

  it('the many2many: the rel table joined to activity_field, no active condition', () => {
    const sql = ACTIVITY_FIELD_IDS.sql([1, 2]);
    expect(sql).toContain('FROM "activity_field" JOIN "document_extraction_activity_field_rel"');
    expect(sql).toContain('WHERE "document_extraction_activity_field_rel"."document_id" IN (1, 2)');
    expect(sql).not.toMatch(/active/i);
  });
});

describe('iteration prefetch sets', () => {
  it('up to PREFETCH_MAX records share one; above it each slice of PREFETCH_MAX is its own', () => {
    expect(PREFETCH_MAX).toBe(1000);
    const cache = new OrmRecordCache(noDatabase, { prefetchMax: 3, columnGrouping: 'model' });
    expect(cache.iterationChunks([1, 2, 3])).toEqual([[1, 2, 3]]);
    expect(cache.iterationChunks([1, 2, 3, 4, 5, 6, 7])).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });
});
