import { performance } from 'node:perf_hooks';
import type { ExportFilters } from '../../src/export-filters.ts';
import { calibrateSeedTemplate, type CalibratedSeed } from '../schema/calibrated-seed.ts';
import type { FreshTemplates } from '../schema/seed-templates.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../database/throwaway-database.ts';
import { throwIfInterrupted } from '../database/cleanup-registry.ts';

/** One case of a bench run, as far as its data goes. */
export interface CaseDataRequest {
  /** For the progress lines and the database's label. */
  tag: string;
  label: string;
  /** Exported documents wanted. */
  documents: number;
  filters: ExportFilters;
}

/** A case's database, cloned from its calibrated template; or why it could not be made. */
export type CaseData = { seeded: CalibratedSeed; db: ThrowawayDatabase } | { error: Error };

/** How long the data of the whole run took, for the progress line and the run's record. */
export interface CaseDataTiming {
  /** From the first calibration to the last clone. */
  totalMs: number;
  /** Seeding templates the server did not have (0 when every one was reused). */
  seedMs: number;
  /** Cloning every case's database. */
  cloneMs: number;
}

/**
 * Clones made at once: the default matrix's six cases together. Six default clones measured 108 to 182 ms
 * six at a time, 169 to 454 ms four at a time and 187 to 420 ms one at a time (three rounds each); a longer
 * list of cases waits its turn, so the disk is never asked for more.
 */
const CLONES_AT_ONCE = 6;

/**
 * Every case's data, before the first measurement: the calibrated templates first (seeded only when the server
 * lacks them), one case after the other, then every case's clone, `CLONES_AT_ONCE` at a time.
 *
 * Why all at once: a clone is mostly the creation of the schema's ~420 files, and one after the other the six
 * default clones took 0.18 to 1.42 s on this project's 2-core machine, and 0.1 to 0.2 s together. Made before
 * any case is measured, the clones never run beside a measurement. The cost: every case's database exists
 * until its case has run (each is dropped then, see `runBench`), so a run needs the disk space of all of them.
 *
 * A case whose calibration or clone fails gets its error (the run records it and goes on); the others keep
 * their databases. Each database is registered for cleanup when created, so Ctrl-C drops them all.
 */
export async function prepareCaseDatabases(
  serverUrl: string,
  requests: readonly CaseDataRequest[],
  options: {
    seed: number;
    fresh: FreshTemplates | undefined;
    keep: boolean;
    progress: (line: string) => void;
  },
): Promise<{ data: CaseData[]; timing: CaseDataTiming }> {
  const started = performance.now();
  let seedMs = 0;
  const calibrated: (CalibratedSeed | Error)[] = [];
  for (const request of requests) {
    throwIfInterrupted();
    options.progress(`${request.tag}: preparing data for about ${request.documents} exported documents...`);
    try {
      const seeded = await calibrateSeedTemplate(serverUrl, {
        target: request.documents,
        filters: request.filters,
        seed: options.seed,
        fresh: options.fresh,
      });
      seedMs += seeded.seedMs;
      options.progress(
        `${request.tag}: ${seeded.seededDocuments} documents -> ${seeded.exportedDocuments} exported, template ` +
          `${seeded.templateName} (${seeded.attempts} size${seeded.attempts === 1 ? '' : 's'} tried, ` +
          `${seeded.seedings} seeded now in ${(seeded.seedMs / 1000).toFixed(2)} s)`,
      );
      calibrated.push(seeded);
    } catch (error) {
      calibrated.push(error instanceof Error ? error : new Error(String(error)));
    }
  }

  const cloneStarted = performance.now();
  const data: CaseData[] = new Array<CaseData>(requests.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const i = next++;
      const seeded = calibrated[i]!;
      if (seeded instanceof Error) {
        data[i] = { error: seeded };
        continue;
      }
      throwIfInterrupted();
      try {
        const db = await createThrowawayDatabase(serverUrl, {
          label: requests[i]!.label,
          keep: options.keep,
          template: seeded.templateName,
        });
        data[i] = { seeded, db };
      } catch (error) {
        data[i] = { error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLONES_AT_ONCE, requests.length) }, worker));
  const finished = performance.now();
  const timing = { totalMs: finished - started, seedMs, cloneMs: finished - cloneStarted };
  const cloned = data.filter((d) => 'db' in d).length;
  options.progress(
    `data ready for ${cloned} of ${requests.length} case${requests.length === 1 ? '' : 's'} in ` +
      `${(timing.totalMs / 1000).toFixed(2)} s (seeding ${(timing.seedMs / 1000).toFixed(2)} s, ` +
      `cloning ${(timing.cloneMs / 1000).toFixed(2)} s)`,
  );
  return { data, timing };
}
