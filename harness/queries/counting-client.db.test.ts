import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { CountingClient } from './counting-client.ts';
import { withLabel } from './query-label.ts';
import { findNPlusOne, summarize } from './query-log-summary.ts';
import { sqlFingerprint } from './sql-fingerprint.ts';

const PARTNER_BY_ID = 'SELECT id, name FROM partner WHERE id = $1';

describe('CountingClient on PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('counting_client');
    await db.client.query(
      `CREATE TABLE partner (id int PRIMARY KEY, name text NOT NULL);
       INSERT INTO partner SELECT g, 'Partner ' || g FROM generate_series(1, 10) AS g;`,
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('records every round trip exactly, in order, and returns the results unchanged', async () => {
    const client = new CountingClient(db.client);
    const names: string[] = [];
    for (let id = 1; id <= 7; id++) {
      const result = await client.query<{ id: number; name: string }>(PARTNER_BY_ID, [id]);
      names.push(result.rows[0]?.name ?? '');
    }
    const all = await client.query('SELECT id FROM partner WHERE id = ANY($1::int[])', [[1, 2, 3]]);

    expect(names).toEqual([
      'Partner 1',
      'Partner 2',
      'Partner 3',
      'Partner 4',
      'Partner 5',
      'Partner 6',
      'Partner 7',
    ]);
    expect(all.rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(client.count).toBe(8);
    expect(client.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const first = client.log[0];
    expect(first).toMatchObject({
      sql: PARTNER_BY_ID,
      fingerprint: 'SELECT id, name FROM partner WHERE id = $1',
      fingerprintId: sqlFingerprint(PARTNER_BY_ID).fingerprintId,
      paramCount: 1,
      params: [1],
      rowCount: 1,
      rowsReturned: 1,
      delayMs: 0,
      label: {},
      labelKey: '(unlabelled)',
    });
    expect(first?.error).toBeUndefined();
    expect(first?.durationMs).toBeGreaterThan(0);
    expect(client.log[7]).toMatchObject({ paramCount: 1, params: [[1, 2, 3]], rowsReturned: 3, rowCount: 3 });
    expect(client.tally().map((row) => [row.fingerprint, row.count, row.rowsReturned])).toEqual([
      ['SELECT id, name FROM partner WHERE id = $1', 7, 7],
      ['SELECT id FROM partner WHERE id = ANY($1::int[])', 1, 3],
    ]);
  });

  it('labels each query with the label in force where it was issued, through await chains and Promise.all', async () => {
    const client = new CountingClient(db.client);
    const sheet = (name: string, ids: number[]) =>
      withLabel({ phase: 'sheet', sheet: name }, async () => {
        for (const id of ids) {
          await Promise.resolve();
          await client.query(PARTNER_BY_ID, [id]);
        }
      });
    await withLabel({ collector: 'v1' }, async () => {
      await withLabel({ phase: 'documents' }, () => client.query('SELECT count(*) FROM partner'));
      await Promise.all([sheet('A', [1, 2, 3]), sheet('B', [4, 5]), sheet('C', [6])]);
    });
    await client.query('SELECT 1');

    const byLabel = new Map<string, number[]>();
    for (const entry of client.log) {
      const ids = byLabel.get(entry.labelKey) ?? [];
      ids.push(entry.params?.[0] as number);
      byLabel.set(entry.labelKey, ids);
    }
    expect(Object.fromEntries(byLabel)).toEqual({
      'v1/documents': [undefined],
      'v1/sheet/A': [1, 2, 3],
      'v1/sheet/B': [4, 5],
      'v1/sheet/C': [6],
      '(unlabelled)': [undefined],
    });
    expect(client.log.find((e) => e.labelKey === 'v1/sheet/B')?.label).toEqual({
      collector: 'v1',
      phase: 'sheet',
      sheet: 'B',
    });
    expect(client.count).toBe(8);
  });

  it('makes the N+1 pattern visible in the summary', async () => {
    const client = new CountingClient(db.client);
    await withLabel({ collector: 'v1', phase: 'documents' }, async () => {
      const docs = await client.query<{ id: number }>('SELECT id FROM partner ORDER BY id LIMIT 5');
      for (const doc of docs.rows) await client.query(PARTNER_BY_ID, [doc.id]);
    });
    await withLabel({ collector: 'v2', phase: 'documents' }, async () => {
      const docs = await client.query<{ id: number }>('SELECT id FROM partner ORDER BY id LIMIT 5');
      await client.query(
        'SELECT id, name FROM partner WHERE id IN ($1, $2, $3, $4, $5)',
        docs.rows.map((d) => d.id),
      );
    });
    expect(findNPlusOne(client.log, 5)).toEqual([
      {
        fingerprintId: sqlFingerprint(PARTNER_BY_ID).fingerprintId,
        fingerprint: 'SELECT id, name FROM partner WHERE id = $1',
        label: 'v1/documents',
        count: 5,
        documentCount: 5,
        perDocument: 1,
      },
    ]);
    expect(summarize(client.tally(), { documentCount: 5 })).toEqual(
      summarize(client.log, { documentCount: 5 }),
    );
  });

  it('delays every round trip by at least rttMs, also when queries are issued concurrently', async () => {
    const rttMs = 15;
    const client = new CountingClient(db.client, { rttMs });
    for (let id = 1; id <= 3; id++) await client.query(PARTNER_BY_ID, [id]);
    await Promise.all([4, 5, 6].map((id) => client.query(PARTNER_BY_ID, [id])));

    expect(client.count).toBe(6);
    for (const entry of client.log) {
      expect(entry.delayMs).toBeGreaterThanOrEqual(rttMs);
      expect(entry.durationMs).toBeGreaterThanOrEqual(entry.delayMs);
    }
    // One connection runs one round trip at a time, so emulated latencies add up rather than overlap.
    for (let k = 1; k < client.log.length; k++) {
      const previous = client.log[k - 1];
      const entry = client.log[k];
      const previousEndMs = (previous?.startedAtMs ?? 0) + (previous?.durationMs ?? 0);
      // The tolerance only absorbs floating-point rounding of start + duration.
      expect(entry?.startedAtMs).toBeGreaterThanOrEqual(previousEndMs - 1e-6);
    }
  });

  it('records a failed query with its PostgreSQL code and rethrows the same error', async () => {
    const client = new CountingClient(db.client);
    let thrown: unknown;
    await withLabel({ collector: 'v1' }, async () => {
      try {
        await client.query('SELECT * FROM no_such_table WHERE id = $1', [1]);
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as { code?: string }).code).toBe('42P01');
    expect(client.log[0]).toMatchObject({
      fingerprint: 'SELECT * FROM no_such_table WHERE id = $1',
      rowCount: null,
      rowsReturned: 0,
      labelKey: 'v1',
      error: { message: (thrown as Error).message, code: '42P01' },
    });
    expect(client.tally()[0]?.errorCount).toBe(1);

    // The connection is still usable and the next query is counted normally.
    await expect(client.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    expect(client.count).toBe(2);
    expect(client.log[1]?.error).toBeUndefined();
  });

  it('caps the detailed log but keeps counts and the tally exact', async () => {
    const client = new CountingClient(db.client, { maxLogEntries: 3 });
    for (let id = 1; id <= 10; id++) await client.query(PARTNER_BY_ID, [id]);

    expect(client.count).toBe(10);
    expect(client.log.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(client.droppedEntries).toBe(7);
    expect(client.tally().map((row) => [row.count, row.rowsReturned])).toEqual([[10, 10]]);
    expect(summarize(client.tally()).total).toBe(10);
  });

  it('leaves parameters out when keepParams is false, but still counts them', async () => {
    const client = new CountingClient(db.client, { keepParams: false });
    await client.query(PARTNER_BY_ID, [1]);
    expect(client.log[0]?.params).toBeUndefined();
    expect(client.log[0]?.paramCount).toBe(1);
  });

  it('sums rows over the results of a multi-statement text', async () => {
    const client = new CountingClient(db.client);
    await client.query('SELECT 1; SELECT id FROM partner WHERE id <= 2');
    expect(client.count).toBe(1);
    expect(client.log[0]).toMatchObject({ rowsReturned: 3, rowCount: 3, paramCount: 0 });
  });

  it('forgets everything on reset', async () => {
    const client = new CountingClient(db.client, { maxLogEntries: 1 });
    await client.query('SELECT 1');
    await client.query('SELECT 2');
    client.reset();
    expect([client.count, client.log.length, client.droppedEntries, client.tally().length]).toEqual([
      0, 0, 0, 0,
    ]);
    await client.query('SELECT 3');
    expect(client.log[0]?.seq).toBe(1);
  });

  it('rejects options it cannot honour, naming them', () => {
    expect(() => new CountingClient(db.client, { rttMs: -1 })).toThrow(
      /rttMs must be a finite number >= 0, got -1/,
    );
    expect(() => new CountingClient(db.client, { maxLogEntries: Number.NaN })).toThrow(/maxLogEntries/);
  });
});
