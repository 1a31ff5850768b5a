import { describe, expect, it } from 'vitest';
import type { IndexKeyColumn } from './index-redundancy.ts';
import { ALTERNATIVE_INDEXES, createIndexSql, operatorFit } from './operator-fit.ts';

function column(expression: string, opclass: string): IndexKeyColumn {
  return { expression, opclass, descending: false, nullsFirst: false };
}

describe('operatorFit', () => {
  it('says a btree on business_id cannot serve the organisation-code ILIKE', () => {
    const [finding, ...rest] = operatorFit({
      table: 'res_partner',
      method: 'btree',
      keyColumns: [column('business_id', 'text_ops')],
    });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      filterKey: 'organization_code',
      column: 'res_partner.business_id',
      served: false,
      proof: null,
    });
    expect(finding?.operator).toBe("business_id ILIKE ('%' || $1 || '%')");
  });

  it('says a btree on lower(business_id) cannot serve it either', () => {
    const findings = operatorFit({
      table: 'res_partner',
      method: 'btree',
      keyColumns: [column('lower(business_id::text)', 'text_ops')],
    });
    expect(findings.map((f) => [f.filterKey, f.served])).toEqual([['organization_code', false]]);
    expect(findings[0]?.reason).toContain('lower(business_id::text)');
  });

  it('says a trigram GIN on the bare column serves it, but not one on an expression', () => {
    const bare = operatorFit({
      table: 'res_partner',
      method: 'gin',
      keyColumns: [column('business_id', 'gin_trgm_ops')],
    });
    expect(bare.map((f) => f.served)).toEqual([true]);
    const name = operatorFit({
      table: 'res_partner',
      method: 'gin',
      keyColumns: [column('name', 'gin_trgm_ops')],
    });
    expect(name.map((f) => [f.filterKey, f.served])).toEqual([['organization_search', true]]);
    const lowered = operatorFit({
      table: 'res_partner',
      method: 'gin',
      keyColumns: [column('lower(business_id::text)', 'gin_trgm_ops')],
    });
    expect(lowered.map((f) => f.served)).toEqual([false]);
  });

  it('has nothing to say about columns no substring filter searches', () => {
    expect(
      operatorFit({
        table: 'res_partner',
        method: 'btree',
        keyColumns: [column('business_id_2', 'text_ops')],
      }),
    ).toEqual([]);
    expect(
      operatorFit({
        table: 'document_extraction',
        method: 'btree',
        keyColumns: [column('name', 'text_ops')],
      }),
    ).toEqual([]);
    expect(operatorFit({ table: 'res_partner', method: 'btree', keyColumns: [] })).toEqual([]);
  });
});

describe('createIndexSql', () => {
  it('builds concurrently, with the method and the partial predicate', () => {
    const partial = ALTERNATIVE_INDEXES.find((a) => a.predicate !== null)!;
    expect(createIndexSql(partial)).toBe(
      'CREATE INDEX CONCURRENTLY "hfcb_alt_document_extraction_completed" ON "document_extraction" USING btree ' +
        "(organization_id, year, document_type, create_date) WHERE state = 'completed'",
    );
    expect(createIndexSql(ALTERNATIVE_INDEXES[0]!)).toBe(
      'CREATE INDEX CONCURRENTLY "hfcb_alt_res_partner_business_id_trgm" ON "res_partner" USING gin (business_id gin_trgm_ops)',
    );
  });

  it('refuses a name that is not a plain identifier', () => {
    expect(() =>
      createIndexSql({
        name: 'x"; DROP TABLE t; --',
        table: 't',
        method: 'btree',
        columns: 'a',
        predicate: null,
      }),
    ).toThrow(/index candidate name/);
  });
});
