import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase } from '../../test/helpers/seeded-test-database.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { INDEX_MIGRATION, PROPOSED_INDEXES } from '../schema/index-states.ts';
import {
  checkMigrationSafety,
  checkProposedIndexMigration,
  recordMigration,
  SAFETY_RULES,
  type MigrationSafetyInput,
  type RecordingBuilder,
  type SafetyFinding,
} from './migration-safety.ts';
import { migrate } from '../schema/migrator.ts';

interface IndexMigrationModule {
  up: (pgm: RecordingBuilder) => void;
  down: (pgm: RecordingBuilder) => void;
  upStatements: (indexes: readonly unknown[]) => string[];
  downStatements: (indexes: readonly unknown[]) => string[];
}

// A URL rather than a literal specifier: the migration is plain JavaScript without type declarations.
const migrationUrl = new URL(`../../migrations/${INDEX_MIGRATION}.js`, import.meta.url).href;
const migration = (await import(migrationUrl)) as IndexMigrationModule;

const POPULATED = new Map([
  ['document_extraction', 120],
  ['document_extraction_activity_field_rel', 300],
  ['res_partner', 40],
]);

const EMPTY = new Map([
  ['document_extraction', 0],
  ['document_extraction_activity_field_rel', 0],
  ['res_partner', 0],
]);

const ONE_INDEX = [{ name: 'idx_t_x', table: 'document_extraction', columns: 'x' }];

function severities(findings: readonly SafetyFinding[]): Record<string, string> {
  return Object.fromEntries(findings.map((f) => [f.rule, f.severity]));
}

function check(
  overrides: Partial<MigrationSafetyInput> & Pick<MigrationSafetyInput, 'statements'>,
): SafetyFinding[] {
  return checkMigrationSafety({ name: 'm', noTransaction: true, tableRows: POPULATED, ...overrides });
}

function finding(findings: readonly SafetyFinding[], rule: SafetyFinding['rule']): SafetyFinding {
  const found = findings.find((f) => f.rule === rule);
  if (found === undefined) throw new Error(`no finding for ${rule}`);
  return found;
}

const ALL_OK = {
  'concurrently-on-populated-table': 'ok',
  'no-transaction': 'ok',
  'if-not-exists-with-invalid-check': 'ok',
  'lock-timeout': 'ok',
};

describe('recordMigration', () => {
  it("captures the real migration's statements and its noTransaction call", () => {
    const up = recordMigration('up', migration.up);
    expect(up.noTransaction).toBe(true);
    expect(up.statements).toEqual(migration.upStatements(PROPOSED_INDEXES));
    const down = recordMigration('down', migration.down);
    expect(down.noTransaction).toBe(true);
    expect(down.statements).toEqual(migration.downStatements(PROPOSED_INDEXES));
  });

  it('refuses a builder method whose SQL it cannot see, naming it', () => {
    expect(() =>
      recordMigration('m1', (pgm) =>
        (pgm as unknown as { createIndex(t: string, c: string): void }).createIndex('t', 'c'),
      ),
    ).toThrow(/^m1 uses pgm\.createIndex, which the migration safety check cannot record/);
  });

  it('sees a migration without noTransaction', () => {
    expect(recordMigration('m', (pgm) => pgm.sql('SELECT 1'))).toEqual({
      noTransaction: false,
      statements: ['SELECT 1'],
    });
  });
});

describe('checkMigrationSafety on the real index migration', () => {
  const up = recordMigration('up', migration.up);
  const down = recordMigration('down', migration.down);

  it('passes every rule going up, on populated tables, with one finding per rule in order', () => {
    const findings = checkMigrationSafety({ name: 'up', ...up, tableRows: POPULATED });
    expect(findings.map((f) => f.rule)).toEqual(SAFETY_RULES);
    expect(severities(findings)).toEqual(ALL_OK);
    expect(findings.every((f) => f.migration === 'up' && f.statement === undefined)).toBe(true);
    expect(finding(findings, 'concurrently-on-populated-table').message).toBe(
      '6 index statements: all CONCURRENTLY',
    );
    expect(finding(findings, 'if-not-exists-with-invalid-check').message).toBe(
      'each of the 6 CREATE INDEX ... IF NOT EXISTS is followed by an indisvalid check of its index',
    );
    expect(finding(findings, 'lock-timeout').message).toBe(
      'a lock_timeout is in effect at each of the 6 DDL statements',
    );
  });

  it('passes every rule going down', () => {
    const findings = checkMigrationSafety({ name: 'down', ...down, tableRows: POPULATED });
    expect(severities(findings)).toEqual(ALL_OK);
    expect(finding(findings, 'if-not-exists-with-invalid-check').message).toBe(
      'no CREATE INDEX ... IF NOT EXISTS',
    );
  });

  it('passes on empty tables too', () => {
    expect(severities(checkMigrationSafety({ name: 'up', ...up, tableRows: EMPTY }))).toEqual(ALL_OK);
  });
});

