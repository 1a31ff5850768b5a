import { describe, expect, it } from 'vitest';
import { fingerprintId, sqlFingerprint } from './sql-fingerprint.ts';

describe('sqlFingerprint', () => {
  it('collapses runs of whitespace and trims', () => {
    expect(sqlFingerprint('  SELECT\n\tid,\r\n   name\nFROM   res_partner  \n')).toBe(
      'SELECT id, name FROM res_partner',
    );
  });

  it('keeps absent whitespace absent', () => {
    expect(sqlFingerprint('SELECT t1.id,t1.name FROM t AS t1')).toBe('SELECT t1.id,t1.name FROM t AS t1');
  });

  it('replaces $n placeholders', () => {
    expect(sqlFingerprint('SELECT * FROM t WHERE a = $1 AND b = $12')).toBe(
      'SELECT * FROM t WHERE a = ? AND b = ?',
    );
  });

  it('keeps a cast on a placeholder', () => {
    expect(sqlFingerprint('SELECT $1::int, $2::numeric(16,4)')).toBe('SELECT ?::int, ?::numeric(?...)');
  });

  describe('string literals', () => {
    it('replaces plain strings, with doubled quotes inside', () => {
      expect(sqlFingerprint("SELECT 'it''s', '' FROM t WHERE x = 'a b'")).toBe(
        'SELECT ?, ? FROM t WHERE x = ?',
      );
    });

    it('replaces E strings, whose backslash escapes a quote', () => {
      expect(sqlFingerprint("SELECT E'it\\'s' || e'\\\\' AS x")).toBe('SELECT ? || ? AS x');
    });

    it('treats backslash as an ordinary character in a standard string', () => {
      // With standard_conforming_strings on, 'a\' is a complete literal.
      expect(sqlFingerprint("SELECT 'a\\', 'b'")).toBe('SELECT ?, ?');
    });

    it('replaces B, X, N and U& strings', () => {
      expect(sqlFingerprint("SELECT B'101', X'1F', N'abc', U&'d\\0061t'")).toBe('SELECT ?, ?, ?, ?');
    });

    it('replaces dollar-quoted strings, empty or tagged', () => {
      expect(sqlFingerprint("SELECT $$it's$$, $fn$ a $$ b $fn$, $a_1$x$a_1$")).toBe('SELECT ?, ?, ?');
    });

    it('keeps comment markers that are inside strings', () => {
      expect(sqlFingerprint("SELECT '-- not a comment', '/* nor this */' FROM t")).toBe('SELECT ?, ? FROM t');
    });

    it('keeps the type of a typed literal', () => {
      expect(sqlFingerprint("SELECT date '2024-01-01', interval '1 day', 'x'::text")).toBe(
        'SELECT date ?, interval ?, ?::text',
      );
    });

    it('does not read an identifier ending in e as an E string prefix', () => {
      expect(sqlFingerprint("SELECT name FROM t WHERE type='a'")).toBe('SELECT name FROM t WHERE type=?');
    });
  });

  describe('numeric literals', () => {
    it('replaces integers, decimals, exponents and other bases', () => {
      expect(sqlFingerprint('SELECT 1, 42, 3.14, .5, 5., 1e10, 2.5E-3, 0x1F, 0o17, 0b101, 1_000_000')).toBe(
        'SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?',
      );
    });

    it('folds a sign into the literal where it cannot be subtraction', () => {
      expect(sqlFingerprint('SELECT -1 WHERE a = -2 AND b IN (-3, +4) AND c=-5 AND d > -$1')).toBe(
        'SELECT ? WHERE a = ? AND b IN (?...) AND c=? AND d > ?',
      );
    });

    it('keeps subtraction', () => {
      expect(sqlFingerprint('SELECT a - 1, a-1, (a) - 2, $1 - 3')).toBe('SELECT a - ?, a-?, (a) - ?, ? - ?');
    });

    it('gives the same fingerprint to a negative and a positive value', () => {
      expect(sqlFingerprint('SELECT * FROM t WHERE id = -7')).toBe(
        sqlFingerprint('SELECT * FROM t WHERE id = 7'),
      );
    });
  });

  describe('identifiers', () => {
    it('leaves identifiers with digits alone', () => {
      expect(sqlFingerprint('SELECT year_1, year_2, t1.id, "col2", x$1 FROM t1')).toBe(
        'SELECT year_1, year_2, t1.id, "col2", x$1 FROM t1',
      );
    });

    it('leaves quoted identifiers alone, with their doubled quotes and odd characters', () => {
      expect(sqlFingerprint('SELECT "a""b", "it\'s 1", U&"d\\0061t" FROM "Table 2"')).toBe(
        'SELECT "a""b", "it\'s 1", U&"d\\0061t" FROM "Table 2"',
      );
    });

    it('leaves keywords, their case, TRUE, FALSE and NULL alone', () => {
      expect(sqlFingerprint('select A from T where x is null and y = TRUE and z <> false')).toBe(
        'select A from T where x is null and y = TRUE and z <> false',
      );
    });

    it('leaves non-ASCII identifiers alone', () => {
      expect(sqlFingerprint('SELECT tên_1 FROM bảng')).toBe('SELECT tên_1 FROM bảng');
    });
  });

  describe('comments', () => {
    it('removes line comments', () => {
      expect(sqlFingerprint('SELECT 1 -- one\nFROM t -- end')).toBe('SELECT ? FROM t');
    });

    it('removes block comments, nested ones included', () => {
      expect(sqlFingerprint('SELECT /* a /* b */ c */ id FROM t/**/WHERE x')).toBe(
        'SELECT id FROM t WHERE x',
      );
    });

    it('ends an operator where a comment starts', () => {
      expect(sqlFingerprint('SELECT a =/* c */1, b <--c\n 2')).toBe('SELECT a = ?, b < ?');
    });
  });

  describe('lists', () => {
    it('collapses IN lists of any length to one form', () => {
      const one = sqlFingerprint('SELECT * FROM t WHERE id IN ($1)');
      const three = sqlFingerprint('SELECT * FROM t WHERE id IN ($1, $2, $3)');
      const literals = sqlFingerprint('SELECT * FROM t WHERE id IN (1,2,3,4,5)');
      expect(one).toBe('SELECT * FROM t WHERE id IN (?...)');
      expect(three).toBe(one);
      expect(literals).toBe(one);
    });

    it('collapses ARRAY constructors of any length', () => {
      expect(sqlFingerprint('SELECT * FROM t WHERE id = ANY(ARRAY[1, 2, 3])')).toBe(
        'SELECT * FROM t WHERE id = ANY(ARRAY[?...])',
      );
      expect(sqlFingerprint('SELECT array[$1]')).toBe('SELECT array[?...]');
    });

    it('gives a single array parameter the same shape whatever it holds', () => {
      expect(sqlFingerprint('SELECT * FROM t WHERE id = ANY($1::int[])')).toBe(
        'SELECT * FROM t WHERE id = ANY(?::int[]...)',
      );
    });

    it('keeps a cast common to every item, and does not collapse mixed casts', () => {
      expect(sqlFingerprint('SELECT * FROM t WHERE id IN ($1::int, $2::int)')).toBe(
        'SELECT * FROM t WHERE id IN (?::int...)',
      );
      expect(sqlFingerprint('SELECT * FROM t WHERE id IN ($1::int, $2::bigint)')).toBe(
        'SELECT * FROM t WHERE id IN (?::int, ?::bigint)',
      );
    });

    it('does not collapse lists that hold anything but values', () => {
      expect(sqlFingerprint('SELECT coalesce(a, 0), f(a, b), (a, b) FROM t')).toBe(
        'SELECT coalesce(a, ?), f(a, b), (a, b) FROM t',
      );
    });

    it('collapses the rows of a VALUES list to one row', () => {
      const two = sqlFingerprint('INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)');
      const one = sqlFingerprint('INSERT INTO t (a, b) VALUES ($1, $2)');
      expect(two).toBe('INSERT INTO t (a, b) VALUES (?...)');
      expect(one).toBe(two);
    });

    it('collapses row comparisons against lists of tuples', () => {
      expect(sqlFingerprint('SELECT 1 FROM t WHERE (a, b) IN ((1, 2), (3, 4), (5, 6))')).toBe(
        'SELECT ? FROM t WHERE (a, b) IN ((?...))',
      );
    });

    it('keeps statements that differ in more than values apart', () => {
      expect(sqlFingerprint('SELECT * FROM t WHERE id IN ($1)')).not.toBe(
        sqlFingerprint('SELECT * FROM t WHERE id NOT IN ($1)'),
      );
      expect(sqlFingerprint('SELECT year_1 FROM t')).not.toBe(sqlFingerprint('SELECT year_2 FROM t'));
    });
  });

  it('makes the two loading patterns of the plan recognisable', () => {
    const perDocument = [17, 18, 19].map((id) =>
      sqlFingerprint(`SELECT id, name FROM res_partner WHERE id = ${id}`),
    );
    expect(new Set(perDocument)).toEqual(new Set(['SELECT id, name FROM res_partner WHERE id = ?']));
  });

  it('leaves operators, including the jsonb ? operator, alone', () => {
    expect(sqlFingerprint("SELECT name->>'en_US', a::text || b, j ? 'k', x !~~* y FROM t")).toBe(
      'SELECT name->>?, a::text || b, j ? ?, x !~~* y FROM t',
    );
  });

  it('is deterministic on unterminated input', () => {
    expect(sqlFingerprint("SELECT 'abc")).toBe('SELECT ?');
    expect(sqlFingerprint('SELECT /* open')).toBe('SELECT');
    expect(sqlFingerprint('SELECT $$ open')).toBe('SELECT ?');
  });

  it('returns an empty fingerprint for empty or comment-only text', () => {
    expect(sqlFingerprint('')).toBe('');
    expect(sqlFingerprint('  -- nothing\n')).toBe('');
  });
});

describe('fingerprintId', () => {
  it('is the first 12 hex digits of the SHA-1 of the fingerprint', () => {
    // Computed independently: `printf 'SELECT ?' | sha1sum` and `printf '' | sha1sum`.
    expect(fingerprintId('SELECT ?')).toBe('d41673f80456');
    expect(fingerprintId('')).toBe('da39a3ee5e6b');
    expect(fingerprintId('SELECT ?')).not.toBe(fingerprintId('SELECT ?, ?'));
  });
});
