import type { BenchResults, CaseResult } from '../results/bench-results.ts';
import { measurePair, type PairMeasures } from './pair-measures.ts';

/** Cases in which both collectors exported, with their measures. */
export function measuredPairs(
  results: BenchResults,
  baseline: string,
  candidate: string,
): { c: CaseResult; m: PairMeasures }[] {
  return results.cases.flatMap((c) => {
    const m = measurePair(c, baseline, candidate);
    return m ? [{ c, m }] : [];
  });
}

/** Cases grouped by scenario and size (the index states of one database). */
export function scenarioSizeGroups(cases: readonly CaseResult[]): CaseResult[][] {
  const groups = new Map<string, CaseResult[]>();
  for (const c of cases) {
    const key = `${c.scenario}\u0000${c.targetDocuments}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/** The first item of each key, in order. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Pairs of the same scenario and size in the two index states, both ok. */
export function indexPairs(cases: readonly CaseResult[]): { schema: CaseResult; indexed: CaseResult }[] {
  const pairs: { schema: CaseResult; indexed: CaseResult }[] = [];
  for (const schema of cases) {
    if (schema.indexState !== 'schema' || schema.status !== 'ok') continue;
    const indexed = cases.find(
      (c) =>
        c.indexState === 'proposed-indexes' &&
        c.status === 'ok' &&
        c.scenario === schema.scenario &&
        c.targetDocuments === schema.targetDocuments,
    );
    if (indexed) pairs.push({ schema, indexed });
  }
  return pairs;
}
