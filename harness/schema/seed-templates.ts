import type pg from 'pg';
import { GENERATOR_VERSION } from '../../seeds/generate-dataset.ts';
import { seedDatabase, type SeedProgress, type SeedResult } from '../../seeds/seed-database.ts';
import { connect } from '../database/database-server.ts';
import { createThrowawayDatabase, dropDatabase } from '../database/throwaway-database.ts';
import { migrate } from './migrator.ts';

/**
 * Seed once, reuse: a seeded dataset is kept on the server as a template database and every run clones it
 * (`CREATE DATABASE ... TEMPLATE`, a file copy) instead of seeding again.
 *
 * - **Name** `hfcb_tpl_g<generator version>_s<seed>_d<documents>`: the generator version is part of it, so a
 *   changed generator (`GENERATOR_VERSION` bump) never reuses data seeded by an older one; old templates stay
 *   until `hfc-bench cache clear`.
 * - **Recognisable**: owned by the role that built it, and its COMMENT is JSON (`{"tool": "hfc-bench",
 *   "kind": "seed template", ...}`) with the generator version, seed, documents, rows and seeding time.
 * - **Never half-built**: a template is seeded under a throwaway name (`hfcb_seedbuild_...`, dropped on
 *   failure, Ctrl-C, or by the next run after a kill), marked (`IS_TEMPLATE true`, `ALLOW_CONNECTIONS
 *   false`: nobody can connect and change it, and `DROP DATABASE` refuses it) and only then renamed to its
 *   final name, in one statement.
 * - **No races**: building holds a session advisory lock keyed by the template's name on the server's
 *   admin database, so two runs that need the same template build it once; the second waits and clones.
 * - **Only where asked**: templates are created on the server the run works on (the embedded one, or the
 *   `DATABASE_URL` server the user named, where they are the harness's own `hfcb_` databases), never
 *   elsewhere. On the embedded server they survive between runs when its data folder does (issue 13).
 */
export const TEMPLATE_PREFIX = 'hfcb_tpl_';

/** First key of the advisory lock (`pg_advisory_lock(int, int)`): 'hf' 'tp' in ASCII, to stay apart from others. */
const LOCK_CLASS = 0x6866_7470;

/** What a template holds. */
export interface TemplateKey {
  generatorVersion: number;
  seed: number;
  documents: number;
}

/** The JSON COMMENT of a template database. */
export interface TemplateMetadata extends TemplateKey {
  tool: 'hfc-bench';
  kind: 'seed template';
  rows: number;
  seedMs: number;
  createdAt: string;
  /** Exported documents (spec 3) per filter set (`exportedCountKey`), memoised for calibration. */
  exported: Record<string, number>;
  /** Calibrations that chose this template: `<target>:<filter set>` -> exported documents. */
  calibrations?: Record<string, number>;
}

/** A template database found on the server. */
export interface TemplateInfo extends TemplateKey {
  name: string;
  sizeBytes: number;
  metadata: TemplateMetadata | null;
}

export function templateName(key: TemplateKey): string {
  for (const [what, value] of Object.entries(key)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`template ${what} must be a whole number >= 0, got ${String(value)}`);
    }
  }
  return `${TEMPLATE_PREFIX}g${key.generatorVersion}_s${key.seed}_d${key.documents}`;
}

/** The key of a template name, or `null` for a name `templateName` does not produce. */
export function parseTemplateName(name: string): TemplateKey | null {
  const match = /^hfcb_tpl_g(\d+)_s(\d+)_d(\d+)$/.exec(name);
  if (match === null) return null;
  return { generatorVersion: Number(match[1]), seed: Number(match[2]), documents: Number(match[3]) };
}

