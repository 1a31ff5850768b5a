#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx hfc-bench` works from a clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli.ts');
process.exitCode = await main(process.argv.slice(2));
