import type { DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell } from './sheet-definitions.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { childOrder } from './child-order.ts';
import { formatCapacity } from './format-capacity.ts';
import { numberOrZero, textOrEmpty } from './odoo-values.ts';
import { organizationCells } from './organization-cells.ts';
import { passesFilterKeepingNoSubstance } from './substance-filter-match.ts';

/**
 * Sheet 3 `3_DL_ThietBi_SX_NK` (spec 4.3): one row per data record of `equipment_product` (Form 01) or
 * `equipment_product_report` (Form 02), in child order, titles skipped, no title context. The substance
 * filter keeps rows without a substance. MaHS is `hs_code_id.code`; the row's own `hs_code` text is
 * ignored (spec 8.10).
 *
 * Access per document: `organization`, then `children`; then per kept data row, in column order,
 * `hsCodeCode` (rows with an `hs_code_id`) and `substanceName` (rows with a substance).
 */
export async function buildSheet3(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (const doc of documents) {
    const organization = await organizationCells(access, doc);
    const isForm01 = doc.documentType === '01';
    const records = childOrder(
      await access.children(doc, isForm01 ? 'equipment_product' : 'equipment_product_report'),
    );
    const source = isForm01 ? 'Mẫu 01 - Bảng 1.2' : 'Mẫu 02 - Bảng 2.2';
    for (const record of records) {
      if (record.isTitle) continue;
      if (!passesFilterKeepingNoSubstance(substanceFilter, record.substanceId)) continue;
      const activity = isForm01 ? '' : record.productionType === 'production' ? 'Sản xuất' : 'Nhập khẩu';
      const hsCode = record.hsCodeId === null ? null : await access.hsCodeCode(record.hsCodeId);
      const substanceName =
        record.substanceId === null ? null : await access.substanceName(record.substanceId);
      rows.push([
        organization.name,
        organization.businessId,
        numberOrZero(doc.year),
        source,
        activity,
        textOrEmpty(record.productType),
        textOrEmpty(hsCode),
        formatCapacity(record),
        numberOrZero(record.quantity),
        textOrEmpty(substanceName),
        textOrEmpty(record.substanceQuantityPerUnit),
      ]);
    }
  }
  return rows;
}
