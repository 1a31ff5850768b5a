import { throwIfInterrupted } from '../database/cleanup-registry.ts';
import type pg from 'pg';
import { GATE_MATRIX, gateCases, type GateCase, type GateMatrix } from '../../scenarios/gate-matrix.ts';
import { NoDocumentsError, type Collector } from '../../src/collector.ts';
import { parseExportFilters } from '../../src/export-filters.ts';
import { HsCodeFilterError } from '../../src/substance-filter.ts';
import { COLLECTORS } from '../compare/collectors.ts';
import { CountingClient } from '../queries/counting-client.ts';
import { compareSheetRows, formatEquivalence } from '../compare/equivalence.ts';
import type { CaseBudget, GateBudgets } from './gate-budgets.ts';
import { formatCheckLine } from './gate-report.ts';
import type {
  CollectorMeasurement,
  CaseMeasurement,
  FingerprintGrowth,
  GateCheck,
  GateReport,
} from './gate-results.ts';
import { summarize } from '../queries/query-log-summary.ts';
import { runExport, type ExportRun } from '../compare/run-export.ts';
import { withSeededDatabase } from '../schema/seeded-database.ts';

/**
 * The CI regression gate. Query counts are deterministic, so every check is exact:
 * - **equivalence**, per case: v1 and v2 give identical sheets (or fail with the same contract error);
 * - **v2-budget**, per case: v2's round trips do not exceed the budget file's count;
 * - **v2-constant**, per filter case: v2's round trips are the same at every seeded size; when they grow, the
 *   fingerprints that grew are named with the queries they add per exported document;
 * - **record**, per case: v1's round trips and the exported documents are as recorded. A change is a `note`,
 *   not a failure: v1 is the reference implementation, and the exported documents follow from the seed data.
 *
 * The check functions are pure (measurements in, checks out); `runGate` is the only part that touches a
 * database.
 */

/** The two collectors the gate compares; tests inject wrong variants of v2. */
export interface GateCollectors {
  v1: Collector;
  v2: Collector;
}

export interface RunGateOptions {
  /** Admin URL of the server for the throwaway databases. */
  serverUrl: string;
  /** The budgets to check; `null` to measure only (`--update-budgets`). */
  budgets: GateBudgets | null;
  matrix?: GateMatrix;
  collectors?: GateCollectors;
  /** Receives one line per check as it is made (and an indented line per detail). */
  onLine?: (line: string) => void;
  /** Receives progress messages (seeding). */
  onProgress?: (message: string) => void;
}

/** Differences kept per case. */
const MAX_DIFFERENCES = 5;

/**
 * Runs the matrix: one throwaway database per seeded size (dropped afterwards), every filter case on it with
 * v1 then v2, then the checks. Throws only when the harness cannot run (database unreachable or lost).
 */
export async function runGate(options: RunGateOptions): Promise<GateReport> {
  const started = performance.now();
  const matrix = options.matrix ?? GATE_MATRIX;
  const collectors = options.collectors ?? COLLECTORS;
  const cases = gateCases(matrix);
  const measurements: CaseMeasurement[] = [];
  const checks: GateCheck[] = [];
  const emit = (check: GateCheck) => {
    checks.push(check);
    for (const line of formatCheckLine(check)) options.onLine?.(line);
  };
  let serverVersion = '';

  for (const size of matrix.seededSizes) {
    options.onProgress?.(`seeding ${size} documents (seed ${matrix.seed})`);
    await withSeededDatabase(
      options.serverUrl,
      { label: 'gate', documents: size, seed: matrix.seed },
      async ({ client }) => {
        if (serverVersion === '') serverVersion = await readServerVersion(client);
        for (const gateCase of cases.filter((c) => c.seededDocuments === size)) {
          throwIfInterrupted(); // no case starts after Ctrl-C
          const measurement = await measureCase(client, gateCase, collectors);
          measurements.push(measurement);
          emit(checkEquivalence(measurement));
          if (options.budgets !== null) {
            for (const check of checkBudget(measurement, options.budgets.cases[measurement.caseId]))
              emit(check);
          }
        }
      },
    );
  }
  for (const filterCase of matrix.filterCases) {
    emit(
      checkGrowth(
        filterCase.name,
        measurements.filter((m) => m.filterCase === filterCase.name),
      ),
    );
  }
  return {
    version: 1,
    verdict: checks.some((c) => c.status === 'fail') ? 'fail' : 'pass',
    seed: matrix.seed,
    seededSizes: [...matrix.seededSizes],
    budgetsChecked: options.budgets !== null,
    serverVersion,
    cases: measurements,
    checks,
    durationMs: performance.now() - started,
  };
}

