import { readFile } from 'node:fs/promises';
import type { GateCase, GateMatrix } from '../../scenarios/gate-matrix.ts';
import { collectorEntries, type CollectorEntry } from '../compare/collectors.ts';
import { isCollectorId, type CollectorId, type CollectorRole } from '../results/collector-id.ts';
import { isPlainObject } from '../core/is-plain-object.ts';

/**
 * The gate's budget file (`scenarios/gate-budgets.json`): the exact query counts, per case and collector,
 * that a reviewer accepted. The counts of the **pinned** collectors are budgets: more queries fail the gate.
 * Those of the **recorded** ones, and the exported documents, are a record: they change with the data or
 * with the premise, neither of which is a regression, so a change is a note.
 *
 * Which collectors are pinned follows from their role in the registry (`GATE_TREATMENT`), and the file
 * names them, so that registering a collector makes the file out of date until `--update-budgets` records
 * its counts (the reviewer then sees the new column in the diff).
 *
 * Version 2 (the collectors by id, pinned and recorded named); version 1 had fixed `v1` and `v2` keys.
 */
export const GATE_BUDGETS_VERSION = 2;

/** The default location, relative to the repository root (the working directory of npm scripts). */
export const DEFAULT_BUDGETS_FILE = 'scenarios/gate-budgets.json';

export const BUDGETS_COMMENT =
  'Exact round trips per gate case (scenarios/gate-matrix.ts: <filter case>@<seeded documents>) and collector. ' +
  'The "pinned" collectors have budgets: more queries fail the gate. The "recorded" ones and exportedDocuments ' +
  'are a record: a change is reported, not failed. After a deliberate change, run ' +
  '"npx hfc-bench gate --update-budgets", review the printed difference and commit this file.';

/**
 * How the gate treats each role: the premise (v1) is the reference model, recorded; the production code and
 * the candidate are pinned, so a change to either must be deliberate.
 */
export const GATE_TREATMENT: Record<CollectorRole, 'pinned' | 'recorded'> = {
  premise: 'recorded',
  production: 'pinned',
  candidate: 'pinned',
};

/** The pinned and the recorded collectors of a registry, each in registry order. */
export interface GateCollectorSets {
  pinned: CollectorId[];
  recorded: CollectorId[];
}

export function gateCollectorSets(
  entries: readonly Pick<CollectorEntry, 'id' | 'role'>[] = collectorEntries(),
): GateCollectorSets {
  return {
    pinned: entries.filter((e) => GATE_TREATMENT[e.role] === 'pinned').map((e) => e.id),
    recorded: entries.filter((e) => GATE_TREATMENT[e.role] === 'recorded').map((e) => e.id),
  };
}

export interface CaseBudget {
  /** Documents the export returned in this case when the budget was recorded. */
  exportedDocuments: number;
  /** Round trips by collector: a budget for the pinned ones, a record for the others. */
  queries: Partial<Record<CollectorId, number>>;
}

export interface GateBudgets extends GateCollectorSets {
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
const TOP_KEYS = ['version', 'comment', 'seed', 'pinned', 'recorded', 'cases'];

/**
 * Validates the text of a budget file against the matrix and the registry: JSON, the shape above, the
 * matrix's seed, the registry's pinned and recorded collectors, and a count for each of them in exactly the
 * matrix's cases (an unknown case or a missing one is an error).
 */
export function parseGateBudgets(
  text: string,
  file: string,
  matrix: GateMatrix,
  cases: readonly GateCase[],
  sets: GateCollectorSets = gateCollectorSets(),
): GateBudgets {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BudgetFileError(file, [`not valid JSON: ${(error as Error).message}`], { cause: error });
  }
  const problems: string[] = [];
  if (!isPlainObject(data))
    throw new BudgetFileError(file, [`expected a JSON object with ${TOP_KEYS.join(', ')}`]);
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.includes(key)) problems.push(`unknown key "${key}"`);
  }
  if (data.version !== GATE_BUDGETS_VERSION) {
    problems.push(
      `version: expected ${GATE_BUDGETS_VERSION}; received ${JSON.stringify(data.version)}; ${UPDATE_HINT}`,
    );
    // Another version has another shape: the rest would only list its differences.
    throw new BudgetFileError(file, problems);
  }
  if (typeof data.comment !== 'string')
    problems.push('comment: expected a text explaining how to update the file');
  if (data.seed !== matrix.seed) {
    problems.push(
      `seed: the matrix uses seed ${matrix.seed}, the budgets were recorded with ${JSON.stringify(data.seed)}; ${UPDATE_HINT}`,
    );
  }
  for (const key of ['pinned', 'recorded'] as const) {
    const expected = sets[key];
    if (JSON.stringify(data[key]) !== JSON.stringify(expected)) {
      problems.push(
        `${key}: the collector registry ${key === 'pinned' ? 'pins' : 'records'} ${JSON.stringify(expected)}, ` +
          `the file ${JSON.stringify(data[key])}; ${UPDATE_HINT}`,
      );
    }
  }
  // The registry changed since the file was written: every case would miss the same column.
  if (problems.some((p) => p.startsWith('pinned:') || p.startsWith('recorded:'))) {
    throw new BudgetFileError(file, problems);
  }
  const counted = [...sets.recorded, ...sets.pinned];
  const budgets: Record<string, CaseBudget> = {};
  if (!isPlainObject(data.cases)) {
    problems.push(`cases: expected an object of case id -> { exportedDocuments, ${counted.join(', ')} }`);
  } else {
    const known = new Set(cases.map((c) => c.id));
    for (const [id, value] of Object.entries(data.cases)) {
      if (!known.has(id)) {
        problems.push(`cases["${id}"]: unknown case; the matrix has ${[...known].join(', ')}`);
        continue;
      }
      const budget = parseCaseBudget(value, `cases["${id}"]`, counted, problems);
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
    pinned: [...sets.pinned],
    recorded: [...sets.recorded],
    cases: budgets,
  };
}

