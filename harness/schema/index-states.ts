import type pg from 'pg';
import proposal from '../../scenarios/proposed-indexes.json' with { type: 'json' };
import type { IndexMigrationRecord, IndexState } from '../results/bench-results.ts';
import { catalogFingerprint, diffCatalogFingerprints, invalidIndexes } from './catalog-fingerprint.ts';
import { appliedMigrations, migrate } from './migrator.ts';

/** The index states the bench measures, in migration order. */
export const INDEX_STATES = ['schema', 'proposed-indexes'] as const satisfies readonly IndexState[];

/** The migration that creates the HFC schema (state `schema`); this module never applies or reverts it. */
export const SCHEMA_MIGRATION = '1700000000000_hfc-schema';

/** The migration that adds the plan's proposed indexes (state `proposed-indexes`). */
export const INDEX_MIGRATION = '1700000000001_proposed-indexes';

/** One index the optimisation plan proposes, as listed in `scenarios/proposed-indexes.json`. */
export interface ProposedIndex {
  name: string;
  table: string;
  /** The SQL between the parentheses of `CREATE INDEX ... ON table (...)`. */
  columns: string;
  /** Where the plan proposes it. */
  planSection: string;
  /** The plan's reason for it, in short. */
  rationale: string;
  /** Where the harness departs from the plan's text, and why; `null` when it builds what the plan wrote. */
  correction: string | null;
  /** What the HFC schema already has that covers the same need; `null` when nothing does. */
  knownOverlap: string | null;
}

/**
 * The proposed indexes, in build order: the same list the index migration builds (both read
 * `scenarios/proposed-indexes.json`).
 */
export const PROPOSED_INDEXES: readonly ProposedIndex[] = proposal.indexes;

/** What {@link moveToIndexState} did. */
export interface IndexStateChange {
  from: IndexState;
  to: IndexState;
  /** Migrations applied (moving up) or reverted (moving down); `[]` when already in `to`. */
  migrations: string[];
  /** The migration alone: the index builds (and the migration's own `ANALYZE`) or the drops. */
  migrationMs: number;
  /** The `ANALYZE` of the whole database after the move. */
  analyzeMs: number;
  /** The whole move: reading the state, the migration, `ANALYZE`, the INVALID check. */
  durationMs: number;
  /** Every INVALID index in the schema after the move, by name (sorted by table, then name). */
  invalidIndexes: string[];
}

/**
 * Thrown when indexes are left INVALID, typically by a failed `CREATE INDEX CONCURRENTLY`. Such an index
 * is maintained on every write but never used by the planner, so measuring with it would be wrong.
 */
export class InvalidIndexError extends Error {
  override name = 'InvalidIndexError';

  constructor(
    /** The INVALID indexes, by name. */
    readonly invalidIndexes: readonly string[],
    context: string,
    options?: ErrorOptions,
  ) {
    const drops = invalidIndexes.map((n) => `DROP INDEX CONCURRENTLY IF EXISTS "${n}";`).join(' ');
    super(
      `${context}: INVALID index${invalidIndexes.length === 1 ? '' : 'es'} ${invalidIndexes.join(', ')} ` +
        `(a failed or interrupted concurrent build). Drop ${invalidIndexes.length === 1 ? 'it' : 'them'} ` +
        `(${drops}) and move to "proposed-indexes" again.`,
      options,
    );
  }
}

/**
 * The index state a database is in, from the migrations recorded as applied.
 *
 * @throws Error when the HFC schema is not migrated, or when the applied migrations are not one of the
 *   two known states (e.g. a later migration that this harness does not know).
 */
export async function currentIndexState(client: pg.ClientBase): Promise<IndexState> {
  const applied = await appliedMigrations(client);
  if (applied.length === 1 && applied[0] === SCHEMA_MIGRATION) return 'schema';
  if (applied.length === 2 && applied[0] === SCHEMA_MIGRATION && applied[1] === INDEX_MIGRATION) {
    return 'proposed-indexes';
  }
  if (!applied.includes(SCHEMA_MIGRATION)) {
    throw new Error(
      `The database is not migrated to the HFC schema (applied migrations: ${describeList(applied)}). ` +
        `Migrate it first: migrate({ direction: 'up', count: 1 }) or \`hfc-bench migrate up --count 1\`.`,
    );
  }
  throw new Error(
    `The applied migrations (${describeList(applied)}) match no index state: expected ` +
      `[${SCHEMA_MIGRATION}] ("schema") or [${SCHEMA_MIGRATION}, ${INDEX_MIGRATION}] ("proposed-indexes"). ` +
      `Use a freshly migrated database.`,
  );
}

