/**
 * The HoatDong label maps of spec 4.0, keyed by the **English codes**. The original code looks the title
 * row's text up in them, so a Vietnamese section title maps to `''` (spec 8.4).
 *
 * `ReadonlyMap` rather than an object literal so that a title such as `constructor` or `__proto__` misses
 * like a Python `dict.get` does instead of hitting `Object.prototype`.
 */

/** Sheets 5 and 6 (`substance_usage`, `quota_usage`); default code when no title precedes: `'import'`. */
export const USAGE_ACTIVITY_LABELS: ReadonlyMap<string, string> = new Map([
  ['production', 'Sản xuất'],
  ['import', 'Nhập khẩu'],
  ['export', 'Xuất khẩu'],
]);

/** Sheet 4 Form 01 (`collection_recycling`); default code when no title precedes: `'collection'`. */
export const COLLECTION_ACTIVITY_LABELS: ReadonlyMap<string, string> = new Map([
  ['collection', 'Thu gom'],
  ['reuse', 'Tái sử dụng'],
  ['recycle', 'Tái chế'],
  ['disposal', 'Xử lý/Tiêu hủy'],
]);

/**
 * `labels.get(context.get(rowId, defaultCode), '')`: the HoatDong cell of a data row from the title context.
 */
export function activityLabel(
  labels: ReadonlyMap<string, string>,
  context: ReadonlyMap<number, string>,
  rowId: number,
  defaultCode: string,
): string {
  return labels.get(context.get(rowId) ?? defaultCode) ?? '';
}
