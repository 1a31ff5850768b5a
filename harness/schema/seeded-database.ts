import type pg from 'pg';
import { seedDatabase, type SeedProgress, type SeedResult } from '../../seeds/seed-database.ts';
import { connect } from '../database/database-server.ts';
import { migrate } from './migrator.ts';
import { withThrowawayDatabase, type ThrowawayDatabase } from '../database/throwaway-database.ts';

export interface SeededDatabase {
  db: ThrowawayDatabase;
  client: pg.Client;
  seed: SeedResult;
}

/**
 * A throwaway database on `serverUrl`, migrated to the HFC schema and seeded deterministically; dropped
 * after `fn` (also when it fails, and on Ctrl-C), unless `keep`.
 */
export async function withSeededDatabase<T>(
  serverUrl: string,
  options: {
    label: string;
    documents: number;
    seed: number;
    keep?: boolean;
    onProgress?: (progress: SeedProgress) => void;
  },
  fn: (seeded: SeededDatabase) => Promise<T>,
): Promise<T> {
  return withThrowawayDatabase(
    serverUrl,
    { label: options.label, keep: options.keep ?? false },
    async (db) => {
      const client = await connect(db.url, `connect to ${db.name}`);
      try {
        // The schema alone: the runner moves between index states itself.
        await migrate({ dbClient: client, direction: 'up', count: 1 });
        const seed = await seedDatabase(
          client,
          { documents: options.documents, seed: options.seed },
          options.onProgress,
        );
        return await fn({ db, client, seed });
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  );
}

/** A one-line progress printer for seeding, on stderr, at most every 10% of the documents. */
export function seedProgressPrinter(write: (text: string) => void = (t) => process.stderr.write(t)) {
  let lastTenth = -1;
  return (p: SeedProgress) => {
    const tenth = Math.floor((10 * p.documentsDone) / Math.max(1, p.documentsTotal));
    if (tenth === lastTenth || p.documentsDone === 0) return;
    lastTenth = tenth;
    write(
      `  seeding: ${p.documentsDone}/${p.documentsTotal} documents (${(p.elapsedMs / 1000).toFixed(1)} s)\n`,
    );
  };
}
