import { readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The pid of the postmaster serving `dataDir` when it is running, from its `postmaster.pid`; else `null`. */
export function runningPostmaster(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  // A postmaster works in its data folder: a recycled pid belonging to anything else is left alone.
  try {
    if (resolve(readlinkSync(`/proc/${pid}/cwd`)) !== resolve(dataDir)) return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    // No /proc (not Linux): fall back to "a process with that pid exists".
    try {
      process.kill(pid, 0);
    } catch {
      return null;
    }
  }
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Resolves `true` once no process `pid` is left, or `false` after `timeoutMs`. A negative `pid` is a process
 * group (as for `kill`): true once every process of the group is gone.
 */
export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/**
 * Stops a postmaster by pid: fast shutdown (SIGINT: sessions are ended, a checkpoint is written), then
 * immediate shutdown (SIGQUIT), then SIGKILL. Returns once it is gone.
 */
export async function stopPostmaster(
  pid: number,
  fastTimeoutMs = 4_000,
  onSignal: (signal: NodeJS.Signals) => void = () => undefined,
): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', fastTimeoutMs],
    ['SIGQUIT', 2_000],
    ['SIGKILL', 2_000],
  ] as const) {
    try {
      onSignal(signal);
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitGone(pid, waitMs)) return;
  }
}
