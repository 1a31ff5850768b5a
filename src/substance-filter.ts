import { ilikeContains, SqlParams, type SqlQuery } from './document-filter-sql.ts';
import type { ExportFilters } from './export-filters.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';

/**
 * The substance filter of spec 2.2: a `controlled.substance` search computed by `_collect_export_data` only
 * when documents were found, and applied inside sheets 2-6 only (it never removes documents).
 *
 * Use, in both collectors:
 * 1. after the document search, if no document matched, stop with the usual "no documents" outcome (the
 *    substance filter is never built, so an `hs_code` filter does not fail then);
 * 2. if `substanceFilterRequested(filters)`, run `substanceLookupSql(filters)` (which throws
 *    `HsCodeFilterError` for a non-empty `hs_code`) and pass the ids to `substanceFilterFromIds`;
 *    otherwise `substanceFilterFromIds(null)`.
 */

/**
 * A non-empty `hs_code` filter: the original export builds the domain `('hs_code', 'ilike', v)` on
 * `controlled.substance`, which has no `hs_code` field, so Odoo raises "Invalid field" and the export returns
 * its JSON error instead of a workbook (spec 2.2, section 8 item 1). Both collectors reproduce this as an
 * error outcome.
 */
export class HsCodeFilterError extends Error {
  override name = 'HsCodeFilterError';
  /** The `hs_code` value that was given. */
  readonly hsCode: string;

  constructor(hsCode: string) {
    super(
      `the hs_code filter (${JSON.stringify(hsCode)}) cannot be applied: controlled.substance has no hs_code ` +
        'field (only hs_code_id), so the current export fails with "Invalid field" and writes no workbook. ' +
        'Remove hs_code from the filters or leave it empty to export.',
    );
    this.hsCode = hsCode;
  }
}

/** Whether the substance search runs (once documents were found): `substance_name`, `substance_group_id` or `hs_code`. */
export function substanceFilterRequested(filters: ExportFilters): boolean {
  return filters.substanceName !== null || filters.substanceGroupId !== null || filters.hsCode !== null;
}

/**
 * The substance search: ids of the **active** substances (archived ones are excluded, Odoo's `active_test`)
 * matching every given part: `name->>'en_US' ILIKE %v%` (the translated name in the harness's only language;
 * same ILIKE rules as the document filter, see `document-filter-sql.ts`) and `substance_group_id = v`.
 *
 * @throws HsCodeFilterError when `hs_code` is set, whatever the other keys (the whole domain fails to parse).
 * @throws RangeError when no substance key is set (call `substanceFilterRequested` first).
 */
export function substanceLookupSql(filters: ExportFilters): SqlQuery {
  if (filters.hsCode !== null) throw new HsCodeFilterError(filters.hsCode);
  if (!substanceFilterRequested(filters)) {
    throw new RangeError('substanceLookupSql needs substance_name or substance_group_id; none is set');
  }
  const params = new SqlParams();
  const clauses = ['active = TRUE'];
  if (filters.substanceName !== null) {
    clauses.push(ilikeContains(`(name->>'en_US')`, params.add(filters.substanceName)));
  }
  if (filters.substanceGroupId !== null) {
    clauses.push(`substance_group_id = ${params.add(filters.substanceGroupId)}::int`);
  }
  return {
    text: `SELECT id FROM controlled_substance WHERE ${clauses.join(' AND ')} ORDER BY id`,
    values: params.values,
  };
}

/**
 * The filter the sheets receive, from the substance search result:
 * - `null` (search not requested) → `null`, no filtering;
 * - `[]` (search matched nothing) → `null` too: the original code tests `if substance_filter_ids and ...`, and
 *   an empty list is falsy, so a filter that matches nothing **disables** substance filtering (spec 8 item 2);
 * - otherwise `{ ids }`.
 */
export function substanceFilterFromIds(ids: readonly number[] | null): SubstanceFilter {
  if (ids === null || ids.length === 0) return null;
  return { ids: new Set(ids) };
}
