import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportFilters } from '../../src/export-filters.ts';
import { createSeededTestDatabase } from '../../test/helpers/seeded-test-database.ts';
import type { TestDatabase } from '../../test/helpers/test-database.ts';
import type { PlanRecord } from '../results/bench-results.ts';
import { runCollector } from '../compare/run-collector.ts';
import type { QueryLogEntry } from '../queries/counting-client.ts';
import {
  DEFAULT_PLAN_EXECUTIONS,
  assertSelectStatement,
  capturePlans,
  explainAnalyze,
  NotASelectError,
  pickPlanTargets,
} from './explain-queries.ts';
import { summarizePlan } from './plan-summary.ts';
import { median } from '../timing/ratio-comparison.ts';
import { sqlFingerprint } from '../queries/sql-fingerprint.ts';

/** A log entry as the counting client records it; only what `pickPlanTargets` reads matters. */
function logEntry(
  seq: number,
  sql: string,
  durationMs: number,
  extra: Partial<QueryLogEntry> = {},
): QueryLogEntry {
  const { fingerprint, fingerprintId } = sqlFingerprint(sql);
  return {
    seq,
    sql,
    fingerprint,
    fingerprintId,
    paramCount: extra.params?.length ?? 0,
    rowCount: 1,
    rowsReturned: 1,
    startedAtMs: seq,
    durationMs,
    delayMs: 0,
    label: {},
    labelKey: '',
    ...extra,
  };
}

describe('pickPlanTargets', () => {
  const a1 = logEntry(1, 'SELECT * FROM a WHERE id = $1', 1, { params: [1] });
  const a2 = logEntry(2, 'SELECT * FROM a WHERE id = $1', 1, { params: [2] });
  const b = logEntry(3, 'SELECT * FROM b', 5);
  const c1 = logEntry(4, 'SELECT * FROM c WHERE x = $1', 1, { params: [7] });
  const c2 = logEntry(5, 'SELECT * FROM c WHERE x = $1', 1, { params: [8] });
  const c3 = logEntry(6, 'SELECT * FROM c WHERE x = $1', 1, { params: [9] });
  const log = [a1, b, c1, a2, c2, c3];

  it('keeps every v2 fingerprint in order of first appearance, represented by its first call', () => {
    expect(pickPlanTargets(log, { collector: 'v2' })).toEqual([
      {
        fingerprintId: a1.fingerprintId,
        fingerprint: a1.fingerprint,
        sql: a1.sql,
        params: [1],
        calls: 2,
        totalDurationMs: 2,
      },
      {
        fingerprintId: b.fingerprintId,
        fingerprint: b.fingerprint,
        sql: b.sql,
        params: [],
        calls: 1,
        totalDurationMs: 5,
      },
      {
        fingerprintId: c1.fingerprintId,
        fingerprint: c1.fingerprint,
        sql: c1.sql,
        params: [7],
        calls: 3,
        totalDurationMs: 3,
      },
    ]);
  });

  it('keeps the N heaviest v1 fingerprints by total duration, ties to the most calls', () => {
    const tie = [...log, logEntry(7, 'SELECT * FROM a WHERE id = $1', 1, { params: [3] })]; // a: 3 calls, 3 ms
    expect(pickPlanTargets(tie, { collector: 'v1', heaviestV1: 2 }).map((t) => [t.sql, t.calls])).toEqual([
      ['SELECT * FROM b', 1],
      ['SELECT * FROM a WHERE id = $1', 3],
    ]);
    expect(pickPlanTargets(log, { collector: 'v1' })).toHaveLength(3);
    expect(pickPlanTargets(log, { collector: 'v1', heaviestV1: 0 })).toEqual([]);
    expect(() => pickPlanTargets(log, { collector: 'v1', heaviestV1: 1.5 })).toThrow(
      'heaviestV1 must be an integer',
    );
  });

  it('prefers a call that did not fail, and marks parameters that were not kept', () => {
    const failed = logEntry(1, 'SELECT * FROM a WHERE id = $1', 1, {
      params: [1],
      error: { message: 'canceled' },
    });
    const notKept = logEntry(3, 'SELECT $1::int', 1, { paramCount: 1 });
    const [a, kept] = pickPlanTargets([failed, a2, notKept], { collector: 'v2' });
    expect(a?.params).toEqual([2]);
    expect(a?.calls).toBe(2);
    expect(kept?.params).toBeNull();
  });
});

