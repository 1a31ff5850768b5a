import type pg from 'pg';
import type { WithWithoutComparison } from '../results/index-evaluation-results.ts';
import { compareWithWithout } from './compare-with-without.ts';
import { quoteIdent } from '../core/quote-ident.ts';

/**
 * Times `run` with the index and without it, interleaved (the order alternates every round), after one
 * discarded warm-up round. Each sample runs in its own transaction, rolled back: "without" drops the index in
 * it first; then `run` runs twice and only the second run is timed (not the DROP, the first run, nor the
 * ROLLBACK), so both sides are timed with warm catalog caches. The samples are compared by
 * `compareWithWithout` (ratio of medians, bootstrap interval, verdict).
 *
 * @param rounds timed rounds; each gives one sample per side.
 */
export async function timeWithAndWithout(
  client: pg.ClientBase,
  indexName: string,
  rounds: number,
  run: () => Promise<void>,
): Promise<WithWithoutComparison> {
  const samples = { with: [] as number[], without: [] as number[] };
  const once = async (side: 'with' | 'without'): Promise<number> => {
    await client.query('BEGIN');
    try {
      if (side === 'without') await client.query(`DROP INDEX ${quoteIdent(indexName)}`);
      // The first statement after BEGIN (and, without, after the DROP's catalog invalidation) rebuilds
      // cached catalog entries; an untimed run on both sides keeps that out of the comparison.
      await run();
      const startedMs = performance.now();
      await run();
      return performance.now() - startedMs;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const side of order) {
      const ms = await once(side);
      if (round > 0) samples[side].push(ms);
    }
  }
  return compareWithWithout(samples.with, samples.without);
}
