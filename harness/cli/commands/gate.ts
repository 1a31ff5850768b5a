import { noteActivity } from '../../database/server-death.ts';
import { appendFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATE_MATRIX, gateCases } from '../../../scenarios/gate-matrix.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCliArgs } from '../cli-args.ts';
import { openDatabaseServer, requestedDatabaseUrl } from '../../database/database-server.ts';
import { redactSecrets } from '../../database/database-url.ts';
import { gateExitCode, runGate } from '../../gate/gate.ts';
import type { GateReport } from '../../gate/gate-results.ts';
import {
  BudgetFileError,
  budgetsFromMeasurements,
  gateCollectorSets,
  diffGateBudgets,
  readGateBudgets,
  serializeGateBudgets,
  type GateBudgets,
} from '../../gate/gate-budgets.ts';
import {
  budgetUpdateText,
  gateJson,
  gateMarkdown,
  verdictLine,
  type BudgetUpdate,
} from '../../gate/gate-report.ts';

/** The committed budget file, found from this module so that the gate works from any directory. */
const DEFAULT_BUDGETS_PATH = fileURLToPath(new URL('../../../scenarios/gate-budgets.json', import.meta.url));

const matrixText = GATE_MATRIX.filterCases.map((c) => `  ${c.name.padEnd(14)} ${c.description}`).join('\n');

/** Which collectors the gate pins and which it records, from the registry's roles. */
const SETS = gateCollectorSets();

const HELP = `Usage: npx hfc-bench gate [--update-budgets] [--json] [--budgets FILE] [--database-url URL]

The CI regression gate (npm run bench:gate). Query counts are deterministic, so its checks are exact.
It seeds one throwaway database per size (${GATE_MATRIX.seededSizes.join(', ')} documents, seed ${GATE_MATRIX.seed}), runs every registered
collector on every filter case (${SETS.recorded.join(', ')} recorded: the premise; ${SETS.pinned.join(', ')} pinned), and checks:
  equivalence   each collector's sheets are identical to the premise's, per case (first differences printed)
  <id>-budget   a pinned collector's round trips do not exceed the budget file's count, per case
  <id>-constant the candidate's round trips are the same at every size; when they grow, the
                fingerprint that grew is named with the queries it adds per exported document
  record        the recorded collectors' round trips and the exported documents are as recorded; a change
                is a NOTE, not a failure (the premise is the reference, the documents follow from the data)

Filter cases:
${matrixText}

Options:
  --update-budgets     measure and rewrite the budget file, printing what changed (refused when an
                       equivalence or constant check fails); review and commit the file
  --json               print the report as JSON on stdout (check lines go to stderr)
  --budgets FILE       budget file (default: scenarios/gate-budgets.json of this repository)
  --database-url URL   server for the throwaway databases (default: DATABASE_URL, else an embedded
                       PostgreSQL started for this run and stopped at the end)
  -h, --help           show this help

Prints one line per check (PASS, FAIL or NOTE), then a markdown summary, which is also appended to
$GITHUB_STEP_SUMMARY when that is set.

Exit codes: 0 pass; 1 a regression (a FAIL line); 2 the harness could not run (unreachable database, bad
budget file: the reason is printed).

Examples:
  npm run bench:gate
  npx hfc-bench gate --json > gate.json
  npx hfc-bench gate --update-budgets
`;

export const gateCommand: CliCommand = {
  name: 'gate',
  summary:
    'CI gate: every collector compared with v1, exact query budgets for v1-orm and v2, small fixed matrix',
  help: HELP,
  async run(argv) {
    const { values } = parseCliArgs(argv, {
      'update-budgets': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      budgets: { type: 'string' },
      'database-url': { type: 'string' },
    });
    const update = values['update-budgets'];
    const file = values.budgets === undefined ? DEFAULT_BUDGETS_PATH : resolve(values.budgets);
    const shownFile = relative(process.cwd(), file) || file;
    const cases = gateCases(GATE_MATRIX);
    // With --json, stdout carries the JSON alone.
    const say = (text: string) => (values.json ? process.stderr : process.stdout).write(text);
    const progress = (message: string) => {
      noteActivity(message);
      process.stderr.write(`${message}\n`);
    };

    let budgets: GateBudgets | null = null;
    let previous: GateBudgets | null = null;
    try {
      if (update) previous = await readGateBudgets(file, GATE_MATRIX, cases).catch(keepUnusable(progress));
      else budgets = await readGateBudgets(file, GATE_MATRIX, cases);
    } catch (error) {
      if (!(error instanceof BudgetFileError)) throw error;
      const message = `hfc-bench gate: ${error.message.replace(error.file, shownFile)}`;
      process.stderr.write(`${message}\n`);
      await appendStepSummary(`## hfc-bench gate: could not run\n\n\`\`\`\n${message}\n\`\`\`\n`);
      return 2;
    }

    let report: GateReport;
    try {
      const url = requestedDatabaseUrl(values['database-url']);
      const server = await openDatabaseServer({ databaseUrl: url, onProgress: progress });
      try {
        progress(`gate on ${server.kind} PostgreSQL ${server.version}${update ? ' (updating budgets)' : ''}`);
        report = await runGate({
          serverUrl: server.url,
          budgets,
          onLine: (line) => say(`${line}\n`),
          onProgress: progress,
        });
      } finally {
        await server.close();
      }
    } catch (error) {
      const reason = redactSecrets(error instanceof Error ? error.message : String(error));
      await appendStepSummary(`## hfc-bench gate: could not run\n\n\`\`\`\n${reason}\n\`\`\`\n`);
      throw error;
    }

    let exitCode = gateExitCode(report);
    let budgetUpdate: BudgetUpdate | undefined;
    if (update) {
      const next = budgetsFromMeasurements(GATE_MATRIX.seed, report, report.cases);
      const changes = diffGateBudgets(previous, next);
      const written = exitCode === 0;
      if (written) await writeFile(file, serializeGateBudgets(next));
      budgetUpdate = { file: shownFile, written, changes };
    }

    const markdown = gateMarkdown(report);
    say(`${verdictLine(report)}\n`);
    if (budgetUpdate !== undefined) say(budgetUpdateText(budgetUpdate));
    if (values.json)
      process.stdout.write(gateJson(budgetUpdate === undefined ? report : { ...report, budgetUpdate }));
    else process.stdout.write(`\n${markdown}`);
    await appendStepSummary(
      markdown + (budgetUpdate === undefined ? '' : `\n\`\`\`\n${budgetUpdateText(budgetUpdate)}\`\`\`\n`),
    );
    if (budgetUpdate !== undefined && !budgetUpdate.written) exitCode = 1;
    return exitCode;
  },
};

/** With --update-budgets an unusable old file is replaced; say why, and diff against nothing. */
function keepUnusable(progress: (message: string) => void) {
  return (error: unknown): null => {
    if (!(error instanceof BudgetFileError)) throw error;
    const missing = (error.cause as { code?: string } | undefined)?.code === 'ENOENT';
    progress(
      missing
        ? 'no budget file yet: creating it'
        : `the old budget file is not usable and will be replaced: ${error.problems.join('; ')}`,
    );
    return null;
  };
}

/** Appends to the GitHub Actions step summary when `$GITHUB_STEP_SUMMARY` names a file. */
async function appendStepSummary(markdown: string): Promise<void> {
  const target = process.env.GITHUB_STEP_SUMMARY;
  if (!target) return;
  try {
    await appendFile(target, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  } catch (error) {
    process.stderr.write(
      `could not append to GITHUB_STEP_SUMMARY (${target}): ${(error as Error).message}\n`,
    );
  }
}