describe('checkMigrationSafety on unsafe variants of the real migration', () => {
  const real = migration.upStatements(ONE_INDEX);
  const [setTimeout, create, validity, analyze, reset] = real;

  it('has the shape these variants assume', () => {
    expect(real).toHaveLength(5);
    expect(setTimeout).toBe("SET lock_timeout = '5s'");
    expect(create).toBe('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_t_x" ON "document_extraction" (x)');
    expect(validity).toMatch(/^DO \$check\$/);
    expect(analyze).toBe('ANALYZE "document_extraction"');
    expect(reset).toBe('RESET lock_timeout');
    expect(severities(check({ statements: real }))).toEqual(ALL_OK);
  });

  it('flags a plain CREATE INDEX on a populated table (concurrently-on-populated-table)', () => {
    const plain = create!.replace('CONCURRENTLY ', '');
    const findings = check({ statements: [setTimeout!, plain, validity!, analyze!, reset!] });
    expect(severities(findings)).toEqual({ ...ALL_OK, 'concurrently-on-populated-table': 'unsafe' });
    const flagged = finding(findings, 'concurrently-on-populated-table');
    expect(flagged.statement).toBe(plain);
    expect(flagged.message).toMatch(
      /^CREATE INDEX idx_t_x on document_extraction \(120 rows\): without CONCURRENTLY/,
    );
  });

  it('flags CONCURRENTLY inside a transaction (no-transaction)', () => {
    const findings = check({ statements: real, noTransaction: false });
    expect(severities(findings)).toEqual({ ...ALL_OK, 'no-transaction': 'unsafe' });
    expect(finding(findings, 'no-transaction').statement).toBe(create);
    expect(finding(findings, 'no-transaction').message).toMatch(/call pgm\.noTransaction\(\)/);
  });

  it('flags a plain build on a populated table inside a transaction under both rules', () => {
    const plain = create!.replace('CONCURRENTLY ', '');
    const findings = check({ statements: [setTimeout!, plain, validity!], noTransaction: false });
    expect(severities(findings)).toEqual({
      ...ALL_OK,
      'concurrently-on-populated-table': 'unsafe',
      'no-transaction': 'unsafe',
    });
    expect(finding(findings, 'no-transaction').message).toMatch(
      /^builds 1 index on populated tables inside one transaction/,
    );
  });

  it('flags CONCURRENTLY sent in one string with other statements (no-transaction)', () => {
    const bundled = `${setTimeout!}; ${create!}`;
    const findings = check({ statements: [bundled, validity!, reset!] });
    expect(severities(findings)).toEqual({ ...ALL_OK, 'no-transaction': 'unsafe' });
    expect(finding(findings, 'no-transaction').statement).toBe(bundled);
  });

  it('flags IF NOT EXISTS without a later validity check (if-not-exists-with-invalid-check)', () => {
    const findings = check({ statements: [setTimeout!, create!, analyze!, reset!] });
    expect(severities(findings)).toEqual({ ...ALL_OK, 'if-not-exists-with-invalid-check': 'unsafe' });
    const flagged = finding(findings, 'if-not-exists-with-invalid-check');
    expect(flagged.statement).toBe(create);
    expect(flagged.message).toMatch(/^IF NOT EXISTS without a later indisvalid check for idx_t_x:/);
  });

  it('does not count a check that comes before the build, or one of another index', () => {
    const otherCheck = migration.upStatements([
      { name: 'idx_other', table: 'document_extraction', columns: 'y' },
    ])[2]!;
    const findings = check({ statements: [validity!, setTimeout!, create!, otherCheck, reset!] });
    expect(finding(findings, 'if-not-exists-with-invalid-check').severity).toBe('unsafe');
  });

  it('does not mistake the words CREATE INDEX inside the check block for a statement', () => {
    // The DO block's messages say "CREATE INDEX CONCURRENTLY": only leading keywords make a statement.
    expect(validity).toContain('CREATE INDEX CONCURRENTLY');
    expect(finding(check({ statements: [validity!] }), 'concurrently-on-populated-table').message).toBe(
      'no CREATE INDEX or DROP INDEX statement',
    );
  });

  it('flags DDL without a lock_timeout (lock-timeout)', () => {
    const findings = check({ statements: [create!, validity!, analyze!] });
    expect(severities(findings)).toEqual({ ...ALL_OK, 'lock-timeout': 'unsafe' });
    expect(finding(findings, 'lock-timeout').statement).toBe(create);
    expect(finding(findings, 'lock-timeout').message).toMatch(
      /^1 DDL statement of 1 run without a lock_timeout/,
    );
  });

  it('treats RESET, a zero timeout, and SET LOCAL outside a transaction as no lock_timeout', () => {
    for (const clear of [
      'RESET lock_timeout',
      'RESET ALL',
      "SET lock_timeout = '0'",
      'SET lock_timeout TO 0',
      'SET lock_timeout = DEFAULT',
    ]) {
      const findings = check({ statements: [setTimeout!, clear, create!, validity!] });
      expect({ clear, severity: finding(findings, 'lock-timeout').severity }).toEqual({
        clear,
        severity: 'unsafe',
      });
    }
    const local = "SET LOCAL lock_timeout = '5s'";
    expect(finding(check({ statements: [local, create!, validity!] }), 'lock-timeout').severity).toBe(
      'unsafe',
    );
    const plain = 'CREATE INDEX "idx_t_x" ON "document_extraction" (x)';
    const inTransaction = check({ statements: [local, plain], noTransaction: false, tableRows: EMPTY });
    expect(finding(inTransaction, 'lock-timeout').severity).toBe('ok');
  });

  it('names every rule when everything is wrong at once', () => {
    const findings = check({
      statements: ['CREATE INDEX IF NOT EXISTS idx_t_x ON document_extraction (x)'],
      noTransaction: false,
    });
    expect(findings.filter((f) => f.severity === 'unsafe').map((f) => f.rule)).toEqual(SAFETY_RULES);
    expect(findings.every((f) => f.migration === 'm')).toBe(true);
  });
});

