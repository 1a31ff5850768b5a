import type { Queryable } from '../../src/queryable.ts';
import { INDEX_MIGRATION, PROPOSED_INDEXES } from '../schema/index-states.ts';
import { maskSql } from '../queries/sql-masking.ts';

/** The rules every index migration is checked against before it runs. */
export type SafetyRule =
  | 'concurrently-on-populated-table'
  | 'no-transaction'
  | 'if-not-exists-with-invalid-check'
  | 'lock-timeout';

/** The rules, in the order findings are reported. */
export const SAFETY_RULES: readonly SafetyRule[] = [
  'concurrently-on-populated-table',
  'no-transaction',
  'if-not-exists-with-invalid-check',
  'lock-timeout',
];

/** One rule's verdict on one migration. */
export interface SafetyFinding {
  migration: string;
  rule: SafetyRule;
  severity: 'ok' | 'unsafe';
  /** The first offending statement (as given), when `severity` is `unsafe`. */
  statement?: string;
  /** What was checked and, when unsafe, every offender and how to fix it. */
  message: string;
}

/** What {@link checkMigrationSafety} needs to know about one migration. */
export interface MigrationSafetyInput {
  /** The migration's name, as reported (e.g. `1700000000001_proposed-indexes (up)`). */
  name: string;
  /** Whether the migration calls `pgm.noTransaction()` (otherwise node-pg-migrate wraps it in one transaction). */
  noTransaction: boolean;
  /** The SQL strings the migration sends, in order (one string may hold several statements). */
  statements: readonly string[];
  /**
   * Rows held by each table, by name (bare, or `schema.table`). A table missing from the map is treated
   * as populated: the check never assumes a table is empty.
   */
  tableRows: ReadonlyMap<string, number>;
}

/** One top-level statement, split from the strings a migration sends. */
interface Statement {
  /** The statement as written. */
  text: string;
  /** The same text with literals, dollar-quoted bodies and comments blanked (same length). */
  code: string;
  /** Index of the string it came from. */
  source: number;
  /** How many top-level statements that string holds. */
  siblings: number;
}

interface IndexDdl {
  statement: Statement;
  kind: 'create' | 'drop';
  concurrently: boolean;
  ifNotExists: boolean;
  /** Index names, unquoted (a DROP may name several; an anonymous CREATE has none). */
  indexes: string[];
  /** The table, unquoted (CREATE only; a DROP's table is looked up from a CREATE of the same name). */
  table: string | undefined;
}

const DDL_KEYWORDS: ReadonlySet<string> = new Set([
  'CREATE',
  'ALTER',
  'DROP',
  'TRUNCATE',
  'REINDEX',
  'CLUSTER',
]);

/**
 * Checks one migration's statements against the index-migration safety rules and returns exactly one
 * finding per rule, in {@link SAFETY_RULES} order. Pure: it reads the SQL text, never a database.
 *
 * - `concurrently-on-populated-table`: every `CREATE INDEX` / `DROP INDEX` on a table holding rows uses
 *   `CONCURRENTLY` (otherwise the build holds a lock that blocks every write for its whole duration). On an
 *   empty table either form is fine: the lock lasts no time, and `CONCURRENTLY` only costs two extra scans
 *   of nothing. A `DROP INDEX` whose table is not known from a `CREATE INDEX` of the same name in the same
 *   migration is treated as being on a populated table.
 * - `no-transaction`: a migration using `CONCURRENTLY`, or building indexes on populated tables, declares
 *   `noTransaction` (PostgreSQL refuses `CONCURRENTLY` inside a transaction block), and sends each
 *   `CONCURRENTLY` statement alone (several statements in one string run as one implicit transaction).
 * - `if-not-exists-with-invalid-check`: each `CREATE INDEX ... IF NOT EXISTS name` is followed, later in the
 *   migration, by a statement that reads `indisvalid` and names that index; without it, an INVALID index
 *   left by an earlier failed concurrent build is silently kept.
 * - `lock-timeout`: a non-zero `lock_timeout` is in effect at each DDL statement (CREATE, ALTER, DROP,
 *   TRUNCATE, REINDEX, CLUSTER), set by `SET [SESSION] lock_timeout` earlier in the migration and not
 *   `RESET` since (`SET LOCAL` only counts inside a transaction, i.e. without `noTransaction`).
 *
 * Statements are recognised by their leading keywords, after string literals, dollar-quoted bodies and
 * comments are blanked, so text inside a `DO` block's messages does not count as a statement.
 */
