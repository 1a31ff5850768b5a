import type { DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell, SheetName, SheetRows } from './sheet-definitions.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { buildSheet1 } from './sheet1-organisations.ts';
import { buildSheet2 } from './sheet2-equipment-ownership.ts';
import { buildSheet3 } from './sheet3-equipment-products.ts';
import { buildSheet4 } from './sheet4-end-of-life.ts';
import { buildSheet5 } from './sheet5-bulk-substances.ts';
import { buildSheet6 } from './sheet6-quota-management.ts';

/** The rows of one sheet, as `streamSheets` yields them. */
export interface BuiltSheet {
  sheet: SheetName;
  rows: Cell[][];
}

/** One sheet and its builder (sheet 1 ignores the substance filter). */
export interface SheetBuilder {
  sheet: SheetName;
  build: (
    documents: readonly DocumentRecord[],
    access: RecordAccess,
    substanceFilter: SubstanceFilter,
  ) => Promise<Cell[][]>;
}

/**
 * The six builders in workbook order. Callers must run them strictly one after the other, sheet 1 to 6: the
 * order in which the sheets touch `access` is part of what the v1 collector's query counts measure.
 */
export const SHEET_BUILDERS: readonly SheetBuilder[] = [
  { sheet: '1_Hoso_DoanhNhiep', build: (documents, access) => buildSheet1(documents, access) },
  { sheet: '2_DL_ThietBi_SoHuu', build: buildSheet2 },
  { sheet: '3_DL_ThietBi_SX_NK', build: buildSheet3 },
  { sheet: '4_DL_MoiChat_EoL', build: buildSheet4 },
  { sheet: '5_DL_MoiChat_Bulk', build: buildSheet5 },
  { sheet: '6_DL_QuanLy_HanNgach ', build: buildSheet6 },
];

/**
 * Builds the six sheets one after the other (see `SHEET_BUILDERS`), yielding each as soon as it is complete so
 * a streaming writer can flush it before the next one is built.
 *
 * @param documents the export's documents in their final order (spec 3)
 * @param substanceFilter applies to sheets 2-6; sheet 1 has none
 */
export async function* streamSheets(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): AsyncGenerator<BuiltSheet, void, undefined> {
  for (const { sheet, build } of SHEET_BUILDERS)
    yield { sheet, rows: await build(documents, access, substanceFilter) };
}

/**
 * All six sheets' data rows (headers excluded), built sequentially in workbook order (see `streamSheets`).
 */
export async function buildAllSheets(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): Promise<SheetRows> {
  const built: Partial<SheetRows> = {};
  for await (const { sheet, rows } of streamSheets(documents, access, substanceFilter)) {
    built[sheet] = rows;
  }
  return built as SheetRows;
}
