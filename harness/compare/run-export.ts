import { performance } from 'node:perf_hooks';
import { SHEET_BUILDERS } from '../../src/build-sheets.ts';
import type { Collector } from '../../src/collector.ts';
import type { ExportFilters } from '../../src/export-filters.ts';
import type { SheetName, SheetRows } from '../../src/sheet-definitions.ts';
import type { CountingClient } from '../queries/counting-client.ts';
import { withLabel } from '../queries/query-label.ts';

/** One measured export: the sheets' rows and what it cost. */
export interface ExportRun {
  collector: string;
  rows: SheetRows;
  /** Documents exported (after "latest per group"). */
  documentCount: number;
  /** Documents that matched the filters before grouping. */
  matchingCount: number;
  /** Round trips, counted exactly by the counting client. */
  queryCount: number;
  durationMs: number;
}

/**
 * Runs one collector and the six sheet builders on a counting client, labelling every round trip with the
 * collector, the phase (`collect`, `sheet`) and the sheet, so the log can say who issued what. The client's
 * log is reset first: afterwards it holds exactly this export's round trips.
 *
 * @param onSheet receives each sheet's rows as soon as they are built (for a streaming writer).
 */
export async function runExport(
  client: CountingClient,
  name: string,
  collector: Collector,
  filters: ExportFilters,
  onSheet?: (sheet: SheetName, rows: SheetRows[SheetName]) => Promise<void> | void,
): Promise<ExportRun> {
  client.reset();
  const started = performance.now();
  return withLabel({ collector: name }, async () => {
    const collected = await withLabel({ phase: 'collect' }, () => collector(client, filters));
    const rows = {} as SheetRows;
    for (const { sheet, build } of SHEET_BUILDERS) {
      rows[sheet] = await withLabel({ phase: 'sheet', sheet }, () =>
        build(collected.documents, collected.access, collected.substanceFilter),
      );
      await onSheet?.(sheet, rows[sheet]);
    }
    return {
      collector: name,
      rows,
      documentCount: collected.documents.length,
      matchingCount: collected.matchingCount,
      queryCount: client.count,
      durationMs: performance.now() - started,
    };
  });
}
