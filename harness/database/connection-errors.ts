import { redactText, redactUrl } from './database-url.ts';
import { describeServerDeath, serverDeath } from './server-death.ts';

/** `host:port` of the embedded servers of this process: advice about DATABASE_URL does not apply to them. */
const embeddedEndpoints = new Set<string>();

function endpoint(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port}`;
  } catch {
    return null;
  }
}

/** Records that `url` is an embedded server started by this run. */
export function markEmbeddedServer(url: string): void {
  const key = endpoint(url);
  if (key) embeddedEndpoints.add(key);
}

/** Whether this run started an embedded server. */
export function embeddedServerStarted(): boolean {
  return embeddedEndpoints.size > 0;
}

/** Whether `url` points at an embedded server started by this run. */
export function isEmbeddedServer(url: string): boolean {
  const key = endpoint(url);
  return key !== null && embeddedEndpoints.has(key);
}

/**
 * Turns a driver error into one paragraph a person can act on: which server (redacted URL), what went
 * wrong, and what to do. PostgreSQL's `code`, `detail` and `hint` are kept, and the original is the `cause`.
 */
export class DatabaseConnectionError extends Error {
  override name = 'DatabaseConnectionError';
  readonly code: string | undefined;
  constructor(message: string, options: { cause: unknown; code?: string | undefined }) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}

interface DriverError {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
}

/** Builds the explanation for a failure while connecting to `url` or preparing work on it. */
export function explainConnectionError(error: unknown, url: string, action: string): DatabaseConnectionError {
  const e = (error ?? {}) as DriverError;
  const where = redactUrl(url);
  const raw = redactText(e.message ?? String(error), url);
  const embedded = embeddedEndpoints.has(endpoint(url) ?? '');
  const death = embedded ? serverDeath() : null;
  let advice: string;
  switch (death ? 'died' : e.code) {
    case 'died':
      advice = `Because ${describeServerDeath(death!)}.`;
      break;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'EAI_AGAIN':
      advice = embedded
        ? 'The embedded server did not answer: it has stopped (see above).'
        : 'The server did not answer. Check that PostgreSQL is running and that host and port are right, or unset DATABASE_URL (and drop --database-url) to use the embedded server.';
      break;
    case '28P01':
    case '28000':
      advice =
        'The server refused the credentials. Check the user name and password in the URL (or PGPASSWORD), and pg_hba.conf.';
      break;
    case '3D000':
      advice = 'That database does not exist. Name an existing database in the URL (for example /postgres).';
      break;
    case '42501':
      advice =
        'The role lacks a privilege this run needs (throwaway databases need CREATEDB). Use a role with CREATEDB, or grant it: ALTER ROLE <name> CREATEDB.';
      break;
    default:
      advice = /timeout/i.test(raw)
        ? 'The server did not answer in time. Check that it is reachable from this machine.'
        : 'See the error above; PostgreSQL code, detail and hint are included when the server sent them.';
  }
  const extras = [
    e.code ? `code ${e.code}` : null,
    e.detail ? `detail: ${redactText(e.detail, url)}` : null,
    e.hint ? `hint: ${redactText(e.hint, url)}` : null,
  ].filter(Boolean);
  const message = `Could not ${action} on ${where}: ${raw}${extras.length ? ` (${extras.join('; ')})` : ''}. ${advice}`;
  return new DatabaseConnectionError(message, { cause: error, code: e.code });
}

/**
 * Errors that mean the database went away (the harness cannot go on), as opposed to a collector's own bug
 * (bad SQL, a thrown exception), which is a result about that collector.
 */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)
  ) {
    return true;
  }
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection error|Client was closed|not queryable/i.test(message);
}