export function checkMigrationSafety(input: MigrationSafetyInput): SafetyFinding[] {
  const statements = splitMigrationStatements(input.statements);
  const ddl = statements.flatMap((s) => {
    const parsed = parseIndexDdl(s);
    return parsed === undefined ? [] : [parsed];
  });
  const tableOfIndex = new Map<string, string>();
  for (const d of ddl) {
    if (d.kind === 'create' && d.table !== undefined) {
      for (const name of d.indexes) tableOfIndex.set(name, d.table);
    }
  }
  const rowsOf = (table: string | undefined): number | undefined =>
    table === undefined ? undefined : lookupRows(input.tableRows, table);
  const populated = (d: IndexDdl): boolean => {
    const tables = d.kind === 'create' ? [d.table] : d.indexes.map((n) => tableOfIndex.get(n));
    if (tables.length === 0) return true;
    return tables.some((t) => {
      const rows = rowsOf(t);
      return rows === undefined || rows > 0;
    });
  };
  return [
    concurrentlyRule(input, ddl, populated, rowsOf, tableOfIndex),
    noTransactionRule(input, ddl, populated),
    invalidCheckRule(input, ddl, statements),
    lockTimeoutRule(input, statements),
  ];
}

/** What a migration's `up` or `down` sent to node-pg-migrate's builder, captured without a database. */
export interface RecordedMigration {
  /** Whether it called `pgm.noTransaction()`. */
  noTransaction: boolean;
  /** The SQL of each `pgm.sql()` call, in order. */
  statements: string[];
}

/** The part of node-pg-migrate's `MigrationBuilder` a recorded migration may use. */
export interface RecordingBuilder {
  sql(text: string): void;
  noTransaction(): void;
}

/**
 * Runs a migration function (`up` or `down`) against a recording builder that only captures its
 * `pgm.sql()` and `pgm.noTransaction()` calls. Nothing is sent anywhere; this is how the safety check sees
 * exactly the statements node-pg-migrate would run.
 *
 * @throws Error when the migration uses another builder method (e.g. `pgm.createIndex`), whose SQL this
 *   recorder cannot see, or is asynchronous.
 */
export function recordMigration(name: string, run: (pgm: RecordingBuilder) => unknown): RecordedMigration {
  const recorded: RecordedMigration = { noTransaction: false, statements: [] };
  const builder: RecordingBuilder = {
    sql(text: string) {
      if (typeof text !== 'string' || arguments.length > 1) {
        throw new TypeError(`${name}: pgm.sql() must be called with one SQL string to be checked`);
      }
      recorded.statements.push(text);
    },
    noTransaction() {
      recorded.noTransaction = true;
    },
  };
  const pgm = new Proxy(builder, {
    get(target, property, receiver) {
      if (property === 'sql' || property === 'noTransaction')
        return Reflect.get(target, property, receiver) as unknown;
      if (typeof property === 'symbol' || property === 'then') return undefined;
      throw new Error(
        `${name} uses pgm.${property}, which the migration safety check cannot record: only pgm.sql() and ` +
          `pgm.noTransaction() are supported, so write the migration's statements with pgm.sql().`,
      );
    },
  });
  const result = run(pgm);
  if (result instanceof Promise) {
    throw new Error(
      `${name} is asynchronous; the migration safety check records synchronous migrations only`,
    );
  }
  return recorded;
}

