import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseExportFilters } from '../../src/export-filters.ts';
import { COLLECTOR_IDS, type CollectorId } from '../results/collector-id.ts';
import { runCollector } from '../compare/run-collector.ts';
import type { WitnessAvailability } from '../results/bench-results.ts';
import { createSeededTestDatabase } from '../../test/helpers/seeded-test-database.ts';
import type { TestDatabase } from '../../test/helpers/test-database.ts';
import { witnessRun, type ClientCount } from './server-witness.ts';
import { enableStatementStatistics } from './statement-statistics.ts';

/**
 * The server-side witness on real PostgreSQL: the embedded server the harness starts preloads
 * pg_stat_statements, and there every collector's counts must be the server's. A statement sent beside the
 * counting client must make the witness fail. On a server without the preload the counts are "not witnessed".
 */
let db: TestDatabase;
let availability: WitnessAvailability;
const collectors = COLLECTOR_IDS;
const filters = parseExportFilters({ status: ['draft', 'validated', 'completed'] });

beforeAll(async () => {
  db = await createSeededTestDatabase('witness', 40);
  availability = await enableStatementStatistics(db.client);
});

afterAll(async () => {
  await db?.drop();
});

async function witnessedExport(name: CollectorId, planted?: string) {
  return witnessRun(
    db.client,
    availability,
    async () => {
      const outcome = await runCollector(db.client, name, filters);
      // Sent on the same connection, but not through the counting client.
      if (planted !== undefined) await db.client.query(planted);
      return outcome;
    },
    (outcome): ClientCount[] => outcome.summary.byFingerprint,
  );
}

describe('server-side witness', () => {
  it('is available on the embedded server, with planning time tracked', () => {
    if (inject('serverKind') !== 'embedded') return;
    expect(availability).toEqual({ available: true, trackPlanning: true });
  });

  it.each(collectors)("confirms %s's round trips statement by statement", async (name) => {
    const { result, witness, serverTime } = await witnessedExport(name);
    expect(result.kind).toBe('exported');
    const clientCount = result.kind === 'exported' ? result.run.queryCount : -1;
    if (!availability.available) {
      expect(witness).toMatchObject({ status: 'not witnessed', clientCount, serverCalls: null });
      expect(witness.reason).toMatch(/pg_stat_statements/);
      return;
    }
    expect(witness).toEqual({ status: 'witnessed', clientCount, serverCalls: clientCount, mismatches: [] });
    expect(serverTime!.execMs).toBeGreaterThan(0);
  });

  it('fails when a query is sent outside the counting client, naming it', async () => {
    if (!availability.available) return;
    const { witness } = await witnessedExport('v2', 'SELECT count(*) FROM res_partner WHERE active');
    expect(witness.status).toBe('mismatch');
    expect(witness.mismatches).toEqual([
      { statement: 'SELECT count(*) FROM res_partner WHERE active', clientCount: 0, serverCalls: 1 },
    ]);
    expect(witness.serverCalls).toBe(witness.clientCount + 1);
  });
});
