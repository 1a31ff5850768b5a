import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../results/bench-results.ts';
import { validateBenchResults } from '../results/validate-results.ts';
import { renderReportDocuments, type ChartRef } from './report-markdown.ts';

/**
 * A realistic run: the default `npm run bench:compare` (six scenarios, 10 to 9,865 exported documents, both
 * index states, 144 plans), measured with v1 and v2 on PostgreSQL 15 on a 2-core machine, upgraded to the
 * current results version; its `v1-orm` records and timing statistics are filled in from the measured v2
 * ones (counts shaped like real Odoo 18's: 28 to 115 statements), because the run predates that collector.
 * The old report of this very run was 95 KB.
 */
const results = JSON.parse(
  gunzipSync(readFileSync(new URL('./fixtures/default-run.results.json.gz', import.meta.url))).toString(
    'utf8',
  ),
) as BenchResults;

const CHARTS: ChartRef[] = [
  'queries-vs-documents.png',
  'time-vs-documents.png',
  'time-split.png',
  'speedup.png',
  'latency-projection.png',
  'plan-time.png',
].map((file) => ({ file, title: file.replace('.png', '') }));

describe('report of a realistic default run', () => {
  const docs = Object.fromEntries(renderReportDocuments(results, CHARTS).map((d) => [d.file, d.text]));
  const report = docs['report.md']!;

  it('uses a valid results file', () => {
    expect(validateBenchResults(results).errors).toEqual([]);
  });

  it('keeps report.md within 25 KB', () => {
    expect(Buffer.byteLength(report, 'utf8')).toBeLessThanOrEqual(25 * 1024);
  });

  it('drops nothing measured: every N+1 row, fingerprint and plan is in an appendix', () => {
    const queries = docs['appendix-queries.md']!;
    const plans = docs['appendix-plans.md']!;
    for (const c of results.cases) {
      for (const record of Object.values(c.collectors)) {
        for (const f of record?.nPlusOne ?? []) expect(queries).toContain(`\`${f.fingerprintId}\``);
        for (const f of record?.fingerprints ?? []) expect(queries).toContain(`\`${f.id}\``);
      }
    }
    const planRows = plans.split('\n').filter((l) => l.includes('](plans/'));
    expect(planRows).toHaveLength(results.plans.length);
  });

  it('shows all three collectors and the verdict against production on the first screen', () => {
    const firstScreen = report.slice(0, report.indexOf('appendix-'));
    expect(firstScreen).toContain('**Against what production sends today (v1-orm), v2 sent');
    expect(firstScreen).toContain('| v1 queries | v1-orm queries | v2 queries |');
    expect(firstScreen).toContain('![queries-vs-documents](queries-vs-documents.png)');
    expect(firstScreen).toContain('1 sample: no interval');
  });
});