interface IndexMigrationModule {
  up: (pgm: RecordingBuilder) => unknown;
  down: (pgm: RecordingBuilder) => unknown;
  upStatements: (indexes: readonly unknown[]) => string[];
}

async function loadIndexMigration(): Promise<IndexMigrationModule> {
  const file = new URL(`../../migrations/${INDEX_MIGRATION}.js`, import.meta.url);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(file.href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot load the index migration ${file.pathname}: ${String(error)}`, { cause: error });
  }
  for (const exported of ['up', 'down', 'upStatements']) {
    if (typeof loaded[exported] !== 'function') {
      throw new Error(
        `The index migration ${file.pathname} does not export a function "${exported}"; the safety check needs ` +
          `up, down and upStatements.`,
      );
    }
  }
  return loaded as unknown as IndexMigrationModule;
}

/**
 * Checks the real index migration (`migrations/1700000000001_proposed-indexes.js`) before it runs: its
 * `up` and its `down`, each recorded with {@link recordMigration}, against the row counts the database
 * holds now (exact `count(*)` of each table of `scenarios/proposed-indexes.json`). Returns four findings
 * per direction, for migrations named `<migration> (up)` and `<migration> (down)`.
 *
 * Only reads the database. Run it on the database the migration is about to run on: whether a table is
 * empty decides the `concurrently-on-populated-table` rule.
 *
 * @throws Error when the migration cannot be loaded or recorded, when what `up` sends differs from its
 *   exported `upStatements(PROPOSED_INDEXES)`, or when a table is missing (schema not migrated).
 */
export async function checkProposedIndexMigration(client: Queryable): Promise<SafetyFinding[]> {
  const migration = await loadIndexMigration();
  const up = recordMigration(`${INDEX_MIGRATION} (up)`, migration.up);
  const down = recordMigration(`${INDEX_MIGRATION} (down)`, migration.down);
  const expected = migration.upStatements(PROPOSED_INDEXES);
  if (JSON.stringify(expected) !== JSON.stringify(up.statements)) {
    throw new Error(
      `${INDEX_MIGRATION}: up sends ${up.statements.length} statements that differ from its upStatements(` +
        `PROPOSED_INDEXES) (${expected.length}); the migration and scenarios/proposed-indexes.json disagree.`,
    );
  }
  const tableRows = await countTableRows(client, [...new Set(PROPOSED_INDEXES.map((i) => i.table))]);
  return [
    ...checkMigrationSafety({ name: `${INDEX_MIGRATION} (up)`, ...up, tableRows }),
    ...checkMigrationSafety({ name: `${INDEX_MIGRATION} (down)`, ...down, tableRows }),
  ];
}

async function countTableRows(client: Queryable, tables: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of tables) {
    const { rows: found } = await client.query<{ exists: boolean }>(
      'SELECT to_regclass(quote_ident($1)) IS NOT NULL AS exists',
      [table],
    );
    if (found[0]?.exists !== true) {
      throw new Error(
        `Migration safety check: table ${table} does not exist; migrate the HFC schema first ` +
          `(hfc-bench migrate up --count 1).`,
      );
    }
    const quoted = `"${table.replace(/"/g, '""')}"`;
    const { rows } = await client.query<{ rows: string }>(`SELECT count(*)::text AS rows FROM ${quoted}`);
    counts.set(table, Number(rows[0]?.rows ?? 0));
  }
  return counts;
}

