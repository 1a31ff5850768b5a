import { describe, expect, it } from 'vitest';
import { shapeOf } from './plan-shape.ts';
import { samePlan } from './plan-times.ts';

/** A plain `EXPLAIN (FORMAT JSON)` output, as PostgreSQL prints it (no Actual Rows, no times). */
const PLANNED = [
  {
    Plan: {
      'Node Type': 'Nested Loop',
      'Total Cost': 42.5,
      Plans: [
        { 'Node Type': 'Seq Scan', 'Relation Name': 'res_partner', 'Total Cost': 10 },
        {
          'Node Type': 'Bitmap Heap Scan',
          'Relation Name': 'document_extraction',
          Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'idx_group' }],
        },
      ],
    },
  },
];

describe('shapeOf', () => {
  it('reads the node types, the indexes read and the tables scanned in full from a planned-only EXPLAIN', () => {
    expect(shapeOf(PLANNED)).toEqual({
      executionMs: 0,
      planningMs: 0,
      totalCost: 42.5,
      nodeTypes: ['Nested Loop', 'Seq Scan', 'Bitmap Heap Scan', 'Bitmap Index Scan'],
      indexesUsed: ['idx_group'],
      seqScans: ['res_partner'],
      notExecuted: true,
    });
    expect(() => shapeOf([{}])).toThrow(/no "Plan"/);
  });

  it('tells the same plan from a changed one, whatever the times', () => {
    const a = shapeOf(PLANNED);
    expect(samePlan(a, { ...a, executionMs: 12, notExecuted: false })).toBe(true);
    expect(samePlan(a, { ...a, indexesUsed: [] })).toBe(false);
    expect(samePlan(a, { ...a, nodeTypes: ['Seq Scan'] })).toBe(false);
  });
});
