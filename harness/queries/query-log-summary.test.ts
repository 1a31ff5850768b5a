import { describe, expect, it } from 'vitest';
import { findNPlusOne, summarize, type QueryLogRecord } from './query-log-summary.ts';

/** A hand-made log entry: fingerprint `fp`, label `label`. */
function logRecord(
  fp: string,
  label: string,
  rowsReturned = 1,
  durationMs = 1,
  failed = false,
): QueryLogRecord {
  return {
    fingerprintId: `id_${fp}`,
    fingerprint: fp,
    labelKey: label,
    rowsReturned,
    durationMs,
    ...(failed ? { error: { message: 'boom' } } : {}),
  };
}

function repeat(times: number, make: () => QueryLogRecord): QueryLogRecord[] {
  return Array.from({ length: times }, make);
}

const DOCS = 'SELECT * FROM document_extraction WHERE ?';
const PARTNER = 'SELECT id, name FROM res_partner WHERE id = ?';
const USAGE = 'SELECT * FROM substance_usage WHERE document_id = ?';
const USAGE_BATCH = 'SELECT * FROM substance_usage WHERE document_id = ANY(?::int[]...)';

// v1 over 4 documents: one search, the partner once per document, two child reads per document on sheet 2;
// v2: one query per relation.
const v1Log: QueryLogRecord[] = [
  logRecord(DOCS, 'v1/documents', 4, 2),
  ...repeat(4, () => logRecord(PARTNER, 'v1/documents', 1, 0.5)),
  ...repeat(8, () => logRecord(USAGE, 'v1/sheet/2_DL_ThietBi_SoHuu', 3, 0.25)),
];
const v2Log: QueryLogRecord[] = [
  logRecord(DOCS, 'v2/documents', 4, 2),
  logRecord(PARTNER.replace('= ?', 'IN (?...)'), 'v2/documents', 4, 1),
  logRecord(USAGE_BATCH, 'v2/sheet/2_DL_ThietBi_SoHuu', 24, 1),
];

describe('summarize', () => {
  it('totals the log', () => {
    const summary = summarize(v1Log);
    expect(summary.total).toBe(13);
    expect(summary.totalDurationMs).toBe(6);
    expect(summary.errorCount).toBe(0);
    expect(summary.nPlusOne).toBeUndefined();
  });

  it('groups by fingerprint, most issued first, with the labels that issued it', () => {
    const log = [...v1Log, logRecord(PARTNER, 'v1/sheet/1_Hoso_DoanhNhiep', 1, 0.5)];
    expect(summarize(log).byFingerprint).toEqual([
      {
        fingerprintId: `id_${USAGE}`,
        fingerprint: USAGE,
        count: 8,
        rows: 24,
        durationMs: 2,
        errorCount: 0,
        labels: [{ label: 'v1/sheet/2_DL_ThietBi_SoHuu', count: 8 }],
      },
      {
        fingerprintId: `id_${PARTNER}`,
        fingerprint: PARTNER,
        count: 5,
        rows: 5,
        durationMs: 2.5,
        errorCount: 0,
        labels: [
          { label: 'v1/documents', count: 4 },
          { label: 'v1/sheet/1_Hoso_DoanhNhiep', count: 1 },
        ],
      },
      {
        fingerprintId: `id_${DOCS}`,
        fingerprint: DOCS,
        count: 1,
        rows: 4,
        durationMs: 2,
        errorCount: 0,
        labels: [{ label: 'v1/documents', count: 1 }],
      },
    ]);
  });

  it('groups by label, with per-document counts when the document count is known', () => {
    expect(summarize(v1Log, { documentCount: 4 }).byLabel).toEqual([
      {
        label: 'v1/sheet/2_DL_ThietBi_SoHuu',
        count: 8,
        rows: 24,
        durationMs: 2,
        errorCount: 0,
        fingerprints: 1,
        documentCount: 4,
        perDocument: 2,
      },
      {
        label: 'v1/documents',
        count: 5,
        rows: 8,
        durationMs: 4,
        errorCount: 0,
        fingerprints: 2,
        documentCount: 4,
        perDocument: 1.25,
      },
    ]);
  });

  it('uses per-label document counts over the overall one', () => {
    const byLabel = summarize(v1Log, {
      documentCount: 4,
      labelDocs: { 'v1/sheet/2_DL_ThietBi_SoHuu': 2 },
    }).byLabel;
    expect(byLabel.map((l) => [l.label, l.documentCount, l.perDocument])).toEqual([
      ['v1/sheet/2_DL_ThietBi_SoHuu', 2, 4],
      ['v1/documents', 4, 1.25],
    ]);
  });

  it('counts errors', () => {
    const summary = summarize([logRecord(DOCS, 'v1', 0, 1, true), logRecord(DOCS, 'v1')]);
    expect(summary.errorCount).toBe(1);
    expect(summary.byFingerprint[0]?.errorCount).toBe(1);
    expect(summary.byLabel[0]?.errorCount).toBe(1);
  });

  it('orders ties deterministically, by code point', () => {
    const summary = summarize([logRecord('b', 'y'), logRecord('a', 'z'), logRecord('B', 'x')]);
    expect(summary.byFingerprint.map((f) => f.fingerprint)).toEqual(['B', 'a', 'b']);
    expect(summary.byLabel.map((l) => l.label)).toEqual(['x', 'y', 'z']);
  });

  it('gives the same numbers from tally rows as from the log they stand for', () => {
    const tally: QueryLogRecord[] = [
      { ...logRecord(DOCS, 'v1/documents', 4, 2), count: 1, errorCount: 0 },
      { ...logRecord(PARTNER, 'v1/documents', 4, 2), count: 4, errorCount: 0 },
      { ...logRecord(USAGE, 'v1/sheet/2_DL_ThietBi_SoHuu', 24, 2), count: 8, errorCount: 0 },
    ];
    expect(summarize(tally, { documentCount: 4 })).toEqual(summarize(v1Log, { documentCount: 4 }));
  });

  it('includes the N+1 findings when the document count is given', () => {
    expect(summarize(v1Log, { documentCount: 4 }).nPlusOne).toEqual(findNPlusOne(v1Log, 4));
  });

  it('summarises an empty log', () => {
    expect(summarize([], { documentCount: 0 })).toEqual({
      total: 0,
      totalDurationMs: 0,
      errorCount: 0,
      byFingerprint: [],
      byLabel: [],
      nPlusOne: [],
    });
  });
});

