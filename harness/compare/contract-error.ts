import { NoDocumentsError } from '../../src/collector.ts';
import { HsCodeFilterError } from '../../src/substance-filter.ts';

/** The errors the export contract defines: outcomes to report and compare, not harness failures. */
export type ContractError = NoDocumentsError | HsCodeFilterError;

/**
 * Whether an error is one of the export's contract outcomes: no document matches the filters
 * (`NoDocumentsError`), or a non-empty `hs_code` filter (`HsCodeFilterError`, the current code's failure the
 * contract keeps). Every command that runs an export classifies its errors here.
 */
export function isContractError(error: unknown): error is ContractError {
  return error instanceof NoDocumentsError || error instanceof HsCodeFilterError;
}
