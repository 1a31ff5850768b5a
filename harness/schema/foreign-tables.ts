import { MIGRATIONS_DIR, MIGRATIONS_TABLE } from './migrator.ts';
import type { Queryable } from '../../src/queryable.ts';

const SCHEMA_MIGRATION = '1700000000000_hfc-schema.js';

let hfcTables: Promise<Set<string>> | undefined;

/**
 * The tables of the HFC schema, read from the schema migration itself (the table list of its `down`
 * statement), so that this list can never drift from what `migrate up` creates.
 */
export function hfcSchemaTables(): Promise<Set<string>> {
  hfcTables ??= (async () => {
    const url = new URL(`file://${MIGRATIONS_DIR}/${SCHEMA_MIGRATION}`).href;
    const migration = (await import(url)) as { down: (pgm: { sql(statement: string): void }) => void };
    const statements: string[] = [];
    migration.down({ sql: (statement) => statements.push(statement) });
    const match = /DROP TABLE (.+)$/s.exec(statements.join('\n'));
    if (!match) throw new Error(`${SCHEMA_MIGRATION}: its down statement no longer lists the tables`);
    return new Set(match[1]!.split(',').map((name) => name.trim().replace(/^"|"$/g, '')));
  })();
  return hfcTables;
}

/**
 * Tables, views and foreign tables of a database that are not the HFC schema's (nor its migrations table,
 * nor members of an extension), as `schema.name`, sorted. `seed` and `migrate up` refuse a database that
 * holds any (it is someone's data: the HFC schema does not belong there) unless `--force`.
 */
export async function foreignTables(q: Queryable): Promise<string[]> {
  const known = await hfcSchemaTables();
  const { rows } = await q.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1, 2`,
  );
  return rows
    .filter((r) => !(r.schema === 'public' && (known.has(r.name) || r.name === MIGRATIONS_TABLE)))
    .map((r) => `${r.schema}.${r.name}`);
}

/** One sentence for the refusal: the first few foreign tables and how to proceed. */
export function foreignTablesRefusal(command: string, where: string, tables: string[]): string {
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '');
  return (
    `refusing to ${command} ${where}: it already holds tables that are not the HFC schema's (${shown}). ` +
    'Name an empty database made for hfc-bench (CREATE DATABASE hfc_scratch), or pass --force to write there anyway.'
  );
}
