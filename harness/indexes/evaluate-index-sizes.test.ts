import { describe, expect, it } from 'vitest';
import { evaluateIndexSizes, MAX_COLLECTING_DOCUMENTS } from './evaluate-index-sizes.ts';

// A server URL nothing listens on: the sizes are checked before any connection is tried.
const NOWHERE = 'postgres://nobody@127.0.0.1:1/none';

describe('evaluateIndexSizes', () => {
  it('refuses sizes that are empty, not ascending, or start above the collecting limit, before connecting', async () => {
    await expect(evaluateIndexSizes(NOWHERE, { sizes: [], seed: 1 })).rejects.toThrow(/at least one size/);
    await expect(evaluateIndexSizes(NOWHERE, { sizes: [1000, 1000], seed: 1 })).rejects.toThrow(
      /distinct and ascending, got 1000, 1000/,
    );
    await expect(
      evaluateIndexSizes(NOWHERE, { sizes: [MAX_COLLECTING_DOCUMENTS + 1], seed: 1 }),
    ).rejects.toThrow(/must be at most 20000 because its exports are run/);
  });
});
