// @ts-check
/**
 * The HFC schema as Odoo 18 creates it for the models the export reads (the export contract:
 * `docs/export-contract.md`): every table, column type, NOT NULL, primary key, foreign key with
 * its ON DELETE, CHECK, unique constraint and `index=True` index.
 *
 * Plain ESM JavaScript on purpose: node-pg-migrate loads migration files itself (through jiti), from the
 * CLI under tsx and from vitest alike, and a `.js` file needs no transpiling in any of them.
 *
 * The DDL mirrors the statements Odoo issues, so that PostgreSQL names the objects the way it names them
 * in a real Odoo database:
 * - model tables: `CREATE TABLE t (id SERIAL NOT NULL, ..., PRIMARY KEY(id))`, so `t_pkey` and `t_id_seq`;
 * - `index=True`: `CREATE INDEX "t__col_index" ON t USING btree (col)`;
 * - `_sql_constraints`: `ALTER TABLE t ADD CONSTRAINT "t_<key>" <definition>`;
 * - Many2one: `ALTER TABLE t ADD FOREIGN KEY (col) REFERENCES t2(id) ON DELETE ...`, unnamed, so
 *   PostgreSQL names it `t_col_fkey`;
 * - Many2many: `CREATE TABLE rel (c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, PRIMARY KEY(c1, c2))` plus
 *   an unnamed `CREATE INDEX ON rel (c2, c1)`, which PostgreSQL names `rel_c2_c1_idx` (truncated to 63
 *   bytes when longer), and both foreign keys ON DELETE CASCADE.
 * Odoo's COMMENT ON TABLE/COLUMN statements are left out: they carry labels, not structure.
 * `create_uid` / `write_uid` have no foreign key because `res_users` is not part of the harness.
 */

import { Buffer } from 'node:buffer';

/** @typedef {'SET NULL' | 'RESTRICT' | 'CASCADE'} OnDelete */
/**
 * @typedef {object} ColumnSpec
 * @property {string} name
 * @property {string} type PostgreSQL type as Odoo declares it
 * @property {boolean} [notNull] `required=True`
 * @property {boolean} [index] `index=True`
 * @property {{ table: string, onDelete: OnDelete }} [references] Many2one target
 */
/**
 * @typedef {object} ModelSpec
 * @property {string} table
 * @property {ColumnSpec[]} columns the model's own columns (the magic columns are added for every model)
 * @property {Array<[key: string, definition: string]>} [constraints] `_sql_constraints`
 */
/**
 * @typedef {object} RelationSpec
 * @property {string} table
 * @property {string} column1
 * @property {string} table1
 * @property {string} column2
 * @property {string} table2
 */

/** PostgreSQL's NAMEDATALEN - 1: a longer name would be truncated silently, so refuse it. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * @param {string} name
 * @param {string} type
 * @param {Omit<ColumnSpec, 'name' | 'type'>} [options]
 * @returns {ColumnSpec}
 */
function col(name, type, options = {}) {
  return { name, type, ...options };
}

/**
 * A Many2one column. Odoo's default ON DELETE is SET NULL; the spec names RESTRICT or CASCADE where the
 * field declares it.
 * @param {string} name
 * @param {string} table
 * @param {OnDelete} onDelete
 * @param {{ notNull?: boolean, index?: boolean }} [options]
 * @returns {ColumnSpec}
 */
function m2o(name, table, onDelete, options = {}) {
  return { name, type: 'int4', references: { table, onDelete }, ...options };
}

/** The one2many line tables all hang off the document this way (spec 1.9). */
const documentLink = m2o('document_id', 'document_extraction', 'CASCADE', { notNull: true, index: true });
const sequenceAndTitle = [col('sequence', 'int4'), col('is_title', 'bool')];
const capacityColumns = [
  col('capacity', 'varchar'),
  col('cooling_capacity', 'varchar'),
  col('power_capacity', 'varchar'),
];
const reviewFlags = [
  col('active', 'bool'),
  col('needs_review', 'bool'),
  col('created_from_extraction', 'bool'),
];

