// @ts-check
/**
 * The optimisation plan's proposed indexes (its Phase 3 and Phase 4 Step 2), on top of the HFC schema, so
 * that the harness can measure the export with and without them ("schema" and "proposed-indexes" states).
 *
 * The list of indexes is data, in `scenarios/proposed-indexes.json`, read here and by the harness
 * (`harness/schema/index-states.ts`), so the migration and what the harness reports can never disagree. It lives
 * outside `migrations/` because node-pg-migrate loads every file of that folder as a migration.
 *
 * Built the way a production Odoo database would need them:
 * - `CREATE INDEX CONCURRENTLY`, so writes to the tables go on during the build; PostgreSQL refuses it
 *   inside a transaction block, hence `pgm.noTransaction()` and one statement per step;
 * - `IF NOT EXISTS`, so a migration interrupted half-way can simply be run again;
 * - but `IF NOT EXISTS` also keeps, silently, an INVALID index left by a failed concurrent build under the
 *   same name: after each build a check fails the migration, naming the index and how to fix it;
 * - `SET lock_timeout` before each statement, so a build waiting behind a long transaction gives up
 *   instead of queueing every later writer behind it; `RESET` at the end, because without a transaction
 *   the setting would otherwise stay on the caller's session;
 * - `ANALYZE` of the tables afterwards, as the plan does (on the real relation table, see the JSON).
 * `down` drops them with `DROP INDEX CONCURRENTLY IF EXISTS`, in reverse order.
 *
 * The plan names `document_extraction_activity_field_ids_rel(document_extraction_id)`, which does not
 * exist: the indexes go on the relation Odoo really creates (DESIGN.md, "Known errors in the plan").
 */

import { Buffer } from 'node:buffer';
import proposal from '../scenarios/proposed-indexes.json' with { type: 'json' };

/**
 * @typedef {object} ProposedIndex
 * @property {string} name
 * @property {string} table
 * @property {string} columns SQL between the parentheses of `CREATE INDEX ... ON table (...)`
 */

/** How long each build or drop may wait for its lock before failing (PostgreSQL interval text). */
export const LOCK_TIMEOUT = '5s';

/** PostgreSQL's NAMEDATALEN - 1: a longer name would be truncated silently. */
const MAX_IDENTIFIER_BYTES = 63;
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const SOURCE = 'scenarios/proposed-indexes.json';

/**
 * A plain lower-case identifier, double-quoted. The names come from a file in the repository, but they
 * are also spliced into a DO block's string literals, so anything else is refused rather than escaped.
 * @param {string} name
 * @param {string} what
 * @returns {string}
 */
function ident(name, what) {
  if (!PLAIN_IDENTIFIER.test(name) || Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new Error(
      `proposed-indexes migration: ${what} "${name}" in ${SOURCE} must be a lower-case identifier ([a-z_][a-z0-9_]*) of at most ${MAX_IDENTIFIER_BYTES} bytes; fix it there.`,
    );
  }
  return `"${name}"`;
}

/**
 * A statement that fails unless the index `name` exists on `table` and is valid. `IF NOT EXISTS` only
 * looks at the name, so this is what catches an INVALID leftover of an earlier failed concurrent build
 * (or a same-named index on another table).
 * @param {ProposedIndex} index
 * @returns {string}
 */
function validityCheck(index) {
  const name = ident(index.name, 'index name');
  const table = ident(index.table, 'table');
  const fix = `DROP INDEX CONCURRENTLY IF EXISTS ${name}; then run the migration again`;
  return `DO $check$
DECLARE
  existing record;
BEGIN
  SELECT t.relname AS table_name, i.indisvalid AS valid INTO existing
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
   WHERE i.indexrelid = to_regclass('${name}');
  IF NOT FOUND THEN
    RAISE EXCEPTION 'proposed index ${index.name} is missing after CREATE INDEX CONCURRENTLY'
      USING ERRCODE = 'undefined_object';
  END IF;
  IF existing.table_name <> '${index.table}' THEN
    RAISE EXCEPTION 'index ${index.name} already exists on table %, not on ${index.table}', existing.table_name
      USING ERRCODE = 'duplicate_object', HINT = 'Rename or drop that index (${fix}).';
  END IF;
  IF NOT existing.valid THEN
    RAISE EXCEPTION 'index ${index.name} on ${table} is INVALID (left by a failed or interrupted CREATE INDEX CONCURRENTLY); IF NOT EXISTS would keep it as it is'
      USING ERRCODE = 'object_not_in_prerequisite_state', HINT = '${fix}.';
  END IF;
END
$check$`;
}

/**
 * The statements of `up`, one per step (none may be combined: a multi-statement string is an implicit
 * transaction, which `CREATE INDEX CONCURRENTLY` refuses).
 * @param {readonly ProposedIndex[]} indexes
 * @returns {string[]}
 */
export function upStatements(indexes) {
  /** @type {string[]} */
  const statements = [];
  for (const index of indexes) {
    statements.push(
      `SET lock_timeout = '${LOCK_TIMEOUT}'`,
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${ident(index.name, 'index name')} ON ${ident(index.table, 'table')} (${index.columns})`,
      validityCheck(index),
    );
  }
  for (const table of new Set(indexes.map((i) => i.table)))
    statements.push(`ANALYZE ${ident(table, 'table')}`);
  statements.push('RESET lock_timeout');
  return statements;
}

/**
 * The statements of `down`: each index dropped concurrently, last built first.
 * @param {readonly ProposedIndex[]} indexes
 * @returns {string[]}
 */
export function downStatements(indexes) {
  /** @type {string[]} */
  const statements = [];
  for (const index of [...indexes].reverse()) {
    statements.push(
      `SET lock_timeout = '${LOCK_TIMEOUT}'`,
      `DROP INDEX CONCURRENTLY IF EXISTS ${ident(index.name, 'index name')}`,
    );
  }
  statements.push('RESET lock_timeout');
  return statements;
}

/** @param {import('node-pg-migrate').MigrationBuilder} pgm */
export function up(pgm) {
  pgm.noTransaction();
  for (const statement of upStatements(proposal.indexes)) pgm.sql(statement);
}

/** @param {import('node-pg-migrate').MigrationBuilder} pgm */
export function down(pgm) {
  pgm.noTransaction();
  for (const statement of downStatements(proposal.indexes)) pgm.sql(statement);
}
