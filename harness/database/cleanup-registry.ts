/**
 * Work that must happen however the run ends: dropping throwaway databases, stopping the embedded server,
 * removing an unfinished run folder. Normal paths call the cleanups themselves (in `finally`); this registry
 * covers Ctrl-C and SIGTERM. Cleanups run last-registered first, like nested `finally` blocks.
 *
 * Interruption: the CLI calls {@link installInterruptHandlers} before any work starts. The first signal
 * marks the run interrupted (work checks {@link throwIfInterrupted} between steps, so no new database,
 * scenario or query starts), runs every cleanup once, and exits 130 (143 for SIGTERM). A second Ctrl-C
 * does not skip the cleanup: it only says that the cleanup is under way.
 */
type Cleanup = () => Promise<void>;

const cleanups: Cleanup[] = [];
let running: Promise<void> | null = null;
let interruptedBy: NodeJS.Signals | null = null;
const controller = new AbortController();

/** Raised by work that stops because the run was interrupted (exit code 130, no error printed). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(signal: string | null = interruptedBy) {
    super(`interrupted by ${signal ?? 'a signal'}`);
  }
}

/** Whether Ctrl-C or SIGTERM arrived: work failing after that failed because its database was dropped. */
export function wasInterrupted(): boolean {
  return interruptedBy !== null;
}

/** Aborted on the first Ctrl-C/SIGTERM; pass it to work that can be cancelled. */
export const interruptSignal: AbortSignal = controller.signal;

/** Throws {@link InterruptedError} once the run is interrupted: call it before starting each step. */
export function throwIfInterrupted(): void {
  if (interruptedBy !== null) throw new InterruptedError();
}

/** Registers a cleanup; returns a function that unregisters it (call it once the cleanup has run normally). */
export function onCleanup(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** Runs every registered cleanup once, newest first, continuing past failures (each is reported). */
export async function runCleanups(): Promise<void> {
  running ??= (async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`hfc-bench: cleanup failed: ${(error as Error).message}\n`);
      }
    }
  })();
  try {
    await running;
  } finally {
    running = null;
  }
}

let handlersInstalled = false;

/**
 * Installs the Ctrl-C/SIGTERM handlers (once). Child processes of the harness run in their own process
 * group, so the terminal's Ctrl-C reaches only this process, which stops them in order.
 */
export function installInterruptHandlers(exit: (code: number) => void = (code) => process.exit(code)): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (interruptedBy !== null) {
        process.stderr.write(`hfc-bench: ${signal} again: still cleaning up, please wait...\n`);
        return;
      }
      interruptedBy = signal;
      controller.abort(new InterruptedError(signal));
      process.stderr.write(`\nhfc-bench: ${signal} received, stopping and cleaning up...\n`);
      void runCleanups().finally(() => {
        process.stderr.write('hfc-bench: cleanup done.\n');
        exit(exitCode);
      });
    });
  }
}
