import { describe, expect, it } from 'vitest';
import { benchResultsFixture } from '../../results/bench-results.fixture.ts';
import { summaryTable } from './bench.ts';

describe('summaryTable', () => {
  const table = summaryTable(benchResultsFixture);
  const lines = table.trim().split('\n');

  it('has a column per collector and the headline ratio with its interval and verdict', () => {
    expect(lines[0]).toContain('v1-orm queries');
    expect(lines[0]).toContain('v2/v1-orm (95 % interval)');
    const largeSchema = lines.find((l) => l.startsWith('large') && l.includes(' schema '))!;
    expect(largeSchema).toMatch(/0\.452 \(0\.425-0\.480\) faster/);
  });

  it('shows each A/A control and says when the run was too noisy', () => {
    expect(lines.find((l) => l.includes('proposed-indexes') && l.startsWith('large'))).toMatch(/FAIL/);
    expect(lines.at(-1)).toMatch(
      /^noise floor \(widest A\/A interval\): 5\.7 %; TOO NOISY to judge: .*large 500 proposed-indexes/,
    );
  });
});
