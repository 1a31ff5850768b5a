import type pg from 'pg';
import type { SeedProgress } from '../../seeds/seed-database.ts';
import { connect } from '../database/database-server.ts';
import { withThrowawayDatabase, type ThrowawayDatabase } from '../database/throwaway-database.ts';
import { ensureTemplate, freshTemplates, type EnsuredTemplate } from './seed-templates.ts';

export interface SeededDatabase {
  db: ThrowawayDatabase;
  client: pg.Client;
  /** The template the database was cloned from, and whether this run had to seed it. */
  seed: EnsuredTemplate;
}

/**
 * A throwaway database on `serverUrl` holding the HFC schema and the deterministic dataset of `documents`
 * documents and `seed`: a clone of the template database (`seed-templates.ts`), which is seeded first only
 * when the server does not have it yet (or `fresh`). Dropped after `fn` (also when it fails, and on Ctrl-C),
 * unless `keep`.
 */
export async function withSeededDatabase<T>(
  serverUrl: string,
  options: {
    label: string;
    documents: number;
    seed: number;
    keep?: boolean;
    /** Seed the template again even if the server has it (`--fresh`). */
    fresh?: boolean;
    onProgress?: (progress: SeedProgress) => void;
  },
  fn: (seeded: SeededDatabase) => Promise<T>,
): Promise<T> {
  const template = await ensureTemplate(serverUrl, {
    documents: options.documents,
    seed: options.seed,
    fresh: options.fresh ? freshTemplates() : undefined,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return withThrowawayDatabase(
    serverUrl,
    { label: options.label, keep: options.keep ?? false, template: template.name },
    async (db) => {
      const client = await connect(db.url, `connect to ${db.name}`);
      try {
        return await fn({ db, client, seed: template });
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  );
}