function concurrentlyRule(
  input: MigrationSafetyInput,
  ddl: readonly IndexDdl[],
  populated: (d: IndexDdl) => boolean,
  rowsOf: (table: string | undefined) => number | undefined,
  tableOfIndex: ReadonlyMap<string, string>,
): SafetyFinding {
  const rule = 'concurrently-on-populated-table';
  if (ddl.length === 0) return ok(input, rule, 'no CREATE INDEX or DROP INDEX statement');
  const offenders = ddl.filter((d) => !d.concurrently && populated(d));
  if (offenders.length === 0) {
    const plain = ddl.filter((d) => !d.concurrently).length;
    return ok(
      input,
      rule,
      `${describeCount(ddl.length, 'index statement')}: ` +
        (plain === 0
          ? 'all CONCURRENTLY'
          : `${plain} without CONCURRENTLY, all on empty tables (no write is blocked), the rest CONCURRENTLY`),
    );
  }
  const described = offenders.map((d) => {
    const table = d.kind === 'create' ? d.table : d.indexes.map((n) => tableOfIndex.get(n)).find(Boolean);
    const rows = rowsOf(table);
    const where =
      table === undefined
        ? 'on a table this check cannot tell from the statement (assumed to hold rows)'
        : `on ${table} (${rows === undefined ? 'row count unknown, assumed populated' : `${rows} rows`})`;
    return `${d.kind === 'create' ? 'CREATE' : 'DROP'} INDEX ${d.indexes.join(', ') || '(unnamed)'} ${where}`;
  });
  return unsafe(
    input,
    rule,
    offenders[0]!.statement.text,
    `${described.join('; ')}: without CONCURRENTLY the statement blocks every write to the table until it ` +
      `ends. Use CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY, with pgm.noTransaction().`,
  );
}

function noTransactionRule(
  input: MigrationSafetyInput,
  ddl: readonly IndexDdl[],
  populated: (d: IndexDdl) => boolean,
): SafetyFinding {
  const rule = 'no-transaction';
  const concurrent = ddl.filter((d) => d.concurrently);
  const bundled = concurrent.filter((d) => d.statement.siblings > 1);
  if (bundled.length > 0) {
    return unsafe(
      input,
      rule,
      input.statements[bundled[0]!.statement.source]!,
      `${describeCount(bundled.length, 'CONCURRENTLY statement')} sent together with other statements in one ` +
        `string, which PostgreSQL runs as one implicit transaction and then refuses CONCURRENTLY: send each ` +
        `statement with its own pgm.sql() call.`,
    );
  }
  if (input.noTransaction) {
    return ok(
      input,
      rule,
      concurrent.length > 0
        ? `declares noTransaction; each of the ${describeCount(concurrent.length, 'CONCURRENTLY statement')} is sent alone`
        : 'declares noTransaction',
    );
  }
  if (concurrent.length > 0) {
    return unsafe(
      input,
      rule,
      concurrent[0]!.statement.text,
      `uses CONCURRENTLY inside the transaction node-pg-migrate opens for each migration, which PostgreSQL ` +
        `refuses ("cannot run inside a transaction block"): call pgm.noTransaction() first in the migration.`,
    );
  }
  const builds = ddl.filter((d) => d.kind === 'create' && populated(d));
  if (builds.length > 0) {
    return unsafe(
      input,
      rule,
      builds[0]!.statement.text,
      `builds ${describeCount(builds.length, 'index', 'indexes')} on populated tables inside one transaction, ` +
        `which holds every lock it takes until the whole migration commits: call pgm.noTransaction() and ` +
        `build with CONCURRENTLY.`,
    );
  }
  return ok(
    input,
    rule,
    'runs in a transaction, which is fine: no CONCURRENTLY and no build on a populated table',
  );
}

