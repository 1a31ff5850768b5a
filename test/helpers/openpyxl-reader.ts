import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * openpyxl (Debian's python3-openpyxl) as an independent workbook reader for tests: it shares no code
 * with the writer. Debian installs it for Debian's Python, `/usr/bin/python3`; a pyenv `python3` earlier
 * on PATH does not see it, hence the absolute path.
 */
export const PYTHON = '/usr/bin/python3';
const READER_SCRIPT = fileURLToPath(new URL('./read-workbook-openpyxl.py', import.meta.url));
const execFileAsync = promisify(execFile);

/** One cell as the Python reader prints it; type is 'string', 'number', 'empty' or a Python type name. */
export type OpenpyxlCell = [value: string | number | null, type: string, style: string];

/** A workbook as `read-workbook-openpyxl.py` prints it. */
export interface OpenpyxlWorkbook {
  openpyxl: string;
  activeSheet: string;
  sheets: {
    name: string;
    sheetId: number | null;
    tables: {
      name: string;
      displayName: string;
      ref: string;
      columns: string[];
      showRowStripes: boolean;
      style: string | null;
    }[];
    columnWidths: { min: number; max: number; width: number }[];
    /** Rows 1..max_row, every cell of each. */
    rows: OpenpyxlCell[][];
  }[];
  /** Texts with leading or trailing whitespace in the sheets' XML: how many carry xml:space="preserve", and where those that do not are. */
  whitespace: { preserved: number; unpreserved: string[] };
}

/**
 * Why openpyxl cannot be used here, or `undefined` when it can. Tests skip with this message locally and
 * fail with it in CI (`CI=true`), where `.ci/run` installs python3-openpyxl.
 */
export function openpyxlProblem(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) {
    return `${PYTHON} cannot import openpyxl (${probe.stderr.trim().split('\n').pop() ?? ''})`;
  }
  return undefined;
}

/**
 * Whether a test suite needing openpyxl should be skipped: only outside CI, and then saying so on stderr.
 * In CI the suite runs and {@link requireOpenpyxl} fails it.
 */
export function skipWithoutOpenpyxl(what: string): boolean {
  const problem = openpyxlProblem();
  if (problem === undefined || process.env.CI === 'true') return false;
  process.stderr.write(`SKIPPED ${what}: ${problem}. Install it with: apt-get install -y python3-openpyxl\n`);
  return true;
}

/** Throws, naming what is missing, when openpyxl cannot be used (for CI, where skipping is not allowed). */
export function requireOpenpyxl(): void {
  const problem = openpyxlProblem();
  if (problem !== undefined) {
    throw new Error(
      `The independent workbook reader is missing: ${problem}. .ci/run installs python3-openpyxl with apt-get (see its log); locally: apt-get install -y python3-openpyxl`,
    );
  }
}

/** Reads `path` with openpyxl. */
export async function readWithOpenpyxl(path: string): Promise<OpenpyxlWorkbook> {
  const { stdout } = await execFileAsync(PYTHON, [READER_SCRIPT, path], { maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(stdout) as OpenpyxlWorkbook;
}
