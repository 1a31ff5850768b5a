import {
  NO_EXPORT_FILTERS,
  parseFiltersArgument,
  FilterError,
  type ExportFilters,
} from '../../src/export-filters.ts';
import { UsageError } from '../core/usage-error.ts';

/**
 * Reads `--filters` (JSON text, or `@file` holding it) as the commands that run an export take it; none
 * means the contract's default (state "completed"). A `FilterError` becomes a usage error naming the key.
 */
export async function readFilters(text: string | undefined): Promise<ExportFilters> {
  if (text === undefined) return NO_EXPORT_FILTERS;
  try {
    return await parseFiltersArgument(text);
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`--filters: ${error.message}`, { cause: error });
    throw error;
  }
}
