import { describe, expect, it } from 'vitest';
import { headlinePair, registeredCollectors } from './collector-roles.ts';

describe('headlinePair', () => {
  it('compares the candidate with production when the registry has it', () => {
    expect(headlinePair(registeredCollectors())).toEqual({
      candidate: 'v2',
      baseline: 'v1-orm',
      baselineRole: 'production',
      fallback: false,
    });
  });

  it('falls back to the premise when no production collector is registered', () => {
    const withoutProduction = registeredCollectors().filter((c) => c.role !== 'production');
    expect(headlinePair(withoutProduction)).toEqual({
      candidate: 'v2',
      baseline: 'v1',
      baselineRole: 'premise',
      fallback: true,
    });
    expect(headlinePair(withoutProduction.filter((c) => c.role !== 'premise'))).toBeNull();
  });
});
