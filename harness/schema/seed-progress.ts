import type { SeedProgress } from '../../seeds/seed-database.ts';

/** Seconds as `1 min 05 s` or `12.3 s`. */
function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/** Where the documents started: the first progress report with a document, kept by the printer. */
export interface DocumentsStart {
  documentsDone: number;
  elapsedMs: number;
}

/**
 * One progress line for seeding: documents done out of the total, rows so far, the rows/s rate since the
 * start and the estimated time left. The time left comes from the documents' own rate since `start`: the
 * organisations are generated before the first document, so the share of documents done over the whole
 * elapsed time would overstate it early on (a million documents once printed "56 min left" for a 72 s seed).
 * Until a second report measures that rate, the line says the time left is not known yet. Pure.
 */
export function seedProgressLine(p: SeedProgress, start?: DocumentsStart): string {
  const seconds = p.elapsedMs / 1000;
  const share = p.documentsDone / Math.max(1, p.documentsTotal);
  const rate = p.rowsDone / Math.max(0.001, seconds);
  const docsSince = start === undefined ? 0 : p.documentsDone - start.documentsDone;
  const msSince = start === undefined ? 0 : p.elapsedMs - start.elapsedMs;
  const left =
    p.documentsDone >= p.documentsTotal
      ? 'done'
      : docsSince > 0 && msSince > 0
        ? `about ${duration(((p.documentsTotal - p.documentsDone) * msSince) / docsSince / 1000)} left`
        : 'time left not known yet';
  return (
    `  seeding: ${p.documentsDone}/${p.documentsTotal} documents (${Math.floor(100 * share)}%), ` +
    `${p.rowsDone} rows, ${Math.round(rate)} rows/s, ${duration(seconds)} elapsed, ${left}`
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
  let start: DocumentsStart | undefined;
  return (p) => {
    if (p.documentsDone === 0 || printedLast) return;
    start ??= { documentsDone: p.documentsDone, elapsedMs: p.elapsedMs };
    // The line with every document generated is always printed; the others at most every `everyMs`.
    const last = p.documentsDone >= p.documentsTotal;
    if (!last && p.elapsedMs - lastMs < everyMs) return;
    lastMs = p.elapsedMs;
    printedLast = last;
    write(`${seedProgressLine(p, start)}\n`);
  };
}