/**
 * Model tables in creation order (a table's foreign keys are added after every table exists, as Odoo
 * does, so the order only matters for reading).
 * @type {ModelSpec[]}
 */
const MODELS = [
  // Minimal stand-ins for base models that document_extraction references (kept for FK realism).
  { table: 'ir_attachment', columns: [col('name', 'varchar', { notNull: true })] },
  { table: 'google_drive_extraction_log', columns: [] },
  {
    table: 'res_country',
    columns: [col('name', 'jsonb', { notNull: true }), col('code', 'varchar(2)', { notNull: true })],
    constraints: [
      ['name_uniq', 'unique (name)'],
      ['code_uniq', 'unique (code)'],
    ],
  },
  {
    table: 'res_country_state',
    columns: [
      m2o('country_id', 'res_country', 'RESTRICT', { notNull: true }),
      col('name', 'varchar', { notNull: true }),
      col('code', 'varchar', { notNull: true }),
    ],
    constraints: [['name_code_uniq', 'unique(country_id, code)']],
  },
  {
    table: 'res_partner',
    columns: [
      col('name', 'varchar', { index: true }),
      // Base res.partner declares state_id with ondelete='restrict'.
      m2o('state_id', 'res_country_state', 'RESTRICT'),
      col('active', 'bool'),
      col('is_company', 'bool'),
      col('business_id', 'varchar', { index: true }),
      col('business_license_date', 'date'),
      col('business_license_place', 'varchar'),
      col('legal_representative_name', 'varchar'),
      col('legal_representative_position', 'varchar'),
      col('contact_person_name', 'varchar'),
      col('fax', 'varchar'),
      col('x_partner_type', 'varchar'),
    ],
    constraints: [['business_id_unique', 'UNIQUE(business_id)']],
  },
  {
    table: 'activity_field',
    columns: [
      col('name', 'jsonb', { notNull: true }),
      col('code', 'varchar', { notNull: true, index: true }),
      col('sequence', 'int4'),
      col('description', 'jsonb'),
      col('active', 'bool'),
    ],
    constraints: [['code_unique', 'UNIQUE(code)']],
  },
  {
    table: 'substance_group',
    columns: [
      col('name', 'jsonb', { notNull: true, index: true }),
      col('code', 'varchar', { notNull: true, index: true }),
      col('sequence', 'int4'),
      col('description', 'jsonb'),
      col('substance_count', 'int4'),
      col('active', 'bool'),
      col('color', 'int4'),
      col('needs_review', 'bool'),
      col('created_from_extraction', 'bool'),
    ],
    constraints: [
      ['code_unique', 'UNIQUE(code)'],
      ['name_unique', 'UNIQUE(name)'],
    ],
  },
  {
    table: 'hs_code',
    columns: [
      col('code', 'varchar(12)', { notNull: true, index: true }),
      col('name', 'jsonb', { notNull: true }),
      col('product_category', 'jsonb'),
      col('chapter', 'varchar'),
      ...reviewFlags,
    ],
    constraints: [['code_unique', 'unique(code)']],
  },
  {
    table: 'controlled_substance',
    columns: [
      col('name', 'jsonb', { notNull: true, index: true }),
      col('code', 'varchar', { index: true }),
      col('formula', 'varchar'),
      col('cas_number', 'varchar'),
      m2o('hs_code_id', 'hs_code', 'RESTRICT', { index: true }),
      col('hs_code_display', 'varchar'),
      col('form_type', 'varchar'),
      col('gwp', 'float8'),
      m2o('substance_group_id', 'substance_group', 'RESTRICT', { index: true }),
      ...reviewFlags,
    ],
    constraints: [['code_unique', 'UNIQUE(code)']],
  },
  {
    table: 'equipment_type',
    columns: [
      col('name', 'varchar', { notNull: true, index: true }),
      col('code', 'varchar', { index: true }),
      col('sequence', 'int4'),
      col('description', 'text'),
      col('category', 'varchar'),
      col('min_capacity', 'float8'),
      col('max_capacity', 'float8'),
      ...reviewFlags,
    ],
    constraints: [['code_unique', 'unique(code)']],
  },
  {
    table: 'collection_location',
    columns: [
      col('name', 'varchar', { notNull: true, index: true }),
      col('code', 'varchar', { index: true }),
      col('location_type', 'varchar'),
      col('address', 'varchar'),
      col('city', 'varchar', { index: true }),
      col('district', 'varchar'),
      m2o('country_id', 'res_country', 'SET NULL'),
      ...reviewFlags,
    ],
  },
  {
    table: 'recycling_technology',
    columns: [
      col('name', 'varchar', { notNull: true, index: true }),
      col('code', 'varchar', { index: true }),
      col('sequence', 'int4'),
      col('technology_type', 'varchar', { notNull: true }),
      col('description', 'text'),
      col('efficiency_rate', 'float8'),
      ...reviewFlags,
    ],
  },
  {
    table: 'recycling_facility',
    columns: [
      col('name', 'varchar', { notNull: true, index: true }),
      col('code', 'varchar', { index: true }),
      col('facility_type', 'varchar'),
      m2o('partner_id', 'res_partner', 'SET NULL'),
      col('address', 'varchar'),
      col('city', 'varchar'),
      m2o('country_id', 'res_country', 'SET NULL'),
      col('capacity', 'float8'),
      ...reviewFlags,
    ],
  },
  {
    table: 'document_extraction',
    columns: [
      col('name', 'varchar', { index: true }),
      col('document_type', 'varchar', { notNull: true, index: true }),
      m2o('pdf_attachment_id', 'ir_attachment', 'CASCADE'),
      col('pdf_filename', 'varchar'),
      col('extraction_date', 'timestamp'),
      col('year', 'int4', { index: true }),
      col('year_1', 'int4'),
      col('year_2', 'int4'),
      col('year_3', 'int4'),
      col('state', 'varchar', { notNull: true, index: true }),
      col('needs_review', 'bool'),
      col('review_notes', 'text'),
      col('source', 'varchar', { notNull: true, index: true }),
      col('ocr_status', 'varchar', { index: true }),
      col('ocr_error_message', 'text'),
      col('gdrive_file_id', 'varchar', { index: true }),
      m2o('organization_id', 'res_partner', 'RESTRICT', { index: true }),
      col('organization_name', 'varchar'),
      col('business_id', 'varchar'),
      col('business_license_date', 'date'),
      col('business_license_place', 'varchar'),
      col('legal_representative_name', 'varchar'),
      col('legal_representative_position', 'varchar'),
      col('contact_person_name', 'varchar'),
      col('contact_address', 'varchar'),
      col('contact_phone', 'varchar'),
      col('contact_fax', 'varchar'),
      col('contact_email', 'varchar'),
      m2o('contact_country_id', 'res_country', 'SET NULL'),
      m2o('contact_state_id', 'res_country_state', 'SET NULL'),
      col('has_table_1_1', 'bool'),
      col('has_table_1_2', 'bool'),
      col('has_table_1_3', 'bool'),
      col('has_table_1_4', 'bool'),
      col('has_table_2_1', 'bool'),
      col('has_table_2_2', 'bool'),
      col('has_table_2_3', 'bool'),
      col('has_table_2_4', 'bool'),
      col('is_capacity_merged_table_1_2', 'bool'),
      col('is_capacity_merged_table_1_3', 'bool'),
      col('is_capacity_merged_table_2_2', 'bool'),
      col('is_capacity_merged_table_2_3', 'bool'),
      m2o('extraction_log_id', 'google_drive_extraction_log', 'SET NULL', { index: true }),
    ],
  },
  {
    table: 'substance_usage',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      col('usage_type', 'varchar', { index: true }),
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar', { index: true }),
      col('notes', 'text'),
      col('year_1_quantity_kg', 'numeric'),
      col('year_1_quantity_co2', 'numeric'),
      col('year_2_quantity_kg', 'numeric'),
      col('year_2_quantity_co2', 'numeric'),
      col('year_3_quantity_kg', 'numeric'),
      col('year_3_quantity_co2', 'numeric'),
      col('avg_quantity_kg', 'numeric'),
      col('avg_quantity_co2', 'numeric'),
    ],
    constraints: [
      ['year_1_quantity_kg_positive', 'CHECK(year_1_quantity_kg IS NULL OR year_1_quantity_kg >= 0)'],
      ['year_2_quantity_kg_positive', 'CHECK(year_2_quantity_kg IS NULL OR year_2_quantity_kg >= 0)'],
      ['year_3_quantity_kg_positive', 'CHECK(year_3_quantity_kg IS NULL OR year_3_quantity_kg >= 0)'],
      ['avg_quantity_kg_positive', 'CHECK(avg_quantity_kg IS NULL OR avg_quantity_kg >= 0)'],
      ['year_1_quantity_co2_positive', 'CHECK(year_1_quantity_co2 IS NULL OR year_1_quantity_co2 >= 0)'],
      ['year_2_quantity_co2_positive', 'CHECK(year_2_quantity_co2 IS NULL OR year_2_quantity_co2 >= 0)'],
      ['year_3_quantity_co2_positive', 'CHECK(year_3_quantity_co2 IS NULL OR year_3_quantity_co2 >= 0)'],
      ['avg_quantity_co2_positive', 'CHECK(avg_quantity_co2 IS NULL OR avg_quantity_co2 >= 0)'],
    ],
  },
  {
    table: 'quota_usage',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      col('usage_type', 'varchar', { index: true }),
      m2o('substance_id', 'controlled_substance', 'CASCADE', { index: true }),
      col('substance_name', 'varchar', { index: true }),
      m2o('hs_code_id', 'hs_code', 'RESTRICT', { index: true }),
      col('hs_code', 'varchar'),
      col('allocated_quota_kg', 'numeric'),
      col('allocated_quota_co2', 'numeric'),
      col('adjusted_quota_kg', 'numeric'),
      col('adjusted_quota_co2', 'numeric'),
      col('total_quota_kg', 'numeric', { index: true }),
      col('total_quota_co2', 'numeric'),
      col('next_year_quota_kg', 'numeric'),
      col('next_year_quota_co2', 'numeric'),
      col('notes', 'text'),
      col('average_price', 'varchar'),
      col('country_text', 'varchar'),
      col('customs_declaration_number', 'varchar'),
    ],
    constraints: [
      ['allocated_quota_kg_positive', 'CHECK(allocated_quota_kg IS NULL OR allocated_quota_kg >= 0)'],
      // Declared by the module although it accepts every value (adjusted quotas may be negative).
      ['adjusted_quota_kg_check', 'CHECK(adjusted_quota_kg IS NULL OR TRUE)'],
      ['total_quota_kg_positive', 'CHECK(total_quota_kg IS NULL OR total_quota_kg >= 0)'],
      ['allocated_quota_co2_positive', 'CHECK(allocated_quota_co2 IS NULL OR allocated_quota_co2 >= 0)'],
      ['total_quota_co2_positive', 'CHECK(total_quota_co2 IS NULL OR total_quota_co2 >= 0)'],
    ],
  },
  {
    table: 'equipment_product',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      m2o('equipment_type_id', 'equipment_type', 'RESTRICT', { index: true }),
      col('product_type', 'varchar'),
      m2o('hs_code_id', 'hs_code', 'RESTRICT', { index: true }),
      col('hs_code', 'varchar'),
      ...capacityColumns,
      col('quantity', 'numeric'),
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar'),
      col('substance_quantity_per_unit', 'varchar'),
      col('notes', 'text'),
    ],
  },
  {
    table: 'equipment_product_report',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      col('production_type', 'varchar', { index: true }),
      m2o('equipment_type_id', 'equipment_type', 'RESTRICT', { index: true }),
      col('product_type', 'varchar'),
      m2o('hs_code_id', 'hs_code', 'RESTRICT', { index: true }),
      col('hs_code', 'varchar'),
      ...capacityColumns,
      col('quantity', 'numeric'),
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar'),
      col('substance_quantity_per_unit', 'varchar'),
      col('notes', 'text'),
    ],
  },
  {
    table: 'equipment_ownership',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      m2o('equipment_type_id', 'equipment_type', 'RESTRICT', { index: true }),
      col('equipment_type', 'varchar'),
      col('start_year', 'int4'),
      ...capacityColumns,
      col('equipment_quantity', 'int4'),
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar'),
      col('refill_frequency', 'varchar'),
      col('substance_quantity_per_refill', 'varchar'),
    ],
  },
  {
    table: 'equipment_ownership_report',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      col('ownership_type', 'varchar', { index: true }),
      m2o('equipment_type_id', 'equipment_type', 'RESTRICT', { index: true }),
      col('equipment_type', 'varchar'),
      col('start_year', 'int4'),
      ...capacityColumns,
      col('equipment_quantity', 'int4'),
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar'),
      col('refill_frequency', 'varchar'),
      col('substance_quantity_per_refill', 'varchar'),
      col('notes', 'text'),
    ],
  },
  {
    table: 'collection_recycling',
    columns: [
      documentLink,
      ...sequenceAndTitle,
      col('activity_type', 'varchar', { index: true }),
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar'),
      col('quantity_kg', 'numeric'),
      col('quantity_co2', 'numeric'),
      col('notes', 'text'),
    ],
  },
  {
    table: 'collection_recycling_report',
    columns: [
      documentLink,
      m2o('substance_id', 'controlled_substance', 'RESTRICT', { index: true }),
      col('substance_name', 'varchar'),
      col('collection_quantity_kg', 'numeric'),
      m2o('collection_location_id', 'collection_location', 'RESTRICT'),
      col('collection_location', 'varchar'),
      m2o('storage_location_id', 'collection_location', 'RESTRICT'),
      col('storage_location', 'varchar'),
      col('reuse_quantity_kg', 'numeric'),
      m2o('reuse_technology_id', 'recycling_technology', 'RESTRICT'),
      col('reuse_technology', 'varchar'),
      col('recycle_quantity_kg', 'numeric'),
      m2o('recycle_technology_id', 'recycling_technology', 'RESTRICT'),
      col('recycle_technology', 'varchar'),
      m2o('recycle_facility_id', 'recycling_facility', 'RESTRICT'),
      m2o('recycle_usage_location_id', 'collection_location', 'RESTRICT'),
      col('recycle_usage_location', 'varchar'),
      col('disposal_quantity_kg', 'numeric'),
      m2o('disposal_technology_id', 'recycling_technology', 'RESTRICT'),
      col('disposal_technology', 'varchar'),
      m2o('disposal_facility_id', 'recycling_facility', 'RESTRICT'),
      col('disposal_facility', 'varchar'),
      col('notes', 'text'),
    ],
  },
];

