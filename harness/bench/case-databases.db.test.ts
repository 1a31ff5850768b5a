import { describe, expect, it } from 'vitest';
import { parseExportFilters } from '../../src/export-filters.ts';
import { testServerUrl } from '../../test/helpers/test-database.ts';
import { connect } from '../database/database-server.ts';
import { countExportedDocuments } from '../schema/calibrated-seed.ts';
import { prepareCaseDatabases } from './case-databases.ts';

describe('prepareCaseDatabases', () => {
  it('clones every case its calibrated data before any case runs, and each drop removes its database', async () => {
    const server = testServerUrl();
    const requests = [
      { tag: '[1/2] a', label: 'case_db_a', documents: 10, filters: parseExportFilters({}) },
      { tag: '[2/2] b', label: 'case_db_b', documents: 30, filters: parseExportFilters({ year_from: 2022 }) },
    ];
    const lines: string[] = [];
    const { data } = await prepareCaseDatabases(server, requests, {
      seed: 42,
      fresh: undefined,
      keep: false,
      progress: (l) => lines.push(l),
    });
    try {
      expect(lines.at(-1)).toMatch(
        /^data ready for 2 of 2 cases in \d+\.\d\d s \(seeding \d+\.\d\d s, cloning /,
      );
      for (const [i, d] of data.entries()) {
        if (!('db' in d)) throw d.error;
        // The clone holds the calibrated data: the export returns the documents the calibration counted.
        const client = await connect(d.db.url);
        try {
          expect(await countExportedDocuments(client, requests[i]!.filters)).toBe(d.seeded.exportedDocuments);
        } finally {
          await client.end();
        }
      }
    } finally {
      for (const d of data) if ('db' in d) await d.db.drop();
    }
    const admin = await connect(server);
    try {
      const names = data.flatMap((d) => ('db' in d ? [d.db.name] : []));
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names]);
      expect(names).toHaveLength(2);
      expect(rows).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
