import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/usage-error.ts';
import {
  COLLECTOR_NAMES,
  COLLECTOR_REGISTRY,
  COLLECTORS,
  describeCollectors,
  parseCollectorName,
} from './collectors.ts';

describe('the collector registry', () => {
  it('holds the premise, production and the candidate, one of each, with a summary', () => {
    expect(COLLECTOR_NAMES).toEqual(['v1', 'v1-orm', 'v2']);
    expect(COLLECTOR_NAMES.map((name) => COLLECTOR_REGISTRY[name].role)).toEqual([
      'premise',
      'production',
      'candidate',
    ]);
    for (const name of COLLECTOR_NAMES) {
      expect(COLLECTOR_REGISTRY[name].summary.length).toBeGreaterThan(10);
      expect(typeof COLLECTORS[name]).toBe('function');
      expect(describeCollectors()).toContain(`${name} (`);
    }
  });

  it('parses --collector, naming every choice when the value is wrong or missing', () => {
    expect(parseCollectorName('v1-orm')).toBe('v1-orm');
    expect(() => parseCollectorName('v3')).toThrow(UsageError);
    expect(() => parseCollectorName('v3')).toThrow(
      '--collector must be one of v1, v1-orm, v2; received "v3"',
    );
    expect(() => parseCollectorName(undefined)).toThrow('--collector is required: v1, v1-orm, v2');
  });
});
