import { describe, expect, it } from 'vitest';
import { activityLabel, COLLECTION_ACTIVITY_LABELS, USAGE_ACTIVITY_LABELS } from './activity-labels.ts';

describe('activityLabel', () => {
  const context = new Map([
    [1, 'production'],
    [2, 'Sản xuất chất được kiểm soát'],
    [3, ''],
    [4, 'constructor'],
    [5, 'Production'],
  ]);

  it('maps English codes and gives the default label to rows without a title', () => {
    expect(activityLabel(USAGE_ACTIVITY_LABELS, context, 1, 'import')).toBe('Sản xuất');
    expect(activityLabel(USAGE_ACTIVITY_LABELS, context, 99, 'import')).toBe('Nhập khẩu');
    expect(activityLabel(COLLECTION_ACTIVITY_LABELS, context, 99, 'collection')).toBe('Thu gom');
  });

  it("gives '' for any other title text: Vietnamese, empty, other case, or an Object.prototype key", () => {
    for (const rowId of [2, 3, 4, 5]) {
      expect(activityLabel(USAGE_ACTIVITY_LABELS, context, rowId, 'import')).toBe('');
    }
  });

  it('holds the labels of spec 4.0, NFC', () => {
    expect([...USAGE_ACTIVITY_LABELS]).toEqual([
      ['production', 'Sản xuất'],
      ['import', 'Nhập khẩu'],
      ['export', 'Xuất khẩu'],
    ]);
    expect([...COLLECTION_ACTIVITY_LABELS]).toEqual([
      ['collection', 'Thu gom'],
      ['reuse', 'Tái sử dụng'],
      ['recycle', 'Tái chế'],
      ['disposal', 'Xử lý/Tiêu hủy'],
    ]);
    for (const label of [...USAGE_ACTIVITY_LABELS.values(), ...COLLECTION_ACTIVITY_LABELS.values()]) {
      expect(label).toBe(label.normalize('NFC'));
    }
  });
});
