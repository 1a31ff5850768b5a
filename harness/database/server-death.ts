/**
 * The real cause first: when the embedded server dies while the run did not ask it to stop, every query
 * and cleanup after that fails, and those failures would hide the cause. This records what was running
 * (commands call {@link noteActivity} with their progress lines) and says at once that the server died.
 */
export interface ServerDeath {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The step under way when it died (the last progress line), or `null`. */
  during: string | null;
}

let activity: string | null = null;
let death: ServerDeath | null = null;

/** Records the step under way (a progress line), named if the server dies during it. */
export function noteActivity(line: string): void {
  activity = line.trim() || activity;
}

/** The server's unexpected exit, if it happened. */
export function serverDeath(): ServerDeath | null {
  return death;
}

/**
 * The death, waiting up to `ms` for one not reported yet. When the server is killed, a connection can fail
 * before Node has processed the server process's exit, and the failure would be described without its cause.
 * Returns at once when the death is known.
 */
export async function settledServerDeath(ms: number): Promise<ServerDeath | null> {
  const deadline = Date.now() + ms;
  while (death === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return death;
}

/** One sentence describing a death, for the failure message. */
export function describeServerDeath(d: ServerDeath): string {
  const how = d.signal ? `killed by ${d.signal}` : `exit code ${d.code}`;
  return `the embedded PostgreSQL server (pid ${d.pid}) stopped unexpectedly (${how})${d.during ? ` during: ${d.during}` : ''}`;
}

/** Called by the embedded server when its process exits unasked; prints the cause immediately. */
export function noteServerDeath(d: Omit<ServerDeath, 'during'>): void {
  death = { ...d, during: activity };
  process.stderr.write(`hfc-bench: ${describeServerDeath(death)}; what fails after this is a consequence.\n`);
}
