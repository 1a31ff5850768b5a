import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl, validateDatabaseUrl } from './database-url.ts';

describe('URL redaction', () => {
  it('hides passwords and nothing else', () => {
    expect(redactSecrets('at postgres://app:s3cr3t@db:5432/x now')).toBe(
      'at postgres://app:***@db:5432/x now',
    );
    expect(redactUrl('postgres://app:s3cr3t@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    const expected = 'expected postgres://user[:password]@host[:port]/database';
    expect(redactSecrets(expected)).toBe(expected);
    expect(validateDatabaseUrl('notaurl')).toBe(`"notaurl" is not a URL; ${expected}`);
  });
});
