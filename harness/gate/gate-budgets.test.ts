import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GATE_MATRIX, gateCases, type GateMatrix } from '../../scenarios/gate-matrix.ts';
import {
  BudgetFileError,
  BUDGETS_COMMENT,
  budgetsFromMeasurements,
  diffGateBudgets,
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

const VALID: GateBudgets = {
  version: 1,
  comment: BUDGETS_COMMENT,
  seed: 7,
  cases: {
    'none@10': { exportedDocuments: 4, v1: 40, v2: 9 },
    'none@30': { exportedDocuments: 12, v1: 100, v2: 9 },
  },
};

function problemsOf(text: string): readonly string[] {
  try {
    parseGateBudgets(text, 'budgets.json', MATRIX, CASES);
  } catch (error) {
    expect(error).toBeInstanceOf(BudgetFileError);
    expect((error as BudgetFileError).message).toMatch(/^budget file budgets\.json cannot be used:/);
    return (error as BudgetFileError).problems;
  }
  throw new Error('expected a BudgetFileError');
}

describe('parseGateBudgets', () => {
  it('round-trips what serializeGateBudgets writes', () => {
    expect(parseGateBudgets(serializeGateBudgets(VALID), 'budgets.json', MATRIX, CASES)).toEqual(VALID);
  });

  it('writes one case per line', () => {
    expect(serializeGateBudgets(VALID).split('\n').slice(4, 8)).toEqual([
      '  "cases": {',
      '    "none@10": { "exportedDocuments": 4, "v1": 40, "v2": 9 },',
      '    "none@30": { "exportedDocuments": 12, "v1": 100, "v2": 9 }',
      '  }',
    ]);
  });

  it('rejects text that is not JSON', () => {
    expect(problemsOf('{ "version": 1,')[0]).toMatch(/^not valid JSON: /);
  });

  it('rejects a wrong shape, naming every problem', () => {
    const bad = {
      version: 2,
      seed: 7,
      cases: { 'none@10': { exportedDocuments: 4, v1: -1, v2: '9' }, 'none@30': [] },
      extra: 1,
    };
    expect(problemsOf(JSON.stringify(bad))).toEqual([
      'unknown key "extra"',
      'version: expected 1; received 2',
      'comment: expected a text explaining how to update the file',
      'cases["none@10"].v1: expected a whole number >= 0; received -1',
      'cases["none@10"].v2: expected a whole number >= 0; received "9"',
      'cases["none@30"]: expected { "exportedDocuments": N, "v1": N, "v2": N }; received []',
    ]);
    expect(problemsOf('[]')).toEqual(['expected a JSON object with version, comment, seed, cases']);
  });

  it('rejects an unknown case and a missing one', () => {
    const cases = { 'none@10': VALID.cases['none@10'], 'none@99': VALID.cases['none@30'] };
    expect(problemsOf(JSON.stringify({ ...VALID, cases }))).toEqual([
      'cases["none@99"]: unknown case; the matrix has none@10, none@30',
      'cases["none@30"]: missing; run "npx hfc-bench gate --update-budgets" to record the current counts',
    ]);
  });

  it('rejects budgets recorded with another seed', () => {
    expect(problemsOf(JSON.stringify({ ...VALID, seed: 8 }))).toEqual([
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
    const after = budgetsFromMeasurements(7, [
      { caseId: 'none@10', exportedDocuments: 4, v1: { queryCount: 41 }, v2: { queryCount: 10 } },
      { caseId: 'none@30', exportedDocuments: 12, v1: { queryCount: 100 }, v2: { queryCount: 9 } },
      { caseId: 'none@90', exportedDocuments: 40, v1: { queryCount: 300 }, v2: { queryCount: 9 } },
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
