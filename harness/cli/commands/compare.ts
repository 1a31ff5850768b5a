import { noteActivity } from '../../database/server-death.ts';
import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../../core/usage-error.ts';
import { parseCliArgs, parseIntegerOption } from '../cli-args.ts';
import {
  compareCollectors,
  type CollectorsComparison,
  type ReferenceComparison,
} from '../../compare/compare-collectors.ts';
import { collectorEntries } from '../../compare/collectors.ts';
import type { CollectorId, CollectorRole } from '../../results/collector-id.ts';
import { outcomeQueryCount, type CollectorOutcome } from '../../compare/run-collector.ts';
import { connect, openDatabaseServer, requestedDatabaseUrl } from '../../database/database-server.ts';
import { formatEquivalence } from '../../compare/equivalence.ts';
import { seedProgressPrinter } from '../../schema/seed-progress.ts';
import { withSeededDatabase } from '../../schema/seeded-database.ts';
import { readFilters } from '../read-filters.ts';
import { shortenText } from '../../core/shorten-text.ts';

const HELP = `Usage: npx hfc-bench compare [--documents N] [--seed S] [--filters JSON | --filters @file.json]
                           [--database-url URL] [--existing] [--keep] [--fresh] [--top K]

Seeds a throwaway database and runs every registered collector on it, in this order:
${collectorEntries()
  .map((c) => `  ${c.id.padEnd(7)} ${c.summary}`)
  .join('\n')}
and compares each with v1, the reference, cell by cell. It prints each collector's outcome, whether each
one's six sheets are identical to v1's, the query ratios (first v2 against v1-orm, what production sends
today; then v2 against v1, the plan's premise), and per collector its most frequent query fingerprints and
its N+1 findings (a query repeated once per document). Equivalent only when every collector is.

Options:
  --documents N        documents to seed (default 200); re-extractions collapse, so fewer are exported
  --seed S             seed of the synthetic data (default 42); same N and S give the same data
  --filters JSON       export filters, e.g. '{"year_from": 2022}' or @filters.json (default: none)
  --database-url URL   server to create the throwaway database on (default: DATABASE_URL, else an
                       embedded PostgreSQL started for this run and stopped at the end)
  --existing           do not seed: compare on the database named by --database-url as it is (read only)
  --keep               keep the throwaway database (its name is printed)
  --fresh              seed the template database again even when the server has it
  --top K              fingerprints listed per collector (default 5)
  -h, --help           show this help

Exit codes: 0 every collector equivalent to v1; 1 at least one is not; 2 the harness could not run (bad
options, database).

Example:
  npx hfc-bench compare --documents 1000 --filters '{"status": ["completed", "validated"]}'
`;

export const compareCommand: CliCommand = {
  name: 'compare',
  // The same line as in cli.ts, which lists commands without loading them.
  summary: 'Seed a throwaway database, run v1, v1-orm and v2, check each against v1, compare their queries',
  help: HELP,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      documents: { type: 'string' },
      seed: { type: 'string' },
      filters: { type: 'string' },
      'database-url': { type: 'string' },
      existing: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      top: { type: 'string' },
    });
    const documents = parseIntegerOption('documents', values.documents, 200, { min: 1, max: 1_000_000 });
    const seed = parseIntegerOption('seed', values.seed, 42, { min: 0 });
    const top = parseIntegerOption('top', values.top, 5, { min: 0, max: 100 });
    const filters = await readFilters(values.filters);
    const url = requestedDatabaseUrl(values['database-url']);
    const out = (text: string) => process.stdout.write(text);

    if (values.existing) {
      if (url === undefined) throw new UsageError('--existing needs --database-url (or DATABASE_URL)');
      const client = await connect(url, 'connect to the HFC database');
      try {
        const comparison = await compareCollectors(client, filters);
        out(formatComparison(comparison, top));
        return comparison.equivalent ? 0 : 1;
      } finally {
        await client.end();
      }
    }

    const server = await openDatabaseServer({
      databaseUrl: url,
      onProgress: (m) => process.stderr.write(`${m}\n`),
    });
    try {
      noteActivity(`seeding ${documents} documents (seed ${seed})`);
      process.stderr.write(
        `seeding ${documents} documents (seed ${seed}) on ${server.kind} PostgreSQL ${server.version}\n`,
      );
      return await withSeededDatabase(
        server.url,
        {
          label: 'compare',
          documents,
          seed,
          keep: values.keep,
          fresh: values.fresh,
          onProgress: seedProgressPrinter(),
        },
        async ({ db, client }) => {
          if (values.keep) process.stderr.write(`keeping database ${db.name}\n`);
          noteActivity('running every registered collector (compare)');
          const comparison = await compareCollectors(client, filters);
          out(formatComparison(comparison, top));
          return comparison.equivalent ? 0 : 1;
        },
      );
    } finally {
      await server.close();
    }
  },
};

