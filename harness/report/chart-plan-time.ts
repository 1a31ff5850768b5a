import type { ChartConfiguration } from 'chart.js';
import type { BenchResults, IndexState, PlanRecord } from '../results/bench-results.ts';
import { baseOptions, STATE_COLORS, type ChartPlan } from './chart-options.ts';
import { formatVerdict } from './number-format.ts';
import { headlinePair, collectorOfRole } from './report-collectors.ts';

/** The run's verdict on the indexes' effect on one fingerprint's execution time. */
export function planIndexVerdict(results: BenchResults, p: PlanRecord): string {
  const found = results.planIndexComparisons.find(
    (x) =>
      x.scenario === p.scenario &&
      x.targetDocuments === p.targetDocuments &&
      x.collector === p.collector &&
      x.fingerprintId === p.fingerprintId,
  );
  if (!found) return 'index effect not measured';
  const verdict = formatVerdict(found);
  return verdict === 'faster' || verdict === 'slower' ? `${verdict} with the indexes` : verdict;
}

/**
 * EXPLAIN ANALYZE execution time of each of the candidate's statements in the largest planned case, with and
 * without the proposed indexes: a bar from the fastest to the slowest run and a marker at the median. Each
 * label carries the verdict on the index effect, so a difference inside the noise is not read as one.
 */
export function planTimeChart(results: BenchResults): ChartPlan {
  const file = 'plan-time.png';
  const candidate = headlinePair(results)?.candidate.id ?? collectorOfRole(results, 'candidate')?.id ?? 'v2';
  const baseTitle = `EXPLAIN ANALYZE execution time per ${candidate} query, with and without the proposed indexes`;
  const planned = results.plans.filter((p) => p.collector === candidate && p.error === undefined);
  if (planned.length === 0)
    return { file, title: baseTitle, config: null, skipped: `no ${candidate} plan was captured` };
  const largest = planned.reduce((a, b) => (b.targetDocuments > a.targetDocuments ? b : a));
  const plans = planned.filter(
    (p) => p.scenario === largest.scenario && p.targetDocuments === largest.targetDocuments,
  );
  const ids = [...new Set(plans.map((p) => p.fingerprintId))];
  const title = `EXPLAIN ANALYZE execution time per ${candidate} query, ${largest.scenario}/${largest.targetDocuments}`;
  const labels = ids.map((id) => {
    const p = plans.find((x) => x.fingerprintId === id)!;
    return `${shortVerdict(planIndexVerdict(results, p))}  ${id}  ${planLabel(p.fingerprint, 30)}`;
  });
  const datasets: ChartConfiguration<'bar'>['data']['datasets'] = [];
  for (const state of ['schema', 'proposed-indexes'] as const satisfies readonly IndexState[]) {
    const found = ids.map((id) => plans.find((p) => p.fingerprintId === id && p.indexState === state));
    if (found.every((p) => p === undefined)) continue;
    const name = state === 'schema' ? 'schema only' : 'with the proposed indexes';
    datasets.push({
      label: `${name}: fastest to slowest run`,
      data: found.map((p) =>
        p
          ? ([p.executionMinMs ?? p.executionMs, p.executionMaxMs ?? p.executionMs] as [number, number])
          : null,
      ),
      backgroundColor: `${STATE_COLORS[state]}88`,
      borderColor: STATE_COLORS[state],
      borderWidth: 1,
      // Bars centred on their category, where the median markers are drawn; ranges overlap, translucent.
      grouped: false,
      minBarLength: 2,
    });
    datasets.push({
      type: 'line' as const,
      label: `${name}: median`,
      data: found.map((p) => (p ? p.executionMs : null)) as unknown as number[],
      borderColor: '#111111',
      backgroundColor: STATE_COLORS[state],
      showLine: false,
      pointStyle: 'rectRot',
      pointRadius: 7,
    } as unknown as ChartConfiguration<'bar'>['data']['datasets'][number]);
  }
  const options = baseOptions(title, 'execution time, ms', '', 'linear', 'linear');
  return {
    file,
    title,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        ...options,
        indexAxis: 'y',
        scales: {
          x: {
            type: 'linear',
            beginAtZero: true,
            title: { display: true, text: 'execution time, ms (bar: range of the runs; marker: median)' },
          },
          y: { type: 'category', ticks: { font: { size: 12 } } },
        },
      },
    },
  };
}

/**
 * A short bar label for a statement: the tables it reads, since batched statements share their opening
 * words (`SELECT c.document_id AS "documentId", ...`) and differ in the table.
 */
export function planLabel(fingerprint: string, max = 42): string {
  const tables = [...fingerprint.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][\w.]*)/gi)].map((m) => m[1]!);
  const unique = [...new Set(tables)];
  if (unique.length === 0)
    return fingerprint.length > max - 2 ? `${fingerprint.slice(0, max - 3)}…` : fingerprint;
  const text = `reads ${unique.join(', ')}`;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The verdict in a few words, first on the label so that a cut label keeps it. */
function shortVerdict(verdict: string): string {
  if (verdict.startsWith('faster')) return '[faster with indexes]';
  if (verdict.startsWith('slower')) return '[slower with indexes]';
  if (verdict === 'no detectable difference') return '[no difference]';
  return '[not judged]';
}