function invalidCheckRule(
  input: MigrationSafetyInput,
  ddl: readonly IndexDdl[],
  statements: readonly Statement[],
): SafetyFinding {
  const rule = 'if-not-exists-with-invalid-check';
  const guarded = ddl.filter((d) => d.kind === 'create' && d.ifNotExists);
  if (guarded.length === 0) return ok(input, rule, 'no CREATE INDEX ... IF NOT EXISTS');
  const unchecked: { name: string; statement: Statement }[] = [];
  for (const d of guarded) {
    const position = statements.indexOf(d.statement);
    const later = statements.slice(position + 1);
    for (const name of d.indexes.length === 0 ? ['(unnamed)'] : d.indexes) {
      const checked = later.some((s) => /\bindisvalid\b/i.test(s.text) && mentionsName(s.text, name));
      if (!checked) unchecked.push({ name, statement: d.statement });
    }
  }
  if (unchecked.length === 0) {
    return ok(
      input,
      rule,
      `each of the ${describeCount(guarded.length, 'CREATE INDEX ... IF NOT EXISTS', 'CREATE INDEX ... IF NOT EXISTS')} ` +
        `is followed by an indisvalid check of its index`,
    );
  }
  return unsafe(
    input,
    rule,
    unchecked[0]!.statement.text,
    `IF NOT EXISTS without a later indisvalid check for ${unchecked.map((u) => u.name).join(', ')}: an INVALID ` +
      `index left by an earlier failed concurrent build would be kept silently and never used. After the ` +
      `build, fail the migration unless pg_index.indisvalid is true for the index.`,
  );
}

function lockTimeoutRule(input: MigrationSafetyInput, statements: readonly Statement[]): SafetyFinding {
  const rule = 'lock-timeout';
  let active = false;
  let ddlCount = 0;
  const unguarded: Statement[] = [];
  for (const s of statements) {
    const setting = lockTimeoutSetting(s, input.noTransaction);
    if (setting !== undefined) {
      active = setting;
      continue;
    }
    const first = leadingKeywords(s.code)[0];
    if (first === undefined || !DDL_KEYWORDS.has(first)) continue;
    ddlCount++;
    if (!active) unguarded.push(s);
  }
  if (ddlCount === 0) return ok(input, rule, 'no DDL statement');
  if (unguarded.length === 0) {
    return ok(
      input,
      rule,
      `a lock_timeout is in effect at each of the ${describeCount(ddlCount, 'DDL statement')}`,
    );
  }
  return unsafe(
    input,
    rule,
    unguarded[0]!.text,
    `${describeCount(unguarded.length, 'DDL statement')} of ${ddlCount} run without a lock_timeout: one waiting ` +
      `behind a long transaction queues every later reader and writer of the table behind it. Send ` +
      `SET lock_timeout = '5s' (for example) before each, and RESET lock_timeout at the end.`,
  );
}

/**
 * `true` when the statement sets a non-zero lock_timeout that applies to the statements after it, `false`
 * when it clears it (`RESET`, `DEFAULT`, zero, or `SET LOCAL` outside a transaction, which has no effect),
 * `undefined` when it does not touch lock_timeout.
 */
function lockTimeoutSetting(s: Statement, noTransaction: boolean): boolean | undefined {
  if (/^\s*RESET\s+(lock_timeout|ALL)\s*$/i.test(s.code)) return false;
  const set = /^\s*SET\s+(SESSION\s+|LOCAL\s+)?lock_timeout\s*(?:=|TO)\s*/i.exec(s.code);
  if (!set) return undefined;
  if (set[1] !== undefined && /LOCAL/i.test(set[1]) && noTransaction) return false;
  // The value may be a literal, blanked in `code`: read it from the text at the same offset.
  const value = s.text
    .slice(set[0].length)
    .trim()
    .replace(/^'(.*)'$/s, '$1')
    .trim();
  return !/^(0+(\.0*)?\s*(us|ms|s|min|h|d)?|DEFAULT)$/i.test(value);
}

function ok(input: MigrationSafetyInput, rule: SafetyRule, message: string): SafetyFinding {
  return { migration: input.name, rule, severity: 'ok', message };
}

function unsafe(
  input: MigrationSafetyInput,
  rule: SafetyRule,
  statement: string,
  message: string,
): SafetyFinding {
  return { migration: input.name, rule, severity: 'unsafe', statement, message };
}

function describeCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