function describeList(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

async function invalidIndexNames(client: pg.ClientBase): Promise<string[]> {
  return (await invalidIndexes(client)).map((i) => i.name);
}

/**
 * Moves the database to the index state `target` by applying or reverting the index migration only (the
 * schema migration is never touched), then runs `ANALYZE` on the whole database, so that both states are
 * measured with statistics equally fresh. A no-op move still analyses.
 *
 * @throws InvalidIndexError when moving to `proposed-indexes` leaves any INVALID index (the migration
 *   itself refuses to keep one of its own; the error names every INVALID index of the schema).
 * @throws Error when the database is in no known index state (see {@link currentIndexState}), or when the
 *   migration fails for another reason (the migrator's error is the `cause`).
 */
export async function moveToIndexState(client: pg.ClientBase, target: IndexState): Promise<IndexStateChange> {
  if (!(INDEX_STATES as readonly string[]).includes(target)) {
    throw new RangeError(
      `moveToIndexState: unknown index state "${String(target)}"; expected one of ${INDEX_STATES.join(', ')}`,
    );
  }
  const startedMs = performance.now();
  const from = await currentIndexState(client);
  const direction = INDEX_STATES.indexOf(target) > INDEX_STATES.indexOf(from) ? 'up' : 'down';

  let migrations: string[] = [];
  const migrationStartedMs = performance.now();
  if (from !== target) {
    try {
      const runs = await migrate({ dbClient: client, direction, count: 1 });
      migrations = runs.map((r) => r.name);
    } catch (error) {
      // Without a transaction the migration's `SET lock_timeout` outlives its failure on this session.
      await client.query('RESET lock_timeout').catch(() => undefined);
      const invalid = await invalidIndexNames(client).catch(() => []);
      const context = `Moving to index state "${target}" (${direction}, ${INDEX_MIGRATION}) failed`;
      if (invalid.length > 0) throw new InvalidIndexError(invalid, context, { cause: error });
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${context}: ${reason}`, { cause: error });
    }
    if (migrations.length !== 1 || migrations[0] !== INDEX_MIGRATION) {
      throw new Error(
        `Moving to index state "${target}" ran ${describeList(migrations)} instead of ${INDEX_MIGRATION} alone; ` +
          `the migrations folder or the database's pgmigrations table is not what the harness expects.`,
      );
    }
  }
  const migrationMs = performance.now() - migrationStartedMs;

  if (target === 'schema') {
    // A failed move up is not recorded as applied, so the indexes it built stay in a database that the
    // bookkeeping calls "schema": measuring that as "schema" would be wrong.
    const leftOver = (await existingProposedIndexes(client)).map((i) =>
      i.valid ? i.name : `${i.name} (INVALID)`,
    );
    if (leftOver.length > 0) {
      throw new Error(
        `Index state "schema" still has proposed indexes: ${leftOver.join(', ')}, left by an earlier failed move ` +
          `to "proposed-indexes". Drop them (DROP INDEX CONCURRENTLY IF EXISTS ...), or drop only the INVALID ` +
          `ones and move to "proposed-indexes" again.`,
      );
    }
  }

  const analyzeStartedMs = performance.now();
  await client.query('ANALYZE');
  const analyzeMs = performance.now() - analyzeStartedMs;

  const invalid = await invalidIndexNames(client);
  if (target === 'proposed-indexes' && invalid.length > 0) {
    throw new InvalidIndexError(invalid, `Index state "${target}" has INVALID indexes`);
  }
  return {
    from,
    to: target,
    migrations,
    migrationMs,
    analyzeMs,
    durationMs: performance.now() - startedMs,
    invalidIndexes: invalid,
  };
}

