import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GATE_MATRIX, gateCases, type GateMatrix } from '../../scenarios/gate-matrix.ts';
import {
  BudgetFileError,
  BUDGETS_COMMENT,
  budgetsFromMeasurements,
  diffGateBudgets,
  gateCollectorSets,
  parseGateBudgets,
  readGateBudgets,
  serializeGateBudgets,
  type GateBudgets,
} from './gate-budgets.ts';

const MATRIX: GateMatrix = {
  seed: 7,
  seededSizes: [10, 30],
  filterCases: [{ name: 'none', description: 'no filter', filters: {} }],
};
const CASES = gateCases(MATRIX);

const SETS = { pinned: ['v2' as const], recorded: ['v1' as const] };

const VALID: GateBudgets = {
  version: 2,
  comment: BUDGETS_COMMENT,
  seed: 7,
  ...SETS,
  cases: {
    'none@10': { exportedDocuments: 4, queries: { v1: 40, v2: 9 } },
    'none@30': { exportedDocuments: 12, queries: { v1: 100, v2: 9 } },
  },
};

/** VALID as the file holds it. */
const FILE = JSON.parse(serializeGateBudgets(VALID)) as { cases: Record<string, unknown> };

function problemsOf(text: string): readonly string[] {
  try {
    parseGateBudgets(text, 'budgets.json', MATRIX, CASES, SETS);
  } catch (error) {
    expect(error).toBeInstanceOf(BudgetFileError);
    expect((error as BudgetFileError).message).toMatch(/^budget file budgets\.json cannot be used:/);
    return (error as BudgetFileError).problems;
  }
  throw new Error('expected a BudgetFileError');
}

describe('parseGateBudgets', () => {
  it('round-trips what serializeGateBudgets writes', () => {
    expect(parseGateBudgets(serializeGateBudgets(VALID), 'budgets.json', MATRIX, CASES, SETS)).toEqual(VALID);
  });

  it('writes one case per line', () => {
    expect(serializeGateBudgets(VALID).split('\n').slice(4, 10)).toEqual([
      '  "pinned": ["v2"],',
      '  "recorded": ["v1"],',
      '  "cases": {',
      '    "none@10": { "exportedDocuments": 4, "v1": 40, "v2": 9 },',
      '    "none@30": { "exportedDocuments": 12, "v1": 100, "v2": 9 }',
      '  }',
    ]);
  });

  it('rejects text that is not JSON', () => {
    expect(problemsOf('{ "version": 1,')[0]).toMatch(/^not valid JSON: /);
  });

  it('rejects another version, with the command that rewrites the file', () => {
    expect(problemsOf(JSON.stringify({ ...FILE, version: 1 }))).toEqual([
      'version: expected 2; received 1; run "npx hfc-bench gate --update-budgets" to record the current counts',
    ]);
  });

  it('rejects a file that does not pin what the registry pins (a collector registered since)', () => {
    const sets = { pinned: ['v2' as const, 'v1' as const], recorded: [] };
    expect(() => parseGateBudgets(serializeGateBudgets(VALID), 'budgets.json', MATRIX, CASES, sets)).toThrow(
      /pinned: the collector registry pins \["v2","v1"\], the file \["v2"\]; run "npx hfc-bench gate --update-budgets"/,
    );
  });

  it('rejects a wrong shape, naming every problem', () => {
    const bad = {
      version: 2,
      seed: 7,
      ...SETS,
      cases: { 'none@10': { exportedDocuments: 4, v1: -1, v2: '9', x: 1 }, 'none@30': [] },
      extra: 1,
    };
    expect(problemsOf(JSON.stringify(bad))).toEqual([
      'unknown key "extra"',
      'comment: expected a text explaining how to update the file',
      'cases["none@10"]: unknown key "x"',
      'cases["none@10"].v1: expected a whole number >= 0; received -1',
      'cases["none@10"].v2: expected a whole number >= 0; received "9"',
      'cases["none@30"]: expected { "exportedDocuments": N, "v1": N, "v2": N }; received []',
    ]);
    expect(problemsOf('[]')).toEqual([
      'expected a JSON object with version, comment, seed, pinned, recorded, cases',
    ]);
  });

  it('rejects an unknown case and a missing one', () => {
    const cases = { 'none@10': FILE.cases['none@10'], 'none@99': FILE.cases['none@30'] };
    expect(problemsOf(JSON.stringify({ ...FILE, cases }))).toEqual([
      'cases["none@99"]: unknown case; the matrix has none@10, none@30',
      'cases["none@30"]: missing; run "npx hfc-bench gate --update-budgets" to record the current counts',
    ]);
  });

  it('rejects budgets recorded with another seed', () => {
    expect(problemsOf(JSON.stringify({ ...FILE, seed: 8 }))).toEqual([
      'seed: the matrix uses seed 7, the budgets were recorded with 8; run "npx hfc-bench gate --update-budgets" to record the current counts',
    ]);
  });

  it('names a missing file', async () => {
    await expect(readGateBudgets('/nonexistent/budgets.json', MATRIX, CASES)).rejects.toThrow(
      'budget file /nonexistent/budgets.json cannot be used:\n  the file does not exist',
    );
  });

  it('accepts the committed budget file, which covers the whole matrix', async () => {
    const text = await readFile(new URL('../../scenarios/gate-budgets.json', import.meta.url), 'utf8');
    const budgets = parseGateBudgets(
      text,
      'scenarios/gate-budgets.json',
      GATE_MATRIX,
      gateCases(GATE_MATRIX),
    );
    expect(Object.keys(budgets.cases)).toEqual(gateCases(GATE_MATRIX).map((c) => c.id));
    // The file is exactly what --update-budgets writes, so updating it gives a one-line-per-change diff.
    expect(serializeGateBudgets(budgets)).toBe(text);
  });
});

describe('diffGateBudgets and budgetsFromMeasurements', () => {
  it('lists each changed value with its delta, and added cases', () => {
    const counts = (v1: number, v2: number) => ({ v1: { queryCount: v1 }, v2: { queryCount: v2 } });
    const after = budgetsFromMeasurements(7, SETS, [
      { caseId: 'none@10', exportedDocuments: 4, collectors: counts(41, 10) },
      { caseId: 'none@30', exportedDocuments: 12, collectors: counts(100, 9) },
      { caseId: 'none@90', exportedDocuments: 40, collectors: counts(300, 9) },
    ]);
    expect(diffGateBudgets(VALID, after)).toEqual([
      'none@10 v1: 40 -> 41 (+1)',
      'none@10 v2: 9 -> 10 (+1)',
      'none@90: added (exportedDocuments 40, v1 300, v2 9)',
    ]);
    expect(diffGateBudgets(VALID, VALID)).toEqual([]);
    expect(diffGateBudgets(after, VALID)).toContain('none@90: removed');
  });
});

describe('gateCollectorSets', () => {
  it('records the premise and pins every other role, in registry order', () => {
    expect(gateCollectorSets()).toEqual({ pinned: ['v1-orm', 'v2'], recorded: ['v1'] });
    // A production collector registered later is pinned as soon as it is in the registry.
    expect(
      gateCollectorSets([
        { id: 'v1', role: 'premise' },
        { id: 'v2', role: 'production' },
        { id: 'v2', role: 'candidate' },
      ]),
    ).toEqual({ pinned: ['v2', 'v2'], recorded: ['v1'] });
  });
});
