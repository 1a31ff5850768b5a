import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { currentLabel, labelKey, withLabel } from './query-label.ts';

describe('withLabel and currentLabel', () => {
  it('has an empty label outside any withLabel', () => {
    expect(currentLabel()).toEqual({});
  });

  it('returns what the function returns', () => {
    expect(withLabel({ collector: 'v1' }, () => 42)).toBe(42);
  });

  it('merges nested labels, inner parts winning, and restores the outer label afterwards', () => {
    const seen: unknown[] = [];
    withLabel({ collector: 'v1', phase: 'documents' }, () => {
      seen.push(currentLabel());
      withLabel({ phase: 'sheet', sheet: '2_DL_ThietBi_SoHuu' }, () => {
        seen.push(currentLabel());
        withLabel({ collector: 'v2', sheet: undefined }, () => seen.push(currentLabel()));
      });
      seen.push(currentLabel());
    });
    seen.push(currentLabel());
    expect(seen).toEqual([
      { collector: 'v1', phase: 'documents' },
      { collector: 'v1', phase: 'sheet', sheet: '2_DL_ThietBi_SoHuu' },
      { collector: 'v2', phase: 'sheet', sheet: '2_DL_ThietBi_SoHuu' },
      { collector: 'v1', phase: 'documents' },
      {},
    ]);
  });

  it('follows await chains', async () => {
    const label = await withLabel({ collector: 'v1' }, async () => {
      await sleep(1);
      return withLabel({ phase: 'sheet' }, async () => {
        await Promise.resolve();
        await sleep(1);
        return currentLabel();
      });
    });
    expect(label).toEqual({ collector: 'v1', phase: 'sheet' });
  });

  it('keeps concurrent flows apart', async () => {
    const flow = (sheet: string, delaysMs: number[]) =>
      withLabel({ collector: 'v1', sheet }, async () => {
        const seen: string[] = [];
        for (const delayMs of delaysMs) {
          await sleep(delayMs);
          seen.push(labelKey(currentLabel()));
        }
        return seen;
      });
    const [a, b] = await Promise.all([flow('a', [3, 1, 4]), flow('b', [1, 5, 1])]);
    expect(a).toEqual(['v1/-/a', 'v1/-/a', 'v1/-/a']);
    expect(b).toEqual(['v1/-/b', 'v1/-/b', 'v1/-/b']);
  });

  it('gives a frozen label, so no one can change it for the others', () => {
    withLabel({ collector: 'v1' }, () => {
      expect(Object.isFrozen(currentLabel())).toBe(true);
    });
    expect(Object.isFrozen(currentLabel())).toBe(true);
  });
});

describe('labelKey', () => {
  it('joins the parts in order', () => {
    expect(labelKey({ sheet: '2_DL_ThietBi_SoHuu', collector: 'v1', phase: 'sheet' })).toBe(
      'v1/sheet/2_DL_ThietBi_SoHuu',
    );
  });

  it('leaves out trailing missing parts and marks inner ones with -', () => {
    expect(labelKey({ collector: 'v2', phase: 'documents' })).toBe('v2/documents');
    expect(labelKey({ collector: 'v2' })).toBe('v2');
    expect(labelKey({ collector: 'v1', sheet: '1_Hoso_DoanhNhiep' })).toBe('v1/-/1_Hoso_DoanhNhiep');
    expect(labelKey({ phase: 'seed' })).toBe('-/seed');
  });

  it('names the empty label', () => {
    expect(labelKey({})).toBe('(unlabelled)');
  });
});
