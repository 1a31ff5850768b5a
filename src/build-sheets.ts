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

/**
 * Builds the six sheets one after the other, sheet 1 to 6, yielding each as soon as it is complete so a
 * streaming writer can flush it before the next one is built. Strictly sequential: the order in which the
 * sheets touch `access` is part of what the v1 collector's query counts measure.
 *
 * @param documents the export's documents in their final order (spec 3)
 * @param substanceFilter applies to sheets 2-6; sheet 1 has none
 */
export async function* streamSheets(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): AsyncGenerator<BuiltSheet, void, undefined> {
  yield { sheet: '1_Hoso_DoanhNhiep', rows: await buildSheet1(documents, access) };
  yield { sheet: '2_DL_ThietBi_SoHuu', rows: await buildSheet2(documents, access, substanceFilter) };
  yield { sheet: '3_DL_ThietBi_SX_NK', rows: await buildSheet3(documents, access, substanceFilter) };
  yield { sheet: '4_DL_MoiChat_EoL', rows: await buildSheet4(documents, access, substanceFilter) };
  yield { sheet: '5_DL_MoiChat_Bulk', rows: await buildSheet5(documents, access, substanceFilter) };
  yield { sheet: '6_DL_QuanLy_HanNgach ', rows: await buildSheet6(documents, access, substanceFilter) };
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
