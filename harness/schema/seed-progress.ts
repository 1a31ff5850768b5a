import type { SeedProgress } from '../../seeds/seed-database.ts';

/** Seconds as `1 min 05 s` or `12.3 s`. */
function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/**
 * One progress line for seeding: documents done out of the total, rows so far, the rows/s rate since the
 * start and the estimated time left (from the share of documents done). Pure, for the printer and its test.
 */
export function seedProgressLine(p: SeedProgress): string {
  const seconds = p.elapsedMs / 1000;
  const share = p.documentsDone / Math.max(1, p.documentsTotal);
  const rate = p.rowsDone / Math.max(0.001, seconds);
  const eta = share > 0 ? (seconds * (1 - share)) / share : Number.NaN;
  return (
    `  seeding: ${p.documentsDone}/${p.documentsTotal} documents (${Math.floor(100 * share)}%), ` +
    `${p.rowsDone} rows, ${Math.round(rate)} rows/s, ${duration(seconds)} elapsed, about ${duration(eta)} left`
  );
}

/**
 * A progress printer for `seedDatabase`: one line (see `seedProgressLine`) at most every `everyMs`
 * milliseconds, so a million documents log a few dozen lines, not thousands, and the line at 100 %.
 */
export function seedProgressPrinter(
  write: (text: string) => void = (t) => void process.stderr.write(t),
  everyMs = 2_000,
): (progress: SeedProgress) => void {
  let lastMs = Number.NEGATIVE_INFINITY;
  let printedLast = false;
  return (p) => {
    if (p.documentsDone === 0 || printedLast) return;
    // The line with every document generated is always printed; the others at most every `everyMs`.
    const last = p.documentsDone >= p.documentsTotal;
    if (!last && p.elapsedMs - lastMs < everyMs) return;
    lastMs = p.elapsedMs;
    printedLast = last;
    write(`${seedProgressLine(p)}\n`);
  };
}