function parseMetadata(comment: string | null): TemplateMetadata | null {
  if (comment === null) return null;
  try {
    const value = JSON.parse(comment) as Partial<TemplateMetadata>;
    if (value.tool !== 'hfc-bench' || value.kind !== 'seed template') return null;
    return { ...value, exported: value.exported ?? {} } as TemplateMetadata;
  } catch {
    return null;
  }
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function readTemplates(admin: pg.ClientBase, name?: string): Promise<TemplateInfo[]> {
  const { rows } = await admin.query<{ name: string; size: string; comment: string | null }>(
    `SELECT datname AS name, pg_database_size(oid)::text AS size, shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE starts_with(datname, $1) AND ($2::text IS NULL OR datname = $2) ORDER BY datname`,
    [TEMPLATE_PREFIX, name ?? null],
  );
  const found: TemplateInfo[] = [];
  for (const row of rows) {
    const key = parseTemplateName(row.name);
    if (key === null) continue;
    found.push({ ...key, name: row.name, sizeBytes: Number(row.size), metadata: parseMetadata(row.comment) });
  }
  return found;
}

/** Every template database on the server (`hfcb_tpl_*` with a name `templateName` produces), with its size. */
export async function listTemplates(serverUrl: string): Promise<TemplateInfo[]> {
  const admin = await connect(serverUrl, 'list the template databases');
  try {
    return await readTemplates(admin);
  } finally {
    await admin.end();
  }
}

/** Drops one template database (its `IS_TEMPLATE` mark removed first: PostgreSQL refuses to drop a template). */
export async function dropTemplate(serverUrl: string, name: string): Promise<void> {
  if (parseTemplateName(name) === null) {
    throw new Error(
      `refusing to drop "${name}": not an hfc-bench template database (${TEMPLATE_PREFIX}g*_s*_d*)`,
    );
  }
  const admin = await connect(serverUrl, `drop the template ${name}`);
  try {
    await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`);
  } catch (error) {
    // 3D000: it is gone already (another run cleared it).
    if ((error as { code?: string }).code !== '3D000') throw error;
    return;
  } finally {
    await admin.end();
  }
  await dropDatabase(serverUrl, name);
}

/**
 * `--fresh` for one run: every template the run needs is seeded again, once (the names seeded so far are
 * remembered), so a template used by several cases of the run is not rebuilt at every use.
 */
export interface FreshTemplates {
  rebuilt: Set<string>;
}

export function freshTemplates(): FreshTemplates {
  return { rebuilt: new Set() };
}

export interface EnsureTemplateOptions {
  documents: number;
  seed: number;
  /** Rebuild even when the template exists (once per run: see `FreshTemplates`). */
  fresh?: FreshTemplates | undefined;
  /** For tests: the version in the name. Default `GENERATOR_VERSION`. */
  generatorVersion?: number;
  onProgress?: (progress: SeedProgress) => void;
  /**
   * Counted on the new database before it becomes a template, and stored in its metadata (`exported`), so
   * that calibration never has to count it again.
   */
  exportedCount?: { key: string; count: (client: pg.ClientBase) => Promise<number> };
}

/** The template a run clones, and whether this call had to seed it. */
export interface EnsuredTemplate {
  name: string;
  /** True when this call seeded it (it did not exist, or `fresh`); false when an existing one is reused. */
  built: boolean;
  /** Seeding time spent by this call (0 when reused). */
  seedMs: number;
  /** What seeding loaded, when this call seeded (`null` when reused). */
  seeded: SeedResult | null;
  metadata: TemplateMetadata;
}

/**
 * The template for `documents` documents of `seed` at the current generator version: the existing one, or
 * one seeded now (see the file header for naming, locking and atomicity).
 */
export async function ensureTemplate(
  serverUrl: string,
  options: EnsureTemplateOptions,
): Promise<EnsuredTemplate> {
  const key: TemplateKey = {
    generatorVersion: options.generatorVersion ?? GENERATOR_VERSION,
    seed: options.seed,
    documents: options.documents,
  };
  const name = templateName(key);
  const admin = await connect(serverUrl, `prepare the template ${name}`);
  try {
    await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, name]);
    const existing = (await readTemplates(admin, name))[0];
    const rebuild = options.fresh !== undefined && !options.fresh.rebuilt.has(name);
    if (existing !== undefined && existing.metadata !== null && !rebuild) {
      return { name, built: false, seedMs: 0, seeded: null, metadata: existing.metadata };
    }
    const started = performance.now();
    const build = await createThrowawayDatabase(serverUrl, { label: 'seedbuild' });
    try {
      const client = await connect(build.url, `connect to ${build.name}`);
      let metadata: TemplateMetadata;
      let seeded: SeedResult;
      try {
        await migrate({ dbClient: client, direction: 'up', count: 1 });
        seeded = await seedDatabase(client, { documents: key.documents, seed: key.seed }, options.onProgress);
        const exported: Record<string, number> = {};
        if (options.exportedCount)
          exported[options.exportedCount.key] = await options.exportedCount.count(client);
        metadata = {
          tool: 'hfc-bench',
          kind: 'seed template',
          ...key,
          rows: seeded.totalRows,
          seedMs: Math.round(performance.now() - started),
          createdAt: new Date().toISOString(),
          exported,
        };
      } finally {
        await client.end().catch(() => undefined);
      }
      await admin.query(
        `COMMENT ON DATABASE ${quoteIdent(build.name)} IS ${quoteLiteral(JSON.stringify(metadata))}`,
      );
      await admin.query(
        `ALTER DATABASE ${quoteIdent(build.name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
      );
      try {
        // A template that exists without its metadata was made by hand or broken: replaced like a fresh one.
        if (existing !== undefined) await dropTemplate(serverUrl, name);
        await admin.query(`ALTER DATABASE ${quoteIdent(build.name)} RENAME TO ${quoteIdent(name)}`);
      } catch (error) {
        // Unmarked again, so that the build database can be dropped below.
        await admin
          .query(`ALTER DATABASE ${quoteIdent(build.name)} WITH IS_TEMPLATE false`)
          .catch(() => undefined);
        throw error;
      }
      options.fresh?.rebuilt.add(name);
      // Takes the build off the Ctrl-C cleanups. Its DROP ... IF EXISTS finds nothing: the name is the build's
      // from before the rename.
      await build.drop();
      return { name, built: true, seedMs: metadata.seedMs, seeded, metadata };
    } catch (error) {
      // A failed build is dropped; should that fail too (the server is gone), the build's own error is the one
      // to report, and the next run reaps the database.
      await build.drop().catch(() => undefined);
      throw error;
    }
  } finally {
    await admin
      .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, name])
      .catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

/**
 * Rewrites a template's metadata with `update` (read, merge, write: a concurrent update may lose an entry,
 * which only costs a recount or a recalibration later).
 */
export async function recordTemplateMetadata(
  serverUrl: string,
  name: string,
  update: (metadata: TemplateMetadata) => TemplateMetadata,
): Promise<void> {
  const admin = await connect(serverUrl, `update the template ${name}`);
  try {
    const template = (await readTemplates(admin, name))[0];
    if (template?.metadata == null) return;
    const metadata = update(template.metadata);
    await admin.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(JSON.stringify(metadata))}`);
  } finally {
    await admin.end();
  }
}
