import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { GateReport } from '../harness/gate/gate-results.ts';
import { CLI } from './helpers/cli-process.ts';
import { testServerUrl } from './helpers/test-database.ts';

/**
 * The CLI's output reaches a slow reader whole. Writes to a full pipe are asynchronous on Linux, and the CLI
 * ends with `process.exit`: before it waited for its output, `gate --json` piped into a reader that paused
 * lost everything after its first 80 KB.
 */
describe('CLI output on a pipe', () => {
  it('is complete when the reader pauses: gate --json still parses', async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && k !== 'GITHUB_STEP_SUMMARY') env[k] = v;
    const child = spawn(process.execPath, [CLI, 'gate', '--json', '--database-url', testServerUrl()], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env,
    });
    const chunks: Buffer[] = [];
    // Read the first chunk, then stop reading for a while: the pipe fills and the CLI must wait for us.
    child.stdout.once('data', (first: Buffer) => {
      chunks.push(first);
      child.stdout.pause();
      setTimeout(() => {
        child.stdout.on('data', (c: Buffer) => chunks.push(c));
        child.stdout.resume();
      }, 1_500);
    });
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    const output = Buffer.concat(chunks).toString();
    expect(output.length).toBeGreaterThan(200_000);
    expect((JSON.parse(output) as GateReport).verdict).toBe('pass');
  });
});
