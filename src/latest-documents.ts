import { compareCodePoints } from './code-point-order.ts';

/** What the "latest document per group" step needs to know of a matching document (spec 3). */
export interface GroupableDocument {
  id: number;
  organizationId: number | null;
  year: number | null;
  documentType: string;
  /**
   * `create_date` as a fixed-width sortable text (`YYYYMMDDHH24MISSUS`, microseconds included): JavaScript
   * `Date` keeps milliseconds only, which would turn distinct timestamps into ties.
   */
  createDateKey: string;
}

/**
 * Spec 3, steps 2 and 3, as the current code does it in Python. `matching` must be in the search order
 * (`create_date DESC, id DESC`). Groups by `(organization_id or False, year or 0, document_type)`, keeps
 * groups in order of first appearance, and keeps in each group the first document with the greatest
 * `create_date` (Python's `max` returns the first maximal element; with the search order that is the highest id).
 */
export function latestPerGroup<D extends GroupableDocument>(matching: readonly D[]): D[] {
  const groups = new Map<string, D>();
  for (const doc of matching) {
    const key = `${doc.organizationId ?? 'False'}|${doc.year ?? 0}|${doc.documentType}`;
    const best = groups.get(key);
    // Strictly greater: on a tie the earlier (first maximal) element stays.
    if (best === undefined || doc.createDateKey > best.createDateKey) groups.set(key, doc);
  }
  return [...groups.values()];
}

/**
 * Spec 3, step 4: a stable sort on `(partner.name or '', year or 0, document_type or '')`, strings in
 * code-point order. `Array.prototype.sort` is stable, so ties keep the order of first appearance.
 */
export function sortForExport<D extends GroupableDocument>(
  latest: readonly D[],
  organizationName: (doc: D) => string | null,
): D[] {
  const keyed = latest.map((doc) => ({ doc, name: organizationName(doc) || '', year: doc.year || 0 }));
  keyed.sort(
    (a, b) =>
      compareCodePoints(a.name, b.name) ||
      a.year - b.year ||
      compareCodePoints(a.doc.documentType || '', b.doc.documentType || ''),
  );
  return keyed.map((k) => k.doc);
}