/** One proposed index as it exists in the catalog. */
export interface ExistingProposedIndex {
  name: string;
  table: string;
  /** `pg_get_indexdef`. */
  definition: string;
  sizeBytes: number;
  valid: boolean;
}

/** The proposed indexes that exist in the database (in the list's order), valid or not. */
export async function existingProposedIndexes(client: pg.ClientBase): Promise<ExistingProposedIndex[]> {
  const names = PROPOSED_INDEXES.map((i) => i.name);
  const { rows } = await client.query<{
    name: string;
    table: string;
    definition: string;
    size_bytes: string;
    valid: boolean;
  }>(
    `SELECT ic.relname AS name, tc.relname AS table, pg_get_indexdef(i.indexrelid) AS definition,
            pg_relation_size(i.indexrelid)::text AS size_bytes, i.indisvalid AS valid
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
      WHERE i.indexrelid IN (SELECT to_regclass(quote_ident(n)) FROM unnest($1::text[]) AS n)`,
    [names],
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  return names.flatMap((name) => {
    const row = byName.get(name);
    return row === undefined
      ? []
      : [
          {
            name,
            table: row.table,
            definition: row.definition,
            sizeBytes: Number(row.size_bytes),
            valid: row.valid,
          },
        ];
  });
}

/**
 * The index migration's round trip: from `schema` (the database is moved there first),
 * fingerprint the catalog, apply the index migration, record the indexes it created (definition as the
 * catalog prints it, size), revert it, fingerprint again and compare. The database ends in `schema`.
 *
 * `roundTripIdentical` is true when down restored exactly the catalog before up (tables, columns,
 * indexes with their validity, constraints, sequences); `differences` then is `[]`. `upMs` and `downMs`
 * time the migration alone (for up: the six concurrent builds, their checks and the migration's `ANALYZE`
 * of the three tables), not the harness's whole-database `ANALYZE` after each move.
 *
 * When up leaves INVALID indexes, the result says so instead of throwing (results, not exceptions, across
 * the bench): `invalidIndexes` names them, `indexes` lists the proposed indexes that exist, `downMs` is 0,
 * `roundTripIdentical` is false and `differences` compares the catalog before up with the one left behind.
 * The database is then left as it is, for a person to look at: moving it to either state fails, naming
 * the indexes to drop.
 */
export async function indexMigrationRoundTrip(client: pg.ClientBase): Promise<IndexMigrationRecord> {
  // Also refuses a "schema" state that still holds proposed indexes from an earlier failed move up.
  await moveToIndexState(client, 'schema');
  const before = await catalogFingerprint(client);
  const record = (indexes: ExistingProposedIndex[]): IndexMigrationRecord['indexes'] =>
    indexes.map(({ name, table, definition, sizeBytes }) => ({ name, table, definition, sizeBytes }));

  const upStartedMs = performance.now();
  let up: IndexStateChange;
  try {
    up = await moveToIndexState(client, 'proposed-indexes');
  } catch (error) {
    if (!(error instanceof InvalidIndexError)) throw error;
    const upMs = performance.now() - upStartedMs;
    const leftBehind = await catalogFingerprint(client);
    return {
      indexes: record(await existingProposedIndexes(client)),
      upMs,
      downMs: 0,
      roundTripIdentical: false,
      differences: diffCatalogFingerprints(before, leftBehind).map((d) => d.message),
      invalidIndexes: [...error.invalidIndexes],
    };
  }
  const created = await existingProposedIndexes(client);
  const missing = PROPOSED_INDEXES.filter((p) => !created.some((c) => c.name === p.name)).map((p) => p.name);
  if (missing.length > 0) {
    throw new Error(`The index migration succeeded but left no index named ${missing.join(', ')}.`);
  }

  const down = await moveToIndexState(client, 'schema');
  const after = await catalogFingerprint(client);
  const differences = diffCatalogFingerprints(before, after).map((d) => d.message);
  return {
    indexes: record(created),
    upMs: up.migrationMs,
    downMs: down.migrationMs,
    roundTripIdentical: differences.length === 0,
    differences,
    invalidIndexes: [...new Set([...up.invalidIndexes, ...down.invalidIndexes])],
  };
}
