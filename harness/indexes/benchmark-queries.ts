import type pg from 'pg';
import { partnerLookupSql } from '../../src/document-filter-sql.ts';
import { parseExportFilters } from '../../src/export-filters.ts';
import { COLLECTOR_IDS } from '../results/collector-id.ts';
import { runCollector } from '../compare/run-collector.ts';
import { assertSelectStatement, pickPlanTargets } from '../explain/explain-queries.ts';
import type { FilterCase, OrganizationSearch } from './filter-cases.ts';
import type { BenchmarkQuery, IndexSizeEvaluation } from '../results/index-evaluation-results.ts';

/** The queries to benchmark, and what each filter case's exports did while they were collected. */
export interface CollectedBenchmarkQueries {
  queries: BenchmarkQuery[];
  cases: IndexSizeEvaluation['filterCases'];
}

/**
 * Runs the export of every filter case once under the counting client, with every registered collector, and keeps every distinct
 * query (by fingerprint) that reads one of `tables`, with the parameters it was sent with; then adds the v1
 * partner lookups of the two organisation searches alone, which the operator-fit proofs explain. Statements
 * that are not a plain SELECT are left out, since the evaluation explains and reruns them.
 */
export async function collectBenchmarkQueries(
  client: pg.ClientBase,
  filterCases: readonly FilterCase[],
  tables: readonly string[],
  search: OrganizationSearch,
): Promise<CollectedBenchmarkQueries> {
  const queries: BenchmarkQuery[] = [];
  const seen = new Set<string>();
  const cases: IndexSizeEvaluation['filterCases'] = [];
  for (const filterCase of filterCases) {
    const filters = parseExportFilters(filterCase.filters);
    const record: IndexSizeEvaluation['filterCases'][number] = {
      id: filterCase.id,
      filters: filterCase.filters,
      exportedDocuments: null,
      queries: Object.fromEntries(COLLECTOR_IDS.map((name) => [name, null])),
      error: null,
    };
    for (const collector of COLLECTOR_IDS) {
      const outcome = await runCollector(client, collector, filters);
      if (outcome.kind === 'failed') {
        record.queries[collector] = outcome.queryCount;
        record.error = `${outcome.errorName}: ${outcome.error}`;
        continue;
      }
      record.queries[collector] = outcome.run.queryCount;
      record.exportedDocuments = outcome.run.documentCount;
      for (const target of pickPlanTargets(outcome.log, { collector, heaviestV1: Number.MAX_SAFE_INTEGER })) {
        const read = tablesRead(target.sql, tables);
        if (read.length === 0 || target.params === null || seen.has(target.fingerprintId)) continue;
        try {
          assertSelectStatement(target.sql);
        } catch {
          continue;
        }
        seen.add(target.fingerprintId);
        queries.push({
          id: `${filterCase.id}/${collector}/${target.fingerprintId}`,
          source: collector,
          filterCase: filterCase.id,
          fingerprintId: target.fingerprintId,
          fingerprint: target.fingerprint,
          calls: target.calls,
          tables: read,
          sql: target.sql,
          params: [...target.params],
        });
      }
    }
    cases.push(record);
  }
  // The partner lookups alone, as v1 sends them: the queries the operator-fit proofs explain.
  for (const [key, value] of [
    ['organization_code', search.code],
    ['organization_search', search.word],
  ] as const) {
    const lookup = partnerLookupSql(parseExportFilters({ [key]: value }), null);
    if (lookup === null) continue;
    queries.push({
      id: `partner-lookup/${key}`,
      source: 'partner-lookup',
      filterCase: key,
      fingerprintId: key,
      fingerprint: lookup.text,
      calls: 1,
      tables: ['res_partner'],
      sql: lookup.text,
      params: lookup.values,
    });
  }
  return { queries, cases };
}

function tablesRead(sql: string, tables: readonly string[]): string[] {
  return tables.filter((t) => new RegExp(`\\b${t}\\b`).test(sql));
}
