import { compareText } from '../core/compare-text.ts';

/**
 * Pure summaries of a counting client's records: totals, per fingerprint, per label, and N+1 findings.
 * They take either the detailed log (`client.log`, one record per round trip) or the exact tally
 * (`client.tally()`, one record per fingerprint and label with a `count`), which stays exact when the log
 * was capped; both give the same numbers for the same run.
 */

/** The fields the summaries read; `QueryLogEntry` and `QueryTallyRow` of the counting client both fit. */
export interface QueryLogRecord {
  fingerprintId: string;
  fingerprint: string;
  labelKey: string;
  rowsReturned: number;
  durationMs: number;
  /** Round trips this record stands for; absent means 1 (a log entry). */
  count?: number;
  /** Failed round trips among them (tally rows). */
  errorCount?: number;
  /** Set on a log entry whose round trip failed. */
  error?: unknown;
}

/** Documents processed under each label key, for labels that do not see every document (e.g. one sheet). */
export type LabelDocuments = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface FingerprintSummary {
  fingerprintId: string;
  fingerprint: string;
  count: number;
  rows: number;
  durationMs: number;
  errorCount: number;
  /** Label keys that issued it, most frequent first. */
  labels: { label: string; count: number }[];
}

export interface LabelSummary {
  label: string;
  count: number;
  rows: number;
  durationMs: number;
  errorCount: number;
  /** How many distinct fingerprints this label issued. */
  fingerprints: number;
  /** Documents counted for this label (from `labelDocs`, else `documentCount`), when known. */
  documentCount?: number;
  /** `count / documentCount`, when the document count is known and not 0. */
  perDocument?: number;
}

export interface NPlusOneFinding {
  fingerprintId: string;
  fingerprint: string;
  label: string;
  count: number;
  /** The documents the rule compared against (the label's own count when `labelDocs` gives one). */
  documentCount: number;
  /** `count / documentCount`: 1 is "once per document", 3 is "three times per document". */
  perDocument: number;
}

export interface QueryLogSummary {
  total: number;
  totalDurationMs: number;
  errorCount: number;
  /** Most issued first; ties by fingerprint text, so the order is deterministic. */
  byFingerprint: FingerprintSummary[];
  /** Most queries first; ties by label key. */
  byLabel: LabelSummary[];
  /** Present when `documentCount` was given: `findNPlusOne` of the same records. */
  nPlusOne?: NPlusOneFinding[];
}

export interface SummarizeOptions {
  /** Documents the measured export processed; enables `perDocument` and `nPlusOne`. */
  documentCount?: number;
  /** Per-label document counts that override `documentCount` for those labels. */
  labelDocs?: LabelDocuments;
  /** Passed to `findNPlusOne`. */
  minShare?: number;
}

export interface FindNPlusOneOptions {
  labelDocs?: LabelDocuments;
  /**
   * Fewest documents for which the rule is applied. With one document every query is "once per
   * document", so the default is 2.
   */
  minDocuments?: number;
  /**
   * Share of the documents a group must reach, default 1 ("at least once per document"). A per-record loop
   * that only some documents reach (the relation of one form, read for about half of them) is still N+1;
   * 0.25 reports it, while a batched loader, issuing a statement once or a few times per label, stays below
   * it once the export has more than a handful of documents. A group needs at least 2 round trips either way.
   */
  minShare?: number;
}

/** Totals, per fingerprint and per label, and the N+1 findings when `documentCount` is given. */
export function summarize(
  records: readonly QueryLogRecord[],
  options: SummarizeOptions = {},
): QueryLogSummary {
  const { documentCount, labelDocs } = options;
  if (documentCount !== undefined) checkDocumentCount('documentCount', documentCount);
  let total = 0;
  let totalDurationMs = 0;
  let errorCount = 0;
  const fingerprints = new Map<string, FingerprintSummary & { labelCounts: Map<string, number> }>();
  const labels = new Map<string, LabelSummary & { fingerprintIds: Set<string> }>();

  for (const record of records) {
    const count = weightOf(record);
    const errors = errorsOf(record);
    total += count;
    totalDurationMs += record.durationMs;
    errorCount += errors;

    let byFp = fingerprints.get(record.fingerprintId);
    if (byFp === undefined) {
      byFp = {
        fingerprintId: record.fingerprintId,
        fingerprint: record.fingerprint,
        count: 0,
        rows: 0,
        durationMs: 0,
        errorCount: 0,
        labels: [],
        labelCounts: new Map(),
      };
      fingerprints.set(record.fingerprintId, byFp);
    }
    byFp.count += count;
    byFp.rows += record.rowsReturned;
    byFp.durationMs += record.durationMs;
    byFp.errorCount += errors;
    byFp.labelCounts.set(record.labelKey, (byFp.labelCounts.get(record.labelKey) ?? 0) + count);

    let byLabel = labels.get(record.labelKey);
    if (byLabel === undefined) {
      byLabel = {
        label: record.labelKey,
        count: 0,
        rows: 0,
        durationMs: 0,
        errorCount: 0,
        fingerprints: 0,
        fingerprintIds: new Set(),
      };
      labels.set(record.labelKey, byLabel);
    }
    byLabel.count += count;
    byLabel.rows += record.rowsReturned;
    byLabel.durationMs += record.durationMs;
    byLabel.errorCount += errors;
    byLabel.fingerprintIds.add(record.fingerprintId);
  }

  const byFingerprint = [...fingerprints.values()]
    .map(
      ({ labelCounts, ...summary }): FingerprintSummary => ({
        ...summary,
        labels: [...labelCounts]
          .map(([label, count]) => ({ label, count }))
          .sort((a, b) => b.count - a.count || compareText(a.label, b.label)),
      }),
    )
    .sort((a, b) => b.count - a.count || compareText(a.fingerprint, b.fingerprint));

  const byLabel = [...labels.values()]
    .map(({ fingerprintIds, ...summary }): LabelSummary => {
      const docs = documentsFor(summary.label, documentCount, labelDocs);
      return {
        ...summary,
        fingerprints: fingerprintIds.size,
        ...(docs === undefined ? {} : { documentCount: docs }),
        ...(docs === undefined || docs === 0 ? {} : { perDocument: summary.count / docs }),
      };
    })
    .sort((a, b) => b.count - a.count || compareText(a.label, b.label));

  return {
    total,
    totalDurationMs,
    errorCount,
    byFingerprint,
    byLabel,
    ...(documentCount === undefined
      ? {}
      : { nPlusOne: findNPlusOne(records, documentCount, { labelDocs, minShare: options.minShare }) }),
  };
}

