/**
 * Connection strings: the one place that knows where the password is, so that nothing else ever prints it.
 */

/** Replaces the password of a PostgreSQL URL (user info and `?password=`) with `***`. Never throws. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    // Not a URL we can parse: hide anything between ':' and '@' that could be a password.
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Removes every occurrence of the URL's password from a text (for error messages from drivers). */
export function redactText(text: string, url: string): string {
  let password: string | null = null;
  try {
    password = decodeURIComponent(new URL(url).password) || null;
  } catch {
    password = null;
  }
  let out = text.split(url).join(redactUrl(url));
  if (password) out = out.split(password).join('***');
  return out;
}

/** The same server, another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name a URL points at (`postgres` when it names none, as libpq would use the user name). */
export function databaseNameOf(url: string): string {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return name || decodeURIComponent(parsed.username) || 'postgres';
}

/** Checks that a text is a `postgres://` or `postgresql://` URL; returns an explanation when it is not. */
export function validateDatabaseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${redactUrl(url)}" is not a URL; expected postgres://user[:password]@host[:port]/database`;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return `"${redactUrl(url)}" uses ${parsed.protocol}; expected a postgres:// or postgresql:// URL`;
  }
  return null;
}

/** Hides the password of every PostgreSQL URL that appears in a text (last line of defence before printing). */
export function redactSecrets(text: string): string {
  // The user part holds no bracket: `postgres://user[:password]@host` in a help text is not a URL to redact.
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s[\]]*):[^@\s]*@/g, '$1:***@');
}