async function readServerVersion(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return rows[0]?.v ?? '';
}

/** Runs v1 then v2 on one case and compares them. */
export async function measureCase(
  client: pg.ClientBase,
  gateCase: GateCase,
  collectors: GateCollectors,
): Promise<CaseMeasurement> {
  const filters = parseExportFilters(gateCase.filters);
  const v1 = await measureCollector(client, 'v1', collectors.v1, filters);
  const v2 = await measureCollector(client, 'v2', collectors.v2, filters);
  const exportedDocuments = v1.measurement.exportedDocuments ?? v2.measurement.exportedDocuments ?? 0;
  const base = {
    caseId: gateCase.id,
    filterCase: gateCase.filterCase,
    seededDocuments: gateCase.seededDocuments,
    exportedDocuments,
    v1: v1.measurement,
    v2: v2.measurement,
  };
  if (v1.run !== null && v2.run !== null) {
    const rows = compareSheetRows(v1.run.rows, v2.run.rows, { maxDifferences: MAX_DIFFERENCES });
    return {
      ...base,
      equivalent: rows.equivalent,
      differenceCount: rows.differenceCount,
      differences: rows.differences,
      equivalenceText: formatEquivalence(rows, { expected: 'v1', actual: 'v2' }).split('\n'),
    };
  }
  const same =
    v1.measurement.outcome === 'failed' &&
    v2.measurement.outcome === 'failed' &&
    v1.measurement.error === v2.measurement.error;
  return {
    ...base,
    equivalent: same,
    differenceCount: same ? 0 : 1,
    differences: [],
    equivalenceText: [
      same
        ? `equivalent: both fail with the same contract error (${v1.measurement.error})`
        : `NOT equivalent: v1 ${describeOutcome(v1.measurement)}, v2 ${describeOutcome(v2.measurement)}`,
    ],
  };
}

function describeOutcome(m: CollectorMeasurement): string {
  if (m.outcome === 'exported') return `exported ${m.exportedDocuments} documents`;
  if (m.outcome === 'failed') return `failed with the contract error ${m.error}`;
  return `threw: ${m.error}`;
}

async function measureCollector(
  client: pg.ClientBase,
  name: string,
  collector: Collector,
  filters: ReturnType<typeof parseExportFilters>,
): Promise<{ measurement: CollectorMeasurement; run: ExportRun | null }> {
  const counting = new CountingClient(client, { keepParams: false });
  const started = performance.now();
  const fingerprints = () =>
    summarize(counting.tally()).byFingerprint.map((f) => ({
      fingerprintId: f.fingerprintId,
      fingerprint: f.fingerprint,
      count: f.count,
    }));
  try {
    const run = await runExport(counting, name, collector, filters);
    return {
      run,
      measurement: {
        outcome: 'exported',
        queryCount: run.queryCount,
        exportedDocuments: run.documentCount,
        fingerprints: fingerprints(),
        durationMs: run.durationMs,
      },
    };
  } catch (error) {
    if (isConnectionLoss(error)) throw error;
    const contract = error instanceof NoDocumentsError || error instanceof HsCodeFilterError;
    return {
      run: null,
      measurement: {
        outcome: contract ? 'failed' : 'error',
        error: contract ? error.name : error instanceof Error ? error.message : String(error),
        queryCount: counting.count,
        exportedDocuments: null,
        fingerprints: fingerprints(),
        durationMs: performance.now() - started,
      },
    };
  }
}

