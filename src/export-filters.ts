import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * The export filters of spec section 2: validated once, before any query, and normalised so that code
 * downstream never has to re-apply Python truthiness.
 */

/** Document states a `status` filter may name (the `state` selection of `document.extraction`). */
export const DOCUMENT_STATES = ['draft', 'validated', 'completed'] as const;

export type DocumentState = (typeof DOCUMENT_STATES)[number];

/**
 * Filters in their normalised shape. Every property is always present; `null` means "absent".
 *
 * The original code tests every key with Python truthiness, so `''`, `null`, `0` and `[]` all mean absent;
 * `parseExportFilters` turns each of them into `null` here. What remains is therefore always meaningful:
 * - texts are non-empty strings, taken verbatim (no trimming, no case folding, `%`/`_`/`\` kept: the SQL
 *   builders pass them to ILIKE exactly as Odoo does);
 * - integers are non-zero and within PostgreSQL's `int4` range;
 * - lists are non-empty, without duplicates, in a canonical order (ids ascending; states in
 *   `DOCUMENT_STATES` order), which changes nothing in the semantics (they are sets) but makes equal filters
 *   produce equal SQL parameters.
 *
 * `quantity_min`, `quantity_max` and `quota_min` are accepted by the parser (the front end sends them) but
 * the export ignores them, so they do not appear here.
 */
export interface ExportFilters {
  /** `organization_search`: partner `name ILIKE %v%`. */
  readonly organizationSearch: string | null;
  /** `organization_code`: partner `business_id ILIKE %v%`. */
  readonly organizationCode: string | null;
  /** `province`: partner `state_id` in the states whose `name ILIKE %v%` (ignored when none matches). */
  readonly province: string | null;
  /** `substance_name`: substance `name ILIKE %v%` (substance filter, spec 2.2). */
  readonly substanceName: string | null;
  /** `hs_code`: makes the current export fail when documents are found (spec 2.2, section 8 item 1). */
  readonly hsCode: string | null;
  /** `substance_group_id`: substance `substance_group_id = v`. */
  readonly substanceGroupId: number | null;
  /** `activity_field_ids`: the document has at least one of these activity fields. */
  readonly activityFieldIds: readonly number[] | null;
  /** `year_from`: `year >= v`. */
  readonly yearFrom: number | null;
  /** `year_to`: `year <= v`, NULL years included for positive `v` (Odoo 18). */
  readonly yearTo: number | null;
  /** `status`: `state IN (...)`; `null` means the backend default, `state = 'completed'`. */
  readonly status: readonly DocumentState[] | null;
}

/** The filters that select everything the backend selects by default (`state = 'completed'` only). */
export const NO_EXPORT_FILTERS: ExportFilters = Object.freeze({
  organizationSearch: null,
  organizationCode: null,
  province: null,
  substanceName: null,
  hsCode: null,
  substanceGroupId: null,
  activityFieldIds: null,
  yearFrom: null,
  yearTo: null,
  status: null,
});

/** One problem found in a filter object. */
export interface FilterIssue {
  /** The filter key at fault (as the front end spells it, e.g. `year_from`), or `filters` for the whole object. */
  key: string;
  /** What the key accepts, in words. */
  expected: string;
  /** What was received, described for a person (type and a short rendering of the value). */
  received: string;
}

/**
 * Invalid export filters, detected before any query. The message lists every issue with the key, what it
 * expects and what it received; `issues` carries the same information for programs.
 */
export class FilterError extends Error {
  override name = 'FilterError';
  readonly issues: readonly FilterIssue[];