/**
 * N+1 findings: a fingerprint issued under one label at least once per document.
 *
 * The rule, exactly: group the records by (label key, fingerprint); let `d` be the label's document count
 * (`labelDocs[label]` when given, else `documentCount`) and `c` the group's round trips. The group is a
 * finding when `d >= minDocuments` (default 2) and `c >= max(2, d × minShare)` (`minShare` default 1); a multiple of `d` (three relations read per
 * document through the same statement) is therefore a finding too, with `perDocument` 3.
 *
 * Why it holds: a batched loader issues a number of round trips per label that does not depend on `d`
 * (one statement, or one per chunk of many ids), so it stays below `d` once the export has more documents
 * than the loader has batches; a per-document loader reaches `d`. A fixed-cost statement repeated `k` times
 * under one label is reported when `d <= k`, so measure with clearly more documents than any label repeats
 * a statement (the scenarios use dozens), and confirm with the growth check of the gate.
 *
 * @returns findings, most round trips first (ties by label, then fingerprint).
 */
export function findNPlusOne(
  records: readonly QueryLogRecord[],
  documentCount: number,
  options: FindNPlusOneOptions = {},
): NPlusOneFinding[] {
  checkDocumentCount('documentCount', documentCount);
  const minDocuments = options.minDocuments ?? 2;
  const minShare = options.minShare ?? 1;
  if (!(minShare > 0 && minShare <= 1))
    throw new RangeError(`minShare must be in (0, 1]; received ${minShare}`);
  const groups = new Map<
    string,
    { fingerprintId: string; fingerprint: string; label: string; count: number }
  >();
  for (const record of records) {
    const key = `${record.labelKey}\u0000${record.fingerprintId}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        fingerprintId: record.fingerprintId,
        fingerprint: record.fingerprint,
        label: record.labelKey,
        count: 0,
      };
      groups.set(key, group);
    }
    group.count += weightOf(record);
  }
  const findings: NPlusOneFinding[] = [];
  for (const group of groups.values()) {
    const docs = documentsFor(group.label, documentCount, options.labelDocs) ?? documentCount;
    if (docs >= minDocuments && docs > 0 && group.count >= Math.max(2, docs * minShare)) {
      findings.push({ ...group, documentCount: docs, perDocument: group.count / docs });
    }
  }
  return findings.sort(
    (a, b) => b.count - a.count || compareText(a.label, b.label) || compareText(a.fingerprint, b.fingerprint),
  );
}

function weightOf(record: QueryLogRecord): number {
  return record.count ?? 1;
}

function errorsOf(record: QueryLogRecord): number {
  if (record.errorCount !== undefined) return record.errorCount;
  return record.error === undefined ? 0 : 1;
}

function documentsFor(
  label: string,
  documentCount: number | undefined,
  labelDocs: LabelDocuments | undefined,
): number | undefined {
  if (labelDocs !== undefined) {
    const own = isMap(labelDocs)
      ? labelDocs.get(label)
      : Object.hasOwn(labelDocs, label)
        ? labelDocs[label]
        : undefined;
    if (own !== undefined) {
      checkDocumentCount(`labelDocs["${label}"]`, own);
      return own;
    }
  }
  return documentCount;
}

function isMap(labelDocs: LabelDocuments): labelDocs is ReadonlyMap<string, number> {
  return labelDocs instanceof Map;
}

function checkDocumentCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of documents >= 0, got ${String(value)}`);
  }
}

// Code-point order, not locale order, so that reports are identical on every machine.
