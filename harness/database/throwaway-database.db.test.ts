import { describe, expect, it } from 'vitest';
import { connect, openDatabaseServer } from './database-server.ts';
import { createThrowawayDatabase, dropDatabase, withThrowawayDatabase } from './throwaway-database.ts';
import { testServerUrl } from '../../test/helpers/test-database.ts';

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = await connect(serverUrl);
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

describe('throwaway databases', () => {
  it('are created as Odoo creates them and gone after a normal run', async () => {
    const serverUrl = testServerUrl();
    let seen = '';
    await withThrowawayDatabase(serverUrl, { label: 'normal' }, async (db) => {
      seen = db.name;
      const client = await connect(db.url);
      try {
        const { rows } = await client.query<{ enc: string; collate: string; ctype: string }>(
          `SELECT pg_encoding_to_char(encoding) AS enc, datcollate AS collate, datctype AS ctype
             FROM pg_database WHERE datname = current_database()`,
        );
        expect(rows[0]).toEqual({ enc: 'UTF8', collate: 'C', ctype: db.ctype });
        // Code-point order, as Odoo's LC_COLLATE 'C' gives: 'Z' < 'a' < 'Đ'.
        const sorted = await client.query<{ s: string }>(
          "SELECT s FROM unnest(ARRAY['Đông', 'apple', 'Zeta', 'Công', 'Cuong']) AS s ORDER BY s",
        );
        expect(sorted.rows.map((r) => r.s)).toEqual(['Cuong', 'Công', 'Zeta', 'apple', 'Đông']);
      } finally {
        await client.end();
      }
      expect(await databaseExists(serverUrl, db.name)).toBe(true);
    });
    expect(await databaseExists(serverUrl, seen)).toBe(false);
  });

  it('are gone after a failing run, and the error comes through', async () => {
    const serverUrl = testServerUrl();
    let seen = '';
    await expect(
      withThrowawayDatabase(serverUrl, { label: 'failing' }, (db) => {
        seen = db.name;
        return Promise.reject(new Error('boom'));
      }),
    ).rejects.toThrow('boom');
    expect(seen).not.toBe('');
    expect(await databaseExists(serverUrl, seen)).toBe(false);
  });

  it('are kept with keep, and only hfcb_ databases can be dropped', async () => {
    const serverUrl = testServerUrl();
    const db = await createThrowawayDatabase(serverUrl, { label: 'kept', keep: true });
    await db.drop();
    expect(await databaseExists(serverUrl, db.name)).toBe(true);
    await dropDatabase(serverUrl, db.name);
    expect(await databaseExists(serverUrl, db.name)).toBe(false);
    await expect(dropDatabase(serverUrl, 'postgres')).rejects.toThrow(/only drops databases it created/);
  });
});

describe('bad server URLs', () => {
  it('an unreachable server gives one explanation, redacted, within 10 s', async () => {
    const started = Date.now();
    const error = await openDatabaseServer({
      databaseUrl: 'postgres://someone:s3cret-pw@127.0.0.1:1/postgres',
    }).catch((e: unknown) => e as Error);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('postgres://someone:***@127.0.0.1:1/postgres');
    expect(message).not.toContain('s3cret-pw');
    expect(message).toMatch(/did not answer/);
  });

  it('a wrong password or unknown role is explained without printing the password', async () => {
    const url = new URL(testServerUrl());
    url.username = 'no_such_role_hfcb';
    url.password = 'wrong-pw-123';
    const error = (await openDatabaseServer({ databaseUrl: url.toString() }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).not.toContain('wrong-pw-123');
    expect(error.message).toMatch(/refused the credentials|code 28/);
  });
});
