import type { ExportFilters } from './export-filters.ts';

/**
 * The document filter of spec 2.1 (`_build_filter_domain`) as parameterised SQL. Pure builders: they take
 * validated `ExportFilters` and return SQL text with `$n` placeholders plus the values, never a user value
 * inside the text.
 *
 * Two shapes of the same semantics:
 * - **v1 (Odoo style, several round trips)**: `stateLookupSql`, then `partnerLookupSql`, then
 *   `documentSearchSql` with the partner ids found, as Odoo's `_build_filter_domain` runs three searches.
 *   `resolveOrganisationFilter` turns the lookups' results into the argument of `documentSearchSql`.
 * - **v2 (one round trip)**: `documentWhereSql`, a condition to embed in a larger query that resolves the
 *   organisation pre-filter in sub-queries, quirks included.
 *
 * ILIKE semantics (Odoo 18 core, `Field._condition_to_sql`): the pattern is `'%' || value || '%'`, built here in
 * SQL from the raw parameter. Nothing in the value is escaped, exactly as Odoo passes `f"%{value}%"` as a
 * query parameter:
 * - `%` and `_` typed by the user act as wildcards;
 * - a backslash is PostgreSQL's default LIKE escape character, so it escapes the next character: `\%`
 *   matches a literal `%`, `\_` a literal `_`, `\\` one backslash, `\a` a plain `a`; a trailing backslash
 *   escapes the closing `%`, so `abc\` matches values that *end* with `abc%` (and never raises PostgreSQL's
 *   "LIKE pattern must not end with escape character", since the pattern always ends with `%`). This is what
 *   Odoo 18 does, so both collectors keep it;
 * - quotes, semicolons and SQL keywords are plain data (they only ever travel as parameters);
 * - case is folded by the database's LC_CTYPE; accents are not folded (Odoo's `unaccent` is off by default);
 *   NULL never matches.
 */

/** SQL text with `$n` placeholders and the values they stand for. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * What the organisation pre-filter means for the document search, once the v1 lookups have run:
 * - `'no-filter'`: no organisation clause at all (no organisation key given, or only a `province` that matched
 *   no state: spec section 8 item 3);
 * - `'none'`: the partner search matched nothing, so no document can match (Odoo's `id = False`);
 * - a non-empty list of partner ids: `organization_id IN (ids)`. An empty list is treated as `'none'`.
 */
export type OrganisationFilter = readonly number[] | 'no-filter' | 'none';

/** Columns of `document_extraction` that `documentSearchSql` may select. */
export type DocumentSearchColumn =
  | 'id'
  | 'organization_id'
  | 'year'
  | 'document_type'
  | 'create_date'
  | 'state'
  | 'contact_state_id';

const DOCUMENT_SEARCH_COLUMNS: ReadonlySet<string> = new Set<DocumentSearchColumn>([
  'id',
  'organization_id',
  'year',
  'document_type',
  'create_date',
  'state',
  'contact_state_id',
]);

/** Aliases used inside the generated sub-queries; an outer alias must differ from them. */
const INNER_ALIASES = ['filter_rel', 'filter_partner', 'filter_state'] as const;

