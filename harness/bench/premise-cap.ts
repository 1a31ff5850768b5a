import type { CaseResult, CollectorInfo, NotRunProjection, NotRunRecord } from '../results/bench-results.ts';

/**
 * `--premise-max` by default: the premise runs in every default case (the largest, growth, exports 10 000
 * documents) and is left out above.
 */
export const DEFAULT_PREMISE_MAX_DOCUMENTS = 10_000;

/**
 * Which registered collectors a case of `documents` exported documents runs. Pure.
 *
 * The premise (v1, one record per round trip) is left out above `maxDocuments`: its round trips grow with
 * every record it reads (about seven per exported document), so a 100 000-document case would spend most of
 * its time, and its counted export's log most of its memory, on a model that production does not run. The
 * other collectors always run. Equivalence is then checked among the collectors that ran: the first of them
 * (production) becomes the reference, which the smaller cases of the same run compared cell by cell with the
 * premise.
 */
export function collectorsForCase<C extends CollectorInfo>(
  collectors: readonly C[],
  documents: number,
  maxDocuments: number,
): { run: C[]; notRun: NotRunRecord[] } {
  const leftOut = (c: C) => c.role === 'premise' && documents > maxDocuments;
  return {
    run: collectors.filter((c) => !leftOut(c)),
    notRun: collectors.filter(leftOut).map((c) => ({
      collector: c.id,
      reason:
        `${c.id} runs only in cases of at most ${maxDocuments} exported documents (--premise-max); ` +
        `this one asks for ${documents}`,
      projection: null,
    })),
  };
}

/**
 * The cases with every not-run collector's projection filled in. Pure. The basis is the case of the same
 * scenario and index state where that collector exported the most documents; its round trips and median time
 * are scaled by exported documents. Linear, because the premise reads one record per round trip and the records
 * per document do not depend on the size; it is labelled as a projection wherever it is shown.
 */
export function projectNotRun(cases: readonly CaseResult[]): CaseResult[] {
  return cases.map((c) => {
    if (c.notRun === undefined || c.notRun.length === 0) return c;
    return { ...c, notRun: c.notRun.map((n) => ({ ...n, projection: projection(cases, c, n) })) };
  });
}

function projection(
  cases: readonly CaseResult[],
  target: CaseResult,
  notRun: NotRunRecord,
): NotRunProjection | null {
  const exported = Object.values(target.collectors).find((r) => r?.outcome === 'exported');
  if (exported === undefined) return null;
  let basis: { c: CaseResult; exportedDocuments: number; queryCount: number; ms: number } | null = null;
  for (const c of cases) {
    if (c.scenario !== target.scenario || c.indexState !== target.indexState) continue;
    const r = c.collectors[notRun.collector];
    if (r?.outcome !== 'exported' || r.exportedDocuments === 0 || r.timing === null) continue;
    if (basis === null || r.exportedDocuments > basis.exportedDocuments) {
      basis = { c, exportedDocuments: r.exportedDocuments, queryCount: r.queryCount, ms: r.timing.p50Ms };
    }
  }
  if (basis === null) return null;
  const scale = exported.exportedDocuments / basis.exportedDocuments;
  return {
    basisTargetDocuments: basis.c.targetDocuments,
    basisExportedDocuments: basis.exportedDocuments,
    exportedDocuments: exported.exportedDocuments,
    queryCount: Math.round(basis.queryCount * scale),
    ms: basis.ms * scale,
  };
}
