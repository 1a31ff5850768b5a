import { migrate } from '../../harness/schema/migrator.ts';
import { seedDatabase, type SeedResult } from '../../seeds/seed-database.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/** A throwaway test database migrated to the HFC schema and seeded with `documents` documents. */
export async function createSeededTestDatabase(
  label: string,
  documents: number,
  seed = 1,
): Promise<TestDatabase & { seed: SeedResult }> {
  const db = await createTestDatabase(label);
  try {
    await migrate({ dbClient: db.client, direction: 'up', count: 1 });
    const result = await seedDatabase(db.client, { documents, seed });
    return { ...db, seed: result };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
