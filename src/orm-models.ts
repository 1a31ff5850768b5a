/**
 * The models the export touches, as Odoo 18's ORM sees them: each model's table and its stored column
 * fields, in this schema's column order. `v1-orm` reads "all stored column fields of a model together",
 * so these lists are what its column statements select (the magic `id` is always selected first).
 *
 * The lists are this project's columns (migrations/), not the original module's: the schema recreates the
 * module's tables column for column, minus fields the export never needs and the harness does not create.
 * Written out rather than read from `information_schema`, because asking the catalog would itself be a
 * round trip that production never sends.
 */

/** How a column is selected. */
export type OrmColumnKind =
  /** Plain: `"table"."column"`. */
  | 'plain'
  /** A translated field stored as jsonb: Odoo selects the request language, `"table"."column"->>'en_US'`. */
  | 'translated'
  /**
   * A timestamp the export compares (`create_date`): selected as fixed-width text with microseconds,
   * because a JavaScript `Date` keeps milliseconds only and would turn distinct timestamps into ties.
   */
  | 'timestamp-key';

export interface OrmColumn {
  name: string;
  kind: OrmColumnKind;
}

export type OrmModelName =
  | 'document_extraction'
  | 'res_partner'
  | 'res_country_state'
  | 'activity_field'
  | 'controlled_substance'
  | 'hs_code'
  | 'substance_usage'
  | 'quota_usage'
  | 'equipment_product'
  | 'equipment_product_report'
  | 'equipment_ownership'
  | 'equipment_ownership_report'
  | 'collection_recycling'
  | 'collection_recycling_report';

const MAGIC_TAIL = 'create_uid create_date write_uid write_date';

/** Columns from a space-separated list; `name*` marks a translated field, `name@` a timestamp key. */
function columns(list: string): readonly OrmColumn[] {
  return list
    .split(/\s+/)
    .filter((name) => name !== '')
    .map((name) =>
      name.endsWith('*')
        ? { name: name.slice(0, -1), kind: 'translated' as const }
        : name.endsWith('@')
          ? { name: name.slice(0, -1), kind: 'timestamp-key' as const }
          : { name, kind: 'plain' as const },
    );
}

/** Stored column fields per model (the `id` column excluded: it is always selected first). */
export const ORM_COLUMNS: { readonly [M in OrmModelName]: readonly OrmColumn[] } = {
  document_extraction: columns(`name document_type pdf_attachment_id pdf_filename extraction_date year year_1
    year_2 year_3 state needs_review review_notes source ocr_status ocr_error_message gdrive_file_id
    organization_id organization_name business_id business_license_date business_license_place
    legal_representative_name legal_representative_position contact_person_name contact_address contact_phone
    contact_fax contact_email contact_country_id contact_state_id has_table_1_1 has_table_1_2 has_table_1_3
    has_table_1_4 has_table_2_1 has_table_2_2 has_table_2_3 has_table_2_4 is_capacity_merged_table_1_2
    is_capacity_merged_table_1_3 is_capacity_merged_table_2_2 is_capacity_merged_table_2_3 extraction_log_id
    create_uid create_date@ write_uid write_date`),
  res_partner: columns(`name state_id active is_company business_id business_license_date
    business_license_place legal_representative_name legal_representative_position contact_person_name fax
    x_partner_type ${MAGIC_TAIL}`),
  res_country_state: columns(`country_id name code ${MAGIC_TAIL}`),
  activity_field: columns(`name* code sequence description* active ${MAGIC_TAIL}`),
  controlled_substance: columns(`name* code formula cas_number hs_code_id hs_code_display form_type gwp
    substance_group_id active needs_review created_from_extraction ${MAGIC_TAIL}`),
  hs_code: columns(`code name* product_category* chapter active needs_review created_from_extraction
    ${MAGIC_TAIL}`),
  substance_usage: columns(`document_id sequence is_title usage_type substance_id substance_name notes
    year_1_quantity_kg year_1_quantity_co2 year_2_quantity_kg year_2_quantity_co2 year_3_quantity_kg
    year_3_quantity_co2 avg_quantity_kg avg_quantity_co2 ${MAGIC_TAIL}`),
  quota_usage:
    columns(`document_id sequence is_title usage_type substance_id substance_name hs_code_id hs_code
    allocated_quota_kg allocated_quota_co2 adjusted_quota_kg adjusted_quota_co2 total_quota_kg total_quota_co2
    next_year_quota_kg next_year_quota_co2 notes average_price country_text customs_declaration_number
    ${MAGIC_TAIL}`),
  equipment_product: columns(`document_id sequence is_title equipment_type_id product_type hs_code_id hs_code
    capacity cooling_capacity power_capacity quantity substance_id substance_name substance_quantity_per_unit
    notes ${MAGIC_TAIL}`),
  equipment_product_report: columns(`document_id sequence is_title production_type equipment_type_id
    product_type hs_code_id hs_code capacity cooling_capacity power_capacity quantity substance_id
    substance_name substance_quantity_per_unit notes ${MAGIC_TAIL}`),
  equipment_ownership: columns(`document_id sequence is_title equipment_type_id equipment_type start_year
    capacity cooling_capacity power_capacity equipment_quantity substance_id substance_name refill_frequency
    substance_quantity_per_refill ${MAGIC_TAIL}`),
  equipment_ownership_report: columns(`document_id sequence is_title ownership_type equipment_type_id
    equipment_type start_year capacity cooling_capacity power_capacity equipment_quantity substance_id
    substance_name refill_frequency substance_quantity_per_refill notes ${MAGIC_TAIL}`),
  collection_recycling: columns(`document_id sequence is_title activity_type substance_id substance_name
    quantity_kg quantity_co2 notes ${MAGIC_TAIL}`),
  collection_recycling_report: columns(`document_id substance_id substance_name collection_quantity_kg
    collection_location_id collection_location storage_location_id storage_location reuse_quantity_kg
    reuse_technology_id reuse_technology recycle_quantity_kg recycle_technology_id recycle_technology
    recycle_facility_id recycle_usage_location_id recycle_usage_location disposal_quantity_kg
    disposal_technology_id disposal_technology disposal_facility_id disposal_facility notes ${MAGIC_TAIL}`),
};

/** The SQL that selects one column of `model` as Odoo's `_fetch_query` does (adapted, see `OrmColumnKind`). */
export function columnSql(model: OrmModelName, column: OrmColumn): string {
  const ref = `"${model}"."${column.name}"`;
  switch (column.kind) {
    case 'translated':
      return `${ref}->>'en_US'`;
    case 'timestamp-key':
      return `to_char(${ref}, 'YYYYMMDDHH24MISSUS')`;
    default:
      return ref;
  }
}
