import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { parseExportFilters } from '../../src/export-filters.ts';
import type { Queryable } from '../../src/queryable.ts';
import { COLLECTOR_REGISTRY } from '../compare/collectors.ts';
import { COLLECTOR_IDS } from '../results/collector-id.ts';
import { runCollector } from '../compare/run-collector.ts';
import type { FilterCase } from './filter-cases.ts';
import { quoteIdent } from '../core/quote-ident.ts';

/**
 * Reads `pg_stat_user_indexes.idx_scan`, after making this backend's counts visible: PostgreSQL 15+ keeps
 * them in the backend until it flushes, which `pg_stat_force_next_flush()` makes happen before the next query
 * is read; before 15 the statistics collector receives them asynchronously, so this waits for it.
 */
export async function indexScans(q: Queryable, indexName: string, versionNum: number): Promise<number> {
  if (versionNum >= 150_000) await q.query('SELECT pg_stat_force_next_flush()');
  else await sleep(1_000);
  await q.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await q.query<{ n: string | null }>(
    'SELECT idx_scan::text AS n FROM pg_stat_user_indexes WHERE indexrelid = to_regclass($1)',
    [quoteIdent(indexName)],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * The collectors whose exports the scan count runs: production's and the candidate's, what the server runs before
 * and after the change. The premise (`v1`, one record per round trip) is left out: its exports are the slowest by
 * far (seconds each at 1 000 documents, repeated for every index), and its extra statements are lookups by primary
 * key, which no candidate serves.
 */
export const SCAN_COLLECTORS = COLLECTOR_IDS.filter((name) => COLLECTOR_REGISTRY[name].role !== 'premise');

/**
 * `idx_scan` gained by `indexName` over one run of every filter case's export, with each of {@link SCAN_COLLECTORS}.
 *
 * @param versionNum the server's `server_version_num`, which decides how {@link indexScans} reads the counts.
 */
export async function scansOverExports(
  client: pg.ClientBase,
  indexName: string,
  filterCases: readonly FilterCase[],
  versionNum: number,
): Promise<number> {
  const before = await indexScans(client, indexName, versionNum);
  for (const filterCase of filterCases) {
    const filters = parseExportFilters(filterCase.filters);
    for (const collector of SCAN_COLLECTORS) await runCollector(client, collector, filters);
  }
  return (await indexScans(client, indexName, versionNum)) - before;
}
