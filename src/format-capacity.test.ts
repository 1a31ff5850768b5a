import { describe, expect, it } from 'vitest';
import { formatCapacity } from './format-capacity.ts';

describe('formatCapacity', () => {
  it('returns a truthy capacity unchanged, whitespace included', () => {
    expect(formatCapacity({ capacity: '12000 BTU', coolingCapacity: '5 HP', powerCapacity: '3.5 kW' })).toBe(
      '12000 BTU',
    );
    expect(formatCapacity({ capacity: '  ', coolingCapacity: '5 HP', powerCapacity: null })).toBe('  ');
  });

  it("joins the truthy cooling and power capacities with '/' when capacity is NULL or ''", () => {
    expect(formatCapacity({ capacity: null, coolingCapacity: '5 HP', powerCapacity: '3.5 kW' })).toBe(
      '5 HP/3.5 kW',
    );
    expect(formatCapacity({ capacity: '', coolingCapacity: '', powerCapacity: '3.5 kW' })).toBe('3.5 kW');
    expect(formatCapacity({ capacity: null, coolingCapacity: '5 HP', powerCapacity: null })).toBe('5 HP');
    expect(formatCapacity({ capacity: null, coolingCapacity: null, powerCapacity: '' })).toBe('');
  });
});