function outcomeLine(name: string, outcome: CollectorOutcome): string {
  if (outcome.kind === 'failed')
    return `${name}: failed as the contract says (${outcome.errorName}) after ${outcome.queryCount} queries`;
  const { run } = outcome;
  return `${name}: ${run.documentCount} documents exported (${run.matchingCount} matched), ${run.queryCount} queries, ${run.durationMs.toFixed(1)} ms`;
}

/** How one collector compares with the reference, as one line (or a block when rows differ). */
function equivalenceLine(reference: CollectorId, c: ReferenceComparison): string {
  const prefix = `${c.id} against ${reference}: `;
  if (c.rows) return prefix + formatEquivalence(c.rows, { expected: reference, actual: c.id });
  if (c.outcomeDifference) return `${prefix}NOT equivalent: ${c.outcomeDifference}`;
  return `${prefix}equivalent: both fail with the same contract error`;
}

/**
 * The query ratios worth reading, headline first: the candidate against production (what production sends
 * today), then against the premise (the plan's model). Found by role, so a registry that renames its
 * collectors keeps its ratios; a pair is left out when a role is missing or either side sent no query.
 */
function ratioLines(c: CollectorsComparison): string[] {
  const byRole = (role: CollectorRole) => c.collectors.find((x) => x.role === role);
  const candidate = byRole('candidate');
  if (candidate === undefined) return [];
  const lines: string[] = [];
  for (const [role, meaning] of [
    ['production', 'what production sends today'],
    ['premise', 'the plan’s premise'],
  ] as const) {
    const base = byRole(role);
    if (base === undefined) continue;
    const baseQueries = outcomeQueryCount(base.outcome);
    const candidateQueries = outcomeQueryCount(candidate.outcome);
    if (baseQueries === 0 || candidateQueries === 0) continue;
    lines.push(
      `queries, ${candidate.id} against ${base.id} (${meaning}): ${base.id}/${candidate.id} = ${(baseQueries / candidateQueries).toFixed(1)}x (${baseQueries} vs ${candidateQueries})`,
    );
  }
  return lines;
}

/**
 * The compare report as text: each collector's outcome, each one's equivalence with the reference, the query
 * ratios (headline first), then per collector its top fingerprints and N+1 findings.
 */
export function formatComparison(c: CollectorsComparison, top: number): string {
  const lines: string[] = [];
  for (const { id, outcome } of c.collectors) lines.push(outcomeLine(id, outcome));
  for (const comparison of c.comparisons) lines.push(equivalenceLine(c.reference, comparison));
  lines.push(
    c.equivalent
      ? `verdict: equivalent (every collector matches ${c.reference})`
      : `verdict: NOT equivalent (${c.comparisons
          .filter((x) => !x.equivalent)
          .map((x) => x.id)
          .join(', ')} differ from ${c.reference})`,
  );
  lines.push(...ratioLines(c));
  for (const { id: name, outcome } of c.collectors) {
    if (top > 0) {
      lines.push(`top fingerprints of ${name}:`);
      for (const f of outcome.summary.byFingerprint.slice(0, top)) {
        const labels = f.labels
          .map((l) => l.label)
          .slice(0, 3)
          .join(', ');
        lines.push(
          `  ${String(f.count).padStart(7)}  ${f.fingerprintId}  ${shortenText(f.fingerprint, 90)}  [${labels}]`,
        );
      }
    }
    const findings = outcome.summary.nPlusOne ?? [];
    lines.push(findings.length === 0 ? `N+1 findings of ${name}: none` : `N+1 findings of ${name}:`);
    for (const f of findings) {
      lines.push(
        `  ${f.label}: ${f.count} x ${f.fingerprintId} (${f.perDocument.toFixed(2)} per document)  ${shortenText(f.fingerprint, 80)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
