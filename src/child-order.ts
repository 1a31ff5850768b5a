import type { SequencedChild } from './records.ts';

/**
 * The child order of spec 4 (general rules): the sheets receive a one2many list in the relation's database
 * order (`sequence NULLS LAST, id`) and re-sort it with Python's stable `sorted(key=sequence or 0)`.
 * The net effect is `ORDER BY COALESCE(sequence, 0), sequence NULLS LAST, id`: a NULL sequence moves in
 * front of the positive ones but keeps its database position among rows that tie.
 *
 * Pure: returns a new array and leaves `rows` untouched.
 */
export function childOrder<R extends SequencedChild>(rows: readonly R[]): R[] {
  // Array.prototype.sort is stable since ES2019, which is what the tie rule needs.
  return [...rows].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
}
