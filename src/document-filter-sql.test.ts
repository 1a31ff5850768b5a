import { describe, expect, it } from 'vitest';
import {
  documentSearchSql,
  documentWhereSql,
  organisationFilterRequested,
  partnerLookupSql,
  resolveOrganisationFilter,
  SqlParams,
  stateLookupSql,
  type DocumentSearchColumn,
} from './document-filter-sql.ts';
import { NO_EXPORT_FILTERS, parseExportFilters, type ExportFilters } from './export-filters.ts';

const filters = (input: Record<string, unknown>): ExportFilters => parseExportFilters(input);

const ILIKE = (column: string, n: number): string => `${column} ILIKE ('%' || $${n}::text || '%')`;

describe('SqlParams', () => {
  it('numbers placeholders from the first index', () => {
    const params = new SqlParams(4);
    expect([params.add('a'), params.add(2)]).toEqual(['$4', '$5']);
    expect(params.values).toEqual(['a', 2]);
  });

  it('rejects a first index below 1', () => {
    expect(() => new SqlParams(0)).toThrow('firstParamIndex must be an integer >= 1, received 0');
  });
});

describe('v1 builders', () => {
  it('stateLookupSql searches state names in every country, the value as a parameter', () => {
    expect(stateLookupSql("Hà'; DROP TABLE res_partner; --")).toEqual({
      text: `SELECT id FROM res_country_state WHERE ${ILIKE('name', 1)} ORDER BY id`,
      values: ["Hà'; DROP TABLE res_partner; --"],
    });
  });

  it('partnerLookupSql ANDs name, code and matched states, active partners only', () => {
    expect(
      partnerLookupSql(
        filters({ organization_search: 'An', organization_code: '01', province: 'Huế' }),
        [7, 3],
      ),
    ).toEqual({
      text:
        `SELECT id FROM res_partner WHERE active = TRUE AND ${ILIKE('name', 1)} AND ${ILIKE('business_id', 2)} ` +
        'AND state_id = ANY($3::int[]) ORDER BY id',
      values: ['An', '01', [7, 3]],
    });
  });

  it('partnerLookupSql drops the province part when no state matched', () => {
    expect(partnerLookupSql(filters({ organization_code: '01', province: 'Nowhere' }), [])).toEqual({
      text: `SELECT id FROM res_partner WHERE active = TRUE AND ${ILIKE('business_id', 1)} ORDER BY id`,
      values: ['01'],
    });
  });

  it('partnerLookupSql returns null when only a province matched no state (no clause at all)', () => {
    expect(partnerLookupSql(filters({ province: 'Nowhere' }), [])).toBeNull();
    expect(partnerLookupSql(NO_EXPORT_FILTERS, null)).toBeNull();
  });

  it('partnerLookupSql with only a matching province filters on the state', () => {
    expect(partnerLookupSql(filters({ province: 'Huế' }), [9])).toEqual({
      text: 'SELECT id FROM res_partner WHERE active = TRUE AND state_id = ANY($1::int[]) ORDER BY id',
      values: [[9]],
    });
  });

  it('resolveOrganisationFilter maps lookup results', () => {
    expect(resolveOrganisationFilter(null)).toBe('no-filter');
    expect(resolveOrganisationFilter([])).toBe('none');
    expect(resolveOrganisationFilter([4, 2])).toEqual([4, 2]);
  });

  it('organisationFilterRequested looks at name, code and province only', () => {
    expect(organisationFilterRequested(NO_EXPORT_FILTERS)).toBe(false);
    expect(organisationFilterRequested(filters({ substance_name: 'x', year_from: 2020 }))).toBe(false);
    expect(organisationFilterRequested(filters({ province: 'x' }))).toBe(true);
    expect(organisationFilterRequested(filters({ organization_code: 'x' }))).toBe(true);
  });

  it('documentSearchSql defaults to completed documents, ids only, latest first', () => {
    expect(documentSearchSql(NO_EXPORT_FILTERS, 'no-filter')).toEqual({
      text:
        "SELECT id FROM document_extraction WHERE document_extraction.state = 'completed' " +
        'ORDER BY create_date DESC, id DESC',
      values: [],
    });
  });

  it('documentSearchSql combines every document clause with the partner ids', () => {
    const query = documentSearchSql(
      filters({ status: ['validated', 'draft'], activity_field_ids: [8, 1], year_from: 2020, year_to: 2023 }),
      [11, 12],
      ['id', 'organization_id', 'year', 'document_type', 'create_date'],
    );
    expect(query).toEqual({
      text:
        'SELECT id, organization_id, year, document_type, create_date FROM document_extraction WHERE ' +
        'document_extraction.state = ANY($1::text[]) AND ' +
        'EXISTS (SELECT 1 FROM document_extraction_activity_field_rel filter_rel ' +
        'WHERE filter_rel.document_id = document_extraction.id AND filter_rel.activity_field_id = ANY($2::int[])) AND ' +
        'document_extraction.year >= $3::int AND ' +
        '(document_extraction.year <= $4::int OR document_extraction.year IS NULL) AND ' +
        'document_extraction.organization_id = ANY($5::int[]) ' +
        'ORDER BY create_date DESC, id DESC',
      values: [['draft', 'validated'], [1, 8], 2020, 2023, [11, 12]],
    });
  });

  it("documentSearchSql with 'none' (or no partner) selects nothing", () => {
    const expected = {
      text:
        "SELECT id FROM document_extraction WHERE document_extraction.state = 'completed' AND FALSE " +
        'ORDER BY create_date DESC, id DESC',
      values: [],
    };
    expect(documentSearchSql(NO_EXPORT_FILTERS, 'none')).toEqual(expected);
    expect(documentSearchSql(NO_EXPORT_FILTERS, [])).toEqual(expected);
  });

  it('documentSearchSql refuses columns outside its list', () => {
    expect(() =>
      documentSearchSql(NO_EXPORT_FILTERS, 'no-filter', ['id; DROP' as DocumentSearchColumn]),
    ).toThrow('documentSearchSql cannot select "id; DROP"');
    expect(() => documentSearchSql(NO_EXPORT_FILTERS, 'no-filter', [])).toThrow('at least one column');
  });
});

