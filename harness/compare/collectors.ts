import type { Collector } from '../../src/collector.ts';
import { collectV1 } from '../../src/collector-v1.ts';
import { collectV1Orm } from '../../src/collector-v1-orm.ts';
import { collectV2 } from '../../src/collector-v2.ts';
import { UsageError } from '../core/usage-error.ts';
import {
  COLLECTOR_IDS,
  isCollectorId,
  type CollectorId,
  type CollectorRole,
} from '../results/collector-id.ts';

/** One registered collector. */
export interface CollectorEntry {
  id: CollectorId;
  collect: Collector;
  /** What it stands for in the decision (see `CollectorRole`). */
  role: CollectorRole;
  /** One line for `--help` texts and reports. */
  summary: string;
}

/**
 * The one collector registry: every collector under test, by id. `compare`, `bench`, `gate` and `export`
 * find collectors here and nowhere else. Its keys are exactly `COLLECTOR_IDS` (the compiler checks it
 * through `satisfies`; a test checks the order).
 */
export const COLLECTOR_REGISTRY = {
  v1: {
    id: 'v1',
    collect: collectV1,
    role: 'premise',
    summary: 'the current code with no prefetch, one record per round trip (the plan’s premise)',
  },
  'v1-orm': {
    id: 'v1-orm',
    collect: collectV1Orm,
    role: 'production',
    summary: 'the current code as Odoo 18’s ORM runs it, batches of 1000 (what production sends today)',
  },
  v2: {
    id: 'v2',
    collect: collectV2,
    role: 'candidate',
    summary: 'the optimised export, each relation loaded once (the candidate)',
  },
} as const satisfies { [Id in CollectorId]: CollectorEntry & { id: Id } };

/** The registry's entries in `COLLECTOR_IDS` order. */
export function collectorEntries(): CollectorEntry[] {
  return COLLECTOR_IDS.map((id) => COLLECTOR_REGISTRY[id]);
}

/** The collector every other one is compared with: the premise. */
export function referenceCollector(): CollectorEntry {
  const reference = collectorEntries().find((c) => c.role === 'premise');
  if (reference === undefined) throw new Error('the collector registry has no premise collector');
  return reference;
}

/** `v1 (...); v1-orm (...); v2 (...)`: for help texts. */
export function describeCollectors(): string {
  return collectorEntries()
    .map((c) => `${c.id} (${c.summary})`)
    .join('; ');
}

/** Reads `--collector`, with an error that names the choices. */
export function parseCollectorId(name: string | undefined): CollectorId {
  if (name === undefined) throw new UsageError(`--collector is required: ${describeCollectors()}`);
  if (!isCollectorId(name)) {
    throw new UsageError(`--collector must be one of ${COLLECTOR_IDS.join(', ')}; received "${name}"`);
  }
  return name;
}
