#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx hfc-bench` works from a clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/cli.ts');
const exitCode = await main(process.argv.slice(2));
// Exit explicitly: a library may keep handles open (timers, sockets) after the work is done.
process.exit(exitCode);
