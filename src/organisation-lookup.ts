import {
  organisationFilterRequested,
  partnerLookupSql,
  resolveOrganisationFilter,
  stateLookupSql,
  type OrganisationFilter,
} from './document-filter-sql.ts';
import type { ExportFilters } from './export-filters.ts';
import type { Queryable } from './queryable.ts';

/**
 * The lookups `_build_filter_domain` sends before the document search, as the current code does them (v1
 * and v1-orm alike): the states matching `province` (only when `province` is set), then the partner search
 * (only when the organisation pre-filter has a clause). Searches return ids only, so the ORM's prefetch
 * changes nothing here.
 */
export async function lookUpOrganisations(q: Queryable, filters: ExportFilters): Promise<OrganisationFilter> {
  if (!organisationFilterRequested(filters)) return 'no-filter';
  let stateIds: number[] | null = null;
  if (filters.province !== null) {
    const states = stateLookupSql(filters.province);
    stateIds = (await q.query<{ id: number }>(states.text, states.values)).rows.map((r) => r.id);
  }
  const partners = partnerLookupSql(filters, stateIds);
  if (partners === null) return 'no-filter';
  const partnerIds = (await q.query<{ id: number }>(partners.text, partners.values)).rows.map((r) => r.id);
  return resolveOrganisationFilter(partnerIds);
}
