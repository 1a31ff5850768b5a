import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { RESULTS_VERSION, type BenchResults } from './bench-results.ts';

/** The file name of a run's results inside its report folder. */
export const RESULTS_FILE = 'results.json';

/** How many schema problems an error message lists before it says "and N more". */
const ERRORS_SHOWN = 5;

const schemaPath = new URL('./bench-results.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

// ajv is CommonJS; under NodeNext its default import is the module object, whose `default` is the class.
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validateSchema = ajv.compile(schema);

/** Result of checking a parsed `results.json` against the version 1 schema. */
export interface ResultsValidation {
  valid: boolean;
  /** One readable line per problem: the JSON pointer of the value, then what is wrong with it. */
  errors: string[];
}

/**
 * Checks that `json` is a `BenchResults` of the version this hfc-bench reads (`bench-results.schema.json`).
 * Pure apart from the compiled schema; never throws.
 */
export function validateBenchResults(json: unknown): ResultsValidation {
  const version = versionOf(json);
  if (version !== undefined && version !== RESULTS_VERSION) {
    return { valid: false, errors: [versionMessage(version)] };
  }
  if (validateSchema(json)) return { valid: true, errors: [] };
  return { valid: false, errors: (validateSchema.errors ?? []).map(describeError) };
}

/**
 * Reads `<dir>/results.json`, parses and validates it.
 *
 * @throws Error naming the file and its first problems when it is missing, not JSON, of another version,
 *   or does not match the schema.
 */
export async function readBenchResults(dir: string): Promise<BenchResults> {
  const file = path.join(dir, RESULTS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'ENOENT' ? ': no such file; pass the folder of a bench run, e.g. reports/<run-id>' : '';
    throw new Error(`cannot read ${file}${hint}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}); it may be truncated: re-run the bench`,
      {
        cause: error,
      },
    );
  }
  const { valid, errors } = validateBenchResults(json);
  if (!valid) {
    const shown = errors.slice(0, ERRORS_SHOWN).map((e) => `  - ${e}`);
    const more = errors.length > ERRORS_SHOWN ? [`  ... and ${errors.length - ERRORS_SHOWN} more`] : [];
    throw new Error(`${file} is not a valid hfc-bench results file:\n${[...shown, ...more].join('\n')}`);
  }
  return json as BenchResults;
}

function versionOf(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || !('version' in json)) return undefined;
  return json.version;
}

function versionMessage(version: unknown): string {
  return (
    `/version is ${JSON.stringify(version)}, but this hfc-bench reads results version ${RESULTS_VERSION}; ` +
    'render it with the hfc-bench that wrote it, or run the bench again'
  );
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unexpected property "${String(params.additionalProperty)}"`;
    case 'required':
      return `${where} is missing the required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