function parseCaseBudget(
  value: unknown,
  where: string,
  collectors: readonly CollectorId[],
  problems: string[],
): CaseBudget | null {
  const keys = ['exportedDocuments', ...collectors];
  if (!isPlainObject(value)) {
    problems.push(
      `${where}: expected { ${keys.map((k) => `"${k}": N`).join(', ')} }; received ${JSON.stringify(value)}`,
    );
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      problems.push(
        isCollectorId(key)
          ? `${where}: "${key}" is neither pinned nor recorded; ${UPDATE_HINT}`
          : `${where}: unknown key "${key}"`,
      );
    }
  }
  for (const key of keys) {
    const n = value[key];
    if (n === undefined && key !== 'exportedDocuments') {
      problems.push(`${where}.${key}: missing; ${UPDATE_HINT}`);
    } else if (!Number.isSafeInteger(n) || (n as number) < 0) {
      problems.push(`${where}.${key}: expected a whole number >= 0; received ${JSON.stringify(n)}`);
    }
  }
  if (problems.length > before) return null;
  const queries: Partial<Record<CollectorId, number>> = {};
  for (const id of collectors) queries[id] = value[id] as number;
  return { exportedDocuments: value.exportedDocuments as number, queries };
}

/** Reads and validates a budget file; a missing or unreadable file is a `BudgetFileError` too. */
export async function readGateBudgets(
  file: string,
  matrix: GateMatrix,
  cases: readonly GateCase[],
  sets: GateCollectorSets = gateCollectorSets(),
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
  return parseGateBudgets(text, file, matrix, cases, sets);
}

/**
 * The file's text: 2-space JSON, cases in matrix order, one case per line (recorded collectors, then pinned
 * ones), so that a diff shows one line per change.
 */
export function serializeGateBudgets(budgets: GateBudgets): string {
  const counted = [...budgets.recorded, ...budgets.pinned];
  const caseLines = Object.entries(budgets.cases).map(([id, b]) => {
    const fields = [
      `"exportedDocuments": ${b.exportedDocuments}`,
      ...counted.map((c) => `${JSON.stringify(c)}: ${b.queries[c] ?? 0}`),
    ];
    return `    ${JSON.stringify(id)}: { ${fields.join(', ')} }`;
  });
  return [
    '{',
    `  "version": ${budgets.version},`,
    `  "comment": ${JSON.stringify(budgets.comment)},`,
    `  "seed": ${budgets.seed},`,
    `  "pinned": ${jsonList(budgets.pinned)},`,
    `  "recorded": ${jsonList(budgets.recorded)},`,
    `  "cases": {`,
    caseLines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** `["a", "b"]`: a list on one line, spaced as the formatter spaces it. */
function jsonList(items: readonly string[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/**
 * What `--update-budgets` changes, one line per changed value (e.g. `no-filter@20 v2: 9 -> 10 (+1)`), plus
 * added and removed cases and collectors. Empty when nothing changed.
 */
export function diffGateBudgets(before: GateBudgets | null, after: GateBudgets): string[] {
  const lines: string[] = [];
  const old = before?.cases ?? {};
  const counted = [...after.recorded, ...after.pinned];
  for (const [id, next] of Object.entries(after.cases)) {
    const prev = old[id];
    if (prev === undefined) {
      const values = counted.map((c) => `${c} ${next.queries[c] ?? 0}`);
      lines.push(`${id}: added (exportedDocuments ${next.exportedDocuments}, ${values.join(', ')})`);
      continue;
    }
    const pairs: [string, number | undefined, number | undefined][] = [
      ['exportedDocuments', prev.exportedDocuments, next.exportedDocuments],
      ...counted.map((c): [string, number | undefined, number | undefined] => [
        c,
        prev.queries[c],
        next.queries[c],
      ]),
    ];
    for (const [key, a, b] of pairs) {
      if (a === b || b === undefined) continue;
      if (a === undefined) {
        lines.push(`${id} ${key}: recorded ${b}`);
        continue;
      }
      const delta = b - a;
      lines.push(`${id} ${key}: ${a} -> ${b} (${delta > 0 ? '+' : ''}${delta})`);
    }
  }
  for (const id of Object.keys(old)) if (!Object.hasOwn(after.cases, id)) lines.push(`${id}: removed`);
  if (before !== null) {
    for (const key of ['pinned', 'recorded'] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        lines.unshift(`${key}: ${before[key].join(', ') || 'none'} -> ${after[key].join(', ') || 'none'}`);
      }
    }
    if (before.seed !== after.seed) lines.unshift(`seed: ${before.seed} -> ${after.seed}`);
  }
  return lines;
}

/** Budgets that record what a gate run measured (for `--update-budgets`), cases in matrix order. */
export function budgetsFromMeasurements(
  seed: number,
  sets: GateCollectorSets,
  cases: readonly {
    caseId: string;
    exportedDocuments: number;
    collectors: Partial<Record<CollectorId, { queryCount: number }>>;
  }[],
): GateBudgets {
  const budgets: Record<string, CaseBudget> = {};
  for (const c of cases) {
    const queries: Partial<Record<CollectorId, number>> = {};
    for (const id of [...sets.recorded, ...sets.pinned]) queries[id] = c.collectors[id]?.queryCount ?? 0;
    budgets[c.caseId] = { exportedDocuments: c.exportedDocuments, queries };
  }
  return {
    version: GATE_BUDGETS_VERSION,
    comment: BUDGETS_COMMENT,
    seed,
    pinned: [...sets.pinned],
    recorded: [...sets.recorded],
    cases: budgets,
  };
}
