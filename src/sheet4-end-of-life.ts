import type { CollectionRecyclingReportRow, DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell } from './sheet-definitions.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { activityLabel, COLLECTION_ACTIVITY_LABELS } from './activity-labels.ts';
import { childOrder } from './child-order.ts';
import { numberOrZero, textOrEmpty } from './odoo-values.ts';
import { organizationCells } from './organization-cells.ts';
import { passesFilterKeepingNoSubstance } from './substance-filter-match.ts';
import { resolveTitleContext } from './title-context.ts';

/** One activity of the Form 02 end-of-life unpivot (spec 4.4), in emission order. */
interface EndOfLifeActivity {
  label: string;
  quantityKg: (record: CollectionRecyclingReportRow) => number | null;
  detail1: (record: CollectionRecyclingReportRow) => string | null;
  detail2: (record: CollectionRecyclingReportRow) => string | null;
}

/** The four Form 02 activities in their fixed order; ChiTiet come from the stored text columns. */
const END_OF_LIFE_ACTIVITIES: readonly EndOfLifeActivity[] = [
  {
    label: 'Thu gom',
    quantityKg: (record) => record.collectionQuantityKg,
    detail1: (record) => record.collectionLocation,
    detail2: (record) => record.storageLocation,
  },
  {
    label: 'Tái sử dụng',
    quantityKg: (record) => record.reuseQuantityKg,
    detail1: (record) => record.reuseTechnology,
    detail2: () => null,
  },
  {
    label: 'Tái chế',
    quantityKg: (record) => record.recycleQuantityKg,
    detail1: (record) => record.recycleTechnology,
    detail2: (record) => record.recycleUsageLocation,
  },
  {
    label: 'Xử lý/Tiêu hủy',
    quantityKg: (record) => record.disposalQuantityKg,
    detail1: (record) => record.disposalTechnology,
    detail2: (record) => record.disposalFacility,
  },
];

/**
 * Sheet 4 `4_DL_MoiChat_EoL` (spec 4.4). The substance filter keeps rows without a substance in both forms.
 *
 * - Form 01 (`collection_recycling`, child order, titles skipped): one row per record with
 *   `quantity_kg > 0`; HoatDong maps the title text above the row (default `collection`), so a Vietnamese
 *   title gives `''` (spec 8.4).
 * - Form 02 (`collection_recycling_report`, database order, not re-sorted, no titles): 0-4 rows per record,
 *   one per activity whose quantity is `> 0`.
 *
 * Access per document: `organization`, then `children`. `substanceName` (rows with a substance): Form 01
 * only for rows that pass the quantity check; Form 02 for every record that passes the filter, even one
 * that yields no row, because the original builds the base row before the quantity checks (spec 7).
 */
export async function buildSheet4(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
  substanceFilter: SubstanceFilter,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (const doc of documents) {
    const organization = await organizationCells(access, doc);
    const year = numberOrZero(doc.year);
    if (doc.documentType === '01') {
      const records = childOrder(await access.children(doc, 'collection_recycling'));
      const titles = resolveTitleContext(records, 'substanceName');
      for (const record of records) {
        if (record.isTitle) continue;
        if (!passesFilterKeepingNoSubstance(substanceFilter, record.substanceId)) continue;
        // NULL, 0, negatives and NaN all fail `> 0`.
        if (!(record.quantityKg !== null && record.quantityKg > 0)) continue;
        const substanceName =
          record.substanceId === null ? null : await access.substanceName(record.substanceId);
        rows.push([
          organization.name,
          organization.businessId,
          year,
          'Mẫu 01 - Bảng 1.4',
          textOrEmpty(substanceName),
          activityLabel(COLLECTION_ACTIVITY_LABELS, titles, record.id, 'collection'),
          record.quantityKg,
          '',
          '',
        ]);
      }
    } else {
      const records = await access.children(doc, 'collection_recycling_report');
      for (const record of records) {
        if (!passesFilterKeepingNoSubstance(substanceFilter, record.substanceId)) continue;
        const substanceName =
          record.substanceId === null ? null : await access.substanceName(record.substanceId);
        for (const activity of END_OF_LIFE_ACTIVITIES) {
          const quantityKg = activity.quantityKg(record);
          if (!(quantityKg !== null && quantityKg > 0)) continue;
          rows.push([
            organization.name,
            organization.businessId,
            year,
            'Mẫu 02 - Bảng 2.4',
            textOrEmpty(substanceName),
            activity.label,
            quantityKg,
            textOrEmpty(activity.detail1(record)),
            textOrEmpty(activity.detail2(record)),
          ]);
        }
      }
    }
  }
  return rows;
}
