import type { PeakMemoryRecord } from '../results/bench-results.ts';

/** How often memory is sampled during the measured work, ms. */
const SAMPLE_EVERY_MS = 5;

const METHOD =
  `V8 heap, external and array-buffer memory sampled every ${SAMPLE_EVERY_MS} ms (and at the end) during one ` +
  'untimed export, above what was in use when it started; resident set of the whole harness process at ' +
  'its highest meanwhile. A garbage collection during the export lowers the figure: it is the memory the ' +
  'export held at once, as the collector allowed it, not a sum of allocations.';

function inUseBytes(): { heap: number; rss: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
}

/**
 * Runs `fn` while sampling the process's memory, and returns its result with the peak memory it needed.
 * Sampling runs on a timer, so it sees the heap between the export's awaits (each round trip is one); a peak
 * inside one synchronous stretch (building a sheet) is seen at its next await or at the end.
 */
export async function measurePeakMemory<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; peakMemory: PeakMemoryRecord }> {
  const start = inUseBytes();
  let peakHeap = start.heap;
  let peakRss = start.rss;
  const sample = () => {
    const now = inUseBytes();
    if (now.heap > peakHeap) peakHeap = now.heap;
    if (now.rss > peakRss) peakRss = now.rss;
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  try {
    const result = await fn();
    sample();
    return {
      result,
      peakMemory: {
        peakHeapDeltaBytes: Math.max(0, peakHeap - start.heap),
        peakRssBytes: peakRss,
        method: METHOD,
      },
    };
  } finally {
    clearInterval(timer);
  }
}
