import { describe, expect, it } from 'vitest';
import { summarizePlan } from './plan-summary.ts';

/** A node with the keys every ANALYZE node has; `extra` adds or overrides. */
function node(nodeType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { 'Node Type': nodeType, 'Plan Rows': 1, 'Actual Rows': 1, 'Actual Loops': 1, ...extra };
}

/**
 * The shape PostgreSQL 15 returns (no `Disabled`, integer rows): a Sort over a Hash Join of a Seq Scan and a
 * Bitmap Heap Scan, with an InitPlan using an Index Only Scan and a SubPlan looped per row over an Index Scan.
 */
const PG15_PLAN = [
  {
    Plan: node('Sort', {
      'Plan Rows': 40,
      'Actual Rows': 37,
      'Shared Hit Blocks': 120,
      'Shared Read Blocks': 7,
      Plans: [
        node('Aggregate', {
          'Parent Relationship': 'InitPlan',
          'Subplan Name': 'InitPlan 1',
          Plans: [
            node('Index Only Scan', {
              'Parent Relationship': 'Outer',
              'Relation Name': 'res_partner',
              'Index Name': 'res_partner_pkey',
            }),
          ],
        }),
        node('Hash Join', {
          'Parent Relationship': 'Outer',
          'Actual Rows': 37,
          Plans: [
            node('Seq Scan', {
              'Parent Relationship': 'Outer',
              'Relation Name': 'substance_usage',
              'Actual Rows': 500,
            }),
            node('Hash', {
              'Parent Relationship': 'Inner',
              Plans: [
                node('Bitmap Heap Scan', {
                  'Parent Relationship': 'Outer',
                  'Relation Name': 'document_extraction',
                  Plans: [node('Bitmap Index Scan', { 'Index Name': 'document_extraction__year_index' })],
                }),
              ],
            }),
          ],
        }),
        node('Limit', {
          'Parent Relationship': 'SubPlan',
          'Subplan Name': 'SubPlan 2',
          'Actual Loops': 37,
          Plans: [
            node('Index Scan', {
              'Parent Relationship': 'Outer',
              'Relation Name': 'res_partner',
              'Index Name': 'res_partner_pkey',
              'Actual Loops': 37,
            }),
            node('Seq Scan', {
              'Parent Relationship': 'Outer',
              'Relation Name': 'res_country_state',
              'Actual Rows': 3,
              'Actual Loops': 37,
            }),
          ],
        }),
      ],
    }),
    'Planning Time': 0.512,
    Triggers: [],
    'Execution Time': 3.25,
  },
];

