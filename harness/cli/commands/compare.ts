import { noteActivity } from '../../database/server-death.ts';
import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../../core/usage-error.ts';
import { parseCliArgs, parseIntegerOption } from '../cli-args.ts';
import { compareCollectors, type CollectorComparison } from '../../compare/compare-collectors.ts';
import { outcomeQueryCount, type CollectorOutcome } from '../../compare/run-collector.ts';
import { connect, openDatabaseServer, requestedDatabaseUrl } from '../../database/database-server.ts';
import { formatEquivalence } from '../../compare/equivalence.ts';
import { seedProgressPrinter } from '../../schema/seed-progress.ts';
import { withSeededDatabase } from '../../schema/seeded-database.ts';
import { readFilters } from '../read-filters.ts';
import { shortenText } from '../../core/shorten-text.ts';

const HELP = `Usage: npx hfc-bench compare [--documents N] [--seed S] [--filters JSON | --filters @file.json]
                           [--database-url URL] [--existing] [--keep] [--fresh] [--top K]

Seeds a throwaway database, runs the current collector (v1) and the optimised one (v2) on it, and prints:
whether their six sheets are identical cell by cell, the round trips of each, their most frequent query
fingerprints, and the N+1 findings (a query repeated once per document).

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

Exit codes: 0 equivalent; 1 not equivalent; 2 the harness could not run (bad options, database).

Example:
  npx hfc-bench compare --documents 1000 --filters '{"status": ["completed", "validated"]}'
`;

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Seed a throwaway database, run v1 and v2, check they are equivalent, count their queries',
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
          noteActivity('running v1 and v2 (compare)');
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

/** The compare report as text. */
export function formatComparison(c: CollectorComparison, top: number): string {
  const lines: string[] = [];
  lines.push(outcomeLine('v1', c.v1), outcomeLine('v2', c.v2));
  if (c.rows) lines.push(formatEquivalence(c.rows, { expected: 'v1', actual: 'v2' }));
  else if (c.outcomeDifference) lines.push(`NOT equivalent: ${c.outcomeDifference}`);
  else lines.push('equivalent: both fail with the same contract error');
  const q1 = outcomeQueryCount(c.v1);
  const q2 = outcomeQueryCount(c.v2);
  if (q1 > 0 && q2 > 0) lines.push(`queries: v1/v2 = ${(q1 / q2).toFixed(1)}x (${q1} vs ${q2})`);
  for (const [name, outcome] of [
    ['v1', c.v1],
    ['v2', c.v2],
  ] as const) {
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