function lookupRows(tableRows: ReadonlyMap<string, number>, table: string): number | undefined {
  const direct = tableRows.get(table);
  if (direct !== undefined) return direct;
  // `schema.table` falls back to the bare name, a bare name to `public.name`.
  const dot = table.lastIndexOf('.');
  return dot >= 0 ? tableRows.get(table.slice(dot + 1)) : tableRows.get(`public.${table}`);
}

function mentionsName(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$])${escaped}($|[^A-Za-z0-9_$])`).test(text);
}

/** Upper-cased leading words of a (blanked) statement, up to the first non-word token. */
function leadingKeywords(code: string): string[] {
  return (/^[\s(]*([A-Za-z_ ]*)/.exec(code)?.[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

/** An identifier, possibly schema-qualified and double-quoted, at the start of `text`; unquoted. */
const IDENTIFIER = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED = `${IDENTIFIER}(?:\\s*\\.\\s*${IDENTIFIER})?`;

/** `schema.name` or `name`, with quoted parts unquoted and unquoted parts lower-cased as PostgreSQL does. */
function unquote(identifier: string): string {
  return (identifier.match(new RegExp(IDENTIFIER, 'g')) ?? [])
    .map((part) => (part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part.toLowerCase()))
    .join('.');
}

// Identifiers are never blanked, so the groups are read from the blanked code directly.
function parseIndexDdl(statement: Statement): IndexDdl | undefined {
  const create = new RegExp(
    String.raw`^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?(IF\s+NOT\s+EXISTS\s+)?(?!ON\s)(${IDENTIFIER}\s+)?ON\s+(?:ONLY\s+)?(${QUALIFIED})`,
    'i',
  ).exec(statement.code);
  if (create) {
    return {
      statement,
      kind: 'create',
      concurrently: create[1] !== undefined,
      ifNotExists: create[2] !== undefined,
      indexes: create[3] === undefined ? [] : [unquote(create[3].trim())],
      table: unquote(create[4]!),
    };
  }
  const drop = new RegExp(
    String.raw`^DROP\s+INDEX\s+(CONCURRENTLY\s+)?(IF\s+EXISTS\s+)?(${QUALIFIED}(?:\s*,\s*${QUALIFIED})*)`,
    'i',
  ).exec(statement.code);
  if (drop) {
    const names = drop[3]!.match(new RegExp(QUALIFIED, 'g')) ?? [];
    return {
      statement,
      kind: 'drop',
      concurrently: drop[1] !== undefined,
      ifNotExists: false,
      indexes: names.map((n) => bareName(unquote(n))),
      table: undefined,
    };
  }
  return undefined;
}

function bareName(name: string): string {
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
}

/** Splits each string on top-level semicolons into statements; empty pieces are dropped. */
function splitMigrationStatements(strings: readonly string[]): Statement[] {
  const out: Statement[] = [];
  strings.forEach((text, source) => {
    const code = blankLiterals(text);
    const pieces: { text: string; code: string }[] = [];
    let start = 0;
    for (let i = 0; i <= code.length; i++) {
      if (i === code.length || code[i] === ';') {
        // Trim by the blanked code, so that a leading comment goes too and both keep the same offsets.
        const piece = code.slice(start, i);
        const from = start + (piece.length - piece.trimStart().length);
        const to = i - (piece.length - piece.trimEnd().length);
        if (from < to) pieces.push({ text: text.slice(from, to), code: code.slice(from, to) });
        start = i + 1;
      }
    }
    for (const piece of pieces) out.push({ ...piece, source, siblings: pieces.length });
  });
  return out;
}

const LITERAL_FILLER = '\u00b7';

/**
 * Masks literals with {@link LITERAL_FILLER} and comments with spaces, keeping every offset and the
 * double-quoted identifiers (the rules read index and table names). The filler is neither space nor
 * identifier, so a statement ending in a dollar-quoted body is not trimmed away.
 */
function blankLiterals(sql: string): string {
  return maskSql(sql, { literalFiller: LITERAL_FILLER });
}