describe('checkMigrationSafety on empty tables and unknown tables', () => {
  // Choice: on an empty table a plain CREATE INDEX blocks writes for no time, and CONCURRENTLY only costs
  // two scans of nothing, so both are "ok"; a table missing from tableRows is assumed to hold rows.
  const plain = 'CREATE INDEX idx_a ON document_extraction (x)';
  const concurrent = 'CREATE INDEX CONCURRENTLY idx_a ON document_extraction (x)';

  it('accepts a plain CREATE INDEX on an empty table, even inside a transaction', () => {
    const findings = check({
      statements: ["SET lock_timeout = '5s'", plain],
      noTransaction: false,
      tableRows: EMPTY,
    });
    expect(severities(findings)).toEqual(ALL_OK);
    expect(finding(findings, 'concurrently-on-populated-table').message).toBe(
      '1 index statement: 1 without CONCURRENTLY, all on empty tables (no write is blocked), the rest CONCURRENTLY',
    );
  });

  it('accepts CREATE INDEX CONCURRENTLY on an empty table (outside a transaction)', () => {
    const findings = check({ statements: ["SET lock_timeout = '5s'", concurrent], tableRows: EMPTY });
    expect(severities(findings)).toEqual(ALL_OK);
  });

  it('assumes a table missing from tableRows holds rows', () => {
    const findings = check({ statements: ["SET lock_timeout = '5s'", plain], tableRows: new Map() });
    expect(finding(findings, 'concurrently-on-populated-table').message).toMatch(
      /^CREATE INDEX idx_a on document_extraction \(row count unknown, assumed populated\)/,
    );
  });

  it("takes a DROP INDEX's table from a CREATE of the same name, else assumes it holds rows", () => {
    const withCreate = check({
      statements: ["SET lock_timeout = '5s'", plain, 'DROP INDEX idx_a'],
      tableRows: EMPTY,
    });
    expect(finding(withCreate, 'concurrently-on-populated-table').severity).toBe('ok');
    const alone = check({
      statements: ["SET lock_timeout = '5s'", 'DROP INDEX IF EXISTS public."idx_a"'],
      tableRows: EMPTY,
    });
    expect(finding(alone, 'concurrently-on-populated-table').message).toMatch(
      /^DROP INDEX idx_a on a table this check cannot tell from the statement \(assumed to hold rows\)/,
    );
  });

  it('reads quoted and schema-qualified table names', () => {
    const findings = check({
      statements: ["SET lock_timeout = '5s'", 'CREATE INDEX idx_a ON ONLY public."document_extraction" (x)'],
      tableRows: EMPTY,
    });
    expect(finding(findings, 'concurrently-on-populated-table').severity).toBe('ok');
  });
});

describe('checkProposedIndexMigration on a real database', () => {
  let seeded: TestDatabase;
  let empty: TestDatabase;

  beforeAll(async () => {
    seeded = await createSeededTestDatabase('safety', 20);
    empty = await createTestDatabase('safety_empty');
    await migrate({ dbClient: empty.client, direction: 'up', count: 1 });
  });

  afterAll(async () => {
    await seeded?.drop();
    await empty?.drop();
  });

  it('finds the real migration safe both ways on a seeded database', async () => {
    const findings = await checkProposedIndexMigration(seeded.client);
    expect(findings.map((f) => `${f.migration} ${f.rule} ${f.severity}`)).toEqual([
      ...SAFETY_RULES.map((r) => `${INDEX_MIGRATION} (up) ${r} ok`),
      ...SAFETY_RULES.map((r) => `${INDEX_MIGRATION} (down) ${r} ok`),
    ]);
  });

  it('finds it safe on an empty schema too', async () => {
    const findings = await checkProposedIndexMigration(empty.client);
    expect(findings.filter((f) => f.severity !== 'ok')).toEqual([]);
    expect(findings).toHaveLength(8);
  });

  it('fails, naming the table, on a database without the schema', async () => {
    const bare = await createTestDatabase('safety_bare');
    try {
      await expect(checkProposedIndexMigration(bare.client)).rejects.toThrow(
        /table document_extraction does not exist; migrate the HFC schema first/,
      );
    } finally {
      await bare.drop();
    }
  });
});
