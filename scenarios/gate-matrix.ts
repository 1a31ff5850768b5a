import { parseExportFilters } from '../src/export-filters.ts';

/**
 * The fixed matrix of the CI gate (`npm run bench:gate`): a few filter cases, each run at every seeded size.
 *
 * Sizes count **seeded** documents, not exported ones: one deterministic seeding per size serves every filter
 * case, so the gate seeds three small databases and nothing is calibrated. The exported counts follow from the
 * data (same seed, same counts on every machine) and are recorded in the budget file next to the query
 * counts, because the growth check divides by them.
 *
 * Keep it small: the whole gate, v1 included, must run well under a minute. With seed 42 the exported
 * documents are roughly 7/20/67 (no filter) up to 11/34/89 (substance), enough for a per-document loop to
 * show as dozens of extra queries.
 */
export interface GateFilterCase {
  /** Lower-case identifier used in case ids and messages. */
  name: string;
  description: string;
  /** The filter object as the front end posts it (snake_case keys). */
  filters: Record<string, unknown>;
}

export interface GateMatrix {
  /** Seed of the synthetic data. */
  seed: number;
  /** Seeded documents per database, ascending; at least two, so that growth shows. */
  seededSizes: readonly number[];
  filterCases: readonly GateFilterCase[];
}

/** One cell of the matrix: a filter case on one seeded database. */
export interface GateCase {
  /** `<filter case>@<seeded documents>`, e.g. `no-filter@60`: the key of the budget file. */
  id: string;
  filterCase: string;
  seededDocuments: number;
  filters: Record<string, unknown>;
}

const ALL_STATES = ['draft', 'validated', 'completed'];

export const GATE_MATRIX: GateMatrix = validateGateMatrix({
  seed: 42,
  seededSizes: [20, 60, 150],
  filterCases: [
    { name: 'no-filter', description: 'no filter (state "completed", the backend default)', filters: {} },
    {
      name: 'states-years',
      description: 'every state, years 2020 to 2024',
      filters: { status: ALL_STATES, year_from: 2020, year_to: 2024 },
    },
    {
      name: 'substance',
      description: 'every state, substance name "HFC" (the substance filter adds one query)',
      filters: { status: ALL_STATES, substance_name: 'HFC' },
    },
    {
      name: 'organisation',
      description: 'every state, organisation name "n" in a province "a"',
      filters: { status: ALL_STATES, organization_search: 'n', province: 'a' },
    },
  ],
});

/** The id of a case in messages and in the budget file. */
export function gateCaseId(filterCase: string, seededDocuments: number): string {
  return `${filterCase}@${seededDocuments}`;
}

/** Every case of the matrix, size by size (smallest first), filter cases in matrix order. */
export function gateCases(matrix: GateMatrix): GateCase[] {
  return matrix.seededSizes.flatMap((size) =>
    matrix.filterCases.map((c) => ({
      id: gateCaseId(c.name, size),
      filterCase: c.name,
      seededDocuments: size,
      filters: c.filters,
    })),
  );
}

/** Checks a matrix as data; throws an `Error` listing every problem. */
export function validateGateMatrix(matrix: GateMatrix): GateMatrix {
  const problems: string[] = [];
  if (!Number.isSafeInteger(matrix.seed) || matrix.seed < 0)
    problems.push(`seed: expected a whole number >= 0`);
  const sizes = matrix.seededSizes;
  if (sizes.length < 2) problems.push('seededSizes: expected at least two sizes, so that growth shows');
  sizes.forEach((size, i) => {
    if (!Number.isSafeInteger(size) || size < 1)
      problems.push(`seededSizes[${i}]: expected a positive whole number`);
    if (i > 0 && size <= sizes[i - 1]!) problems.push(`seededSizes[${i}]: expected sizes in ascending order`);
  });
  const names = new Set<string>();
  matrix.filterCases.forEach((c, i) => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(c.name))
      problems.push(`filterCases[${i}].name: expected lower-case letters, digits, dashes`);
    if (names.has(c.name)) problems.push(`filterCases[${i}].name: "${c.name}" is used twice`);
    names.add(c.name);
    try {
      parseExportFilters(c.filters);
    } catch (error) {
      problems.push(`filterCases[${i}].filters: ${(error as Error).message}`);
    }
  });
  if (problems.length > 0) throw new Error(`invalid gate matrix:\n  ${problems.join('\n  ')}`);
  return matrix;
}
