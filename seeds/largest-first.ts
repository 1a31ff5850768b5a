/** A piece of work with an estimate of what it costs, in any unit shared by the jobs run together. */
export interface CostedJob {
  cost: number;
  run: () => Promise<void>;
}

/**
 * Runs `jobs` at most `width` at a time, the costliest first, each next one as soon as a running one ends
 * (longest-processing-time-first list scheduling). When jobs differ a lot in cost, this keeps the largest
 * from starting last and running alone at the end while the rest of the machine is idle, which is what
 * starting them all at once does on a server with fewer cores than jobs: every job gets an equal share,
 * so the largest one finishes last.
 *
 * The first failure rejects the returned promise once the jobs already running have settled; no job starts
 * after it. Jobs of equal cost start in the order given.
 */
export async function runLargestFirst(jobs: readonly CostedJob[], width: number): Promise<void> {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`width must be a whole number >= 1, got ${width}`);
  const queue = jobs
    .map((job, order) => ({ job, order }))
    .sort((a, b) => b.job.cost - a.job.cost || a.order - b.order)
    .map((entry) => entry.job);
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined && failure === null; job = queue.shift()) {
      try {
        await job.run();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