/**
 * Errors that mean the database went away (the harness cannot go on), as opposed to a collector's own bug
 * (bad SQL, a thrown exception), which is a failed check of that collector.
 */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)
  ) {
    return true;
  }
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection error|Client was closed|not queryable/i.test(message);
}

// ---------------------------------------------------------------------------------------------------------
// Pure checks

/** v1 and v2 identical on one case, with the first differences when not. */
export function checkEquivalence(m: CaseMeasurement): GateCheck {
  if (m.equivalent) {
    return {
      name: 'equivalence',
      subject: m.caseId,
      status: 'pass',
      message: `v1 and v2 ${m.equivalenceText[0] ?? 'equivalent'} (${m.exportedDocuments} exported documents)`,
      details: [],
    };
  }
  return {
    name: 'equivalence',
    subject: m.caseId,
    status: 'fail',
    message: `v1 and v2 differ: ${m.equivalenceText[0] ?? 'NOT equivalent'}`,
    details: m.equivalenceText.slice(1),
  };
}

/**
 * v2 against its budget (more queries fail; fewer is a note asking to tighten the budget), and v1's count and
 * the exported documents against the record (a change is a note). No budget: nothing to check.
 */
export function checkBudget(m: CaseMeasurement, budget: CaseBudget | undefined): GateCheck[] {
  if (budget === undefined) return [];
  const checks: GateCheck[] = [];
  const v2 = m.v2.queryCount;
  const delta = v2 - budget.v2;
  if (m.v2.outcome === 'error') {
    checks.push({
      name: 'v2-budget',
      subject: m.caseId,
      status: 'fail',
      message: `v2 threw after ${v2} queries (budget ${budget.v2}): ${m.v2.error}`,
      details: [],
    });
  } else if (delta > 0) {
    checks.push({
      name: 'v2-budget',
      subject: m.caseId,
      status: 'fail',
      message: `v2 issued ${v2} queries, budget ${budget.v2} (+${delta})`,
      details: m.v2.fingerprints
        .slice(0, 5)
        .map((f) => `${String(f.count).padStart(6)} x ${f.fingerprintId} ${shorten(f.fingerprint)}`),
    });
  } else if (delta < 0) {
    checks.push({
      name: 'v2-budget',
      subject: m.caseId,
      status: 'note',
      message: `v2 issued ${v2} queries, ${-delta} fewer than its budget ${budget.v2}: tighten it with --update-budgets`,
      details: [],
    });
  } else {
    checks.push({
      name: 'v2-budget',
      subject: m.caseId,
      status: 'pass',
      message: `v2 issued ${v2} queries, budget ${budget.v2}`,
      details: [],
    });
  }
  const changes: string[] = [];
  if (m.v1.queryCount !== budget.v1)
    changes.push(`v1 issued ${m.v1.queryCount} queries, recorded ${budget.v1}`);
  if (m.exportedDocuments !== budget.exportedDocuments) {
    changes.push(`${m.exportedDocuments} documents exported, recorded ${budget.exportedDocuments}`);
  }
  checks.push(
    changes.length === 0
      ? {
          name: 'record',
          subject: m.caseId,
          status: 'pass',
          message: `v1 issued ${m.v1.queryCount} queries on ${m.exportedDocuments} exported documents, as recorded`,
          details: [],
        }
      : {
          name: 'record',
          subject: m.caseId,
          status: 'note',
          message: `changed record (not a v2 regression): ${changes.join('; ')}; record it with --update-budgets`,
          details: [],
        },
  );
  return checks;
}

/**
 * v2's round trips the same at every size of one filter case. When they are not, each fingerprint whose count
 * differs is reported with the queries it adds per exported document between the smallest and the largest
 * size: a per-document loop shows as about 1.00 (or a multiple).
 *
 * @param measurements the filter case's measurements, any order (sorted here by seeded size).
 */
