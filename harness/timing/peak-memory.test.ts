import { describe, expect, it } from 'vitest';
import { measurePeakMemory } from './peak-memory.ts';

describe('measurePeakMemory', () => {
  it('sees memory held across awaits, and returns the result', async () => {
    const held: Uint8Array[] = [];
    const { result, peakMemory } = await measurePeakMemory(async () => {
      for (let i = 0; i < 8; i++) {
        held.push(new Uint8Array(4 * 1024 * 1024).fill(1));
        await new Promise((resolve) => setTimeout(resolve, 6));
      }
      return held.length;
    });
    expect(result).toBe(8);
    // 32 MiB were held at once when the export ended; sampling must have seen most of it.
    expect(peakMemory.peakHeapDeltaBytes).toBeGreaterThan(24 * 1024 * 1024);
    expect(peakMemory.peakRssBytes).toBeGreaterThan(peakMemory.peakHeapDeltaBytes);
    expect(peakMemory.method).toMatch(/sampled every/);
  });

  it('stops sampling when the work fails', async () => {
    await expect(measurePeakMemory(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
