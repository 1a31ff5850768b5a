import type { DocumentRecord } from './records.ts';
import type { RecordAccess } from './record-access.ts';
import { textOrEmpty } from './odoo-values.ts';

/** TenDoanhNghiep and MaSoDN of a document: `org.name or ''`, `org.business_id or ''`. */
export interface OrganizationCells {
  name: string;
  businessId: string;
}

/**
 * Reads `doc.organization_id` once (one `organization` call) and gives the two text cells every sheet
 * starts with; a document without an organisation gives `''` for both (spec 4, general rules).
 */
export async function organizationCells(
  access: RecordAccess,
  doc: DocumentRecord,
): Promise<OrganizationCells> {
  const organization = await access.organization(doc);
  return {
    name: textOrEmpty(organization?.name ?? null),
    businessId: textOrEmpty(organization?.businessId ?? null),
  };
}
