import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FilterError,
  NO_EXPORT_FILTERS,
  parseExportFilters,
  parseFiltersArgument,
} from './export-filters.ts';

/** The filter object exactly as the front end posts it with nothing selected. */
const FRONT_END_DEFAULTS = {
  organization_search: '',
  organization_code: '',
  province: '',
  substance_name: '',
  hs_code: '',
  substance_group_id: null,
  activity_field_ids: [],
  year_from: null,
  year_to: null,
  quantity_min: '',
  quantity_max: null,
  quota_min: 0,
  status: [],
};

function filterError(input: unknown): FilterError {
  try {
    parseExportFilters(input);
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error(`expected a FilterError for ${JSON.stringify(input)}`);
}

describe('parseExportFilters: normalisation', () => {
  it('turns an empty object into all-absent filters', () => {
    expect(parseExportFilters({})).toEqual(NO_EXPORT_FILTERS);
  });

  it('treats the front end defaults (empty strings, null, [], 0) as absent', () => {
    expect(parseExportFilters(FRONT_END_DEFAULTS)).toEqual(NO_EXPORT_FILTERS);
  });

  it('treats 0 as absent for integer keys, as Python truthiness does', () => {
    expect(parseExportFilters({ year_from: 0, year_to: 0, substance_group_id: 0 })).toEqual(
      NO_EXPORT_FILTERS,
    );
  });

  it('keeps meaningful values and maps snake_case keys to the normalised shape', () => {
    expect(
      parseExportFilters({
        organization_search: 'Công ty',
        organization_code: '0101',
        province: 'Hà Nội',
        substance_name: 'HFC-134a',
        hs_code: '2903',
        substance_group_id: 3,
        activity_field_ids: [5, 2, 5, 7],
        year_from: 2020,
        year_to: 2024,
        status: ['completed', 'draft', 'completed'],
        quantity_min: 1.5,
      }),
    ).toEqual({
      organizationSearch: 'Công ty',
      organizationCode: '0101',
      province: 'Hà Nội',
      substanceName: 'HFC-134a',
      hsCode: '2903',
      substanceGroupId: 3,
      activityFieldIds: [2, 5, 7],
      yearFrom: 2020,
      yearTo: 2024,
      status: ['draft', 'completed'],
    });
  });

  it('keeps texts verbatim: whitespace, wildcards, backslashes and quotes are data', () => {
    const filters = parseExportFilters({ organization_search: " 50%_o'k\\ ", province: ' ' });
    expect(filters.organizationSearch).toBe(" 50%_o'k\\ ");
    expect(filters.province).toBe(' ');
  });

  it('accepts negative years and ids (valid integers; they simply match what SQL matches)', () => {
    const filters = parseExportFilters({ year_from: -1, activity_field_ids: [0, -3] });
    expect(filters.yearFrom).toBe(-1);
    expect(filters.activityFieldIds).toEqual([-3, 0]);
  });

  it('accepts the int4 bounds', () => {
    expect(parseExportFilters({ year_to: 2147483647, substance_group_id: -2147483648 })).toMatchObject({
      yearTo: 2147483647,
      substanceGroupId: -2147483648,
    });
  });
});

describe('parseExportFilters: rejection', () => {
  it.each([
    [null, 'null'],
    [[], 'the list []'],
    ['{"year_from": 2020}', 'the string "{\\"year_from\\": 2020}"'],
    [42, 'the number 42'],
  ])('rejects a non-object input %j', (input, received) => {
    const error = filterError(input);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ key: 'filters', received });
    expect(error.issues[0]?.expected).toContain('JSON object');
    expect(error.message).toContain(`but received ${received}`);
  });

  it('rejects an unknown key, naming it and suggesting the snake_case spelling', () => {
    const error = filterError({ yearFrom: 2020 });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.key).toBe('yearFrom');
    expect(error.message).toContain('yearFrom: expected "year_from" (the keys are snake_case)');
    expect(error.message).toContain('but received an unknown key, with the number 2020');
  });

  it('rejects an unknown key without a suggestion when nothing is close', () => {
    const error = filterError({ colour: 'red' });
    expect(error.message).toBe(
      'invalid export filters: colour: expected one of the known keys organization_search, organization_code, ' +
        'province, substance_name, hs_code, substance_group_id, activity_field_ids, year_from, year_to, status, ' +
        'quantity_min, quantity_max, quota_min, but received an unknown key, with the string "red"',
    );
  });

  it('rejects a scalar status (spec 2.1 ambiguity settled: rejected)', () => {
    const error = filterError({ status: 'completed' });
    expect(error.message).toBe(
      'invalid export filters: status: expected a list of states ("draft", "validated", "completed"), or null, ' +
        'but received the string "completed"',
    );
  });

  it("rejects status '' (only a list or null is accepted)", () => {
    expect(filterError({ status: '' }).issues[0]).toMatchObject({ key: 'status', received: 'the string ""' });
  });

  it('rejects an unknown state, naming the offending item', () => {
    const error = filterError({ status: ['completed', 'Completed'] });
    expect(error.issues[0]?.received).toBe(
      'the list ["completed","Completed"], whose item the string "Completed" is not one of those states',
    );
  });

  it('rejects a non-string state', () => {
    expect(filterError({ status: [1] }).issues[0]?.received).toContain('whose item the number 1');
  });

  it.each([
    [{ activity_field_ids: [1, 2.5] }, 'whose item the number 2.5 is not such an integer'],
    [{ activity_field_ids: ['1'] }, 'whose item the string "1" is not such an integer'],
    [{ activity_field_ids: [3000000000] }, 'whose item the number 3000000000 is not such an integer'],
    [{ activity_field_ids: 4 }, 'the number 4'],
    [{ activity_field_ids: '4' }, 'the string "4"'],
  ])('rejects activity_field_ids %j', (input, received) => {
    const error = filterError(input);
    expect(error.issues[0]?.key).toBe('activity_field_ids');
    expect(error.issues[0]?.expected).toBe('a list of integers between -2147483648 and 2147483647, or null');
    expect(error.issues[0]?.received).toContain(received);
  });

  it.each([
    ['year_from', '2020', 'the string "2020"'],
    ['year_to', 2020.5, 'the number 2020.5'],
    ['year_to', true, 'the boolean true'],
    ['substance_group_id', [1], 'the list [1]'],
    ['substance_group_id', 2147483648, 'the number 2147483648'],
    ['year_from', { y: 1 }, 'an object {"y":1}'],
  ])('rejects %s = %j', (key, value, received) => {
    const error = filterError({ [key]: value });
    expect(error.message).toBe(
      `invalid export filters: ${key}: expected an integer between -2147483648 and 2147483647, or null, ` +
        `but received ${received}`,
    );
  });

  it.each([
    ['organization_search', 5, 'the number 5'],
    ['province', ['Hà Nội'], 'the list ["Hà Nội"]'],
    ['hs_code', false, 'the boolean false'],
  ])('rejects a non-string %s', (key, value, received) => {
    expect(filterError({ [key]: value }).issues).toEqual([{ key, expected: 'a string or null', received }]);
  });

  it('rejects a string containing U+0000', () => {
    const error = filterError({ substance_name: 'a\u0000b' });
    expect(error.issues[0]?.key).toBe('substance_name');
    expect(error.issues[0]?.expected).toBe(
      'a string without NUL characters (PostgreSQL text cannot hold U+0000)',
    );
  });

  it.each([
    ['quantity_min', '5', 'the string "5"'],
    ['quantity_max', [], 'the list []'],
    ['quota_min', true, 'the boolean true'],
  ])('rejects an ignored key of the wrong type: %s = %j', (key, value, received) => {
    expect(filterError({ [key]: value }).issues).toEqual([
      { key, expected: "a number, null or '' (the export ignores this key)", received },
    ]);
  });

  it('accepts the ignored keys as number, null or empty string', () => {
    expect(parseExportFilters({ quantity_min: 0.5, quantity_max: '', quota_min: null })).toEqual(
      NO_EXPORT_FILTERS,
    );
  });

  it('reports every issue at once, one per line', () => {
    const error = filterError({ status: 'draft', year_from: 'x', foo: 1 });
    expect(error.issues.map((issue) => issue.key)).toEqual(['foo', 'year_from', 'status']);
    expect(error.message.split('\n')).toHaveLength(4);
    expect(error.message.startsWith('invalid export filters:\n  - foo: ')).toBe(true);
  });

  it('truncates long values in messages', () => {
    const error = filterError({ year_to: 'x'.repeat(500) });
    expect(error.message.length).toBeLessThan(250);
    expect(error.message).toContain('…');
  });
});

