import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sqlFingerprint } from './sql-fingerprint.ts';

const id = (sql: string) => sqlFingerprint(sql).fingerprintId;

interface SwitchFixture {
  statements: { oldId: string; sql: string }[];
}

const FIXTURE = JSON.parse(
  readFileSync(new URL('./fingerprint-switch.fixture.json', import.meta.url), 'utf8'),
) as SwitchFixture;

describe('sqlFingerprint', () => {
  it('groups every statement the exports sent exactly as the hand tokenizer did (a bijection of ids)', () => {
    const oldToNew = new Map<string, Set<string>>();
    const newToOld = new Map<string, Set<string>>();
    for (const { oldId, sql } of FIXTURE.statements) {
      const newId = id(sql);
      oldToNew.set(oldId, (oldToNew.get(oldId) ?? new Set()).add(newId));
      newToOld.set(newId, (newToOld.get(newId) ?? new Set()).add(oldId));
    }
    expect(FIXTURE.statements.length).toBeGreaterThanOrEqual(30);
    expect([...oldToNew.values()].filter((s) => s.size !== 1)).toEqual([]);
    expect([...newToOld.values()].filter((s) => s.size !== 1)).toEqual([]);
    expect(newToOld.size).toBe(oldToNew.size);
  });

  it('shows the statement as PostgreSQL normalises it, whitespace collapsed', () => {
    expect(sqlFingerprint("SELECT  id,\n\tname FROM res_partner WHERE id = 7 AND x = 'a'").fingerprint).toBe(
      'SELECT id, name FROM res_partner WHERE id = $1 AND x = $2',
    );
  });

  it('gives an id of 12 hex digits, the same on every call', () => {
    const a = id('SELECT 1');
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(id('SELECT 1')).toBe(a);
  });

  it('ignores values: literals of every kind, a sign, and placeholders', () => {
    const base = id('SELECT name FROM t WHERE id = $1');
    for (const sql of [
      'SELECT name FROM t WHERE id = 7',
      'SELECT name FROM t WHERE id = -7',
      "SELECT name FROM t WHERE id = 'it''s'",
      "SELECT name FROM t WHERE id = E'a\\'b'",
      'SELECT name FROM t WHERE id = $$x$$',
      'SELECT name FROM t WHERE id = 1.5e3',
    ]) {
      expect(id(sql), sql).toBe(base);
    }
  });

  it('ignores whitespace, comments and the case of keywords', () => {
    expect(id('select a from t /* why */ where b = 1 -- end')).toBe(id('SELECT a\nFROM t WHERE b = 2'));
  });

  it('keeps TRUE, FALSE and NULL: they change the meaning of a predicate', () => {
    const shapes = [
      'SELECT a FROM t WHERE x = TRUE',
      'SELECT a FROM t WHERE x = FALSE',
      'SELECT a FROM t WHERE x = NULL',
      'SELECT a FROM t WHERE x = $1',
    ].map(id);
    expect(new Set(shapes).size).toBe(4);
  });

  it('keeps apart statements whose operator form differs (libpg-query fingerprint merges these)', () => {
    expect(id("SELECT id FROM d WHERE d.state = 'completed'")).not.toBe(
      id('SELECT id FROM d WHERE d.state = ANY($1::text[])'),
    );
    expect(id('SELECT * FROM t WHERE id IN ($1)')).not.toBe(id('SELECT * FROM t WHERE id NOT IN ($1)'));
    expect(id('SELECT year_1 FROM t')).not.toBe(id('SELECT year_2 FROM t'));
    expect(id('SELECT a AS x FROM t')).not.toBe(id('SELECT a AS y FROM t'));
  });

  describe('lists of values', () => {
    it('collapses IN lists of any length, one item included', () => {
      const one = id('SELECT * FROM t WHERE id IN ($1)');
      expect(id('SELECT * FROM t WHERE id IN ($1, $2, $3)')).toBe(one);
      expect(id('SELECT * FROM t WHERE id IN (1,2,3,4,5)')).toBe(one);
    });

    it('collapses ARRAY constructors and VALUES rows', () => {
      expect(id('SELECT * FROM t WHERE id = ANY(ARRAY[1, 2, 3])')).toBe(
        id('SELECT * FROM t WHERE id = ANY(ARRAY[$1])'),
      );
      expect(id('INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)')).toBe(
        id('INSERT INTO t (a, b) VALUES (1, 2)'),
      );
    });

    it('collapses row comparisons against lists of tuples', () => {
      expect(id('SELECT 1 FROM t WHERE (a, b) IN ((1, 2), (3, 4), (5, 6))')).toBe(
        id('SELECT 1 FROM t WHERE (a, b) IN ((1, 2))'),
      );
    });

    it('keeps a cast common to every item, and does not collapse mixed casts', () => {
      const ints = id('SELECT * FROM t WHERE id IN ($1::int, $2::int)');
      expect(id('SELECT * FROM t WHERE id IN ($1::int)')).toBe(ints);
      expect(id('SELECT * FROM t WHERE id IN ($1::bigint)')).not.toBe(ints);
      expect(id('SELECT * FROM t WHERE id IN ($1::int, $2::bigint)')).not.toBe(ints);
    });

    it('does not collapse lists that hold anything but values', () => {
      expect(id('SELECT f(a, b) FROM t')).not.toBe(id('SELECT f(a) FROM t'));
    });
  });

  it('fingerprints text the parser rejects by its text, whitespace collapsed', () => {
    expect(sqlFingerprint('SELEC  1\n').fingerprint).toBe('SELEC 1');
    expect(id('SELEC 1')).not.toBe(id('SELEC 2'));
  });
});
