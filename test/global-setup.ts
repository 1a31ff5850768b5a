import type { TestProject } from 'vitest/node';
import { openDatabaseServer, type DatabaseServer } from '../harness/database/database-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the server the integration tests use (embedded, or DATABASE_URL). */
    serverUrl: string;
    serverKind: 'embedded' | 'external';
    serverVersion: string;
  }
}

let server: DatabaseServer | undefined;

/**
 * One PostgreSQL server for the whole test run: the embedded one by default (started here, stopped at the
 * end), or the server in DATABASE_URL. Test files create their own throwaway databases on it.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await openDatabaseServer({ databaseUrl: process.env.DATABASE_URL || undefined });
  process.stderr.write(`tests use ${server.kind} PostgreSQL ${server.version} at ${server.redactedUrl}\n`);
  project.provide('serverUrl', server.url);
  project.provide('serverKind', server.kind);
  project.provide('serverVersion', server.version);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
