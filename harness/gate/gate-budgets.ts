import { readFile } from 'node:fs/promises';
import type { GateCase, GateMatrix } from '../../scenarios/gate-matrix.ts';

/**
 * The gate's budget file (`scenarios/gate-budgets.json`): the exact query counts, per case and collector,
 * that a reviewer accepted. v2's count is the budget; v1's count and the exported documents are a record
 * (they change with the data or with v1, neither of which is a regression of v2).
 */
export const GATE_BUDGETS_VERSION = 1;

/** The default location, relative to the repository root (the working directory of npm scripts). */
export const DEFAULT_BUDGETS_FILE = 'scenarios/gate-budgets.json';

export const BUDGETS_COMMENT =
  'Exact round trips per gate case (scenarios/gate-matrix.ts: <filter case>@<seeded documents>). v2 is the budget: ' +
  'more queries fail the gate. v1 and exportedDocuments are recorded, a change is reported, not failed. After a ' +
  'deliberate change, run "npx hfc-bench gate --update-budgets", review the printed difference and commit this file.';

export interface CaseBudget {
  /** Documents the export returned in this case when the budget was recorded. */
  exportedDocuments: number;
  /** v1's round trips (recorded). */
  v1: number;
  /** v2's round trips (the budget). */
  v2: number;
}

export interface GateBudgets {
  version: typeof GATE_BUDGETS_VERSION;
  comment: string;
  /** Seed of the matrix the counts were recorded with. */
  seed: number;
  /** By case id, in matrix order. */
  cases: Record<string, CaseBudget>;
}

/** A budget file the gate cannot use: the file and every problem are in the message (exit code 2). */
export class BudgetFileError extends Error {
  override name = 'BudgetFileError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`budget file ${file} cannot be used:\n  ${problems.join('\n  ')}`, options);
  }
}

const UPDATE_HINT = 'run "npx hfc-bench gate --update-budgets" to record the current counts';

/**
 * Validates the text of a budget file against the matrix: JSON, the shape above, the matrix's seed, and a
 * budget for exactly the matrix's cases (an unknown case or a missing one is an error).
 */
export function parseGateBudgets(
  text: string,
  file: string,
  matrix: GateMatrix,
  cases: readonly GateCase[],
): GateBudgets {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BudgetFileError(file, [`not valid JSON: ${(error as Error).message}`], { cause: error });
  }
  const problems: string[] = [];
  if (!isObject(data))
    throw new BudgetFileError(file, ['expected a JSON object with version, comment, seed, cases']);
  for (const key of Object.keys(data)) {
    if (!['version', 'comment', 'seed', 'cases'].includes(key)) problems.push(`unknown key "${key}"`);
  }
  if (data.version !== GATE_BUDGETS_VERSION) {
    problems.push(`version: expected ${GATE_BUDGETS_VERSION}; received ${JSON.stringify(data.version)}`);
  }
  if (typeof data.comment !== 'string')
    problems.push('comment: expected a text explaining how to update the file');
  if (data.seed !== matrix.seed) {
    problems.push(
      `seed: the matrix uses seed ${matrix.seed}, the budgets were recorded with ${JSON.stringify(data.seed)}; ${UPDATE_HINT}`,
    );
  }
  const budgets: Record<string, CaseBudget> = {};
  if (!isObject(data.cases)) {
    problems.push('cases: expected an object of case id -> { exportedDocuments, v1, v2 }');
  } else {
    const known = new Set(cases.map((c) => c.id));
    for (const [id, value] of Object.entries(data.cases)) {
      if (!known.has(id)) {
        problems.push(`cases["${id}"]: unknown case; the matrix has ${[...known].join(', ')}`);
        continue;
      }
      const budget = parseCaseBudget(value, `cases["${id}"]`, problems);
      if (budget !== null) budgets[id] = budget;
    }
    for (const id of known) {
      if (!Object.hasOwn(data.cases, id)) problems.push(`cases["${id}"]: missing; ${UPDATE_HINT}`);
    }
  }
  if (problems.length > 0) throw new BudgetFileError(file, problems);
  return {
    version: GATE_BUDGETS_VERSION,
    comment: data.comment as string,
    seed: matrix.seed,
    cases: budgets,
  };
}

