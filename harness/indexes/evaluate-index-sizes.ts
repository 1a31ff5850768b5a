import type { SeedProgress } from '../../seeds/seed-database.ts';
import type { IndexEvaluationResults, IndexSizeEvaluation } from '../results/index-evaluation-results.ts';
import { withSeededDatabase } from '../schema/seeded-database.ts';
import { evaluateIndexes, type IndexEvaluationOptions } from './index-evaluation.ts';
import { indexEvaluationRun, type IndexRunInfo } from './index-evaluation-run.ts';

/**
 * The largest first size: its exports (v1's one round trip per record, v2's whole result held in memory) are run
 * to collect the benchmark queries, which every larger size then measures.
 */
export const MAX_COLLECTING_DOCUMENTS = 20_000;

/** Options of {@link evaluateIndexSizes}. */
export interface IndexSizesOptions
  extends Omit<IndexEvaluationOptions, 'documents' | 'queriesFrom' | 'progress'>,
    IndexRunInfo {
  /** Documents to seed per evaluated database, distinct, ascending (the first at most {@link MAX_COLLECTING_DOCUMENTS}). */
  sizes: readonly number[];
  seed: number;
  /** Keep each throwaway database (its name is printed). */
  keep?: boolean;
  /** Seed each size's template database again even when the server has it (`--fresh`). */
  fresh?: boolean;
  progress?: (line: string) => void;
  onSeedProgress?: (progress: SeedProgress) => void;
}

/**
 * The index evaluation at several data sizes on the server `serverUrl`: for each size, smallest first, a
 * throwaway database seeded with the same generator and seed, evaluated, then dropped (one database at a time, so
 * the server holds at most one). The smallest size runs every export to collect the benchmark queries; the larger
 * ones measure those same statements (`queriesFrom`), so the sizes differ by their data alone.
 *
 * @throws RangeError when `sizes` is empty, not ascending, or starts above {@link MAX_COLLECTING_DOCUMENTS}.
 */
export async function evaluateIndexSizes(
  serverUrl: string,
  options: IndexSizesOptions,
): Promise<IndexEvaluationResults> {
  const { sizes, seed, keep, fresh, progress, onSeedProgress, runId, argv, ...evaluation } = options;
  checkSizes(sizes);
  const say = progress ?? (() => undefined);
  const done: IndexSizeEvaluation[] = [];
  for (const [i, documents] of sizes.entries()) {
    say(
      `size ${i + 1}/${sizes.length}: ${documents} documents (seed ${seed}), from its template or seeded now`,
    );
    const result = await withSeededDatabase(
      serverUrl,
      {
        label: 'indexes',
        documents,
        seed,
        keep: keep ?? false,
        fresh: fresh ?? false,
        onProgress: onSeedProgress,
      },
      async ({ db, client, seed: template }) => {
        const rows = template.metadata.rows;
        const seconds = template.seedMs / 1000;
        say(
          `size ${i + 1}/${sizes.length}: ` +
            (template.built
              ? `seeded ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001))} rows/s)`
              : `${rows} rows cloned from the template ${template.name}`) +
            (keep ? `; keeping database ${db.name}` : ''),
        );
        return evaluateIndexes(client, {
          ...evaluation,
          seed,
          documents,
          queriesFrom: done[0],
          progress: (line) => say(`  ${line}`),
        });
      },
    );
    done.push(result);
  }
  return indexEvaluationRun(done, { runId, argv });
}

function checkSizes(sizes: readonly number[]): void {
  if (sizes.length === 0) throw new RangeError('evaluateIndexSizes needs at least one size');
  for (let i = 1; i < sizes.length; i++) {
    if (sizes[i]! <= sizes[i - 1]!) {
      throw new RangeError(`index evaluation sizes must be distinct and ascending, got ${sizes.join(', ')}`);
    }
  }
  if (sizes[0]! > MAX_COLLECTING_DOCUMENTS) {
    throw new RangeError(
      `the smallest index evaluation size is ${sizes[0]} documents; it must be at most ${MAX_COLLECTING_DOCUMENTS} ` +
        'because its exports are run to collect the queries the larger sizes measure',
    );
  }
}
