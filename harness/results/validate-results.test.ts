import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchResultsFixture } from './bench-results.fixture.ts';
import { readBenchResults, validateBenchResults } from './validate-results.ts';

const REMOVE = Symbol('remove');

/**
 * The fixture as plain JSON (what `results.json` holds), with the values at the given JSON pointers replaced
 * (or removed with `REMOVE`), to break it on purpose.
 */
function fixtureJson(changes: Record<string, unknown> = {}): unknown {
  const json = JSON.parse(JSON.stringify(benchResultsFixture)) as unknown;
  for (const [pointer, value] of Object.entries(changes)) {
    const keys = pointer.split('/').slice(1);
    const last = keys.pop()!;
    let node = json as Record<string, unknown>;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return json;
}

describe('validateBenchResults', () => {
  it('accepts the fixture, as written to results.json', () => {
    expect(validateBenchResults(fixtureJson())).toEqual({ valid: true, errors: [] });
  });

  it('names a missing required field and where it is missing', () => {
    const json = fixtureJson({ '/cases/0/collectors/v1/queryCount': REMOVE });
    const result = validateBenchResults(json);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('/cases/0/collectors/v1 is missing the required property "queryCount"');
  });

  it('names a value of the wrong type', () => {
    const json = fixtureJson({ '/cases/3/collectors/v2/timing/meanMs': '95 ms' });
    const result = validateBenchResults(json);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('/cases/3/collectors/v2/timing/meanMs must be number');
  });

  it('rejects a property it does not know (a typo would otherwise be ignored)', () => {
    const json = fixtureJson({ '/plans/0/executionMS': 1 });
    expect(validateBenchResults(json).errors).toContain('/plans/0 has an unexpected property "executionMS"');
  });

  it('rejects an unknown index state with the allowed values', () => {
    const json = fixtureJson({ '/cases/1/indexState': 'indexes' });
    expect(validateBenchResults(json).errors).toContain(
      '/cases/1/indexState must be one of ["schema","proposed-indexes"]',
    );
  });

  it('says which version it reads when given another', () => {
    const json = fixtureJson({ '/version': 1 });
    const result = validateBenchResults(json);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^\/version is 1, but this hfc-bench reads results version 2/);
  });

  it('accepts any registered collector id, and rejects an empty one', () => {
    expect(
      validateBenchResults(
        fixtureJson({ '/cases/0/collectors/v3': benchResultsFixture.cases[0]!.collectors.v2 }),
      ).valid,
    ).toBe(true);
    expect(validateBenchResults(fixtureJson({ '/headline/baseline': '' })).errors).toContain(
      '/headline/baseline must NOT have fewer than 1 characters',
    );
  });

  it('keeps the raw samples of every timing and every plan', () => {
    const json = fixtureJson({ '/cases/0/collectors/v2/timing/samplesMs': [1, -2] });
    expect(validateBenchResults(json).errors).toContain(
      '/cases/0/collectors/v2/timing/samplesMs/1 must be >= 0',
    );
    expect(validateBenchResults(fixtureJson({ '/plans/0/executionSamplesMs': REMOVE })).errors).toContain(
      '/plans/0 is missing the required property "executionSamplesMs"',
    );
  });

  it('refuses an unknown verdict, witness status or comparison purpose', () => {
    expect(
      validateBenchResults(fixtureJson({ '/cases/0/comparisons/0/verdict': 'better' })).errors,
    ).toContain(
      '/cases/0/comparisons/0/verdict must be one of ["faster","slower","no detectable difference","too few samples"]',
    );
    expect(
      validateBenchResults(fixtureJson({ '/cases/0/collectors/v1/witness/status': 'ok' })).errors,
    ).toContain(
      '/cases/0/collectors/v1/witness/status must be one of ["witnessed","not witnessed","mismatch"]',
    );
    expect(validateBenchResults(fixtureJson({ '/cases/0/comparisons/0/purpose': 'main' })).valid).toBe(false);
  });

  it('requires the run-level noise record with its tooNoisy flag', () => {
    expect(validateBenchResults(fixtureJson({ '/noise/tooNoisy': REMOVE })).errors).toContain(
      '/noise is missing the required property "tooNoisy"',
    );
  });

  it('rejects something that is not an object', () => {
    expect(validateBenchResults([1, 2]).valid).toBe(false);
    expect(validateBenchResults(null).errors[0]).toBe('(top level) must be object');
  });
});

describe('readBenchResults', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hfcb-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a valid results.json', async () => {
    const run = path.join(dir, 'ok');
    await mkdir(run);
    await writeFile(path.join(run, 'results.json'), JSON.stringify(benchResultsFixture));
    expect(await readBenchResults(run)).toEqual(benchResultsFixture);
  });

  it('names the file and hints at the folder when results.json is missing', async () => {
    await expect(readBenchResults(path.join(dir, 'nowhere'))).rejects.toThrow(
      `cannot read ${path.join(dir, 'nowhere', 'results.json')}: no such file; pass the folder of a bench run`,
    );
  });

  it('names the file and the problems when it is invalid', async () => {
    const run = path.join(dir, 'bad');
    await mkdir(run);
    const json = fixtureJson({ '/runId': REMOVE, '/durationMs': -1 });
    await writeFile(path.join(run, 'results.json'), JSON.stringify(json));
    const error = await readBenchResults(run).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      `${path.join(run, 'results.json')} is not a valid hfc-bench results file:`,
    );
    expect((error as Error).message).toContain('  - (top level) is missing the required property "runId"');
    expect((error as Error).message).toContain('  - /durationMs must be >= 0');
  });

  it('says when the file is not JSON', async () => {
    const run = path.join(dir, 'truncated');
    await mkdir(run);
    await writeFile(path.join(run, 'results.json'), '{"version": 1, "runId": ');
    await expect(readBenchResults(run)).rejects.toThrow(/results\.json is not valid JSON .*re-run the bench/);
  });
});
