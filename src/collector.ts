import type { ExportFilters } from './export-filters.ts';
import type { Queryable } from './queryable.ts';
import type { RecordAccess } from './record-access.ts';
import type { DocumentRecord } from './records.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';

/** What a collector hands to the sheet builders: `_collect_export_data`'s result plus the way to reach relations. */
export interface CollectedExport {
  /** The latest matching document of each group, in the export order (spec 3). */
  documents: DocumentRecord[];
  /** How many documents matched the filters before grouping (re-extractions included). */
  matchingCount: number;
  access: RecordAccess;
  substanceFilter: SubstanceFilter;
}

/** A loading strategy: the variable under test. Both must give the sheets exactly the same data. */
export type Collector = (q: Queryable, filters: ExportFilters) => Promise<CollectedExport>;

/**
 * No document matches the filters: the current export returns the JSON error "Không tìm thấy dữ liệu phù
 * hợp với bộ lọc" and no workbook (spec 2.3). Both collectors throw this before anything is written.
 */
export class NoDocumentsError extends Error {
  override name = 'NoDocumentsError';
  constructor() {
    super(
      'No document matches the filters (the export answers "Không tìm thấy dữ liệu phù hợp với bộ lọc" and writes no workbook).',
    );
  }
}
