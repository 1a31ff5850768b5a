import type { DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell } from './sheet-definitions.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { numberOrZero, textOrEmpty } from './odoo-values.ts';
import { organizationCells } from './organization-cells.ts';
import { keptUsageRecords } from './kept-usage-records.ts';
import { usageYears } from './usage-years.ts';

/**
 * Sheet 5 `5_DL_MoiChat_Bulk` (spec 4.5). Both forms skip titles, take HoatDong from the title text above
 * the row through the usage map (default `import`; a Vietnamese title gives `''`, spec 8.4), and, when the
 * substance filter is active, drop rows without a substance. TenChat and MaHS are the record's own text
 * columns (spec 8.10).
 *
 * - Form 01 (`substance_usage`): 0-3 rows per record, one per year with a non-zero kg or CO2 value.
 * - Form 02 (`quota_usage`): exactly one row per record, with no zero check (spec 8.9).
 *
 * Access per document: `organization` once, then `children`; never `substanceName`. The original reads
 * `doc.organization_id.name` again inside every unpivot call, but Odoo's record cache answers those
 * re-reads, so one `organization` call per document stands for all of them.
 */
export async function buildSheet5(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (const doc of documents) {
    const organization = await organizationCells(access, doc);
    if (doc.documentType === '01') {
      const records = await access.children(doc, 'substance_usage');
      for (const { record, activity } of keptUsageRecords(records, substanceFilter)) {
        for (const usageYear of usageYears(doc, record)) {
          rows.push([
            organization.name,
            organization.businessId,
            'Mẫu 01 - Bảng 1.1',
            activity,
            textOrEmpty(record.substanceName),
            usageYear.dataYear,
            usageYear.quantityKg,
            usageYear.quantityCo2,
            '',
          ]);
        }
      }
    } else {
      const records = await access.children(doc, 'quota_usage');
      for (const { record, activity } of keptUsageRecords(records, substanceFilter)) {
        rows.push([
          organization.name,
          organization.businessId,
          'Mẫu 02 - Bảng 2.1',
          activity,
          textOrEmpty(record.substanceName),
          numberOrZero(doc.year),
          numberOrZero(record.totalQuotaKg),
          numberOrZero(record.totalQuotaCo2),
          textOrEmpty(record.hsCode),
        ]);
      }
    }
  }
  return rows;
}
