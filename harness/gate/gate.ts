import { throwIfInterrupted } from '../database/cleanup-registry.ts';
import type pg from 'pg';
import { GATE_MATRIX, gateCases, type GateCase, type GateMatrix } from '../../scenarios/gate-matrix.ts';
import type { Collector } from '../../src/collector.ts';
import { parseExportFilters } from '../../src/export-filters.ts';
import { collectorEntries, referenceCollector } from '../compare/collectors.ts';
import { compareOutcomes } from '../compare/compare-collectors.ts';
import { formatEquivalence } from '../compare/equivalence.ts';
import { runCollector, type CollectorOutcome, type ThrewOutcome } from '../compare/run-collector.ts';
import type { CollectorId, CollectorRole } from '../results/collector-id.ts';
import { withSeededDatabase } from '../schema/seeded-database.ts';
import {
  gateCollectorSets,
  type CaseBudget,
  type GateBudgets,
  type GateCollectorSets,
} from './gate-budgets.ts';
import { formatCheckLine } from './gate-report.ts';
import {
  GATE_REPORT_VERSION,
  type CollectorMeasurement,
  type CaseMeasurement,
  type EquivalenceMeasurement,
  type FingerprintGrowth,
  type GateCheck,
  type GateReport,
} from './gate-results.ts';
import { shortenText } from '../core/shorten-text.ts';

/**
 * The CI regression gate. Query counts are deterministic, so every check is exact. Every collector of the
 * registry runs on every case; the premise (v1) is the reference, the others are pinned (`GATE_TREATMENT`):
 * - **equivalence**, per case and compared collector: its sheets are identical to the reference's (or both
 *   fail with the same contract error);
 * - **<id>-budget**, per case and pinned collector: its round trips do not exceed the budget file's count;
 * - **<id>-constant**, per filter case, for the candidate (v2): its round trips are the same at every seeded
 *   size; when they grow, the fingerprints that grew are named with the queries they add per exported
 *   document;
 * - **record**, per case: the recorded collectors' round trips and the exported documents are as recorded. A
 *   change is a `note`, not a failure: the premise is the reference model, and the exported documents
 *   follow from the seed data.
 *
 * The check functions are pure (measurements in, checks out); `runGate` is the only part that touches a
 * database, through the shared export path (`runCollector`, `compareOutcomes`).
 */

export interface RunGateOptions {
  /** Admin URL of the server for the throwaway databases. */
  serverUrl: string;
  /** The budgets to check; `null` to measure only (`--update-budgets`). */
  budgets: GateBudgets | null;
  matrix?: GateMatrix;
  /** Functions that replace the registry's for some collectors (tests plant wrong variants of v2). */
  collectors?: Partial<Record<CollectorId, Collector>>;
  /** Receives one line per check as it is made (and an indented line per detail). */
  onLine?: (line: string) => void;
  /** Receives progress messages (seeding). */
  onProgress?: (message: string) => void;
}

/**
 * Roles whose round trips must not grow with the documents: that is the candidate's promise. Production's
 * ORM reads in batches of 1000 ids and only the relations the data holds, so its count moves a little with
 * the data (25 to 30 on the matrix): it is pinned exactly per case, not held constant.
 */
const CONSTANT_COUNT_ROLES: ReadonlySet<CollectorRole> = new Set(['candidate']);

/** The collectors checked by `<id>-constant`, in registry order. */
export function constantCountCollectors(): CollectorId[] {
  return collectorEntries()
    .filter((c) => CONSTANT_COUNT_ROLES.has(c.role))
    .map((c) => c.id);
}

/** Differences kept per comparison. */
const MAX_DIFFERENCES = 5;

/**
 * Runs the matrix: one throwaway database per seeded size (dropped afterwards), every filter case on it with
 * every collector, then the checks. Throws only when the harness cannot run (database unreachable or lost).
 */
