import type { ChildRelation, ChildRelations, DocumentRecord, OrganizationRecord } from './records.ts';

/**
 * How the sheet builders reach related records. This interface is the variable under test: the sheets are
 * written once, and each collector implements these calls with its own loading strategy (v1 loads on first
 * touch, one record at a time; v2 answers from data it loaded in bulk).
 *
 * Every method answers what Odoo's ORM would answer when the sheet code touches that attribute.
 */
export interface RecordAccess {
  /** `doc.organization_id`: the partner, or `null` when the document has none. */
  organization(doc: DocumentRecord): Promise<OrganizationRecord | null>;
  /**
   * `doc.activity_field_ids.mapped('code')`: codes of the linked activity fields that are **active**
   * (reading the x2many drops archived comodel records, spec 1.4).
   */
  activityCodes(doc: DocumentRecord): Promise<readonly string[]>;
  /** `doc.contact_state_id.name`, or `null`. */
  contactStateName(doc: DocumentRecord): Promise<string | null>;
  /**
   * A one2many list of the document, in the relation's database order: `sequence NULLS LAST, id` for the
   * sequenced tables, `substance_name COLLATE "C" NULLS LAST, id` for `collection_recycling_report`
   * (spec 4.4 decision). The sheets apply the stable re-sort by `COALESCE(sequence, 0)` themselves.
   */
  children<R extends ChildRelation>(doc: DocumentRecord, relation: R): Promise<readonly ChildRelations[R][]>;
  /** `controlled_substance.name` (the `en_US` value) of a substance id. */
  substanceName(substanceId: number): Promise<string | null>;
  /** `hs_code.code` of an HS code id. */
  hsCodeCode(hsCodeId: number): Promise<string | null>;
}