describe('year bounds follow Odoo 18 NULL-as-0 semantics', () => {
  const where = (input: Record<string, unknown>): string => documentWhereSql(filters(input), 1, 'd').text;

  it('a positive year_from excludes NULL years', () => {
    expect(where({ year_from: 2020 })).toBe("d.state = 'completed' AND d.year >= $1::int");
  });

  it('a positive year_to includes NULL years', () => {
    expect(where({ year_to: 2020 })).toBe("d.state = 'completed' AND (d.year <= $1::int OR d.year IS NULL)");
  });

  it('a negative year_from includes NULL years (0 >= -5)', () => {
    expect(where({ year_from: -5 })).toBe("d.state = 'completed' AND (d.year >= $1::int OR d.year IS NULL)");
  });

  it('a negative year_to excludes NULL years (0 <= -5 is false)', () => {
    expect(where({ year_to: -5 })).toBe("d.state = 'completed' AND d.year <= $1::int");
  });
});

describe('documentWhereSql (v2)', () => {
  it('without filters is the backend default', () => {
    expect(documentWhereSql(NO_EXPORT_FILTERS)).toEqual({
      text: "document_extraction.state = 'completed'",
      values: [],
    });
  });

  it('numbers its parameters from firstParamIndex and uses the alias', () => {
    expect(documentWhereSql(filters({ status: ['completed'], year_from: 2021 }), 3, 'doc')).toEqual({
      text: 'doc.state = ANY($3::text[]) AND doc.year >= $4::int',
      values: [['completed'], 2021],
    });
  });

  it('name and code: partner sub-query over active partners', () => {
    expect(documentWhereSql(filters({ organization_search: 'An', organization_code: '01' }), 1, 'd')).toEqual(
      {
        text:
          "d.state = 'completed' AND d.organization_id IN (SELECT filter_partner.id FROM res_partner filter_partner " +
          `WHERE filter_partner.active = TRUE AND ${ILIKE('filter_partner.name', 1)} AND ` +
          `${ILIKE('filter_partner.business_id', 2)})`,
        values: ['An', '01'],
      },
    );
  });

  it('only a province: no organisation filter at all when no state matches', () => {
    const states = `SELECT filter_state.id FROM res_country_state filter_state WHERE ${ILIKE('filter_state.name', 1)}`;
    expect(documentWhereSql(filters({ province: 'Huế' }), 1, 'd')).toEqual({
      text:
        `d.state = 'completed' AND (NOT EXISTS (${states}) OR d.organization_id IN ` +
        '(SELECT filter_partner.id FROM res_partner filter_partner WHERE filter_partner.active = TRUE AND ' +
        `filter_partner.state_id IN (${states})))`,
      values: ['Huế'],
    });
  });

  it('province with a name: the province part only drops out of the partner search', () => {
    const states = `SELECT filter_state.id FROM res_country_state filter_state WHERE ${ILIKE('filter_state.name', 2)}`;
    expect(documentWhereSql(filters({ organization_search: 'An', province: 'Huế' }), 1, 'd')).toEqual({
      text:
        "d.state = 'completed' AND d.organization_id IN (SELECT filter_partner.id FROM res_partner filter_partner " +
        `WHERE filter_partner.active = TRUE AND ${ILIKE('filter_partner.name', 1)} AND ` +
        `(NOT EXISTS (${states}) OR filter_partner.state_id IN (${states})))`,
      values: ['An', 'Huế'],
    });
  });

  it('never puts a user value into the SQL text', () => {
    const hostile = "x'); DROP TABLE document_extraction; --";
    const query = documentWhereSql(
      filters({ organization_search: hostile, organization_code: hostile, province: hostile }),
      1,
      'd',
    );
    expect(query.text).not.toContain('DROP');
    expect(query.values).toEqual([hostile, hostile, hostile]);
  });

  it.each(['filter_partner', 'D', 'd; x', ''])('rejects the table alias %j', (alias) => {
    expect(() => documentWhereSql(NO_EXPORT_FILTERS, 1, alias)).toThrow(
      'tableAlias must be a lower-case SQL identifier',
    );
  });
});