describe('assertSelectStatement', () => {
  it.each([
    'SELECT 1',
    '  (SELECT 1) UNION (SELECT 2)',
    'WITH x AS (SELECT 1 AS n) SELECT n FROM x',
    "SELECT 'DELETE FROM t; INSERT' AS word -- UPDATE in a comment",
    'SELECT "update" FROM t /* DELETE /* nested */ INTO */',
    "SELECT $q$ DROP TABLE t; $q$, E'it\\'s INTO', c.update_date FROM t c;",
  ])('accepts %s', (sql) => {
    expect(() => assertSelectStatement(sql)).not.toThrow();
  });

  it.each([
    ['DELETE FROM res_partner', 'refuses a DELETE statement'],
    ['  update res_partner SET name = 1', 'refuses a UPDATE statement'],
    ['WITH gone AS (DELETE FROM t RETURNING id) SELECT * FROM gone', 'refuses a SELECT containing DELETE'],
    ['SELECT * INTO copy FROM t', 'refuses a SELECT containing INTO'],
    ['SELECT * FROM t FOR UPDATE', 'refuses a SELECT containing UPDATE'],
    ['SELECT 1; DROP TABLE t', 'refuses more than one statement'],
    ['-- only a comment', 'refuses a statement that does not start with a keyword'],
  ])('refuses %s', (sql, message) => {
    expect(() => assertSelectStatement(sql)).toThrow(NotASelectError);
    expect(() => assertSelectStatement(sql)).toThrow(message);
  });
});

