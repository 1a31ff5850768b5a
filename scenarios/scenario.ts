import { parseExportFilters } from '../src/export-filters.ts';

/**
 * A benchmark scenario: a filter case measured at a number of **exported** documents. The runner seeds a
 * database large enough that the export, with these filters, returns about that many documents (the
 * seeded database holds more: re-extractions collapse to the latest per group, and filters select).
 */
export interface Scenario {
  /** Short identifier used by `--scenario` and in reports (lower-case letters, digits, dashes). */
  name: string;
  description: string;
  /** Exported documents to aim for. */
  documents: number;
  /** The filter object as the front end posts it (snake_case keys); validated like any export filter. */
  filters: Record<string, unknown>;
  /** The row of the plan's "Performance Comparison Matrix" this scenario reproduces, if any. */
  planRow?: string;
}

/** A scenario file or option that cannot be used, with every problem named. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Checks a list of scenarios as data (names unique and well-formed, sizes positive, filters valid). */
export function validateScenarios(input: unknown, source: string): Scenario[] {
  if (!Array.isArray(input)) throw new ScenarioError(`${source}: expected an array of scenarios`);
  const problems: string[] = [];
  const names = new Set<string>();
  input.forEach((item: unknown, index) => {
    const where = `${source}[${index}]`;
    if (typeof item !== 'object' || item === null) {
      problems.push(`${where}: expected an object with name, description, documents, filters`);
      return;
    }
    const s = item as Record<string, unknown>;
    const known = new Set(['name', 'description', 'documents', 'filters', 'planRow']);
    for (const key of Object.keys(s)) if (!known.has(key)) problems.push(`${where}: unknown key "${key}"`);
    if (typeof s.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(s.name)) {
      problems.push(
        `${where}.name: expected lower-case letters, digits and dashes; received ${JSON.stringify(s.name)}`,
      );
    } else if (names.has(s.name)) {
      problems.push(`${where}.name: "${s.name}" is used twice`);
    } else {
      names.add(s.name);
    }
    if (typeof s.description !== 'string' || s.description === '')
      problems.push(`${where}.description: expected a text`);
    if (!Number.isSafeInteger(s.documents) || (s.documents as number) < 1) {
      problems.push(
        `${where}.documents: expected a positive whole number; received ${JSON.stringify(s.documents)}`,
      );
    }
    if (s.planRow !== undefined && typeof s.planRow !== 'string')
      problems.push(`${where}.planRow: expected a text`);
    try {
      parseExportFilters(s.filters ?? {});
    } catch (error) {
      problems.push(`${where}.filters: ${(error as Error).message}`);
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems.join('\n'));
  return input as Scenario[];
}

/** The scenarios named in `--scenario` (comma-separated), in the given order; unknown names are an error. */
export function selectScenarios(all: readonly Scenario[], names: string | undefined): Scenario[] {
  if (names === undefined) return [...all];
  const wanted = names
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = wanted.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new ScenarioError(
      `--scenario: unknown scenario ${unknown.map((n) => `"${n}"`).join(', ') || '(none given)'}; known: ${all.map((s) => s.name).join(', ')}`,
    );
  }
  return wanted.map((n) => all.find((s) => s.name === n)!);
}

/** `--sizes 10,100,1000`: positive whole numbers, comma-separated. */
export function parseSizes(text: string | undefined): number[] | null {
  if (text === undefined) return null;
  const parts = text.split(',').map((p) => p.trim());
  const sizes = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || sizes.some((n) => n < 1 || n > 200_000)) {
    throw new ScenarioError(
      `--sizes: expected comma-separated whole numbers from 1 to 200000; received "${text}"`,
    );
  }
  return [...new Set(sizes)];
}
