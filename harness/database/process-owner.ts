import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who owns a resource the harness leaves on disk or on a server while it runs (a cluster folder, a lock, a
 * throwaway database): the process id and the process's start time, so that a recycled process id is not
 * mistaken for the original owner, and the host, so that a run never judges processes of another machine.
 */
export interface ProcessOwner {
  pid: number;
  /** Start time in clock ticks since boot (`/proc/<pid>/stat` field 22); 0 where /proc is not available. */
  startTicks: number;
  host: string;
}

/** The start time of a process in clock ticks since boot, or `null` when it does not exist (Linux /proc). */
export function processStartTicks(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

function hasProc(): boolean {
  return processStartTicks(process.pid) !== null;
}

let self: ProcessOwner | undefined;

/** This process as an owner. */
export function currentOwner(): ProcessOwner {
  self ??= { pid: process.pid, startTicks: processStartTicks(process.pid) ?? 0, host: hostname() };
  return self;
}

/** `pid.startTicks`: short enough for folder names. */
export function ownerTag(owner: ProcessOwner = currentOwner()): string {
  return `${owner.pid}.${owner.startTicks}`;
}

/** Reads a tag written by {@link ownerTag} (on this host); `null` when the text is not one. */
export function parseOwnerTag(tag: string): ProcessOwner | null {
  const match = /^(\d+)\.(\d+)$/.exec(tag);
  if (!match) return null;
  return { pid: Number(match[1]), startTicks: Number(match[2]), host: hostname() };
}

/** The text stored as the COMMENT of a throwaway database. */
export function ownerComment(owner: ProcessOwner = currentOwner()): string {
  return `hfc-bench run pid=${owner.pid} start=${owner.startTicks} host=${owner.host}`;
}

/** Reads a comment written by {@link ownerComment}; `null` for any other text (never judged, never reaped). */
export function parseOwnerComment(comment: string | null): ProcessOwner | null {
  const match = /^hfc-bench run pid=(\d+) start=(\d+) host=(\S+)$/.exec(comment ?? '');
  if (!match) return null;
  return { pid: Number(match[1]), startTicks: Number(match[2]), host: match[3]! };
}

/**
 * Whether the owner may still be running. Only a process of this host can be judged dead; on another host,
 * or where neither /proc nor signals can tell, the answer is "alive", so that nothing is reaped by mistake.
 */
export function isOwnerAlive(owner: ProcessOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (hasProc()) {
    const ticks = processStartTicks(owner.pid);
    return ticks !== null && ticks === owner.startTicks;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
