import { describe, expect, it } from 'vitest';
import { aaControl, runNoise } from './aa-control.ts';

/** Deterministic right-skewed timings around `centre` (as in ratio-comparison.test.ts). */
function timings(centre: number, count: number, spread: number, phase: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const u = ((i * 0.6180339887 + phase) % 1) - 0.5;
    return centre * Math.exp(spread * 2 * u + spread * u * u * 4);
  });
}

describe('aaControl', () => {
  it('passes two copies of one distribution, and its width is the noise floor', () => {
    const control = aaControl('v2', timings(50, 12, 0.05, 0.1), timings(50, 12, 0.05, 0.55));
    expect(control.passed).toBe(true);
    expect(control.comparison.verdict).toBe('no detectable difference');
    expect(control.noiseFloor).toBe(control.comparison.relativeWidth);
    expect(control.noiseFloor!).toBeGreaterThan(0);
  });

  it('fails when the machine made one copy slower (a disturbed half looks like an effect)', () => {
    const disturbed = aaControl('v2', timings(50, 12, 0.03, 0.1), timings(60, 12, 0.03, 0.55));
    expect(disturbed.comparison.verdict).toBe('slower');
    expect(disturbed.passed).toBe(false);
  });

  it('neither passes nor fails without enough samples', () => {
    const control = aaControl('v2', [50, 51], [50, 52]);
    expect(control.passed).toBeNull();
    expect(control.noiseFloor).toBeNull();
  });
});

describe('runNoise', () => {
  const quiet = aaControl('v2', timings(50, 12, 0.02, 0.1), timings(50, 12, 0.02, 0.55));
  const noisy = aaControl('v2', timings(50, 12, 0.2, 0.1), timings(50, 12, 0.2, 0.55));
  const failed = aaControl('v2', timings(50, 12, 0.03, 0.1), timings(60, 12, 0.03, 0.55));

  it('takes the widest control as the floor and is not too noisy when every control passes', () => {
    const noise = runNoise('v2', [
      { key: 'small 10 schema', control: quiet },
      { key: 'xl 1000 schema', control: noisy },
    ]);
    expect(noise.floor).toBe(Math.max(quiet.noiseFloor!, noisy.noiseFloor!));
    expect(noise).toMatchObject({ controls: 2, passed: 2, failedCases: [], tooNoisy: false });
  });

  it('says the run was too noisy to judge when a control fails, naming the case', () => {
    const noise = runNoise('v2', [
      { key: 'small 10 schema', control: quiet },
      { key: 'growth 10000 proposed-indexes', control: failed },
    ]);
    expect(noise).toMatchObject({
      passed: 1,
      failedCases: ['growth 10000 proposed-indexes'],
      tooNoisy: true,
    });
  });

  it('has no floor without controls', () => {
    expect(runNoise(null, [])).toMatchObject({ floor: null, controls: 0, tooNoisy: false });
  });
});
