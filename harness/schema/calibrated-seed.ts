import type pg from 'pg';
import { documentWhereSql } from '../../src/document-filter-sql.ts';
import type { ExportFilters } from '../../src/export-filters.ts';
import { seedDatabase, type SeedProgress } from '../../seeds/seed-database.ts';

/**
 * Documents the export would return with these filters: the number of (organisation, year, type) groups
 * among the matching documents, which is what "latest per group" keeps (spec 3). The substance filter and
 * `hs_code` never change the document set, so they are ignored here.
 */
export async function countExportedDocuments(client: pg.ClientBase, filters: ExportFilters): Promise<number> {
  const where = documentWhereSql({ ...filters, hsCode: null }, 1, 'd');
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT DISTINCT d.organization_id, COALESCE(d.year, 0), d.document_type
         FROM document_extraction d WHERE ${where.text}) g`,
    where.values,
  );
  return rows[0]?.n ?? 0;
}

export interface CalibratedSeed {
  seededDocuments: number;
  exportedDocuments: number;
  /** Seedings it took (each one a full reseed). */
  attempts: number;
  seedMs: number;
}

/** Exported documents may differ from the target by this share (at least 1 document). */
const TOLERANCE = 0.05;
/** Above this many documents, a pilot seeding of this size measures the export ratio first. */
const PILOT_DOCUMENTS = 3_000;
const MAX_ATTEMPTS = 4;
/** Seed at most this many times the target: a filter that selects almost nothing must not seed forever. */
const MAX_SEED_FACTOR = 60;

/**
 * Seeds a migrated database so that the export, with `filters`, returns about `target` documents. The
 * generator is deterministic and the share of exported documents is roughly constant in its size (the number
 * of organisations grows with the documents), so a pilot seeding gives the ratio and one or two reseeds
 * (with reset) land within 3 %. The result says what was reached; the runner reports the real count.
 */
export async function seedForExportedDocuments(
  client: pg.ClientBase,
  options: { target: number; filters: ExportFilters; seed: number; onProgress?: (p: SeedProgress) => void },
): Promise<CalibratedSeed> {
  const { target, filters, seed } = options;
  const tolerance = Math.max(1, Math.floor(target * TOLERANCE));
  // A first guess from the generator's usual shape: about 40 % of the documents survive with no filter.
  let documents = Math.max(12, Math.ceil(target / 0.4));
  let seedMs = 0;
  if (documents > PILOT_DOCUMENTS) {
    // Large targets: measure the ratio on a pilot instead of guessing, so the big seeding happens once or twice.
    const pilot = await seedDatabase(
      client,
      { documents: PILOT_DOCUMENTS, seed, reset: true },
      options.onProgress,
    );
    seedMs += pilot.durationMs;
    const exported = await countExportedDocuments(client, filters);
    if (exported > 0) documents = Math.ceil((PILOT_DOCUMENTS * target) / exported);
  }
  let best: { documents: number; exported: number } | null = null;
  let attempts = 0;
  let lastSeeded = 0;
  const tried = new Set<number>();
  while (attempts < MAX_ATTEMPTS && !tried.has(documents)) {
    tried.add(documents);
    attempts += 1;
    const result = await seedDatabase(client, { documents, seed, reset: true }, options.onProgress);
    seedMs += result.durationMs;
    lastSeeded = documents;
    const exported = await countExportedDocuments(client, filters);
    if (best === null || Math.abs(exported - target) < Math.abs(best.exported - target))
      best = { documents, exported };
    if (Math.abs(exported - target) <= tolerance) break;
    const next = exported === 0 ? documents * 4 : Math.round((documents * target) / exported);
    documents = Math.min(Math.max(12, next), target * MAX_SEED_FACTOR);
  }
  if (best === null) throw new Error('calibration did not seed anything');
  // When the last seeding was not the best one, seed the best size again so the database matches the record.
  if (lastSeeded !== best.documents) {
    const result = await seedDatabase(
      client,
      { documents: best.documents, seed, reset: true },
      options.onProgress,
    );
    seedMs += result.durationMs;
    attempts += 1;
  }
  return { seededDocuments: best.documents, exportedDocuments: best.exported, attempts, seedMs };
}
