import { describe, expect, it } from 'vitest';
import { NO_EXPORT_FILTERS, parseExportFilters } from './export-filters.ts';
import {
  HsCodeFilterError,
  substanceFilterFromIds,
  substanceFilterRequested,
  substanceLookupSql,
} from './substance-filter.ts';

describe('substanceFilterRequested', () => {
  it('is true for substance_name, substance_group_id or hs_code only', () => {
    expect(substanceFilterRequested(NO_EXPORT_FILTERS)).toBe(false);
    expect(substanceFilterRequested(parseExportFilters({ organization_search: 'x', year_to: 2020 }))).toBe(
      false,
    );
    expect(substanceFilterRequested(parseExportFilters({ substance_name: 'R-4' }))).toBe(true);
    expect(substanceFilterRequested(parseExportFilters({ substance_group_id: 2 }))).toBe(true);
    expect(substanceFilterRequested(parseExportFilters({ hs_code: '2903' }))).toBe(true);
    expect(
      substanceFilterRequested(
        parseExportFilters({ substance_name: '', substance_group_id: 0, hs_code: '' }),
      ),
    ).toBe(false);
  });
});

describe('substanceLookupSql', () => {
  it('searches active substances by en_US name and group', () => {
    expect(
      substanceLookupSql(parseExportFilters({ substance_name: "HFC'134", substance_group_id: 4 })),
    ).toEqual({
      text:
        "SELECT id FROM controlled_substance WHERE active = TRUE AND (name->>'en_US') ILIKE ('%' || $1::text || '%') " +
        'AND substance_group_id = $2::int ORDER BY id',
      values: ["HFC'134", 4],
    });
  });

  it('searches by group alone', () => {
    expect(substanceLookupSql(parseExportFilters({ substance_group_id: 1 }))).toEqual({
      text: 'SELECT id FROM controlled_substance WHERE active = TRUE AND substance_group_id = $1::int ORDER BY id',
      values: [1],
    });
  });

  it('throws HsCodeFilterError for a non-empty hs_code, whatever the other keys', () => {
    const filters = parseExportFilters({ substance_name: 'HFC', hs_code: '29034' });
    expect(() => substanceLookupSql(filters)).toThrow(HsCodeFilterError);
    expect(() => substanceLookupSql(filters)).toThrow(
      'the hs_code filter ("29034") cannot be applied: controlled.substance has no hs_code field (only hs_code_id), ' +
        'so the current export fails with "Invalid field" and writes no workbook. ' +
        'Remove hs_code from the filters or leave it empty to export.',
    );
  });

  it('refuses to build a search that was not requested', () => {
    expect(() => substanceLookupSql(NO_EXPORT_FILTERS)).toThrow(RangeError);
  });
});

describe('substanceFilterFromIds', () => {
  it('null (not requested) gives no filtering', () => {
    expect(substanceFilterFromIds(null)).toBeNull();
  });

  it('an empty result also gives no filtering (the empty-list quirk, spec 8 item 2)', () => {
    expect(substanceFilterFromIds([])).toBeNull();
  });

  it('ids give an active filter', () => {
    expect(substanceFilterFromIds([3, 1, 3])).toEqual({ ids: new Set([1, 3]) });
  });
});