export function checkGrowth(filterCase: string, measurements: readonly CaseMeasurement[]): GateCheck {
  const sorted = [...measurements].sort((a, b) => a.seededDocuments - b.seededDocuments);
  const counts = sorted.map((m) => m.v2.queryCount);
  const docs = sorted.map((m) => m.exportedDocuments);
  const at = `${counts.join(', ')} queries at ${docs.join(', ')} exported documents`;
  const base = { name: 'v2-constant' as const, subject: filterCase };
  if (sorted.length < 2) {
    return {
      ...base,
      status: 'fail',
      message: `needs at least two sizes; measured ${sorted.length}`,
      details: [],
    };
  }
  const broken = sorted.filter((m) => m.v2.outcome === 'error');
  if (broken.length > 0) {
    return {
      ...base,
      status: 'fail',
      message: `cannot tell whether v2 grows: it threw at ${broken.map((m) => m.caseId).join(', ')}`,
      details: [],
    };
  }
  if (counts.every((c) => c === counts[0])) {
    return { ...base, status: 'pass', message: `v2 constant: ${at}`, details: [] };
  }
  const growth = fingerprintGrowth(sorted);
  const worst = growth[0];
  const headline =
    worst === undefined
      ? ''
      : `; fingerprint ${worst.fingerprintId} ${describeGrowth(worst)}: ${shorten(worst.fingerprint)}`;
  return {
    ...base,
    status: 'fail',
    message: `v2 grows with the documents: ${at}${headline}`,
    details: growth.map((g) => `${g.fingerprintId} ${describeGrowth(g)}: ${shorten(g.fingerprint, 160)}`),
    growth,
  };
}

/** E.g. `grew 9 -> 76 queries over 7 -> 67 exported documents: 1.12 added queries per document`. */
export function describeGrowth(g: FingerprintGrowth): string {
  const perDocument =
    g.addedPerDocument === null
      ? 'the exported documents did not change, so no rate per document'
      : `${g.addedPerDocument.toFixed(2)} added queries per document`;
  const verb = g.countLarge >= g.countSmall ? 'grew' : 'shrank';
  return `${verb} ${g.countSmall} -> ${g.countLarge} queries over ${g.documentsSmall} -> ${g.documentsLarge} exported documents: ${perDocument}`;
}

/**
 * Fingerprints whose v2 count is not the same at every size, most added per document first. Counts compare
 * the smallest and the largest size (a fingerprint missing at a size counts 0 there).
 */
export function fingerprintGrowth(sortedBySize: readonly CaseMeasurement[]): FingerprintGrowth[] {
  const small = sortedBySize[0];
  const large = sortedBySize[sortedBySize.length - 1];
  if (small === undefined || large === undefined) return [];
  const texts = new Map<string, string>();
  const perSize = sortedBySize.map((m) => {
    const byId = new Map<string, number>();
    for (const f of m.v2.fingerprints) {
      byId.set(f.fingerprintId, f.count);
      texts.set(f.fingerprintId, f.fingerprint);
    }
    return byId;
  });
  const growth: FingerprintGrowth[] = [];
  for (const [id, fingerprint] of texts) {
    const values = perSize.map((byId) => byId.get(id) ?? 0);
    if (values.every((v) => v === values[0])) continue;
    const countSmall = values[0]!;
    const countLarge = values[values.length - 1]!;
    const documentsDelta = large.exportedDocuments - small.exportedDocuments;
    growth.push({
      fingerprintId: id,
      fingerprint,
      countSmall,
      countLarge,
      documentsSmall: small.exportedDocuments,
      documentsLarge: large.exportedDocuments,
      addedPerDocument: documentsDelta === 0 ? null : (countLarge - countSmall) / documentsDelta,
    });
  }
  return growth.sort(
    (a, b) =>
      (b.addedPerDocument ?? 0) - (a.addedPerDocument ?? 0) ||
      b.countLarge - b.countSmall - (a.countLarge - a.countSmall) ||
      (a.fingerprintId < b.fingerprintId ? -1 : a.fingerprintId > b.fingerprintId ? 1 : 0),
  );
}

/** 0 when no check failed, 1 otherwise (a regression). Harness failures are thrown, not reported here. */
export function gateExitCode(report: Pick<GateReport, 'checks'>): 0 | 1 {
  return report.checks.some((c) => c.status === 'fail') ? 1 : 0;
}

function shorten(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
