import type pg from 'pg';
import { inject } from 'vitest';
import { connect } from '../../harness/database/database-server.ts';
import { createThrowawayDatabase } from '../../harness/database/throwaway-database.ts';

export interface TestDatabase {
  name: string;
  url: string;
  client: pg.Client;
  drop(): Promise<void>;
}

/** The admin URL of the test server (see test/global-setup.ts). */
export function testServerUrl(): string {
  return inject('serverUrl');
}

/** A fresh throwaway database on the test server, with a connected client; `drop()` closes and drops it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const db = await createThrowawayDatabase(testServerUrl(), { label: `t_${label}` });
  const client = await connect(db.url);
  return {
    name: db.name,
    url: db.url,
    client,
    async drop() {
      await client.end().catch(() => undefined);
      await db.drop();
    },
  };
}
