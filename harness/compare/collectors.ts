import type { Collector } from '../../src/collector.ts';
import { collectV1 } from '../../src/collector-v1.ts';
import { collectV1Orm } from '../../src/collector-v1-orm.ts';
import { collectV2 } from '../../src/collector-v2.ts';
import { UsageError } from '../core/usage-error.ts';

/**
 * What a collector stands for in the decision, so reports can lead with production:
 * - `premise`: the plan's premise (the current code with no prefetch, one record per round trip);
 * - `production`: the current code as Odoo 18's ORM runs it, what production sends today;
 * - `candidate`: the optimised export under evaluation.
 */
export type CollectorRole = 'premise' | 'production' | 'candidate';

/** One registered collector. */
export interface CollectorEntry {
  collect: Collector;
  role: CollectorRole;
  /** One line for `--help` texts and reports. */
  summary: string;
}

/** The one collector registry: every collector under test, by the name the CLI and the reports use. */
export const COLLECTOR_REGISTRY = {
  v1: {
    collect: collectV1,
    role: 'premise',
    summary: 'the current code with no prefetch, one record per round trip (the plan’s premise)',
  },
  'v1-orm': {
    collect: collectV1Orm,
    role: 'production',
    summary: 'the current code as Odoo 18’s ORM runs it, batches of 1000 (what production sends today)',
  },
  v2: {
    collect: collectV2,
    role: 'candidate',
    summary: 'the optimised export, each relation loaded once (the candidate)',
  },
} as const satisfies Record<string, CollectorEntry>;

export type CollectorName = keyof typeof COLLECTOR_REGISTRY;

/** The collectors by name (the registry's `collect` functions). */
export const COLLECTORS: { readonly [N in CollectorName]: Collector } = {
  v1: COLLECTOR_REGISTRY.v1.collect,
  'v1-orm': (q, filters) => COLLECTOR_REGISTRY['v1-orm'].collect(q, filters),
  v2: COLLECTOR_REGISTRY.v2.collect,
};

/** The registered names, in registry order. */
export const COLLECTOR_NAMES = Object.keys(COLLECTOR_REGISTRY) as CollectorName[];

/** `v1 (premise: ...), v1-orm (production: ...), ...`: for help texts. */
export function describeCollectors(): string {
  return COLLECTOR_NAMES.map((name) => `${name} (${COLLECTOR_REGISTRY[name].summary})`).join('; ');
}

export function isCollectorName(name: string): name is CollectorName {
  return Object.hasOwn(COLLECTOR_REGISTRY, name);
}

/** Reads `--collector`, with an error that names the choices. */
export function parseCollectorName(name: string | undefined): CollectorName {
  if (name === undefined) throw new UsageError(`--collector is required: ${COLLECTOR_NAMES.join(', ')}`);
  if (!isCollectorName(name)) {
    throw new UsageError(`--collector must be one of ${COLLECTOR_NAMES.join(', ')}; received "${name}"`);
  }
  return name;
}