describe('findNPlusOne', () => {
  it('finds a fingerprint issued once per document, and a multiple of it, with the label', () => {
    expect(findNPlusOne(v1Log, 4)).toEqual([
      {
        fingerprintId: `id_${USAGE}`,
        fingerprint: USAGE,
        label: 'v1/sheet/2_DL_ThietBi_SoHuu',
        count: 8,
        documentCount: 4,
        perDocument: 2,
      },
      {
        fingerprintId: `id_${PARTNER}`,
        fingerprint: PARTNER,
        label: 'v1/documents',
        count: 4,
        documentCount: 4,
        perDocument: 1,
      },
    ]);
  });

  it('finds nothing in batched loading', () => {
    expect(findNPlusOne(v2Log, 4)).toEqual([]);
  });

  it('reports a fingerprint under each label that repeats it, not summed across labels', () => {
    const log = [
      ...repeat(3, () => logRecord(PARTNER, 'v1/a')),
      ...repeat(3, () => logRecord(PARTNER, 'v1/b')),
    ];
    expect(findNPlusOne(log, 4)).toEqual([]);
    expect(findNPlusOne(log, 3).map((f) => [f.label, f.count])).toEqual([
      ['v1/a', 3],
      ['v1/b', 3],
    ]);
  });

  it('reports nothing below the minimum number of documents', () => {
    expect(findNPlusOne(v1Log, 1)).toEqual([]);
    expect(findNPlusOne(v1Log, 0)).toEqual([]);
    expect(findNPlusOne(v1Log, 4, { minDocuments: 5 })).toEqual([]);
  });

  it('uses a label own document count', () => {
    // Sheet 2 reads only Form 01 documents: 8 queries for 8 such documents out of 20 is still N+1.
    const findings = findNPlusOne(v1Log, 20, { labelDocs: new Map([['v1/sheet/2_DL_ThietBi_SoHuu', 8]]) });
    expect(findings.map((f) => [f.label, f.count, f.documentCount, f.perDocument])).toEqual([
      ['v1/sheet/2_DL_ThietBi_SoHuu', 8, 8, 1],
    ]);
  });

  it('ignores inherited object keys in labelDocs', () => {
    const log = repeat(3, () => logRecord(PARTNER, 'constructor'));
    expect(findNPlusOne(log, 3, { labelDocs: {} }).map((f) => f.documentCount)).toEqual([3]);
  });

  it('weights tally rows by their count', () => {
    const tally: QueryLogRecord[] = [{ ...logRecord(PARTNER, 'v1/documents'), count: 500 }];
    expect(findNPlusOne(tally, 500).map((f) => f.perDocument)).toEqual([1]);
    expect(findNPlusOne(tally, 501)).toEqual([]);
  });

  it('rejects a document count that is not a whole number >= 0', () => {
    expect(() => findNPlusOne(v1Log, -1)).toThrow(
      /documentCount must be a whole number of documents >= 0, got -1/,
    );
    expect(() => findNPlusOne(v1Log, 2.5)).toThrow(RangeError);
    expect(() => findNPlusOne(v1Log, 4, { labelDocs: { 'v1/documents': Number.NaN } })).toThrow(
      /labelDocs\["v1\/documents"\]/,
    );
  });
});
