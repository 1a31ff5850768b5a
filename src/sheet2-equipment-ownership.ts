import type { DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell } from './sheet-definitions.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { childOrder } from './child-order.ts';
import { formatCapacity } from './format-capacity.ts';
import { numberOrZero, textOrEmpty } from './odoo-values.ts';
import { organizationCells } from './organization-cells.ts';
import { passesFilterKeepingNoSubstance } from './substance-filter-match.ts';
import { resolveTitleContext } from './title-context.ts';

/**
 * Sheet 2 `2_DL_ThietBi_SoHuu` (spec 4.2): one row per data record of `equipment_ownership` (Form 01) or
 * `equipment_ownership_report` (any other type, i.e. Form 02), in child order, titles skipped.
 * PhanLoaiThietBi is the raw text of the title above the row (`''` when none). The substance filter keeps
 * rows without a substance.
 *
 * Access per document: `organization`, then `children` of the document's own relation; then
 * `substanceName` for each kept data row that has a substance, in row order.
 */
export async function buildSheet2(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (const doc of documents) {
    const organization = await organizationCells(access, doc);
    const isForm01 = doc.documentType === '01';
    const records = childOrder(
      await access.children(doc, isForm01 ? 'equipment_ownership' : 'equipment_ownership_report'),
    );
    const source = isForm01 ? 'Mẫu 01 - Bảng 1.3' : 'Mẫu 02 - Bảng 2.3';
    const titles = resolveTitleContext(records, 'equipmentType');
    for (const record of records) {
      if (record.isTitle) continue;
      if (!passesFilterKeepingNoSubstance(substanceFilter, record.substanceId)) continue;
      const substanceName =
        record.substanceId === null ? null : await access.substanceName(record.substanceId);
      rows.push([
        organization.name,
        organization.businessId,
        numberOrZero(doc.year),
        source,
        titles.get(record.id) ?? '',
        textOrEmpty(record.equipmentType),
        textOrEmpty(substanceName),
        formatCapacity(record),
        // start_year or '': an Integer reads 0 for NULL, and 0 is falsy.
        record.startYear ? record.startYear : '',
        numberOrZero(record.equipmentQuantity),
        textOrEmpty(record.refillFrequency),
        // A Char column, yet the original writes `or 0`: a string or the number 0 (spec 4.8).
        record.substanceQuantityPerRefill ? record.substanceQuantityPerRefill : 0,
        // equipment_ownership has no notes column.
        isForm01 ? '' : textOrEmpty(record.notes),
      ]);
    }
  }
  return rows;
}
