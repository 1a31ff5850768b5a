import pg from 'pg';
import { throwIfInterrupted } from './cleanup-registry.ts';
import { explainConnectionError } from './connection-errors.ts';

/** Connection timeout: an unreachable server must produce an explanation well within 10 s. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Opens a `pg.Client` with the harness's timeouts; the error, if any, is already explained. Once the run is
 * interrupted only cleanups (`cleanup: true`) may still connect: no new work starts after Ctrl-C.
 */
export async function connect(
  url: string,
  action = 'connect',
  options: { cleanup?: boolean } = {},
): Promise<pg.Client> {
  if (!options.cleanup) throwIfInterrupted();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A dropped connection (server stopped under us) must not crash the process as an unhandled 'error'.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw explainConnectionError(error, url, action);
  }
}
