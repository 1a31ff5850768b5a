import { describe, expect, it } from 'vitest';
import { makeSubstanceUsage } from './record-fixtures.ts';
import { resolveTitleContext } from './title-context.ts';

describe('resolveTitleContext', () => {
  it('gives no entry to data rows before the first title, so the caller default applies', () => {
    const rows = [
      makeSubstanceUsage({ id: 1 }),
      makeSubstanceUsage({ id: 2, isTitle: true, substanceName: 'import' }),
    ];
    expect(resolveTitleContext(rows, 'substanceName')).toEqual(new Map());
  });

  it('maps each data row to the nearest title above it, a later title replacing an earlier one', () => {
    const rows = [
      makeSubstanceUsage({ id: 1, isTitle: true, substanceName: 'Sản xuất' }),
      makeSubstanceUsage({ id: 2, substanceName: 'HFC-134a' }),
      makeSubstanceUsage({ id: 3, isTitle: true, substanceName: 'production' }),
      makeSubstanceUsage({ id: 4, isTitle: true, substanceName: 'export' }),
      makeSubstanceUsage({ id: 5 }),
      makeSubstanceUsage({ id: 6 }),
    ];
    expect(resolveTitleContext(rows, 'substanceName')).toEqual(
      new Map([
        [2, 'Sản xuất'],
        [5, 'export'],
        [6, 'export'],
      ]),
    );
  });

  it("records '' (an entry, not a missing one) under a title whose text is NULL or ''", () => {
    const rows = [
      makeSubstanceUsage({ id: 1, isTitle: true, substanceName: null }),
      makeSubstanceUsage({ id: 2 }),
      makeSubstanceUsage({ id: 3, isTitle: true, substanceName: '' }),
      makeSubstanceUsage({ id: 4 }),
    ];
    expect(resolveTitleContext(rows, 'substanceName')).toEqual(
      new Map([
        [2, ''],
        [4, ''],
      ]),
    );
  });

  it('treats isTitle NULL as a data row', () => {
    const rows = [
      makeSubstanceUsage({ id: 1, isTitle: true, substanceName: 'import' }),
      makeSubstanceUsage({ id: 2, isTitle: null }),
    ];
    expect(resolveTitleContext(rows, 'substanceName')).toEqual(new Map([[2, 'import']]));
  });
});