/** Many2many relation tables (no magic columns). @type {RelationSpec[]} */
const RELATIONS = [
  {
    table: 'document_extraction_activity_field_rel',
    column1: 'document_id',
    table1: 'document_extraction',
    column2: 'activity_field_id',
    table2: 'activity_field',
  },
  {
    table: 'controlled_substance_sub_hs_code_rel',
    column1: 'substance_id',
    table1: 'controlled_substance',
    column2: 'hs_code_id',
    table2: 'hs_code',
  },
  {
    table: 'facility_technology_rel',
    column1: 'facility_id',
    table1: 'recycling_facility',
    column2: 'technology_id',
    table2: 'recycling_technology',
  },
];

/**
 * @param {string} name
 * @returns {string}
 */
function ident(name) {
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new Error(
      `hfc-schema migration: identifier "${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would truncate it. Shorten it in migrations/1700000000000_hfc-schema.js.`,
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The statements that create the whole schema, in order: tables, then indexes and `_sql_constraints`,
 * then foreign keys (Odoo adds foreign keys last, once every table exists).
 * @returns {string[]}
 */
function upStatements() {
  /** @type {string[]} */
  const tables = [];
  /** @type {string[]} */
  const indexesAndConstraints = [];
  /** @type {string[]} */
  const foreignKeys = [];

  for (const model of MODELS) {
    const t = ident(model.table);
    const columns = [
      'id SERIAL NOT NULL',
      '"create_uid" int4',
      '"create_date" timestamp NOT NULL',
      '"write_uid" int4',
      '"write_date" timestamp',
      ...model.columns.map((c) => `${ident(c.name)} ${c.type}${c.notNull ? ' NOT NULL' : ''}`),
      'PRIMARY KEY(id)',
    ];
    tables.push(`CREATE TABLE ${t} (\n  ${columns.join(',\n  ')}\n)`);
    for (const c of model.columns) {
      if (c.index) {
        indexesAndConstraints.push(
          `CREATE INDEX ${ident(`${model.table}__${c.name}_index`)} ON ${t} USING btree (${ident(c.name)})`,
        );
      }
      if (c.references) {
        foreignKeys.push(
          `ALTER TABLE ${t} ADD FOREIGN KEY (${ident(c.name)}) REFERENCES ${ident(c.references.table)}("id") ON DELETE ${c.references.onDelete}`,
        );
      }
    }
    for (const [key, definition] of model.constraints ?? []) {
      indexesAndConstraints.push(
        `ALTER TABLE ${t} ADD CONSTRAINT ${ident(`${model.table}_${key}`)} ${definition}`,
      );
    }
  }

  for (const rel of RELATIONS) {
    const t = ident(rel.table);
    const c1 = ident(rel.column1);
    const c2 = ident(rel.column2);
    tables.push(
      `CREATE TABLE ${t} (${c1} INTEGER NOT NULL, ${c2} INTEGER NOT NULL, PRIMARY KEY(${c1}, ${c2}))`,
    );
    // Unnamed on purpose, as in Odoo: PostgreSQL chooses "<table>_<col2>_<col1>_idx".
    indexesAndConstraints.push(`CREATE INDEX ON ${t} (${c2}, ${c1})`);
    foreignKeys.push(
      `ALTER TABLE ${t} ADD FOREIGN KEY (${c1}) REFERENCES ${ident(rel.table1)}("id") ON DELETE CASCADE`,
    );
    foreignKeys.push(
      `ALTER TABLE ${t} ADD FOREIGN KEY (${c2}) REFERENCES ${ident(rel.table2)}("id") ON DELETE CASCADE`,
    );
  }

  return [...tables, ...indexesAndConstraints, ...foreignKeys];
}

/**
 * Dropping the tables removes everything `up` created: their columns, indexes, constraints, foreign keys
 * and the sequences owned by their serial columns. One statement, relations and children first.
 * @returns {string}
 */
function downStatement() {
  const tables = [...MODELS.map((m) => m.table), ...RELATIONS.map((r) => r.table)].reverse();
  return `DROP TABLE ${tables.map(ident).join(', ')}`;
}

/** @param {import('node-pg-migrate').MigrationBuilder} pgm */
export const up = (pgm) => {
  for (const statement of upStatements()) pgm.sql(statement);
};

/** @param {import('node-pg-migrate').MigrationBuilder} pgm */
export const down = (pgm) => {
  pgm.sql(downStatement());
};
