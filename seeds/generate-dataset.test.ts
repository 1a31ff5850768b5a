import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  GENERATOR_VERSION,
  generateDataset,
  resolveDatasetOptions,
  type GenerateDatasetOptions,
} from './generate-dataset.ts';
import { CONTROLLED_SUBSTANCES, COUNTRY_STATES, HS_CODES, VIETNAM_STATE_IDS } from './master-data.ts';
import type { SeedValue, TableBatch } from './seed-row.ts';
import { SEEDED_TABLES } from './seed-row.ts';

/** All rows per table, in generation order. */
function collect(
  options: GenerateDatasetOptions,
): Map<string, { columns: readonly string[]; rows: SeedValue[][] }> {
  const tables = new Map<string, { columns: readonly string[]; rows: SeedValue[][] }>();
  for (const batch of generateDataset(options)) {
    const entry = tables.get(batch.table) ?? { columns: batch.columns, rows: [] };
    expect(batch.columns).toEqual(entry.columns);
    for (const row of batch.rows) entry.rows.push([...row]);
    tables.set(batch.table, entry);
  }
  return tables;
}

describe('generateDataset', () => {
  it('gives deep-equal output for the same options, and different output for another seed', () => {
    const a = collect({ documents: 200, seed: 42 });
    const b = collect({ documents: 200, seed: 42 });
    const c = collect({ documents: 200, seed: 43 });
    expect(b).toEqual(a);
    expect(c.get('document_extraction')?.rows).not.toEqual(a.get('document_extraction')?.rows);
    expect(c.get('res_partner')?.rows).not.toEqual(a.get('res_partner')?.rows);
  });

  it('does not let the batch size change the content', () => {
    const small = collect({ documents: 150, seed: 7, batchDocuments: 7 });
    const large = collect({ documents: 150, seed: 7, batchDocuments: 1000 });
    expect(small).toEqual(large);
  });

  it('yields batches lazily, each bounded by batchDocuments documents', () => {
    // A dataset far too large to build in a test: only the first batches are ever generated.
    const iterator = generateDataset({
      documents: 5_000_000,
      seed: 1,
      organizations: 2500,
      batchDocuments: 50,
    });
    const seen: TableBatch[] = [];
    for (const batch of iterator) {
      seen.push(batch);
      if (seen.filter((b) => b.table === 'document_extraction').length === 3) break;
    }
    const documentBatches = seen.filter((b) => b.table === 'document_extraction');
    expect(documentBatches.map((b) => b.rows.length)).toEqual([50, 50, 50]);
    // Organisations are yielded 1000 at a time.
    expect(seen.filter((b) => b.table === 'res_partner').map((b) => b.rows.length)).toEqual([
      1000, 1000, 500,
    ]);
  });

  it('produces exactly the requested numbers of documents and organisations, with ids 1..n', () => {
    const data = collect({ documents: 333, seed: 5, organizations: 40 });
    const docIds = data.get('document_extraction')?.rows.map((r) => r[0]);
    expect(docIds).toEqual(Array.from({ length: 333 }, (_, i) => i + 1));
    expect(data.get('res_partner')?.rows.map((r) => r[0])).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('fills every column of every row, only in known tables, with ids unique per table', () => {
    const data = collect({ documents: 300, seed: 11 });
    for (const [table, { columns, rows }] of data) {
      expect(SEEDED_TABLES).toContain(table);
      for (const row of rows) expect(row).toHaveLength(columns.length);
      if (columns[0] === 'id') {
        const ids = rows.map((r) => r[0]);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('ships the master data counts of spec section 6', () => {
    const data = collect({
      documents: 1,
      seed: 1,
      quirks: { archivedSubstance: false, archivedActivityFieldCode: null },
    });
    expect(data.get('activity_field')?.rows).toHaveLength(8);
    expect(data.get('activity_field')?.rows.every((r) => r[5] === true)).toBe(true);
    expect(data.get('controlled_substance')?.rows).toHaveLength(63);
    expect(data.get('substance_group')?.rows).toHaveLength(5);
    expect(data.get('hs_code')?.rows).toHaveLength(34);
    expect(new Set(HS_CODES).size).toBe(34);
    expect(VIETNAM_STATE_IDS).toHaveLength(63);
    expect(COUNTRY_STATES.find((s) => s.code === 'VN-26')?.name).toBe('Thừa Thiên - Huế');
    const active = CONTROLLED_SUBSTANCES.filter((s) => s.active);
    expect(active.filter((s) => s.hsCode !== null)).toHaveLength(62);
    expect(active.filter((s) => s.subHsCodes.length > 0)).toHaveLength(19);
    expect(active.find((s) => s.hsCode === null)?.code).toBe('OTHER-SUBSTANCE');
    expect(new Set(active.map((s) => s.code)).size).toBe(63);
  });

  it('applies the quirks: archived activity field and the extra archived substance', () => {
    const data = collect({ documents: 1, seed: 1 });
    const archivedFields = data
      .get('activity_field')
      ?.rows.filter((r) => r[5] === false)
      .map((r) => r[2]);
    expect(archivedFields).toEqual(['refrigeration_ownership']);
    const archivedSubstances = data.get('controlled_substance')?.rows.filter((r) => r[10] === false);
    expect(archivedSubstances?.map((r) => r[2])).toEqual(['R-161']);
  });

  it('never writes more than 4 decimals into a numeric column', () => {
    const data = collect({ documents: 300, seed: 3 });
    const numericColumn = /quantity_kg|quantity_co2|_quota_|^quantity$/;
    for (const [table, { columns, rows }] of data) {
      columns.forEach((column, index) => {
        if (!numericColumn.test(column) || table === 'res_partner') return;
        for (const row of rows) {
          const value = row[index];
          if (value !== null)
            expect(JSON.stringify(value), `${table}.${column}`).toMatch(/^"-?\d+(\.\d{1,4})?"$/);
        }
      });
    }
  });

  it('stores vi_VN next to en_US in translated fields, different texts, and a few records with en_US only', () => {
    const data = collect({ documents: 1, seed: 1 });
    for (const [table, column] of [
      ['res_country', 1],
      ['activity_field', 1],
      ['substance_group', 1],
      ['hs_code', 2],
      ['hs_code', 3],
      ['controlled_substance', 1],
    ] as const) {
      const values = (data.get(table)?.rows ?? []).map((r) => r[column] as Record<string, string>);
      expect(values.length, table).toBeGreaterThan(0);
      const withVi = values.filter((v) => v.vi_VN !== undefined);
      for (const v of withVi) {
        expect(v.vi_VN, `${table} ${v.en_US}`).not.toBe(v.en_US);
        expect(v.vi_VN!.length).toBeGreaterThan(0);
      }
      expect(withVi.length, table).toBeGreaterThan(values.length / 2);
    }
    const substances = (data.get('controlled_substance')?.rows ?? []).map(
      (r) => r[1] as Record<string, string>,
    );
    expect(substances.filter((v) => v.vi_VN === undefined).map((v) => v.en_US)).toEqual([
      'HFC-125',
      'R-410B',
      'R-438A',
      'Other HCFC mixtures',
    ]);
    expect(substances.find((v) => v.en_US === 'HFC-134a')?.vi_VN).toBe('Môi chất HFC-134a');
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => resolveDatasetOptions({ documents: 0, seed: 1 })).toThrow(
      /"documents" must be a positive integer/,
    );
    expect(() => resolveDatasetOptions({ documents: 1.5, seed: 1 })).toThrow(/"documents"/);
    expect(() => resolveDatasetOptions({ documents: 10, seed: -1 })).toThrow(
      /"seed" must be an integer >= 0/,
    );
    expect(() => resolveDatasetOptions({ documents: 10, seed: 1, organizations: 3 })).toThrow(
      /"organizations"/,
    );
    expect(() => resolveDatasetOptions({ documents: 10, seed: 1, refDate: 'soon' })).toThrow(/"refDate"/);
    expect(() =>
      resolveDatasetOptions({ documents: 10, seed: 1, quirks: { archivedActivityFieldCode: 'x' as never } }),
    ).toThrow(/archivedActivityFieldCode/);
  });
});

describe('generateDataset is pinned', () => {
  // The dataset is part of every measurement: a change to the generator must be deliberate. These hashes
  // (sha256 over the JSON of every yielded batch, one per line) were recorded for GENERATOR_VERSION 2, and
  // must only change together with a bump of GENERATOR_VERSION (template databases are named by it) and a
  // note in its history on why the data changed.
  function hashOf(options: GenerateDatasetOptions): string {
    const hash = createHash('sha256');
    for (const batch of generateDataset(options)) hash.update(`${JSON.stringify(batch)}\n`);
    return hash.digest('hex');
  }

  it('gives the recorded bytes for seed 42 at generator version 2', () => {
    expect(GENERATOR_VERSION).toBe(2);
    expect(hashOf({ documents: 37, seed: 42 })).toBe(
      '367a534bc78df51b84be3999631c009f7b781f93c896286b186255b3ab008c04',
    );
    expect(hashOf({ documents: 1000, seed: 42 })).toBe(
      '38bc2c74a7dd9eb50a2cc899354933d3b17636f6db3af81bcadc91aa4bebb19a',
    );
  });
});
