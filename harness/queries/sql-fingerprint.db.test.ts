import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../../scenarios/default-scenarios.ts';
import { GATE_MATRIX } from '../../scenarios/gate-matrix.ts';
import { parseExportFilters } from '../../src/export-filters.ts';
import { testServerUrl } from '../../test/helpers/test-database.ts';
import { collectorEntries } from '../compare/collectors.ts';
import { runExport } from '../compare/run-export.ts';
import { withSeededDatabase } from '../schema/seeded-database.ts';
import { CountingClient } from './counting-client.ts';
import { sqlFingerprint } from './sql-fingerprint.ts';

/**
 * The statements the fingerprint switch was checked on (`fingerprint-switch.fixture.json`, with the hand
 * tokenizer's ids; the unit test checks the bijection) cover what the collectors send today: every
 * fingerprint of a seeded export of every filter set, by every collector, is one of the fixture's. When a
 * collector sends a new statement shape on purpose, this test says so.
 */

const FIXTURE = JSON.parse(
  readFileSync(new URL('./fingerprint-switch.fixture.json', import.meta.url), 'utf8'),
) as { statements: { oldId: string; sql: string }[] };

describe('fingerprints of a seeded export', () => {
  it('are all among the statements checked against the hand tokenizer', async () => {
    const known = new Set(FIXTURE.statements.map((s) => sqlFingerprint(s.sql).fingerprintId));
    const filterSets = [
      ...GATE_MATRIX.filterCases.map((c) => c.filters),
      ...DEFAULT_SCENARIOS.map((s) => s.filters),
    ];
    await withSeededDatabase(
      testServerUrl(),
      { label: 'fingerprints', documents: 150, seed: 42 },
      async ({ client }) => {
        let checked = 0;
        for (const filters of filterSets) {
          for (const { id, collect } of collectorEntries()) {
            const counting = new CountingClient(client, { keepParams: false, maxLogEntries: 100_000 });
            await runExport(counting, id, collect, parseExportFilters(filters)).catch(() => undefined);
            const unknown = counting.log.filter((e) => !known.has(e.fingerprintId)).map((e) => e.fingerprint);
            expect(unknown, `${id} ${JSON.stringify(filters)}: shapes outside the record`).toEqual([]);
            checked += counting.log.length;
          }
        }
        expect(checked).toBeGreaterThan(1_000);
      },
    );
  });
});