describe('on a seeded database (200 documents)', () => {
  let db: TestDatabase;
  let outDir: string;
  let v2Log: readonly QueryLogEntry[];
  let v1Log: readonly QueryLogEntry[];
  let v2Plans: PlanRecord[];

  beforeAll(async () => {
    db = await createSeededTestDatabase('explain', 200);
    await db.client.query('ANALYZE');
    outDir = await mkdtemp(path.join(tmpdir(), 'hfcb-explain-'));
    const filters = parseExportFilters({});
    const v2 = await runCollector(db.client, 'v2', filters);
    const v1 = await runCollector(db.client, 'v1', filters);
    if (v2.kind !== 'exported' || v1.kind !== 'exported') throw new Error('the seeded export did not export');
    v2Log = v2.log;
    v1Log = v1.log;
    v2Plans = await capturePlans({
      client: db.client,
      log: v2Log,
      collector: 'v2',
      scenario: 'small',
      targetDocuments: 200,
      indexState: 'schema',
      outDir,
    });
  });

  afterAll(async () => {
    await db?.drop();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  const childPlan = (plans: PlanRecord[], table: string): PlanRecord => {
    const found = plans.find((p) => p.fingerprint.includes(`FROM ${table} c `));
    if (found === undefined) throw new Error(`no plan of the ${table} child query`);
    return found;
  };

  it('captures one plan per distinct v2 fingerprint (9 without a substance key)', async () => {
    const distinct = new Set(v2Log.map((e) => e.fingerprintId));
    expect(distinct.size).toBe(9);
    expect(v2Plans.map((p) => p.fingerprintId)).toEqual([...distinct]);
    for (const plan of v2Plans) {
      expect(plan.error).toBeUndefined();
      expect(plan).toMatchObject({
        scenario: 'small',
        targetDocuments: 200,
        indexState: 'schema',
        collector: 'v2',
        calls: 1,
      });
      expect(plan.executionMs).toBeGreaterThanOrEqual(0);
      expect(plan.planningMs).toBeGreaterThanOrEqual(0);
      expect(plan.nodeTypes.length).toBeGreaterThan(0);
      expect(plan.rawFile).toBe(`plans/schema-small-v2-${plan.fingerprintId}.json`);
      // The raw file is PostgreSQL's own output (the first execution): summarising it again gives the
      // record's plan and its first time sample.
      const raw = JSON.parse(await readFile(path.join(outDir, plan.rawFile), 'utf8')) as unknown;
      const summary = summarizePlan(raw);
      expect(summary.nodeTypes).toEqual(plan.nodeTypes);
      expect(summary.executionMs).toBe(plan.executionSamplesMs[0]);
      // Measured, not sampled once: five executions, the record's time their median, within their range.
      expect(plan.executionSamplesMs).toHaveLength(DEFAULT_PLAN_EXECUTIONS);
      expect(plan.planningSamplesMs).toHaveLength(DEFAULT_PLAN_EXECUTIONS);
      expect(plan.executionMs).toBe(median(plan.executionSamplesMs));
      expect(plan.executionMinMs).toBe(Math.min(...plan.executionSamplesMs));
      expect(plan.executionMaxMs).toBe(Math.max(...plan.executionSamplesMs));
      expect(plan.executionMinMs).toBeLessThanOrEqual(plan.executionMs);
      expect(plan.executionMs).toBeLessThanOrEqual(plan.executionMaxMs);
      const statement = await readFile(path.join(outDir, plan.rawFile.replace(/\.json$/, '.sql')), 'utf8');
      const sent = v2Log.find((e) => e.fingerprintId === plan.fingerprintId);
      expect(statement).toContain(sent?.sql.trim());
      expect(statement.includes('-- $1 = ')).toBe((sent?.paramCount ?? 0) > 0);
    }
  });

  it('reports the document query with the rows it really returned', () => {
    const first = v2Plans[0];
    const documentQuery = v2Log[0];
    expect(first?.fingerprintId).toBe(documentQuery?.fingerprintId);
    expect(first?.actualRows).toBe(documentQuery?.rowsReturned);
    expect(first?.nodeTypes).toContain('Sort');
  });

  it('shows each v2 child query reading its child table, by a Seq Scan with its row count or by an index', async () => {
    for (const table of [
      'substance_usage',
      'equipment_product',
      'equipment_ownership',
      'collection_recycling',
    ]) {
      const plan = childPlan(v2Plans, table);
      const summary = summarizePlan(JSON.parse(await readFile(path.join(outDir, plan.rawFile), 'utf8')));
      expect(summary.relationsScanned).toContain(table);
      const seqScan = plan.seqScans.find((s) => s.relation === table);
      if (seqScan === undefined) {
        expect(plan.indexesUsed.some((name) => name.startsWith(`${table}_`))).toBe(true);
      } else {
        // A Seq Scan produces the rows that pass its filter: at least those the query returned.
        const { rows } = await db.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        expect(seqScan.actualRows).toBeGreaterThanOrEqual(plan.actualRows);
        expect(seqScan.actualRows).toBeLessThanOrEqual(rows[0]?.n ?? -1);
      }
    }
  });

  it('captures the heaviest v1 fingerprints, heaviest first', async () => {
    const plans = await capturePlans({
      client: db.client,
      log: v1Log,
      collector: 'v1',
      scenario: 'small',
      targetDocuments: 200,
      indexState: 'schema',
      outDir,
      heaviestV1: 3,
    });
    const expected = pickPlanTargets(v1Log, { collector: 'v1', heaviestV1: 3 });
    expect(plans.map((p) => [p.fingerprintId, p.calls])).toEqual(
      expected.map((t) => [t.fingerprintId, t.calls]),
    );
    expect(plans.some((p) => p.calls > 1)).toBe(true);
    for (const plan of plans) {
      expect(plan.error).toBeUndefined();
      expect(plan.rawFile).toBe(`plans/schema-small-v1-${plan.fingerprintId}.json`);
    }
  });

  it('records a failing EXPLAIN with its error and goes on with the others', async () => {
    const log = [
      logEntry(1, 'SELECT * FROM no_such_table WHERE id = $1', 1, { params: [1] }),
      logEntry(2, 'SELECT $1::int AS n', 1, { paramCount: 1 }),
      logEntry(3, 'SELECT count(*) FROM hs_code WHERE id = ANY($1::int[])', 1, { params: [[1, 2]] }),
    ];
    const plans = await capturePlans({
      client: db.client,
      log,
      collector: 'v2',
      scenario: 'broken',
      targetDocuments: 1,
      indexState: 'schema',
      outDir,
    });
    expect(plans).toHaveLength(3);
    expect(plans[0]?.error).toContain('SQLSTATE 42P01');
    expect(plans[0]?.rawFile).toBe('');
    expect(plans[0]?.nodeTypes).toEqual([]);
    expect(plans[1]?.error).toContain('parameters were not kept');
    expect(plans[2]?.error).toBeUndefined();
    expect(plans[2]?.nodeTypes).toContain('Aggregate');
    // The failed EXPLAIN's transaction was rolled back: the connection is usable.
    await expect(db.client.query('SELECT 1')).resolves.toBeDefined();
  });

  it('refuses a non-SELECT before sending it, and runs even a SELECT read-only', async () => {
    const before = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM res_partner');
    await expect(explainAnalyze(db.client, 'DELETE FROM res_partner')).rejects.toThrow(NotASelectError);
    await expect(
      explainAnalyze(db.client, 'WITH d AS (DELETE FROM res_partner RETURNING id) SELECT count(*) FROM d'),
    ).rejects.toThrow('refuses a SELECT containing DELETE');
    const after = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM res_partner');
    expect(after.rows).toEqual(before.rows);

    // nextval() writes: the READ ONLY transaction stops it, and the sequence does not move.
    const sequence = async () =>
      (await db.client.query<{ v: string }>('SELECT last_value::text AS v FROM res_partner_id_seq')).rows[0]
        ?.v;
    const valueBefore = await sequence();
    await expect(explainAnalyze(db.client, "SELECT nextval('res_partner_id_seq')")).rejects.toThrow('25006');
    expect(await sequence()).toBe(valueBefore);
  });

  it('returns the plan already parsed, with the parameters applied', async () => {
    const plan = await explainAnalyze(db.client, 'SELECT id FROM hs_code WHERE id = ANY($1::int[])', [
      [1, 2, 3],
    ]);
    expect(Array.isArray(plan)).toBe(true);
    expect(summarizePlan(plan).actualRows).toBeLessThanOrEqual(3);
  });

  // Last: it changes the schema and the session of the shared database.
  it('names a newly created index once the planner must use one', async () => {
    await db.client.query('DROP INDEX substance_usage__document_id_index');
    await db.client.query('CREATE INDEX hfcb_test_substance_usage_document ON substance_usage (document_id)');
    await db.client.query('ANALYZE substance_usage');
    await db.client.query('SET enable_seqscan = off');
    try {
      const plans = await capturePlans({
        client: db.client,
        log: v2Log,
        collector: 'v2',
        scenario: 'small',
        targetDocuments: 200,
        indexState: 'proposed-indexes',
        outDir,
      });
      const plan = childPlan(plans, 'substance_usage');
      expect(plan.error).toBeUndefined();
      expect(plan.indexesUsed).toContain('hfcb_test_substance_usage_document');
      expect(plan.seqScans.filter((s) => s.relation === 'substance_usage')).toEqual([]);
      expect(plan.rawFile).toBe(`plans/proposed-indexes-small-v2-${plan.fingerprintId}.json`);
    } finally {
      await db.client.query('RESET enable_seqscan');
    }
  });
});
