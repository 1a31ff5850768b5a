import type { DocumentRecord, QuotaUsageRow } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell } from './sheet-definitions.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { isNonZero, numberOrZero, textOrEmpty } from './odoo-values.ts';
import { organizationCells } from './organization-cells.ts';
import { keptUsageRecords } from './kept-usage-records.ts';
import { usageYears } from './usage-years.ts';

/** LoaiThongTin of every Form 01 row of sheet 6. */
const PAST_USAGE = 'Lượng sử dụng quá khứ';

/** One quota type of the sheet 6 Form 02 unpivot (spec 4.6), in emission order. */
interface QuotaType {
  label: string;
  kg: (record: QuotaUsageRow) => number | null;
  co2: (record: QuotaUsageRow) => number | null;
}

const QUOTA_TYPES: readonly QuotaType[] = [
  { label: 'Hạn ngạch được phân bổ', kg: (r) => r.allocatedQuotaKg, co2: (r) => r.allocatedQuotaCo2 },
  { label: 'Hạn ngạch điều chỉnh', kg: (r) => r.adjustedQuotaKg, co2: (r) => r.adjustedQuotaCo2 },
  { label: 'Hạn ngạch đã sử dụng', kg: (r) => r.totalQuotaKg, co2: (r) => r.totalQuotaCo2 },
  { label: 'Đăng ký hạn ngạch năm sau', kg: (r) => r.nextYearQuotaKg, co2: (r) => r.nextYearQuotaCo2 },
];

/**
 * Sheet 6 `6_DL_QuanLy_HanNgach ` (spec 4.6). Both forms skip titles, take HoatDong from the title text
 * through the usage map (default `import`), and, when the substance filter is active, drop rows without a
 * substance. TenChat and MaHS are the record's own text columns.
 *
 * - Form 01 (`substance_usage`): the sheet 5 unpivot (0-3 rows); NamBaoCao is `doc.year or ''`.
 * - Form 02 (`quota_usage`): 0-4 rows per record, one per quota type whose kg or CO2 is non-zero
 *   (negatives count); NamBaoCao is `doc.year or 0`, and NamDuLieu is `doc.year` for every type, the
 *   next-year registration included (spec 8.8).
 *
 * Access per document: `organization` once, then `children` (re-read: sheet 5 read the same relations);
 * never `substanceName`. As in sheet 5, the per-record partner re-reads of the original are answered by
 * Odoo's record cache and collapse into the one `organization` call.
 */
export async function buildSheet6(
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
            'Mẫu 01',
            // `doc.year or ''`: unlike every other year cell, NULL and 0 give ''.
            doc.year ? doc.year : '',
            usageYear.dataYear,
            activity,
            textOrEmpty(record.substanceName),
            '',
            PAST_USAGE,
            usageYear.quantityKg,
            usageYear.quantityCo2,
            textOrEmpty(record.notes),
          ]);
        }
      }
    } else {
      const records = await access.children(doc, 'quota_usage');
      for (const { record, activity } of keptUsageRecords(records, substanceFilter)) {
        for (const quotaType of QUOTA_TYPES) {
          const kg = quotaType.kg(record);
          const co2 = quotaType.co2(record);
          if (!isNonZero(kg) && !isNonZero(co2)) continue;
          rows.push([
            organization.name,
            organization.businessId,
            'Mẫu 02',
            numberOrZero(doc.year),
            numberOrZero(doc.year),
            activity,
            textOrEmpty(record.substanceName),
            textOrEmpty(record.hsCode),
            quotaType.label,
            numberOrZero(kg),
            numberOrZero(co2),
            textOrEmpty(record.notes),
          ]);
        }
      }
    }
  }
  return rows;
}
