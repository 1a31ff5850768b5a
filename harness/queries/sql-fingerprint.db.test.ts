import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../../scenarios/default-scenarios.ts';
import { GATE_MATRIX } from '../../scenarios/gate-matrix.ts';
import { collectV1 } from '../../src/collector-v1.ts';
import { collectV2 } from '../../src/collector-v2.ts';
import { parseExportFilters } from '../../src/export-filters.ts';
import { testServerUrl } from '../../test/helpers/test-database.ts';
import { runExport } from '../compare/run-export.ts';
import { withSeededDatabase } from '../schema/seeded-database.ts';
import { CountingClient } from './counting-client.ts';

/**
 * The statements the fingerprint switch was checked on (`fingerprint-switch.fixture.json`, with the hand
 * tokenizer's ids) are the statements v1 and v2 send today: a seeded export of every filter set sends no
 * statement outside the record, and groups its statements into exactly as many fingerprints as the old ids.
 * When v1 or v2 changes its SQL on purpose, this test says so; the unit test then no longer covers it.
 */

const FIXTURE = JSON.parse(
  readFileSync(new URL('./fingerprint-switch.fixture.json', import.meta.url), 'utf8'),
) as { statements: { oldId: string; sql: string }[] };

describe('fingerprints of a seeded export', () => {
  it('covers every v1 and v2 statement, grouped as the hand tokenizer grouped them', async () => {
    const oldIdBySql = new Map(FIXTURE.statements.map((s) => [s.sql, s.oldId]));
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
          for (const [name, collect] of [
            ['v1', collectV1],
            ['v2', collectV2],
          ] as const) {
            const counting = new CountingClient(client, { keepParams: false, maxLogEntries: 100_000 });
            await runExport(counting, name, collect, parseExportFilters(filters)).catch(() => undefined);
            const unknown = counting.log.filter((e) => !oldIdBySql.has(e.sql)).map((e) => e.sql);
            expect(unknown, `${name} ${JSON.stringify(filters)}: statements outside the record`).toEqual([]);
            const oldIds = new Set(counting.log.map((e) => oldIdBySql.get(e.sql)));
            const newIds = new Set(counting.log.map((e) => e.fingerprintId));
            expect(newIds.size, `${name} ${JSON.stringify(filters)}`).toBe(oldIds.size);
            checked += counting.log.length;
          }
        }
        expect(checked).toBeGreaterThan(1_000);
      },
    );
  });
});
