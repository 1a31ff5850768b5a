import { describe, expect, it } from 'vitest';
import { COLLECTOR_IDS } from '../results/collector-id.ts';
import { UsageError } from '../core/usage-error.ts';
import { collectorEntries, COLLECTOR_REGISTRY, parseCollectorId, referenceCollector } from './collectors.ts';

describe('collector registry', () => {
  it('holds exactly the collector ids, in their order, each under its own id', () => {
    expect(Object.keys(COLLECTOR_REGISTRY)).toEqual([...COLLECTOR_IDS]);
    expect(collectorEntries().map((c) => c.id)).toEqual([...COLLECTOR_IDS]);
    for (const entry of collectorEntries()) expect(typeof entry.collect).toBe('function');
  });

  it('has exactly one premise, the reference every other collector is compared with', () => {
    expect(collectorEntries().filter((c) => c.role === 'premise')).toHaveLength(1);
    expect(referenceCollector().id).toBe('v1');
  });

  it('reads --collector, naming the choices when it is missing or unknown', () => {
    expect(parseCollectorId('v2')).toBe('v2');
    expect(() => parseCollectorId(undefined)).toThrow(UsageError);
    expect(() => parseCollectorId('v3')).toThrow(
      `--collector must be one of ${COLLECTOR_IDS.join(', ')}; received "v3"`,
    );
  });
});
