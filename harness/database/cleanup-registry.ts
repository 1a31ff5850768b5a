/**
 * Work that must happen however the run ends: dropping throwaway databases, stopping the embedded server.
 * Normal paths call the cleanups themselves (in `finally`); this registry covers Ctrl-C and SIGTERM, where
 * no `finally` runs. Cleanups run last-registered first, like nested `finally` blocks.
 */
type Cleanup = () => Promise<void>;

const cleanups: Cleanup[] = [];
let handlersInstalled = false;
let running: Promise<void> | null = null;
let interrupted = false;

/** Whether Ctrl-C or SIGTERM arrived: work failing after that failed because its database was dropped. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/** Registers a cleanup; returns a function that unregisters it (call it once the cleanup has run normally). */
export function onCleanup(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  installSignalHandlers();
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

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      interrupted = true;
      if (cleanups.length > 0) process.stderr.write(`\nhfc-bench: ${signal} received, cleaning up...\n`);
      void runCleanups().finally(() => process.exit(exitCode));
    });
  }
}