describe('parseFiltersArgument', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hfcb-filters-'));
    await writeFile(join(dir, 'ok.json'), '\uFEFF{"year_from": 2021, "status": ["validated"]}');
    await writeFile(join(dir, 'broken.json'), '{"year_from": 2021,');
    await writeFile(join(dir, 'invalid.json'), '{"status": "draft"}');
    await mkdir(join(dir, 'folder.json'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function argumentError(text: string): Promise<FilterError> {
    try {
      await parseFiltersArgument(text, dir);
    } catch (error) {
      if (error instanceof FilterError) return error;
      throw error;
    }
    throw new Error(`expected a FilterError for ${text}`);
  }

  it('parses inline JSON', async () => {
    await expect(parseFiltersArgument('{"province": "Huế", "year_to": 2022}')).resolves.toEqual({
      ...NO_EXPORT_FILTERS,
      province: 'Huế',
      yearTo: 2022,
    });
  });

  it('reads @file relative to cwd, ignoring a byte order mark', async () => {
    await expect(parseFiltersArgument('@ok.json', dir)).resolves.toEqual({
      ...NO_EXPORT_FILTERS,
      yearFrom: 2021,
      status: ['validated'],
    });
  });

  it('names a missing file with its absolute path', async () => {
    const error = await argumentError('@missing.json');
    expect(error.message).toContain(
      `cannot read filters file ${join(dir, 'missing.json')} (from --filters @missing.json)`,
    );
    expect(error.message).toContain('a path that does not exist');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('names a directory given as file', async () => {
    expect((await argumentError('@folder.json')).message).toContain('but received a directory');
  });

  it('rejects a bare @', async () => {
    expect((await argumentError('@')).message).toContain('invalid --filters argument "@"');
  });

  it('names the file holding bad JSON', async () => {
    const error = await argumentError('@broken.json');
    expect(error.message).toContain(`filters file ${join(dir, 'broken.json')} is not valid JSON`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('reports bad inline JSON with a usage hint', async () => {
    const error = await argumentError('{year_from: 2020}');
    expect(error.message).toContain('the --filters argument is not valid JSON');
    expect(error.message).toContain('@path/to/filters.json');
  });

  it('names the file holding invalid filters, keeping the issues', async () => {
    const error = await argumentError('@invalid.json');
    expect(error.message).toContain(
      `invalid export filters in filters file ${join(dir, 'invalid.json')}: status:`,
    );
    expect(error.issues[0]?.key).toBe('status');
    expect(error.cause).toBeInstanceOf(FilterError);
  });
});
