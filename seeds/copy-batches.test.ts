import { describe, expect, it } from 'vitest';
import { copyTextBatches } from './copy-batches.ts';
import { generateDataset } from './generate-dataset.ts';

const OPTIONS = { documents: 60, seed: 5 };

describe('copyTextBatches', () => {
  it('yields every non-empty batch of the generator, in order, a COPY line per row with a field per column', () => {
    const generated = [...generateDataset(OPTIONS)].filter((b) => b.rows.length > 0);
    const batches = [...copyTextBatches(OPTIONS)];
    expect(batches.map((b) => [b.table, b.rows])).toEqual(generated.map((b) => [b.table, b.rows.length]));
    for (const batch of batches) {
      const lines = batch.data.split('\n');
      expect(lines.pop(), batch.table).toBe('');
      expect(lines).toHaveLength(batch.rows);
      for (const line of lines) expect(line.split('\t'), batch.table).toHaveLength(batch.columns.length);
    }
  });
});
