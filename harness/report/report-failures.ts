import type { BenchResults } from '../results/bench-results.ts';
import { escapeInline } from './markdown-format.ts';
import { caseName, sharedContractError, unmeasuredReason } from './plan-predictions.ts';

/** A failure of the run, named for the verdict and detailed for the failures section. */
export interface Failure {
  name: string;
  detail: string;
}

/** Everything that went wrong: failed cases, differences, a bad index round trip, failed plans. Pure. */
export function failureList(results: BenchResults): Failure[] {
  const failures: Failure[] = [];
  for (const c of results.cases) {
    if (sharedContractError(c) !== null) continue;
    if (c.status === 'failed') failures.push({ name: `${caseName(c)} failed`, detail: unmeasuredReason(c) });
    else if (c.equivalent === false)
      failures.push({
        name: `${caseName(c)} not equivalent`,
        detail: c.outcomeDifference ?? `${c.differences?.count ?? 0} differing cells`,
      });
  }
  const m = results.indexMigration;
  if (m && !m.roundTripIdentical)
    failures.push({
      name: 'index migration round trip not identical',
      detail: m.differences.join('; ') || 'no difference recorded',
    });
  if (m && m.invalidIndexes.length > 0)
    failures.push({ name: 'invalid indexes left', detail: m.invalidIndexes.join(', ') });
  for (const p of results.plans) {
    if (p.error)
      failures.push({ name: `plan of ${p.fingerprintId} (${caseName(p)}) failed`, detail: p.error });
  }
  return failures;
}

export function failuresSection(results: BenchResults): string {
  const failures = failureList(results);
  const list =
    failures.length === 0
      ? 'none'
      : failures.map((f) => `- **${escapeInline(f.name)}**: ${escapeInline(f.detail)}`).join('\n');
  const warnings =
    results.warnings.length === 0
      ? ''
      : `\n\nWarnings:\n\n${results.warnings.map((w) => `- ${escapeInline(w)}`).join('\n')}`;
  return `## Failures\n\n${list}${warnings}`;
}
