import { performance } from 'node:perf_hooks';
import { writeHfcWorkbook } from '../../../src/workbook-writer.ts';
import { writeRowsJson } from '../../../src/rows-json.ts';
import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../../core/usage-error.ts';
import { parseCliArgs } from '../cli-args.ts';
import { parseCollectorId } from '../../compare/collectors.ts';
import { runCollector } from '../../compare/run-collector.ts';
import { connect, requestedDatabaseUrl } from '../../database/database-server.ts';
import { redactUrl } from '../../database/database-url.ts';
import { missingSeedTables } from '../../../seeds/seed-database.ts';
import { readFilters } from '../read-filters.ts';

const HELP = `Usage: npx hfc-bench export --collector v1|v1-orm|v2 --out report.xlsx [--filters JSON | --filters @file.json]
                          [--rows-json rows.json] [--database-url URL]

Exports the HFC report workbook (six sheets) from an existing HFC database with one of the collectors, and
prints the number of round trips and the time it took. The database is only read. The collectors:
  v1       the current code with no prefetch, one record per round trip (the plan's premise)
  v1-orm   the current code as Odoo 18's ORM runs it, batches of 1000 (what production sends today)
  v2       the optimised export, each relation loaded once (the candidate)

Options:
  --collector NAME      which collector loads the data: v1, v1-orm or v2 (required)
  --out PATH            the .xlsx file to write (required); written to a temporary file and renamed, so a
                        failure never leaves a partial workbook
  --filters JSON        the export filters, as the front end posts them, e.g. '{"year_from": 2022}', or
                        @path/to/filters.json; default: none (only documents in state "completed")
  --rows-json PATH      also write {"<sheet name>": [[cell, ...], ...]} with the data rows as written
  --database-url URL    the HFC database (default: DATABASE_URL; one of the two is required)
  -h, --help            show this help

Exit codes: 0 written; 1 the export itself failed as the current code would (no document matches, or a
non-empty hs_code filter); 2 bad options or the database could not be used.

Example:
  npx hfc-bench export --collector v2 --filters '{"year_from": 2023, "status": ["completed"]}' \\
    --out hfc.xlsx --database-url postgres://postgres@127.0.0.1:5432/my_hfc_copy
`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the HFC workbook from an existing HFC database with v1, v1-orm or v2',
  help: HELP,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      collector: { type: 'string' },
      out: { type: 'string' },
      filters: { type: 'string' },
      'rows-json': { type: 'string' },
      'database-url': { type: 'string' },
    });
    const collectorName = parseCollectorId(values.collector);
    if (!values.out) throw new UsageError('--out is required: the path of the .xlsx file to write');
    const filters = await readFilters(values.filters);
    const url = requestedDatabaseUrl(values['database-url']);
    if (url === undefined) {
      throw new UsageError(
        'export reads an existing HFC database: pass --database-url URL or set DATABASE_URL',
      );
    }

    const client = await connect(url, 'connect to the HFC database');
    try {
      const missing = await missingSeedTables(client);
      if (missing.length > 0) {
        throw new UsageError(
          `${redactUrl(url)} is not an HFC database (${missing.includes('document_extraction') ? 'no table document_extraction' : `no table ${missing[0]}`}, ${missing.length} of the HFC tables missing). ` +
            'Create one in an empty database with: npx hfc-bench seed --documents 1000 --database-url URL ' +
            '(it applies the schema first), or point --database-url at your HFC database',
        );
      }
      const outcome = await runCollector(client, collectorName, filters, { keepParams: false });
      if (outcome.kind === 'failed') {
        process.stderr.write(`hfc-bench export: ${outcome.error}\nNo workbook was written.\n`);
        return 1;
      }
      const { run } = outcome;
      const writeStarted = performance.now();
      const written = await writeHfcWorkbook(values.out, run.rows).catch(
        explainWriteError('--out', values.out),
      );
      if (values['rows-json']) {
        await writeRowsJson(values['rows-json'], run.rows).catch(
          explainWriteError('--rows-json', values['rows-json']),
        );
      }
      const writeMs = performance.now() - writeStarted;
      const rowCount = Object.values(written.rowsWritten).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `${collectorName}: exported ${run.documentCount} documents (${run.matchingCount} matched before "latest per group") ` +
          `from ${redactUrl(url)}\n` +
          `  queries: ${run.queryCount} round trips\n` +
          `  time: ${run.durationMs.toFixed(1)} ms collecting and building sheets, ${writeMs.toFixed(1)} ms writing files\n` +
          `  workbook: ${written.path} (${rowCount} data rows, ${written.sizeBytes} bytes)\n` +
          // maxRSS is in kilobytes: the peak resident memory of this process, writing included.
          `  peak memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB resident\n` +
          (values['rows-json'] ? `  rows: ${values['rows-json']}\n` : ''),
      );
      return 0;
    } finally {
      await client.end();
    }
  },
};

/**
 * A file the user named could not be written: the message names the user's path (not the temporary file
 * the writer uses to replace it atomically) and the reason, as a usage error (exit 2).
 */
export function explainWriteError(flag: string, path: string) {
  return (error: unknown): never => {
    // The writer wraps the system error (and names its temporary file): find the code down the chain.
    let code: string | undefined;
    for (let e: unknown = error; e instanceof Error && code === undefined; e = e.cause) {
      code = (e as NodeJS.ErrnoException).code;
    }
    const reasons: Record<string, string> = {
      ENOENT: 'its folder does not exist or does not accept new files',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EROFS: 'read-only file system',
      EISDIR: 'it is a folder',
      ENOTDIR: 'a part of the path is not a folder',
      ENOSPC: 'no space left on the device',
      EEXIST: 'a file of that name is in the way',
    };
    if (code === undefined) throw error;
    throw new UsageError(`${flag} ${path}: cannot write the file there: ${reasons[code] ?? code} (${code})`, {
      cause: error,
    });
  };
}
