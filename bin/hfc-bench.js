#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size=64 (MB): the seeder and the exports allocate many short-lived strings; a larger young
// generation collects them less often. Seeding 200 000 documents took 14.3 and 15.0 s with it, 16.9 and 17.1 s
// without (two runs each). V8 only honours it on the command line (set at run time it had no effect), so the
// npm scripts pass it too.
// Runs the TypeScript CLI through tsx, so `npx hfc-bench` works from a clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/cli.ts');
const exitCode = await main(process.argv.slice(2));
// Writes to a pipe are asynchronous on Linux once the pipe is full: exiting at once would cut the output short
// for a slow reader (`gate --json | ...` lost all but its first 80 KB). An empty write's callback runs after
// every earlier write has been handed to the system.
await Promise.all(
  [process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))),
);
// Exit explicitly: a library may keep handles open (timers, sockets) after the work is done.
process.exit(exitCode);