export async function runGate(options: RunGateOptions): Promise<GateReport> {
  const started = performance.now();
  const matrix = options.matrix ?? GATE_MATRIX;
  const sets = gateCollectorSets();
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
          const measurement = await measureGateCase(client, gateCase, options.collectors ?? {});
          measurements.push(measurement);
          for (const check of checkEquivalence(measurement)) emit(check);
          if (options.budgets !== null) {
            for (const check of checkBudget(measurement, options.budgets.cases[measurement.caseId], sets))
              emit(check);
          }
        }
      },
    );
  }
  for (const id of constantCountCollectors()) {
    for (const filterCase of matrix.filterCases) {
      emit(
        checkGrowth(
          id,
          filterCase.name,
          measurements.filter((m) => m.filterCase === filterCase.name),
        ),
      );
    }
  }
  return {
    version: GATE_REPORT_VERSION,
    verdict: checks.some((c) => c.status === 'fail') ? 'fail' : 'pass',
    seed: matrix.seed,
    seededSizes: [...matrix.seededSizes],
    budgetsChecked: options.budgets !== null,
    pinned: sets.pinned,
    recorded: sets.recorded,
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

/**
 * Runs every collector of the registry on one gate case (a collector's own error is recorded, a lost
 * connection thrown) and compares each with the reference.
 */
export async function measureGateCase(
  client: pg.ClientBase,
  gateCase: GateCase,
  overrides: Partial<Record<CollectorId, Collector>> = {},
): Promise<CaseMeasurement> {
  const filters = parseExportFilters(gateCase.filters);
  const outcomes = new Map<CollectorId, CollectorOutcome | ThrewOutcome>();
  for (const { id } of collectorEntries()) {
    const collect = overrides[id];
    outcomes.set(
      id,
      await runCollector(client, id, filters, {
        keepParams: false,
        collectorBugs: 'record',
        ...(collect ? { collect } : {}),
      }),
    );
  }
  const reference = referenceCollector().id;
  const referenceOutcome = outcomes.get(reference)!;
  const collectors: Partial<Record<CollectorId, CollectorMeasurement>> = {};
  for (const [id, outcome] of outcomes) collectors[id] = collectorMeasurement(outcome);
  const comparisons: EquivalenceMeasurement[] = [];
  for (const [id, outcome] of outcomes) {
    if (id === reference) continue;
    const compared = compareOutcomes(
      { id: reference, outcome: referenceOutcome },
      { id, outcome },
      { maxDifferences: MAX_DIFFERENCES },
    );
    comparisons.push({
      collector: id,
      equivalent: compared.equivalent,
      differenceCount: compared.rows?.differenceCount ?? (compared.equivalent ? 0 : 1),
      differences: compared.rows?.differences ?? [],
      equivalenceText: compared.rows
        ? formatEquivalence(compared.rows, { expected: reference, actual: id }).split('\n')
        : [
            compared.equivalent
              ? `equivalent: both fail with the same contract error (${collectors[reference]?.error ?? ''})`
              : `NOT equivalent: ${compared.outcomeDifference ?? ''}`,
          ],
    });
  }
  const exported = [...outcomes.values()].find((o) => o.kind === 'exported');
  const exportedDocuments =
    collectors[reference]?.exportedDocuments ??
    (exported?.kind === 'exported' ? exported.run.documentCount : 0);
  return {
    caseId: gateCase.id,
    filterCase: gateCase.filterCase,
    seededDocuments: gateCase.seededDocuments,
    exportedDocuments,
    collectors,
    reference,
    comparisons,
    equivalent: comparisons.every((c) => c.equivalent),
  };
}

/** The gate's record of one outcome: counts and fingerprints, no rows. */
function collectorMeasurement(outcome: CollectorOutcome | ThrewOutcome): CollectorMeasurement {
  const fingerprints = outcome.summary.byFingerprint.map((f) => ({
    fingerprintId: f.fingerprintId,
    fingerprint: f.fingerprint,
    count: f.count,
  }));
  if (outcome.kind === 'exported') {
    return {
      outcome: 'exported',
      queryCount: outcome.run.queryCount,
      exportedDocuments: outcome.run.documentCount,
      fingerprints,
      durationMs: outcome.run.durationMs,
    };
  }
  return {
    outcome: outcome.kind === 'failed' ? 'failed' : 'error',
    error: outcome.kind === 'failed' ? outcome.errorName : outcome.error,
    queryCount: outcome.queryCount,
    exportedDocuments: null,
    fingerprints,
    durationMs: outcome.durationMs,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Pure checks

/** Each compared collector identical to the reference on one case, with the first differences when not. */
export function checkEquivalence(m: CaseMeasurement): GateCheck[] {
  return m.comparisons.map((c): GateCheck => {
    const pair = `${m.reference} and ${c.collector}`;
    return c.equivalent
      ? {
          name: 'equivalence',
          collector: c.collector,
          subject: m.caseId,
          status: 'pass',
          message: `${pair} ${c.equivalenceText[0] ?? 'equivalent'} (${m.exportedDocuments} exported documents)`,
          details: [],
        }
      : {
          name: 'equivalence',
          collector: c.collector,
          subject: m.caseId,
          status: 'fail',
          message: `${pair} differ: ${c.equivalenceText[0] ?? 'NOT equivalent'}`,
          details: c.equivalenceText.slice(1),
        };
  });
}

/**
 * Each pinned collector against its budget (more queries fail; fewer is a note asking to tighten the
 * budget), and the recorded collectors' counts and the exported documents against the record (a change is
 * a note). No budget: nothing to check.
 */
export function checkBudget(
  m: CaseMeasurement,
  budget: CaseBudget | undefined,
  sets: GateCollectorSets,
): GateCheck[] {
  if (budget === undefined) return [];
  const checks = sets.pinned.map((id) => checkPinned(m, id, budget.queries[id] ?? 0));
  const changes: string[] = [];
  for (const id of sets.recorded) {
    const count = m.collectors[id]?.queryCount ?? 0;
    if (count !== budget.queries[id])
      changes.push(`${id} issued ${count} queries, recorded ${budget.queries[id]}`);
  }
  if (m.exportedDocuments !== budget.exportedDocuments) {
    changes.push(`${m.exportedDocuments} documents exported, recorded ${budget.exportedDocuments}`);
  }
  const issued = sets.recorded
    .map((id) => `${id} issued ${m.collectors[id]?.queryCount ?? 0} queries`)
    .join(', ');
  checks.push(
    changes.length === 0
      ? {
          name: 'record',
          subject: m.caseId,
          status: 'pass',
          message: `${issued === '' ? '' : `${issued} on `}${m.exportedDocuments} exported documents, as recorded`,
          details: [],
        }
      : {
          name: 'record',
          subject: m.caseId,
          status: 'note',
          message: `changed record (not a ${sets.pinned.join(' or ')} regression): ${changes.join('; ')}; record it with --update-budgets`,
          details: [],
        },
  );
  return checks;
}

function checkPinned(m: CaseMeasurement, id: CollectorId, budget: number): GateCheck {
  const measured = m.collectors[id];
  const count = measured?.queryCount ?? 0;
  const delta = count - budget;
  const base = { name: `${id}-budget` as const, collector: id, subject: m.caseId, details: [] };
  if (measured === undefined) {
    return { ...base, status: 'fail', message: `${id} was not measured (budget ${budget})` };
  }
  if (measured.outcome === 'error') {
    return {
      ...base,
      status: 'fail',
      message: `${id} threw after ${count} queries (budget ${budget}): ${measured.error}`,
    };
  }
  if (delta > 0) {
    return {
      ...base,
      status: 'fail',
      message: `${id} issued ${count} queries, budget ${budget} (+${delta})`,
      details: measured.fingerprints
        .slice(0, 5)
        .map((f) => `${String(f.count).padStart(6)} x ${f.fingerprintId} ${shortenText(f.fingerprint, 100)}`),
    };
  }
  if (delta < 0) {
    return {
      ...base,
      status: 'note',
      message: `${id} issued ${count} queries, ${-delta} fewer than its budget ${budget}: tighten it with --update-budgets`,
    };
  }
  return { ...base, status: 'pass', message: `${id} issued ${count} queries, budget ${budget}` };
}

/**
 * One pinned collector's round trips the same at every size of one filter case. When they are not, each
 * fingerprint whose count differs is reported with the queries it adds per exported document between the
 * smallest and the largest size: a per-document loop shows as about 1.00 (or a multiple).
 *
 * @param measurements the filter case's measurements, any order (sorted here by seeded size).
 */
export function checkGrowth(
  id: CollectorId,
  filterCase: string,
  measurements: readonly CaseMeasurement[],
): GateCheck {
  const sorted = [...measurements].sort((a, b) => a.seededDocuments - b.seededDocuments);
  const of = (m: CaseMeasurement) => m.collectors[id];
  const counts = sorted.map((m) => of(m)?.queryCount ?? 0);
  const docs = sorted.map((m) => m.exportedDocuments);
  const at = `${counts.join(', ')} queries at ${docs.join(', ')} exported documents`;
  const base = { name: `${id}-constant` as const, collector: id, subject: filterCase };
  if (sorted.length < 2) {
    return {
      ...base,
      status: 'fail',
      message: `needs at least two sizes; measured ${sorted.length}`,
      details: [],
    };
  }
  const broken = sorted.filter((m) => of(m) === undefined || of(m)?.outcome === 'error');
  if (broken.length > 0) {
    return {
      ...base,
      status: 'fail',
      message: `cannot tell whether ${id} grows: it threw at ${broken.map((m) => m.caseId).join(', ')}`,
      details: [],
    };
  }
  if (counts.every((c) => c === counts[0])) {
    return { ...base, status: 'pass', message: `${id} constant: ${at}`, details: [] };
  }
  const growth = fingerprintGrowth(id, sorted);
  const worst = growth[0];
  const headline =
    worst === undefined
      ? ''
      : `; fingerprint ${worst.fingerprintId} ${describeGrowth(worst)}: ${shortenText(worst.fingerprint, 100)}`;
  return {
    ...base,
    status: 'fail',
    message: `${id} grows with the documents: ${at}${headline}`,
    details: growth.map((g) => `${g.fingerprintId} ${describeGrowth(g)}: ${shortenText(g.fingerprint, 160)}`),
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
 * Fingerprints of one collector whose count is not the same at every size, most added per document first.
 * Counts compare the smallest and the largest size (a fingerprint missing at a size counts 0 there).
 */
export function fingerprintGrowth(
  id: CollectorId,
  sortedBySize: readonly CaseMeasurement[],
): FingerprintGrowth[] {
  const small = sortedBySize[0];
  const large = sortedBySize[sortedBySize.length - 1];
  if (small === undefined || large === undefined) return [];
  const texts = new Map<string, string>();
  const perSize = sortedBySize.map((m) => {
    const byId = new Map<string, number>();
    for (const f of m.collectors[id]?.fingerprints ?? []) {
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
