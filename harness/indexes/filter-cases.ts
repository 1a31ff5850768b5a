import type { Queryable } from '../../src/queryable.ts';

/** A filter case whose real export queries are benchmarked. */
export interface FilterCase {
  id: string;
  filters: Record<string, unknown>;
}

/** Values of the organisation filters that match seeded data. */
export interface OrganizationSearch {
  /** An infix of a partner's `business_id`, for `organization_code`. */
  code: string;
  /** A word of that partner's name, for `organization_search`. */
  word: string;
}

/**
 * The filter cases (issue 5): no filter (the backend default, completed documents), a year filter, the
 * activity-field filter, the organisation code alone, and all filters together. The organisation code and
 * name are real infixes of a seeded partner, long enough (3 characters or more) for a trigram index to apply.
 */
export function defaultFilterCases(organizationCode: string, organizationSearch: string): FilterCase[] {
  return [
    { id: 'no-filter', filters: {} },
    { id: 'year', filters: { year_from: 2022 } },
    { id: 'activity', filters: { activity_field_ids: [1, 2] } },
    { id: 'organization-code', filters: { organization_code: organizationCode } },
    {
      id: 'all-filters',
      filters: {
        organization_search: organizationSearch,
        organization_code: organizationCode,
        substance_name: 'HFC',
        activity_field_ids: [1, 2, 3, 4, 5, 6, 7, 8],
        year_from: 2019,
        year_to: 2025,
        status: ['draft', 'validated', 'completed'],
      },
    },
  ];
}

/**
 * A real organisation code infix (6 characters from the second one of the first active partner with documents)
 * and the longest word of that partner's name, so the "organisation" filter cases find documents.
 */
export async function organizationSearchValues(q: Queryable): Promise<OrganizationSearch> {
  const { rows } = await q.query<{ business_id: string; name: string | null }>(
    `SELECT p.business_id, p.name FROM res_partner p
      WHERE p.active AND length(p.business_id) >= 8
        AND EXISTS (SELECT 1 FROM document_extraction d WHERE d.organization_id = p.id AND d.state = 'completed')
      ORDER BY p.id LIMIT 1`,
  );
  const row = rows[0];
  if (row === undefined) {
    throw new Error(
      'evaluateIndexes: no active partner with a business_id and a completed document; seed the database first',
    );
  }
  const words = (row.name ?? '').split(/\s+/).filter((w) => w.length >= 3);
  const word = words.reduce((best, w) => (w.length > best.length ? w : best), words[0] ?? 'TNHH');
  return { code: row.business_id.slice(1, 7), word };
}
