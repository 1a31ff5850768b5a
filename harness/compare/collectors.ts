import type { Collector } from '../../src/collector.ts';
import { collectV1 } from '../../src/collector-v1.ts';
import { collectV2 } from '../../src/collector-v2.ts';
import { UsageError } from '../core/usage-error.ts';

/** The collectors under test, by the name the CLI and the reports use. */
export const COLLECTORS = { v1: collectV1, v2: collectV2 } as const satisfies Record<string, Collector>;

export type CollectorName = keyof typeof COLLECTORS;

export function isCollectorName(name: string): name is CollectorName {
  return Object.hasOwn(COLLECTORS, name);
}

/** Reads `--collector`, with an error that names the choices. */
export function parseCollectorName(name: string | undefined): CollectorName {
  if (name === undefined)
    throw new UsageError('--collector is required: v1 (current code) or v2 (optimised)');
  if (!isCollectorName(name)) {
    throw new UsageError(
      `--collector must be one of ${Object.keys(COLLECTORS).join(', ')}; received "${name}"`,
    );
  }
  return name;
}