/**
 * Collects parameter values and hands out their placeholders, starting at a given index, so fragments can be
 * embedded in a larger query that already has parameters.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** @param firstIndex the number of the first placeholder this collector hands out (`$firstIndex`). */
  constructor(private readonly firstIndex = 1) {
    if (!Number.isInteger(firstIndex) || firstIndex < 1) {
      throw new RangeError(`firstParamIndex must be an integer >= 1, received ${String(firstIndex)}`);
    }
  }

  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.firstIndex + this.values.length - 1}`;
  }
}

/** `<column> ILIKE '%' || $n || '%'`, Odoo's `ilike` (see the module comment for backslashes). */
export function ilikeContains(column: string, placeholder: string): string {
  return `${column} ILIKE ('%' || ${placeholder}::text || '%')`;
}

/** Whether the organisation pre-filter runs at all: one of `organization_search`, `organization_code`, `province`. */
export function organisationFilterRequested(filters: ExportFilters): boolean {
  return (
    filters.organizationSearch !== null || filters.organizationCode !== null || filters.province !== null
  );
}

/**
 * v1, first lookup (only when `province` is set): the ids of `res_country_state` whose name contains the
 * province, in **all countries** (the filter does not restrict to Vietnam).
 */
export function stateLookupSql(province: string): SqlQuery {
  const params = new SqlParams();
  return {
    text: `SELECT id FROM res_country_state WHERE ${ilikeContains('name', params.add(province))} ORDER BY id`,
    values: params.values,
  };
}

/**
 * v1, second lookup: the partner search of the organisation pre-filter, its parts ANDed: `name ILIKE`,
 * `business_id ILIKE`, and `state_id IN (stateIds)` **only when at least one state matched**. Archived partners
 * never match (Odoo's `active_test`).
 *
 * @param stateIds the result of `stateLookupSql` (`null` when `province` is not set).
 * @returns `null` when the search would have no clause at all (only a province that matched no state, or no
 *   organisation key): then the document search gets `'no-filter'`, not the list of every partner.
 */
export function partnerLookupSql(
  filters: ExportFilters,
  stateIds: readonly number[] | null,
): SqlQuery | null {
  const params = new SqlParams();
  const clauses: string[] = [];
  if (filters.organizationSearch !== null)
    clauses.push(ilikeContains('name', params.add(filters.organizationSearch)));
  if (filters.organizationCode !== null) {
    clauses.push(ilikeContains('business_id', params.add(filters.organizationCode)));
  }
  if (filters.province !== null && stateIds !== null && stateIds.length > 0) {
    clauses.push(`state_id = ANY(${params.add([...stateIds])}::int[])`);
  }
  if (clauses.length === 0) return null;
  return {
    text: `SELECT id FROM res_partner WHERE active = TRUE AND ${clauses.join(' AND ')} ORDER BY id`,
    values: params.values,
  };
}

/**
 * v1: what the partner search result means for the documents (see `OrganisationFilter`).
 *
 * @param partnerIds the ids returned by the `partnerLookupSql` query, or `null` when that builder returned
 *   `null` (no clause) or the pre-filter was not requested.
 */
export function resolveOrganisationFilter(partnerIds: readonly number[] | null): OrganisationFilter {
  if (partnerIds === null) return 'no-filter';
  return partnerIds.length === 0 ? 'none' : partnerIds;
}

/**
 * v1, the document search: `SELECT <columns> FROM document_extraction WHERE <spec 2.1> ORDER BY create_date DESC,
 * id DESC`, as Odoo's `Document.search(domain, order='create_date desc, id desc')`.
 *
 * By default it selects `id` only, as Odoo's `search` does; the v1 collector then reads the document fields it
 * needs itself. `columns` may name more (a fixed list of identifiers, never user input).
 *
 * With `organisation = 'none'` the condition contains `FALSE` and the query returns no row; a collector that
 * models Odoo skipping an obviously empty search may choose not to send it.
 */
export function documentSearchSql(
  filters: ExportFilters,
  organisation: OrganisationFilter,
  columns: readonly DocumentSearchColumn[] = ['id'],
): SqlQuery {
  if (columns.length === 0) throw new RangeError('documentSearchSql needs at least one column');
  for (const column of columns) {
    if (!DOCUMENT_SEARCH_COLUMNS.has(column)) {
      throw new RangeError(
        `documentSearchSql cannot select "${String(column)}"; allowed: ${[...DOCUMENT_SEARCH_COLUMNS].join(', ')}`,
      );
    }
  }
  const params = new SqlParams();
  const alias = 'document_extraction';
  const conditions = documentConditions(filters, params, alias);
  if (organisation === 'none' || (Array.isArray(organisation) && organisation.length === 0)) {
    conditions.push('FALSE');
  } else if (organisation !== 'no-filter') {
    conditions.push(`${alias}.organization_id = ANY(${params.add([...organisation])}::int[])`);
  }
  return {
    text:
      `SELECT ${columns.join(', ')} FROM document_extraction WHERE ${conditions.join(' AND ')} ` +
      'ORDER BY create_date DESC, id DESC',
    values: params.values,
  };
}

/**
 * v2: the whole document filter of spec 2.1 as one SQL condition (no `WHERE` keyword), to embed in a larger
 * query over `document_extraction`. The organisation pre-filter is resolved inside SQL with the same outcome as
 * the v1 lookups:
 * - partner search with clauses → `organization_id IN (SELECT active partners matching ...)`, which is empty,
 *   hence no document, when no partner matches;
 * - the province part applies only when at least one state matches (a `NOT EXISTS` on the states);
 * - only a province, matching no state → the organisation condition is true for every document (including
 *   documents without organisation), i.e. no organisation filter.
 *
 * @param firstParamIndex the number of the first placeholder to use (`$firstParamIndex`), after the
 *   outer query's own parameters; `values[i]` is the value of `$(firstParamIndex + i)`.
 * @param tableAlias how the outer query names `document_extraction` (default: the table name). It must be a plain
 *   lower-case identifier and must not be one of the sub-query aliases (`filter_rel`, `filter_partner`,
 *   `filter_state`).
 */
export function documentWhereSql(
  filters: ExportFilters,
  firstParamIndex = 1,
  tableAlias = 'document_extraction',
): SqlQuery {
  if (!/^[a-z_][a-z0-9_]*$/.test(tableAlias) || (INNER_ALIASES as readonly string[]).includes(tableAlias)) {
    throw new RangeError(
      `documentWhereSql tableAlias must be a lower-case SQL identifier other than ${INNER_ALIASES.join(', ')}; ` +
        `received ${JSON.stringify(tableAlias)}`,
    );
  }
  const params = new SqlParams(firstParamIndex);
  const conditions = documentConditions(filters, params, tableAlias);
  const organisation = organisationConditionSql(filters, params, tableAlias);
  if (organisation !== null) conditions.push(organisation);
  return { text: conditions.join(' AND '), values: params.values };
}

/** The document-level clauses other than the organisation pre-filter, in `_build_filter_domain` order. */
function documentConditions(filters: ExportFilters, params: SqlParams, alias: string): string[] {
  const conditions: string[] = [];
  // Backend default: an absent or empty status means completed only (spec 2.1, section 8 item 12).
  conditions.push(
    filters.status === null
      ? `${alias}.state = 'completed'`
      : `${alias}.state = ANY(${params.add([...filters.status])}::text[])`,
  );
  if (filters.activityFieldIds !== null) {
    // The rel table is read directly: an archived activity field still satisfies the filter (spec 1.4).
    conditions.push(
      `EXISTS (SELECT 1 FROM document_extraction_activity_field_rel filter_rel ` +
        `WHERE filter_rel.document_id = ${alias}.id ` +
        `AND filter_rel.activity_field_id = ANY(${params.add([...filters.activityFieldIds])}::int[]))`,
    );
  }
  // Odoo 18 reads a NULL integer as 0, so a NULL year satisfies a comparison exactly when 0 does: never for a
  // positive year_from, always for a positive year_to (spec 2.1 and the contract decisions).
  if (filters.yearFrom !== null) {
    const clause = `${alias}.year >= ${params.add(filters.yearFrom)}::int`;
    conditions.push(0 >= filters.yearFrom ? `(${clause} OR ${alias}.year IS NULL)` : clause);
  }
  if (filters.yearTo !== null) {
    const clause = `${alias}.year <= ${params.add(filters.yearTo)}::int`;
    conditions.push(0 <= filters.yearTo ? `(${clause} OR ${alias}.year IS NULL)` : clause);
  }
  return conditions;
}

/** The v2 organisation condition, or `null` when the pre-filter is not requested. */
function organisationConditionSql(filters: ExportFilters, params: SqlParams, alias: string): string | null {
  if (!organisationFilterRequested(filters)) return null;
  const partnerClauses: string[] = ['filter_partner.active = TRUE'];
  if (filters.organizationSearch !== null) {
    partnerClauses.push(ilikeContains('filter_partner.name', params.add(filters.organizationSearch)));
  }
  if (filters.organizationCode !== null) {
    partnerClauses.push(ilikeContains('filter_partner.business_id', params.add(filters.organizationCode)));
  }
  const hasNameOrCode = partnerClauses.length > 1;
  let noStateMatched: string | null = null;
  if (filters.province !== null) {
    const matchingStates =
      'SELECT filter_state.id FROM res_country_state filter_state ' +
      `WHERE ${ilikeContains('filter_state.name', params.add(filters.province))}`;
    noStateMatched = `NOT EXISTS (${matchingStates})`;
    const stateClause = `filter_partner.state_id IN (${matchingStates})`;
    // With a name or code, a province matching no state only drops out of the partner search.
    partnerClauses.push(hasNameOrCode ? `(${noStateMatched} OR ${stateClause})` : stateClause);
  }
  const partnerSearch =
    `${alias}.organization_id IN (SELECT filter_partner.id FROM res_partner filter_partner ` +
    `WHERE ${partnerClauses.join(' AND ')})`;
  // Only a province: when it matches no state the partner search has no clause at all and Odoo applies no
  // organisation filter (documents without organisation pass too).
  return noStateMatched !== null && !hasNameOrCode
    ? `(${noStateMatched} OR ${partnerSearch})`
    : partnerSearch;
}
