import { describe, expect, it } from 'vitest';
import {
  describeKey,
  findCoveringIndexes,
  type IndexDescriptor,
  type IndexKeyColumn,
} from './index-redundancy.ts';

function key(expression: string, options: Partial<IndexKeyColumn> = {}): IndexKeyColumn {
  return { expression, opclass: 'int4_ops', descending: false, nullsFirst: false, ...options };
}

function index(
  name: string,
  keyColumns: IndexKeyColumn[],
  options: Partial<IndexDescriptor> = {},
): IndexDescriptor {
  return {
    name,
    table: 'rel',
    method: 'btree',
    keyColumns,
    unique: false,
    primary: false,
    predicate: null,
    valid: true,
    constraint: null,
    definition: `CREATE INDEX ${name} ON rel`,
    ...options,
  };
}

const pkey = index('rel_pkey', [key('document_id'), key('activity_field_id')], {
  primary: true,
  unique: true,
  constraint: 'rel_pkey',
});
const reverse = index('rel_activity_field_id_document_id_idx', [
  key('activity_field_id'),
  key('document_id'),
]);

describe('findCoveringIndexes', () => {
  it('flags a leading prefix of the primary key, and only of the index that starts with it', () => {
    const covers = findCoveringIndexes(index('idx_doc_id', [key('document_id')]), [pkey, reverse]);
    expect(covers).toEqual([
      { index: 'rel_pkey', key: '(document_id, activity_field_id)', relation: 'prefix', kind: 'primary key' },
    ]);
  });

  it('flags the reverse direction of a many2many against the reverse index', () => {
    const covers = findCoveringIndexes(index('idx_activity_id', [key('activity_field_id')]), [pkey, reverse]);
    expect(covers.map((c) => [c.index, c.relation, c.kind])).toEqual([
      ['rel_activity_field_id_document_id_idx', 'prefix', 'index'],
    ]);
  });

  it('names every equal index, the unique constraint before the plain index', () => {
    const text = { opclass: 'text_ops' };
    const proposed = index('idx_bid', [key('business_id', text)], { table: 'res_partner' });
    const odoo = index('res_partner__business_id_index', [key('business_id', text)], {
      table: 'res_partner',
    });
    const unique = index('res_partner_business_id_unique', [key('business_id', text)], {
      table: 'res_partner',
      unique: true,
      constraint: 'res_partner_business_id_unique',
    });
    expect(findCoveringIndexes(proposed, [odoo, unique, proposed])).toEqual([
      {
        index: 'res_partner_business_id_unique',
        key: '(business_id)',
        relation: 'equal',
        kind: 'unique constraint res_partner_business_id_unique',
      },
      { index: 'res_partner__business_id_index', key: '(business_id)', relation: 'equal', kind: 'index' },
    ]);
  });

  it('treats a single-column DESC key as covered by the ascending index (btrees scan backwards)', () => {
    const desc = index('idx_desc', [key('create_date', { descending: true, nullsFirst: true })]);
    expect(findCoveringIndexes(desc, [index('asc', [key('create_date')])]).map((c) => c.index)).toEqual([
      'asc',
    ]);
  });

  it('covers a multi-column key only in the same directions or all reversed', () => {
    const desc = { descending: true, nullsFirst: true };
    const proposed = index('p', [key('a'), key('b', desc)]);
    expect(findCoveringIndexes(proposed, [index('same', [key('a'), key('b'), key('c')])])).toEqual([]);
    expect(
      findCoveringIndexes(proposed, [index('half', [key('a', desc), key('b', desc), key('c')])]),
    ).toEqual([]);
    expect(
      findCoveringIndexes(proposed, [index('flip', [key('a', desc), key('b')])]).map((c) => c.index),
    ).toEqual(['flip']);
    expect(
      findCoveringIndexes(proposed, [index('exact', [key('a'), key('b', desc), key('c')])]).map(
        (c) => c.relation,
      ),
    ).toEqual(['prefix']);
  });

  it('ignores partial, invalid, non-btree, other-table and other-opclass indexes, and a longer proposal', () => {
    const proposed = index('p', [key('document_id')]);
    const candidates = [
      index('partial', [key('document_id')], { predicate: "state = 'x'" }),
      index('invalid', [key('document_id')], { valid: false }),
      index('hash', [key('document_id')], { method: 'hash' }),
      index('other', [key('document_id')], { table: 'other' }),
      index('opclass', [key('document_id', { opclass: 'int4_minmax_ops' })]),
      index('second', [key('x'), key('document_id')]),
    ];
    expect(findCoveringIndexes(proposed, candidates)).toEqual([]);
    expect(
      findCoveringIndexes(index('long', [key('document_id'), key('activity_field_id'), key('z')]), [pkey]),
    ).toEqual([]);
  });

  it('never covers a GIN proposal and compares expressions as text', () => {
    const gin = index('g', [key('business_id', { opclass: 'gin_trgm_ops' })], { method: 'gin' });
    expect(findCoveringIndexes(gin, [index('b', [key('business_id', { opclass: 'gin_trgm_ops' })])])).toEqual(
      [],
    );
    const lower = index('l', [key('lower((business_id)::text)', { opclass: 'text_ops' })]);
    const plain = index('b', [key('business_id', { opclass: 'text_ops' })]);
    expect(findCoveringIndexes(lower, [plain])).toEqual([]);
    expect(
      findCoveringIndexes(lower, [index('l2', [key('lower((business_id)::text)', { opclass: 'text_ops' })])]),
    ).toHaveLength(1);
  });
});

describe('describeKey', () => {
  it('prints directions and non-default null ordering only', () => {
    expect(
      describeKey([
        key('a'),
        key('b', { descending: true, nullsFirst: true }),
        key('c', { descending: true, nullsFirst: false }),
        key('d', { nullsFirst: true }),
      ]),
    ).toBe('(a, b DESC, c DESC NULLS LAST, d NULLS FIRST)');
  });
});