function parseCaseBudget(value: unknown, where: string, problems: string[]): CaseBudget | null {
  if (!isObject(value)) {
    problems.push(
      `${where}: expected { "exportedDocuments": N, "v1": N, "v2": N }; received ${JSON.stringify(value)}`,
    );
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(value)) {
    if (!['exportedDocuments', 'v1', 'v2'].includes(key)) problems.push(`${where}: unknown key "${key}"`);
  }
  for (const key of ['exportedDocuments', 'v1', 'v2'] as const) {
    const n = value[key];
    if (!Number.isSafeInteger(n) || (n as number) < 0) {
      problems.push(`${where}.${key}: expected a whole number >= 0; received ${JSON.stringify(n)}`);
    }
  }
  if (problems.length > before) return null;
  return {
    exportedDocuments: value.exportedDocuments as number,
    v1: value.v1 as number,
    v2: value.v2 as number,
  };
}

/** Reads and validates a budget file; a missing or unreadable file is a `BudgetFileError` too. */
export async function readGateBudgets(
  file: string,
  matrix: GateMatrix,
  cases: readonly GateCase[],
): Promise<GateBudgets> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? `the file does not exist; ${UPDATE_HINT}`
        : `cannot read it: ${(error as Error).message}`;
    throw new BudgetFileError(file, [reason], { cause: error });
  }
  return parseGateBudgets(text, file, matrix, cases);
}

/** The file's text: 2-space JSON, cases in matrix order, one case per line so that a diff shows one line per change. */
export function serializeGateBudgets(budgets: GateBudgets): string {
  const caseLines = Object.entries(budgets.cases).map(
    ([id, b]) =>
      `    ${JSON.stringify(id)}: { "exportedDocuments": ${b.exportedDocuments}, "v1": ${b.v1}, "v2": ${b.v2} }`,
  );
  return [
    '{',
    `  "version": ${budgets.version},`,
    `  "comment": ${JSON.stringify(budgets.comment)},`,
    `  "seed": ${budgets.seed},`,
    `  "cases": {`,
    caseLines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * What `--update-budgets` changes, one line per changed value (e.g. `no-filter@20 v2: 9 -> 10 (+1)`), plus
 * added and removed cases. Empty when nothing changed.
 */
export function diffGateBudgets(before: GateBudgets | null, after: GateBudgets): string[] {
  const lines: string[] = [];
  const old = before?.cases ?? {};
  for (const [id, next] of Object.entries(after.cases)) {
    const prev = old[id];
    if (prev === undefined) {
      lines.push(`${id}: added (exportedDocuments ${next.exportedDocuments}, v1 ${next.v1}, v2 ${next.v2})`);
      continue;
    }
    for (const key of ['exportedDocuments', 'v1', 'v2'] as const) {
      if (prev[key] !== next[key]) {
        const delta = next[key] - prev[key];
        lines.push(`${id} ${key}: ${prev[key]} -> ${next[key]} (${delta > 0 ? '+' : ''}${delta})`);
      }
    }
  }
  for (const id of Object.keys(old)) if (!Object.hasOwn(after.cases, id)) lines.push(`${id}: removed`);
  if (before !== null && before.seed !== after.seed) lines.unshift(`seed: ${before.seed} -> ${after.seed}`);
  return lines;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Budgets that record what a gate run measured (for `--update-budgets`), cases in matrix order. */
export function budgetsFromMeasurements(
  seed: number,
  cases: readonly {
    caseId: string;
    exportedDocuments: number;
    v1: { queryCount: number };
    v2: { queryCount: number };
  }[],
): GateBudgets {
  const budgets: Record<string, CaseBudget> = {};
  for (const c of cases)
    budgets[c.caseId] = { exportedDocuments: c.exportedDocuments, v1: c.v1.queryCount, v2: c.v2.queryCount };
  return { version: GATE_BUDGETS_VERSION, comment: BUDGETS_COMMENT, seed, cases: budgets };
}