describe('summarizePlan', () => {
  it('walks children, InitPlans and SubPlans in depth-first order', () => {
    expect(summarizePlan(PG15_PLAN)).toEqual({
      planningMs: 0.512,
      executionMs: 3.25,
      nodeTypes: [
        'Sort',
        'Aggregate',
        'Index Only Scan',
        'Hash Join',
        'Seq Scan',
        'Hash',
        'Bitmap Heap Scan',
        'Bitmap Index Scan',
        'Limit',
        'Index Scan',
      ],
      indexesUsed: ['res_partner_pkey', 'document_extraction__year_index'],
      seqScans: [
        { relation: 'substance_usage', actualRows: 500 },
        { relation: 'res_country_state', actualRows: 111 },
      ],
      relationsScanned: ['res_partner', 'substance_usage', 'document_extraction', 'res_country_state'],
      estimatedRows: 40,
      actualRows: 37,
      sharedHitBlocks: 120,
      sharedReadBlocks: 7,
    });
  });

  it('reads the PostgreSQL 18 shape: Planning buffers, Disabled, Index Searches, fractional rows', () => {
    const plan = [
      {
        Plan: node('Nested Loop', {
          'Plan Rows': 3,
          'Actual Rows': 2.5,
          'Actual Loops': 2,
          Disabled: false,
          'Shared Hit Blocks': 9,
          'Shared Read Blocks': 0,
          Plans: [
            node('Seq Scan', {
              'Relation Name': 'hs_code',
              'Actual Rows': 0.33,
              'Actual Loops': 3,
              Disabled: true,
            }),
            node('Index Scan', {
              'Relation Name': 'controlled_substance',
              'Index Name': 'controlled_substance_pkey',
              'Index Searches': 3,
              Disabled: false,
            }),
          ],
        }),
        Planning: { 'Shared Hit Blocks': 44, 'Shared Read Blocks': 2 },
        'Planning Time': 1.5,
        Triggers: [],
        'Execution Time': 0.2,
      },
    ];
    const summary = summarizePlan(plan);
    expect(summary.seqScans).toEqual([{ relation: 'hs_code', actualRows: 1 }]);
    expect(summary.actualRows).toBe(5);
    expect(summary.estimatedRows).toBe(3);
    // The planning buffers are not the execution's: the top node's are reported.
    expect(summary.sharedHitBlocks).toBe(9);
    expect(summary.sharedReadBlocks).toBe(0);
    expect(summary.indexesUsed).toEqual(['controlled_substance_pkey']);
  });

  it('accepts the plan object alone and the JSON text, and reads missing buffers as 0', () => {
    const only = { Plan: node('Result'), 'Planning Time': 0.01, 'Execution Time': 0.02 };
    const expected = {
      planningMs: 0.01,
      executionMs: 0.02,
      nodeTypes: ['Result'],
      indexesUsed: [],
      seqScans: [],
      relationsScanned: [],
      estimatedRows: 1,
      actualRows: 1,
      sharedHitBlocks: 0,
      sharedReadBlocks: 0,
    };
    expect(summarizePlan(only)).toEqual(expected);
    expect(summarizePlan(JSON.stringify([only]))).toEqual(expected);
  });

  it('counts a node never executed as 0 rows and lists each Seq Scan node of a table', () => {
    const plan = {
      Plan: node('Append', {
        Plans: [
          node('Seq Scan', { 'Relation Name': 'hs_code', 'Actual Rows': 4 }),
          node('Seq Scan', { 'Relation Name': 'hs_code', 'Actual Rows': 0, 'Actual Loops': 0 }),
        ],
      }),
      'Execution Time': 0.1,
    };
    expect(summarizePlan(plan).seqScans).toEqual([
      { relation: 'hs_code', actualRows: 4 },
      { relation: 'hs_code', actualRows: 0 },
    ]);
  });

  it('does not take an Index Name from a node that is not an index scan', () => {
    const plan = {
      Plan: node('ModifyTable', {
        'Index Name': 'not_a_scan',
        Plans: [node('Index Scan', { 'Index Name': 'i1' })],
      }),
      'Execution Time': 0.1,
    };
    expect(summarizePlan(plan).indexesUsed).toEqual(['i1']);
  });

  it('refuses what is not EXPLAIN ANALYZE JSON, saying what is missing', () => {
    expect(() => summarizePlan([])).toThrow('expected an array with one plan object, got 0 elements');
    expect(() => summarizePlan('not json')).toThrow('the text is not valid JSON');
    expect(() => summarizePlan([{ 'Execution Time': 1 }])).toThrow('expected a "Plan" object at the top');
    expect(() => summarizePlan({ Plan: node('Result') })).toThrow(
      'no "Execution Time": run EXPLAIN with ANALYZE',
    );
    // EXPLAIN without ANALYZE has times absent and no Actual Rows.
    expect(() =>
      summarizePlan({ Plan: { 'Node Type': 'Result', 'Plan Rows': 1 }, 'Execution Time': 1 }),
    ).toThrow('node Plan has no "Actual Rows"');
    expect(() =>
      summarizePlan({ Plan: node('Append', { Plans: [{ 'Plan Rows': 1 }] }), 'Execution Time': 1 }),
    ).toThrow('node Plan.Plans[0] has no "Node Type"');
    expect(() => summarizePlan({ Plan: node('Append', { Plans: {} }), 'Execution Time': 1 })).toThrow(
      '"Plans" of Plan is not an array',
    );
  });
});
