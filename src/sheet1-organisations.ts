import type { DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import type { Cell } from './sheet-definitions.ts';
import { numberOrZero, textOrEmpty } from './odoo-values.ts';
import { organizationCells } from './organization-cells.ts';

/** Activity codes behind columns 13-20 of sheet 1, in column order (spec 4.1). */
export const SHEET1_ACTIVITY_CODES = [
  'production',
  'import',
  'export',
  'equipment_production',
  'equipment_import',
  'ac_ownership',
  'refrigeration_ownership',
  'collection_recycling',
] as const;

/**
 * Sheet 1 `1_Hoso_DoanhNhiep` (spec 4.1): one row per document, every type, no substance filter.
 *
 * Access per document, in this order: `organization`, `activityCodes`, `contactStateName` (spec 7 lists
 * them so). `activityCodes` answers only active fields, so an archived field never gives an 'X' (spec 8.11).
 */
export async function buildSheet1(
  documents: readonly DocumentRecord[],
  access: RecordAccess,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (const [index, doc] of documents.entries()) {
    const organization = await organizationCells(access, doc);
    const activityCodes = new Set(await access.activityCodes(doc));
    const stateName = await access.contactStateName(doc);
    rows.push([
      index + 1,
      organization.name,
      organization.businessId,
      numberOrZero(doc.year),
      doc.documentType === '01' ? 'Mẫu 01' : 'Mẫu 02',
      textOrEmpty(doc.legalRepresentativeName),
      textOrEmpty(doc.legalRepresentativePosition),
      textOrEmpty(doc.contactPersonName),
      textOrEmpty(doc.contactAddress),
      textOrEmpty(stateName),
      textOrEmpty(doc.contactPhone),
      textOrEmpty(doc.contactEmail),
      ...SHEET1_ACTIVITY_CODES.map((code) => (activityCodes.has(code) ? 'X' : '')),
    ]);
  }
  return rows;
}
