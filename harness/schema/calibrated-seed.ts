import type pg from 'pg';
import { documentWhereSql } from '../../src/document-filter-sql.ts';
import type { ExportFilters } from '../../src/export-filters.ts';
import type { SeedProgress } from '../../seeds/seed-database.ts';
import { connect } from '../database/database-server.ts';
import { withThrowawayDatabase } from '../database/throwaway-database.ts';
import { GENERATOR_VERSION } from '../../seeds/generate-dataset.ts';
import {
  ensureTemplate,
  listTemplates,
  recordTemplateMetadata,
  type FreshTemplates,
} from './seed-templates.ts';

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

/** The key under which a template memoises the exported-document count of a filter set. */
export function exportedCountKey(filters: ExportFilters): string {
  return JSON.stringify({ ...filters, hsCode: null });
}

export interface CalibratedSeed {
  seededDocuments: number;
  exportedDocuments: number;
  /** Sizes tried (each one a template, built or reused). */
  attempts: number;
  /** Templates this call had to seed (0 when every size tried was already on the server). */
  seedings: number;
  /** Seeding time spent by this call. */
  seedMs: number;
  /** The template holding `seededDocuments` documents: clone it. */
  templateName: string;
}

/** Exported documents may differ from the target by this share (at least 1 document). */
const TOLERANCE = 0.05;
/** Above this many documents, a pilot seeding of this size measures the export ratio first. */
const PILOT_DOCUMENTS = 3_000;
const MAX_ATTEMPTS = 4;
/** Seed at most this many times the target: a filter that selects almost nothing must not seed forever. */
const MAX_SEED_FACTOR = 60;

/**
 * Finds the template whose export, with `filters`, returns about `target` documents. The generator is
 * deterministic and the share of exported documents is roughly constant in its size (the number of
 * organisations grows with the documents), so a pilot size gives the ratio and one or two more sizes land
 * within 5 %. Every size tried is a template (`seed-templates.ts`): seeded once, reused by every later run,
 * and its exported count for these filters is memoised in its metadata (a count missing from an existing
 * template is taken on a clone); the outcome (target and filters -> size) is memoised in the chosen
 * template's metadata, so a repeated calibration is one catalog lookup: it seeds and counts nothing. The result
 * says what was reached; the runner reports the real count.
 */
export async function calibrateSeedTemplate(
  serverUrl: string,
  options: {
    target: number;
    filters: ExportFilters;
    seed: number;
    /** `--fresh`: one per run, shared by its calibrations. */
    fresh?: FreshTemplates | undefined;
    onProgress?: (p: SeedProgress) => void;
  },
): Promise<CalibratedSeed> {
  const { target, filters, seed } = options;
  const key = exportedCountKey(filters);
  let seedMs = 0;
  let seedings = 0;
  const templates = new Map<number, string>();
  const exportedAt = async (documents: number): Promise<number> => {
    const template = await ensureTemplate(serverUrl, {
      documents,
      seed,
      fresh: options.fresh,
      exportedCount: { key, count: (client) => countExportedDocuments(client, filters) },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    templates.set(documents, template.name);
    if (template.built) {
      seedings += 1;
      seedMs += template.seedMs;
    }
    const memo = template.metadata.exported[key];
    if (memo !== undefined) return memo;
    const counted = await withThrowawayDatabase(
      serverUrl,
      { label: 'calibrate', template: template.name },
      async (db) => {
        const client = await connect(db.url, `connect to ${db.name}`);
        try {
          return await countExportedDocuments(client, filters);
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    );
    await recordTemplateMetadata(serverUrl, template.name, (m) => ({
      ...m,
      exported: { ...m.exported, [key]: counted },
    }));
    return counted;
  };

  // A calibration this server has done before is in the metadata of the template it chose: one lookup.
  const calibrationKey = `${target}:${key}`;
  if (options.fresh === undefined) {
    for (const t of await listTemplates(serverUrl)) {
      const exported = t.metadata?.calibrations?.[calibrationKey];
      if (t.generatorVersion !== GENERATOR_VERSION || t.seed !== seed || exported === undefined) continue;
      return {
        seededDocuments: t.documents,
        exportedDocuments: exported,
        attempts: 0,
        seedings: 0,
        seedMs: 0,
        templateName: t.name,
      };
    }
  }

  const tolerance = Math.max(1, Math.floor(target * TOLERANCE));
  // A first guess from the generator's usual shape: about 40 % of the documents survive with no filter.
  let documents = Math.max(12, Math.ceil(target / 0.4));
  if (documents > PILOT_DOCUMENTS) {
    // Large targets: measure the ratio on a pilot instead of guessing, so the big seeding happens once or twice.
    const exported = await exportedAt(PILOT_DOCUMENTS);
    if (exported > 0) documents = Math.ceil((PILOT_DOCUMENTS * target) / exported);
  }
  let best: { documents: number; exported: number } | null = null;
  let attempts = 0;
  const tried = new Set<number>();
  while (attempts < MAX_ATTEMPTS && !tried.has(documents)) {
    tried.add(documents);
    attempts += 1;
    const exported = await exportedAt(documents);
    if (best === null || Math.abs(exported - target) < Math.abs(best.exported - target))
      best = { documents, exported };
    if (Math.abs(exported - target) <= tolerance) break;
    const next = exported === 0 ? documents * 4 : Math.round((documents * target) / exported);
    documents = Math.min(Math.max(12, next), target * MAX_SEED_FACTOR);
  }
  if (best === null) throw new Error('calibration did not seed anything');
  const chosen = templates.get(best.documents)!;
  await recordTemplateMetadata(serverUrl, chosen, (m) => ({
    ...m,
    calibrations: { ...m.calibrations, [calibrationKey]: best.exported },
  }));
  return {
    seededDocuments: best.documents,
    exportedDocuments: best.exported,
    attempts,
    seedings,
    seedMs,
    templateName: chosen,
  };
}
