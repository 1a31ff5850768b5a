import { describe, expect, it } from 'vitest';
import { copyTextBatches } from './copy-batches.ts';
import { copyTextLine } from './copy-text.ts';
import { generateDataset } from './generate-dataset.ts';

const OPTIONS = { documents: 60, seed: 5 };

describe('copyTextBatches', () => {
  it('yields every non-empty batch of the generator, in order, a COPY line per row with a field per column', () => {
    const generated = [...generateDataset(OPTIONS)].filter((b) => b.rows.length > 0);
    const batches = [...copyTextBatches(OPTIONS)];
    expect(batches.map((b) => [b.table, b.rows])).toEqual(generated.map((b) => [b.table, b.rows.length]));
    for (const batch of batches) {
      const lines = batch.data.toString('utf8').split('\n');
      expect(lines.pop(), batch.table).toBe('');
      expect(lines).toHaveLength(batch.rows);
      for (const line of lines) expect(line.split('\t'), batch.table).toHaveLength(batch.columns.length);
    }
  });

  it('gives, batch by batch, the UTF-8 bytes of copyTextLine for every generated row', () => {
    const options = { documents: 400, seed: 11 };
    const generated = [...generateDataset(options)].filter((b) => b.rows.length > 0);
    const batches = [...copyTextBatches(options)];
    expect(batches).toHaveLength(generated.length);
    let text = '';
    batches.forEach((batch, i) => {
      const lines = generated[i]!.rows.map((row) => copyTextLine(row)).join('');
      expect(batch.data.equals(Buffer.from(lines, 'utf8')), batch.table).toBe(true);
      text += lines;
    });
    // The dataset reaches each of the encoder's paths: escaped tabs, NULLs, jsonb, Vietnamese text.
    for (const shape of ['\\t', '\\N', '{"en_US":', 'Đ']) expect(text).toContain(shape);
  });
});