  /**
   * @param issues at least one issue.
   * @param options.context the opening of the message (default `invalid export filters`).
   * @param options.hint a last line telling how to fix the input.
   */
  constructor(
    issues: readonly FilterIssue[],
    options?: { cause?: unknown; context?: string; hint?: string },
  ) {
    const context = options?.context ?? 'invalid export filters';
    const lines = issues.map(
      (issue) => `${issue.key}: expected ${issue.expected}, but received ${issue.received}`,
    );
    const body = lines.length === 1 ? `${context}: ${lines[0]}` : `${context}:\n  - ${lines.join('\n  - ')}`;
    super(
      options?.hint === undefined ? body : `${body}\n${options.hint}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.issues = issues;
  }
}

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

type KeyKind = 'text' | 'integer' | 'integer-list' | 'state-list' | 'ignored-number';

/** Every key the front end sends (spec 2), with how it is validated. */
const FILTER_KEYS: Readonly<Record<string, KeyKind>> = {
  organization_search: 'text',
  organization_code: 'text',
  province: 'text',
  substance_name: 'text',
  hs_code: 'text',
  substance_group_id: 'integer',
  activity_field_ids: 'integer-list',
  year_from: 'integer',
  year_to: 'integer',
  status: 'state-list',
  quantity_min: 'ignored-number',
  quantity_max: 'ignored-number',
  quota_min: 'ignored-number',
};

const EXPECTED: Readonly<Record<KeyKind, string>> = {
  text: 'a string or null',
  integer: `an integer between ${INT4_MIN} and ${INT4_MAX}, or null`,
  'integer-list': `a list of integers between ${INT4_MIN} and ${INT4_MAX}, or null`,
  'state-list': `a list of states (${DOCUMENT_STATES.map((s) => `"${s}"`).join(', ')}), or null`,
  'ignored-number': "a number, null or '' (the export ignores this key)",
};

/**
 * Validates a filter object as posted by the front end (the parsed JSON of the `filters` form field) and
 * returns its normalised form (see `ExportFilters`).
 *
 * Every key is optional. Accepted per key: texts as a string or `null`; `substance_group_id`, `year_from`
 * and `year_to` as an integer or `null`; `activity_field_ids` as a list of integers or `null`; `status` as
 * a list of `draft` / `validated` / `completed` or `null`; `quantity_min`, `quantity_max`, `quota_min` as a
 * number, `null` or `''` (ignored). Falsy values (`''`, `0`, `[]`, `null`) normalise to `null`.
 *
 * Rejected, with a `FilterError` naming every offending key: anything but a plain object; unknown keys;
 * values of another type (a scalar `status`, a numeric string for a year, a boolean, ...); non-integer or
 * out-of-`int4`-range numbers where integers are expected; unknown states; strings containing U+0000
 * (PostgreSQL text cannot hold it, so the original export would fail on it as well).
 *
 * @throws FilterError
 */
export function parseExportFilters(input: unknown): ExportFilters {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FilterError([
      {
        key: 'filters',
        expected: `a JSON object with some of the keys ${Object.keys(FILTER_KEYS).join(', ')}`,
        received: describeValue(input),
      },
    ]);
  }
  const issues: FilterIssue[] = [];
  const record = input as Record<string, unknown>;
  const text = (key: string): string | null => readText(record, key, issues);
  const integer = (key: string): number | null => readInteger(record, key, issues);

  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(FILTER_KEYS, key)) {
      const suggestion = suggestKey(key);
      issues.push({
        key,
        expected:
          (suggestion === undefined ? '' : `"${suggestion}" (the keys are snake_case); `) +
          `one of the known keys ${Object.keys(FILTER_KEYS).join(', ')}`,
        received: `an unknown key, with ${describeValue(record[key])}`,
      });
    }
  }
  for (const key of ['quantity_min', 'quantity_max', 'quota_min']) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '' && !isFiniteNumber(value)) {
      issues.push({ key, expected: EXPECTED['ignored-number'], received: describeValue(value) });
    }
  }

  const filters: ExportFilters = {
    organizationSearch: text('organization_search'),
    organizationCode: text('organization_code'),
    province: text('province'),
    substanceName: text('substance_name'),
    hsCode: text('hs_code'),
    substanceGroupId: integer('substance_group_id'),
    activityFieldIds: readIntegerList(record, 'activity_field_ids', issues),
    yearFrom: integer('year_from'),
    yearTo: integer('year_to'),
    status: readStates(record, 'status', issues),
  };
  if (issues.length > 0) throw new FilterError(issues);
  return filters;
}

/**
 * Reads the `--filters` argument of the CLI: either inline JSON (`'{"year_from": 2020}'`) or `@path` to a
 * JSON file (relative paths resolve against `cwd`, default `process.cwd()`), then validates it with
 * `parseExportFilters`.
 *
 * @throws FilterError naming the file (or the inline argument) when it is missing, unreadable, not JSON,
 *   or holds invalid filters; the underlying error is kept as `cause`.
 */
export async function parseFiltersArgument(
  text: string,
  cwd: string = process.cwd(),
): Promise<ExportFilters> {
  const hint = `Pass a JSON object such as '{"year_from": 2020, "status": ["completed"]}' or @path/to/filters.json.`;
  let source: string;
  let json: string;
  if (text.startsWith('@')) {
    const relativePath = text.slice(1);
    if (relativePath === '') {
      throw new FilterError([{ key: 'filters', expected: 'a file path after "@"', received: 'nothing' }], {
        context: 'invalid --filters argument "@"',
        hint,
      });
    }
    const path = resolve(cwd, relativePath);
    source = `filters file ${path}`;
    try {
      json = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const received =
        code === 'ENOENT'
          ? 'a path that does not exist'
          : code === 'EISDIR'
            ? 'a directory'
            : `a file that cannot be read (${error instanceof Error ? error.message : String(error)})`;
      throw new FilterError([{ key: 'filters', expected: 'a readable JSON file', received }], {
        context: `cannot read ${source} (from --filters ${text})`,
        cause: error,
        hint: `Check the path (relative paths start from ${cwd}). ${hint}`,
      });
    }
    // Editors on Windows like to start UTF-8 files with a byte order mark, which JSON.parse rejects.
    if (json.startsWith('\uFEFF')) json = json.slice(1);
  } else {
    source = 'the --filters argument';
    json = text;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new FilterError(
      [
        {
          key: 'filters',
          expected: 'valid JSON',
          received: `text that is not JSON (${error instanceof Error ? error.message : String(error)}): ${describeValue(json)}`,
        },
      ],
      { context: `${source} is not valid JSON`, cause: error, hint },
    );
  }
  try {
    return parseExportFilters(parsed);
  } catch (error) {
    if (error instanceof FilterError) {
      throw new FilterError(error.issues, { context: `invalid export filters in ${source}`, cause: error });
    }
    throw error;
  }
}

function readText(record: Record<string, unknown>, key: string, issues: FilterIssue[]): string | null {
  const value = record[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') {
    issues.push({ key, expected: EXPECTED.text, received: describeValue(value) });
    return null;
  }
  if (value.includes('\u0000')) {
    issues.push({
      key,
      expected: 'a string without NUL characters (PostgreSQL text cannot hold U+0000)',
      received: describeValue(value),
    });
    return null;
  }
  return value;
}

function readInteger(record: Record<string, unknown>, key: string, issues: FilterIssue[]): number | null {
  const value = record[key];
  if (value === undefined || value === null || value === 0) return null;
  if (!isInt4(value)) {
    issues.push({ key, expected: EXPECTED.integer, received: describeValue(value) });
    return null;
  }
  return value;
}

function readIntegerList(
  record: Record<string, unknown>,
  key: string,
  issues: FilterIssue[],
): number[] | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every(isInt4)) {
    const bad: unknown = Array.isArray(value)
      ? (value as unknown[]).find((item) => !isInt4(item))
      : undefined;
    issues.push({
      key,
      expected: EXPECTED['integer-list'],
      received: Array.isArray(value)
        ? `${describeValue(value)}, whose item ${describeValue(bad)} is not such an integer`
        : describeValue(value),
    });
    return null;
  }
  if (value.length === 0) return null;
  return [...new Set(value)].sort((a, b) => a - b);
}

function readStates(
  record: Record<string, unknown>,
  key: string,
  issues: FilterIssue[],
): DocumentState[] | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  const isState = (item: unknown): item is DocumentState =>
    typeof item === 'string' && (DOCUMENT_STATES as readonly string[]).includes(item);
  if (!Array.isArray(value) || !value.every(isState)) {
    const bad: unknown = Array.isArray(value)
      ? (value as unknown[]).find((item) => !isState(item))
      : undefined;
    issues.push({
      key,
      expected: EXPECTED['state-list'],
      received: Array.isArray(value)
        ? `${describeValue(value)}, whose item ${describeValue(bad)} is not one of those states`
        : describeValue(value),
    });
    return null;
  }
  if (value.length === 0) return null;
  return DOCUMENT_STATES.filter((state) => value.includes(state));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isInt4(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX;
}

/** A short, human description of a JSON value: its type and a truncated rendering. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `the list ${truncate(JSON.stringify(value))}`;
  switch (typeof value) {
    case 'string':
      return `the string ${truncate(JSON.stringify(value))}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return `an object ${truncate(JSON.stringify(value))}`;
    default:
      return `a ${typeof value}`;
  }
}

function truncate(text: string, maxLength = 80): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/** A known key that differs from `key` only by case, separators or camelCase, if any. */
function suggestKey(key: string): string | undefined {
  const canonical = (name: string): string => name.replace(/[-_\s]/g, '').toLowerCase();
  return Object.keys(FILTER_KEYS).find((known) => canonical(known) === canonical(key));
}
