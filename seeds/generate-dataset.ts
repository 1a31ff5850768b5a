/**
 * The deterministic synthetic HFC dataset: master data, organisations, documents and their child lines, as
 * Odoo 18 and the extraction module would store them.
 *
 * **Determinism.** Everything is drawn from one private `Faker` instance (locale vi, then en) seeded with
 * `options.seed`; dates come from a fixed reference date, never the clock; `Math.random` is never used.
 * Every row has an explicit id. The same options therefore give the same rows byte for byte, and
 * `batchDocuments` only changes how rows are grouped into batches, never their content.
 *
 * **Memory.** `generateDataset` is a generator: it yields one `TableBatch` per table every
 * `batchDocuments` documents (and every 1000 organisations), so 10 000+ documents stay bounded.
 *
 * **Knobs** (`GenerateDatasetOptions`): `documents`, `seed`, `organizations` (default
 * `max(12, round(documents / 5))`), `batchDocuments` (default 500), `refDate` (default
 * `2025-12-31T00:00:00Z`, the end of the `create_date` timeline), and `quirks`:
 * - `archivedActivityFieldCode` (default `'refrigeration_ownership'`): that activity field is stored
 *   archived, so documents linked to it pass the `activity_field_ids` filter but show no 'X' (spec 1.4).
 *   `null` keeps Odoo's 8 active fields.
 * - `archivedSubstance` (default `true`): adds the archived substance id 64 (`HFC-161`), used on ~1% of
 *   data rows, which the substance filter must skip.
 * - `otherFormChildren` (default `true`): ~2% of documents also carry child rows of the other form,
 *   which the export must ignore.
 *
 * **Shape** (proportions are approximate). The document- and organisation-level edge cases are also forced
 * in the first organisations and document groups, so even a small dataset has them; child-level variants
 * are drawn with the proportions below, and `seed-database.test.ts` checks that the 1000-document
 * dataset of seed 42 contains every one of them:
 * - Organisations (`res_partner`): Vietnamese company names; ~3% reuse an earlier name exactly, ~2% are
 *   an earlier name in upper case (case-only difference), ~4% start with a precomposed letter ('Đ'), ~1%
 *   are `''`; ~8% have a NULL `business_id` (unique where set); ~4% archived; ~80% with a Vietnamese
 *   state, ~5% a foreign state, the rest none.
 * - Documents: forms '01' / '02' about evenly, years 2019..2025 following the `create_date` timeline
 *   (2020..refDate; a document's year is its filing year or one or two before; ~2% NULL, ~1% 0), states completed 60%
 *   / validated 20% / draft 20%, ~2.5% with no organisation. Documents come in groups (organisation,
 *   year, form) of 1..4 re-extractions; ~20% of multi-document groups share one `create_date` (one
 *   transaction), ~15% have their last document back-dated before the first (so `create_date` order
 *   differs from `id` order); across groups ~5% of documents share the previous document's `create_date`
 *   and ~3% are back-dated. Form 01 has `year_1..3 = year-3..year-1` (each NULL ~8%). Contact fields are
 *   NULL ~5% and `''` ~3%; `contact_state_id` NULL ~12%.
 * - Activity codes: each of the 8 with its own probability (import 55%, ac_ownership 45%, ...), ~3% of
 *   documents with none. `has_table_*` follow spec 6 for the document's form; child tables are filled only
 *   for the codes present.
 * - Child lines, per section: a title row (~90%; Vietnamese section text ~85%, the English code ~10%,
 *   `''` or NULL ~5%) followed by 1..4 data rows; never two titles in a row, never a trailing title.
 *   Sequences 10, 20, 30, ... across titles and data rows, ~1% NULL. Data rows: ~58% a real substance,
 *   ~35% "Other Substance" with the raw extracted name, ~4% no substance, ~1% the archived substance.
 *   Quantities are decimal strings with 0..4 decimals; zero and NULL where Odoo allows them; negative
 *   only where no CHECK forbids it (quota adjusted / next-year, equipment quantities,
 *   collection_recycling.quantity_kg). Capacity: `capacity` set / whitespace-only / cooling only / power
 *   only / both / none. `start_year` real / 0 / NULL. `substance_quantity_per_refill` text / '' / NULL.
 *   `production_type` production / import / NULL. Quota rows all zero ~4%, all NULL ~2%.
 *   `collection_recycling_report` (no titles): NULL `substance_name` ~8%, equal names within a document
 *   ~20%.
 */
import { Faker, base, en, vi } from '@faker-js/faker';
import { dateText, decimalText, timestampText } from './decimal-text.ts';
import {
  ACTIVITY_FIELDS,
  ARCHIVED_SUBSTANCE_ID,
  CONTROLLED_SUBSTANCES,
  COUNTRY_STATES,
  EQUIPMENT_TYPES,
  FOREIGN_STATE_IDS,
  HS_CODES,
  OTHER_SUBSTANCE_ID,
  VIETNAM_COUNTRY_ID,
  VIETNAM_STATE_IDS,
  hsCodeId,
  masterDataBatches,
  type ActivityFieldCode,
  type SubstanceSeed,
} from './master-data.ts';
import type { SeedValue, SeededTable, TableBatch } from './seed-row.ts';

export interface DatasetQuirks {
  archivedActivityFieldCode: ActivityFieldCode | null;
  archivedSubstance: boolean;
  otherFormChildren: boolean;
}

export interface GenerateDatasetOptions {
  /** Number of `document_extraction` rows (positive integer). */
  documents: number;
  /** Faker seed (integer >= 0). */
  seed: number;
  /** Number of `res_partner` rows; default `max(12, round(documents / 5))`, minimum 12. */
  organizations?: number;
  /** Documents per yielded batch (buffering only; does not change content). Default 500. */
  batchDocuments?: number;
  /** End of the `create_date` timeline, ISO 8601. Default `2025-12-31T00:00:00Z`. */
  refDate?: string;
  quirks?: Partial<DatasetQuirks>;
}

export const DEFAULT_REF_DATE = '2025-12-31T00:00:00Z';
export const DEFAULT_BATCH_DOCUMENTS = 500;
export const DEFAULT_QUIRKS: Readonly<DatasetQuirks> = {
  archivedActivityFieldCode: 'refrigeration_ownership',
  archivedSubstance: true,
  otherFormChildren: true,
};
/** Fewer organisations than this could not hold the forced special cases. */
export const MIN_ORGANIZATIONS = 12;

export interface ResolvedDatasetOptions {
  documents: number;
  seed: number;
  organizations: number;
  batchDocuments: number;
  refDateMicros: number;
  quirks: DatasetQuirks;
}

/** Validates the options and fills the defaults; throws a `RangeError` naming the bad option. */
export function resolveDatasetOptions(options: GenerateDatasetOptions): ResolvedDatasetOptions {
  const { documents, seed } = options;
  if (!Number.isSafeInteger(documents) || documents < 1) {
    throw new RangeError(`dataset option "documents" must be a positive integer, got ${String(documents)}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`dataset option "seed" must be an integer >= 0, got ${String(seed)}`);
  }
  const organizations = options.organizations ?? Math.max(MIN_ORGANIZATIONS, Math.round(documents / 5));
  if (!Number.isSafeInteger(organizations) || organizations < MIN_ORGANIZATIONS) {
    throw new RangeError(
      `dataset option "organizations" must be an integer >= ${MIN_ORGANIZATIONS}, got ${String(organizations)}`,
    );
  }
  const batchDocuments = options.batchDocuments ?? DEFAULT_BATCH_DOCUMENTS;
  if (!Number.isSafeInteger(batchDocuments) || batchDocuments < 1) {
    throw new RangeError(
      `dataset option "batchDocuments" must be a positive integer, got ${String(batchDocuments)}`,
    );
  }
  const refDateText = options.refDate ?? DEFAULT_REF_DATE;
  const refDateMs = Date.parse(refDateText);
  if (Number.isNaN(refDateMs) || refDateMs < TIMELINE_START_MS + 2 * DAY_MS) {
    throw new RangeError(
      `dataset option "refDate" must be an ISO 8601 date after 2020-01-03, got ${JSON.stringify(refDateText)}`,
    );
  }
  const quirks = { ...DEFAULT_QUIRKS, ...options.quirks };
  const code = quirks.archivedActivityFieldCode;
  if (code !== null && !ACTIVITY_FIELDS.some((a) => a.code === code)) {
    throw new RangeError(
      `dataset quirk "archivedActivityFieldCode" must be null or one of ${ACTIVITY_FIELDS.map((a) => a.code).join(', ')}, got ${JSON.stringify(code)}`,
    );
  }
  return { documents, seed, organizations, batchDocuments, refDateMicros: refDateMs * 1000, quirks };
}

/**
 * Yields the whole dataset as batches, parents before children: master data, then organisations, then
 * per `batchDocuments` documents their `document_extraction`, activity links and child rows.
 */
export function* generateDataset(options: GenerateDatasetOptions): Generator<TableBatch, void, undefined> {
  const resolved = resolveDatasetOptions(options);
  yield* masterDataBatches({
    archivedActivityFieldCode: resolved.quirks.archivedActivityFieldCode,
    archivedSubstance: resolved.quirks.archivedSubstance,
  });
  const builder = new DatasetBuilder(resolved);
  yield* builder.partners();
  yield* builder.documents();
}

// --- column lists -------------------------------------------------------------------------------------

const MAGIC = ['create_uid', 'create_date', 'write_uid', 'write_date'] as const;

const COLUMNS = {
  res_partner: [
    'id',
    ...MAGIC,
    'name',
    'state_id',
    'active',
    'is_company',
    'business_id',
    'business_license_date',
    'business_license_place',
    'legal_representative_name',
    'legal_representative_position',
    'contact_person_name',
    'fax',
    'x_partner_type',
  ],
  document_extraction: [
    'id',
    ...MAGIC,
    'name',
    'document_type',
    'state',
    'year',
    'year_1',
    'year_2',
    'year_3',
    'organization_id',
    'organization_name',
    'business_id',
    'business_license_date',
    'business_license_place',
    'legal_representative_name',
    'legal_representative_position',
    'contact_person_name',
    'contact_address',
    'contact_state_id',
    'contact_country_id',
    'contact_phone',
    'contact_fax',
    'contact_email',
    'extraction_date',
    'source',
    'ocr_status',
    'pdf_filename',
    'gdrive_file_id',
    'needs_review',
    'review_notes',
    'ocr_error_message',
    'has_table_1_1',
    'has_table_1_2',
    'has_table_1_3',
    'has_table_1_4',
    'has_table_2_1',
    'has_table_2_2',
    'has_table_2_3',
    'has_table_2_4',
    'is_capacity_merged_table_1_2',
    'is_capacity_merged_table_1_3',
    'is_capacity_merged_table_2_2',
    'is_capacity_merged_table_2_3',
  ],
  document_extraction_activity_field_rel: ['document_id', 'activity_field_id'],
  substance_usage: [
    'id',
    ...MAGIC,
    'document_id',
    'sequence',
    'is_title',
    'usage_type',
    'substance_id',
    'substance_name',
    'notes',
    'year_1_quantity_kg',
    'year_1_quantity_co2',
    'year_2_quantity_kg',
    'year_2_quantity_co2',
    'year_3_quantity_kg',
    'year_3_quantity_co2',
    'avg_quantity_kg',
    'avg_quantity_co2',
  ],
  quota_usage: [
    'id',
    ...MAGIC,
    'document_id',
    'sequence',
    'is_title',
    'usage_type',
    'substance_id',
    'substance_name',
    'hs_code_id',
    'hs_code',
    'allocated_quota_kg',
    'allocated_quota_co2',
    'adjusted_quota_kg',
    'adjusted_quota_co2',
    'total_quota_kg',
    'total_quota_co2',
    'next_year_quota_kg',
    'next_year_quota_co2',
    'notes',
    'average_price',
    'country_text',
    'customs_declaration_number',
  ],
  equipment_product: [
    'id',
    ...MAGIC,
    'document_id',
    'sequence',
    'is_title',
    'equipment_type_id',
    'product_type',
    'hs_code_id',
    'hs_code',
    'capacity',
    'cooling_capacity',
    'power_capacity',
    'quantity',
    'substance_id',
    'substance_name',
    'substance_quantity_per_unit',
    'notes',
  ],
  equipment_product_report: [] as string[],
  equipment_ownership: [
    'id',
    ...MAGIC,
    'document_id',
    'sequence',
    'is_title',
    'equipment_type_id',
    'equipment_type',
    'start_year',
    'capacity',
    'cooling_capacity',
    'power_capacity',
    'equipment_quantity',
    'substance_id',
    'substance_name',
    'refill_frequency',
    'substance_quantity_per_refill',
  ],
  equipment_ownership_report: [] as string[],
  collection_recycling: [
    'id',
    ...MAGIC,
    'document_id',
    'sequence',
    'is_title',
    'activity_type',
    'substance_id',
    'substance_name',
    'quantity_kg',
    'quantity_co2',
    'notes',
  ],
  collection_recycling_report: [
    'id',
    ...MAGIC,
    'document_id',
    'substance_id',
    'substance_name',
    'collection_quantity_kg',
    'reuse_quantity_kg',
    'recycle_quantity_kg',
    'disposal_quantity_kg',
    'collection_location',
    'storage_location',
    'reuse_technology',
    'recycle_technology',
    'recycle_usage_location',
    'disposal_technology',
    'disposal_facility',
    'notes',
  ],
} satisfies Partial<Record<SeededTable, string[]>>;
COLUMNS.equipment_product_report = [...COLUMNS.equipment_product, 'production_type'];
COLUMNS.equipment_ownership_report = [...COLUMNS.equipment_ownership, 'ownership_type', 'notes'];

type DocumentTable = keyof typeof COLUMNS & SeededTable;

/** Document-level tables in load order. */
const DOCUMENT_TABLES: readonly DocumentTable[] = [
  'document_extraction',
  'document_extraction_activity_field_rel',
  'substance_usage',
  'quota_usage',
  'equipment_product',
  'equipment_product_report',
  'equipment_ownership',
  'equipment_ownership_report',
  'collection_recycling',
  'collection_recycling_report',
];

// --- vocabulary ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const DAY_MICROS = DAY_MS * 1000;
const TIMELINE_START_MS = Date.UTC(2020, 0, 2);

const COMPANY_PREFIXES = [
  'Công ty TNHH',
  'Công ty Cổ phần',
  'Công ty TNHH MTV',
  'Tập đoàn',
  'Doanh nghiệp tư nhân',
  'Chi nhánh Công ty TNHH',
  'CÔNG TY TNHH',
  'Cty TNHH',
];
const COMPANY_LINES = [
  'Điện lạnh',
  'Thương mại và Dịch vụ',
  'Kỹ thuật Nhiệt lạnh',
  'Hóa chất',
  'Xuất nhập khẩu',
  'Cơ điện lạnh',
  'Thiết bị Công nghiệp',
  'Đầu tư và Phát triển',
  'Sản xuất và Thương mại',
  'Thực phẩm',
  'Thủy sản',
  '',
];
const COMPANY_WORDS = [
  'An Phát',
  'Thịnh Vượng',
  'Minh Long',
  'Hưng Thịnh',
  'Thành Công',
  'Việt Nhật',
  'Đức Tín',
  'Hòa Bình',
  'Sao Mai',
  'Hoàng Gia',
  'Đông Á',
  'Toàn Cầu',
  'Phương Nam',
  'Ánh Dương',
  'Bắc Hà',
  'Tân Cảng',
  'Ngọc Lan',
];
const D_STROKE_NAMES = [
  'Đông Dương Cơ điện',
  'Điện máy Đại Việt',
  'Đại Phát Refrigeration',
  'Đức Minh Hóa chất',
  'Điện lạnh Đà Nẵng',
];
const VI_LAST_NAMES: readonly string[] = vi.person?.last_name?.generic ?? ['Nguyễn'];
const VI_FIRST_NAMES: readonly string[] = vi.person?.first_name?.generic ?? ['An'];
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com.vn', 'outlook.com', 'congty.vn', 'dienlanh.com.vn'];
const POSITIONS = ['Giám đốc', 'Tổng Giám đốc', 'Phó Giám đốc', 'Chủ tịch HĐQT', 'Giám đốc điều hành'];
const RAW_SUBSTANCE_NAMES = [
  'Gas lạnh R22 tái chế',
  'R-600a',
  'HFO-1234yf',
  'Môi chất lạnh khác',
  'R-32 (HFC-32)',
  'r410a',
  'Khí gas R134A',
  'R-290',
  'HFC 134a',
  'Chất làm lạnh hỗn hợp',
];

type UsageCode = 'production' | 'import' | 'export';
type EolCode = 'collection' | 'reuse' | 'recycle' | 'disposal';

const USAGE_TITLES: Record<UsageCode, readonly string[]> = {
  production: ['Sản xuất chất được kiểm soát', 'Sản xuất'],
  import: ['Nhập khẩu chất được kiểm soát', 'Nhập khẩu'],
  export: ['Xuất khẩu chất được kiểm soát', 'Xuất khẩu'],
};
const EOL_TITLES: Record<EolCode, readonly string[]> = {
  collection: ['Thu gom chất được kiểm soát', 'Thu gom'],
  reuse: ['Tái sử dụng chất được kiểm soát', 'Tái sử dụng'],
  recycle: ['Tái chế chất được kiểm soát', 'Tái chế'],
  disposal: ['Xử lý chất được kiểm soát', 'Xử lý/Tiêu hủy'],
};
const PRODUCT_TITLES = {
  equipment_production: ['Sản xuất thiết bị, sản phẩm có chứa chất được kiểm soát', 'Sản xuất thiết bị'],
  equipment_import: ['Nhập khẩu thiết bị, sản phẩm có chứa chất được kiểm soát', 'Nhập khẩu thiết bị'],
} as const;
const OWNERSHIP_TITLES = {
  ac_ownership: ['Thiết bị điều hòa không khí', 'Hệ thống điều hòa không khí'],
  refrigeration_ownership: ['Thiết bị lạnh công nghiệp', 'Thiết bị làm lạnh'],
} as const;
const LOCATIONS = [
  'Kho Bình Dương',
  'Bãi tập kết Long Hậu',
  'Xưởng sửa chữa Thủ Đức',
  'Kho lạnh Hải Phòng',
  'Trạm thu gom Đà Nẵng',
];
const TECHNOLOGIES = ['Lọc và tách ẩm', 'Chưng cất', 'Đốt nhiệt độ cao', 'Plasma', 'Nạp lại trực tiếp'];
const FACILITIES = [
  'Nhà máy xử lý chất thải Nam Sơn',
  'Công ty Môi trường Xanh',
  'Khu xử lý Đa Phước',
  'Lò đốt Sóc Sơn',
];

// --- the builder --------------------------------------------------------------------------------------

interface GroupPlan {
  organizationId: number | null;
  year: number | null;
  documentType: '01' | '02';
  size: number;
  timing: 'normal' | 'tie' | 'backdated';
  states?: readonly ('draft' | 'validated' | 'completed')[];
}

interface PartnerInfo {
  name: string;
  businessId: string | null;
  stateId: number | null;
}

interface SubstancePick {
  id: number | null;
  name: string | null;
  seed: SubstanceSeed | null;
}

type Row = SeedValue[];

class DatasetBuilder {
  private readonly f: Faker;
  private readonly partnerInfo: PartnerInfo[] = [];
  /** Non-empty organisation names so far, for duplicates and case variants. */
  private readonly namedPartners: string[] = [];
  private readonly nextId = new Map<SeededTable, number>();
  private readonly buffers = new Map<DocumentTable, Row[]>();
  private readonly activeSubstances: readonly SubstanceSeed[];
  private readonly commonSubstances: readonly SubstanceSeed[];
  private readonly otherSubstance: SubstanceSeed;
  private readonly archivedSubstance: SubstanceSeed | null;
  private readonly timelineStartMicros = TIMELINE_START_MS * 1000;
  private readonly timelineStepMicros: number;
  private previousCreateMicros = TIMELINE_START_MS * 1000;

  constructor(private readonly o: ResolvedDatasetOptions) {
    this.f = new Faker({ locale: [vi, en, base], seed: o.seed });
    this.activeSubstances = CONTROLLED_SUBSTANCES.filter((s) => s.active && s.id !== OTHER_SUBSTANCE_ID);
    const common = new Set([
      'HFC-32',
      'HFC-134a',
      'R-410A',
      'R-404A',
      'HCFC-22',
      'R-407C',
      'HCFC-141b',
      'R-507A',
    ]);
    this.commonSubstances = this.activeSubstances.filter((s) => common.has(s.name));
    this.otherSubstance = mustFind(CONTROLLED_SUBSTANCES, (s) => s.id === OTHER_SUBSTANCE_ID);
    this.archivedSubstance = o.quirks.archivedSubstance
      ? mustFind(CONTROLLED_SUBSTANCES, (s) => s.id === ARCHIVED_SUBSTANCE_ID)
      : null;
    const span = o.refDateMicros - DAY_MICROS - this.timelineStartMicros;
    this.timelineStepMicros = Math.max(1, Math.floor(span / o.documents));
  }

  // ---- random helpers (all through the seeded Faker) ----

  private int(min: number, max: number): number {
    return this.f.number.int({ min, max });
  }

  /** True with probability `p` (resolution 1e-6). */
  private chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  private pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('generate-dataset: pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  private weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.int(0, total - 1);
    for (const [value, weight] of entries) {
      if (r < weight) return value;
      r -= weight;
    }
    throw new Error('generate-dataset: weights must be positive integers');
  }

  // Names, phones and e-mails are drawn from the vi locale's own lists with the seeded generator: the
  // same data as faker's person/phone/internet modules, without their per-call template parsing, which
  // dominated generation time.
  private lastName(): string {
    return this.pick(VI_LAST_NAMES);
  }

  private firstName(): string {
    return this.pick(VI_FIRST_NAMES);
  }

  private fullName(): string {
    return `${this.lastName()} ${this.firstName()}`;
  }

  private phone(): string {
    const prefix = this.pick(['024', '028', '0236', '09', '08', '03', '07']);
    return `${prefix}${this.int(1_000_000, 9_999_999)}`;
  }

  private email(): string {
    const local = `${asciiSlug(this.firstName())}.${asciiSlug(this.lastName())}${this.chance(0.5) ? this.int(1, 99) : ''}`;
    return `${local}@${this.pick(EMAIL_DOMAINS)}`;
  }

  /** A text column: usually `make()`, sometimes NULL or `''`. */
  private text(make: () => string, pNull = 0.05, pEmpty = 0.03): string | null {
    if (this.chance(pNull)) return null;
    if (this.chance(pEmpty)) return '';
    return make();
  }

  /** A positive decimal with 0..4 decimals, at most `maxWhole`. */
  private quantity(maxWhole: number): { units: number; decimals: number; text: string } {
    const decimals = this.weighted([
      [0, 50],
      [1, 10],
      [2, 20],
      [3, 8],
      [4, 12],
    ] as const);
    const scale = 10 ** decimals;
    const units = this.int(1, maxWhole * scale);
    return { units, decimals, text: decimalText(units, decimals) };
  }

  private allocateId(table: SeededTable): number {
    const id = (this.nextId.get(table) ?? 0) + 1;
    this.nextId.set(table, id);
    return id;
  }

  private push(table: DocumentTable, row: Row): void {
    let rows = this.buffers.get(table);
    if (rows === undefined) {
      rows = [];
      this.buffers.set(table, rows);
    }
    rows.push(row);
  }

  private *flush(): Generator<TableBatch> {
    for (const table of DOCUMENT_TABLES) {
      const rows = this.buffers.get(table);
      if (rows !== undefined && rows.length > 0) {
        yield { table, columns: COLUMNS[table], rows };
        this.buffers.set(table, []);
      }
    }
  }

  // ---- organisations ----

  *partners(): Generator<TableBatch> {
    const forced: readonly Partial<PartnerInfo & { active: boolean }>[] = [
      { name: 'Công ty TNHH Điện lạnh Đông Á' },
      { name: 'Công ty TNHH Điện lạnh Đông Á' },
      { name: 'Cong ty TNHH Thuong mai Sao Viet' },
      { name: 'CONG TY TNHH THUONG MAI SAO VIET' },
      { name: 'Công ty Cổ phần Hóa chất Minh Phát' },
      { name: 'CÔNG TY CỔ PHẦN HÓA CHẤT MINH PHÁT' },
      { name: 'Đông Dương Cơ điện' },
      { name: '' },
      { name: 'Công ty TNHH Kỹ thuật Lạnh Bình Minh', active: false },
      { name: 'Siam Cooling Co., Ltd.', businessId: null, stateId: FOREIGN_STATE_IDS[5] ?? null },
      { name: 'Doanh nghiệp tư nhân Hoàng Long', stateId: null },
      { name: 'công ty tnhh an bình' },
    ];
    const usedBusinessIds = new Set<string>();
    const createdAt = Date.UTC(2023, 5, 1) * 1000;
    let rows: Row[] = [];
    for (let index = 0; index < this.o.organizations; index++) {
      const id = this.allocateId('res_partner');
      const preset = forced[index];
      const name = preset?.name ?? this.partnerName();
      let businessId: string | null;
      if (preset && 'businessId' in preset) businessId = preset.businessId ?? null;
      else if (preset === undefined && this.chance(0.08)) businessId = null;
      else businessId = this.uniqueBusinessId(usedBusinessIds);
      let stateId: number | null;
      if (preset && 'stateId' in preset) stateId = preset.stateId ?? null;
      else if (preset !== undefined) stateId = this.pick(VIETNAM_STATE_IDS);
      else stateId = this.stateId(80, 5, 15);
      const active = preset?.active ?? (preset === undefined ? !this.chance(0.04) : true);
      this.partnerInfo.push({ name, businessId, stateId });
      if (name !== '') this.namedPartners.push(name);
      const at = timestampText(createdAt + id * 60_000_000);
      const stateName = stateId === null ? 'Hà Nội' : (COUNTRY_STATES[stateId - 1]?.name ?? 'Hà Nội');
      rows.push([
        id,
        1,
        at,
        1,
        at,
        name,
        stateId,
        active,
        true,
        businessId,
        this.chance(0.2)
          ? null
          : dateText(Date.UTC(this.int(2000, 2022), this.int(0, 11), this.int(1, 28)) * 1000),
        this.text(() => `Sở Kế hoạch và Đầu tư ${stateName}`, 0.2, 0.02),
        this.text(() => this.fullName(), 0.2, 0.02),
        this.text(() => this.pick(POSITIONS), 0.2, 0.02),
        this.text(() => this.fullName(), 0.3, 0.02),
        this.chance(0.85) ? null : this.phone(),
        this.chance(0.9) ? 'organization' : 'standard',
      ]);
      if (rows.length >= 1000) {
        yield { table: 'res_partner', columns: COLUMNS.res_partner, rows };
        rows = [];
      }
    }
    if (rows.length > 0) yield { table: 'res_partner', columns: COLUMNS.res_partner, rows };
  }

  /** A state id: Vietnamese, foreign or none, with the given integer weights. */
  private stateId(vietnamese: number, foreign: number, none: number): number | null {
    const kind = this.weighted([
      ['vn', vietnamese],
      ['foreign', foreign],
      ['none', none],
    ] as const);
    if (kind === 'vn') return this.pick(VIETNAM_STATE_IDS);
    return kind === 'foreign' ? this.pick(FOREIGN_STATE_IDS) : null;
  }

  private partnerName(): string {
    const earlier = this.namedPartners;
    const kind = this.weighted([
      ['normal', 900],
      ['duplicate', 30],
      ['upper', 20],
      ['d-stroke', 40],
      ['empty', 10],
    ] as const);
    if (kind === 'duplicate' && earlier.length > 0) return this.pick(earlier);
    if (kind === 'upper' && earlier.length > 0) return this.pick(earlier).toUpperCase();
    if (kind === 'empty') return '';
    if (kind === 'd-stroke') return `${this.pick(D_STROKE_NAMES)} ${this.lastName()}`;
    const parts = [this.pick(COMPANY_PREFIXES), this.pick(COMPANY_LINES), this.pick(COMPANY_WORDS)];
    if (this.chance(0.3)) parts.push(this.lastName());
    return parts.filter((p) => p !== '').join(' ');
  }

  private uniqueBusinessId(used: Set<string>): string {
    for (;;) {
      let candidate = `0${this.int(100_000_000, 999_999_999)}`;
      if (this.chance(0.1)) candidate += `-00${this.int(1, 9)}`;
      if (!used.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  }

  // ---- documents ----

  *documents(): Generator<TableBatch> {
    const forcedGroups: readonly GroupPlan[] = [
      {
        organizationId: 1,
        year: 2023,
        documentType: '01',
        size: 3,
        timing: 'tie',
        states: ['draft', 'validated', 'completed'],
      },
      { organizationId: 2, year: 2024, documentType: '02', size: 3, timing: 'backdated' },
      { organizationId: null, year: 2022, documentType: '01', size: 2, timing: 'normal' },
      { organizationId: null, year: 2022, documentType: '02', size: 1, timing: 'normal' },
      { organizationId: 3, year: null, documentType: '01', size: 1, timing: 'normal' },
      { organizationId: 3, year: 0, documentType: '01', size: 1, timing: 'normal' },
      { organizationId: 4, year: 2021, documentType: '02', size: 2, timing: 'tie' },
      { organizationId: 8, year: 2022, documentType: '01', size: 1, timing: 'normal' },
      { organizationId: 7, year: 2025, documentType: '02', size: 2, timing: 'backdated' },
    ];
    let made = 0;
    let inBuffer = 0;
    let groupIndex = 0;
    while (made < this.o.documents) {
      const plan = forcedGroups[groupIndex] ?? this.randomGroup(made);
      groupIndex++;
      const size = Math.min(plan.size, this.o.documents - made);
      let groupFirstMicros = 0;
      for (let position = 0; position < size; position++) {
        const createMicros = this.createMicros(plan, position, groupFirstMicros, made);
        if (position === 0) groupFirstMicros = createMicros;
        this.document(plan, position, createMicros);
        made++;
        inBuffer++;
        if (inBuffer >= this.o.batchDocuments) {
          yield* this.flush();
          inBuffer = 0;
        }
      }
    }
    yield* this.flush();
  }

  private randomGroup(made: number): GroupPlan {
    const organizationId = this.chance(0.025) ? null : this.int(1, this.o.organizations);
    // A declaration is filed in its year or the next one: follow the create_date timeline.
    const filedIn = new Date(
      (this.timelineStartMicros + made * this.timelineStepMicros) / 1000,
    ).getUTCFullYear();
    const year = this.weighted<number | null>([
      [Math.max(2019, filedIn), 45],
      [Math.max(2019, filedIn - 1), 45],
      [Math.max(2019, filedIn - 2), 7],
      [null, 2],
      [0, 1],
    ]);
    const documentType = this.chance(0.5) ? '01' : '02';
    const size = this.weighted([
      [1, 65],
      [2, 22],
      [3, 9],
      [4, 4],
    ] as const);
    const timing =
      size < 2
        ? 'normal'
        : this.weighted([
            ['normal', 65],
            ['tie', 20],
            ['backdated', 15],
          ] as const);
    return { organizationId, year, documentType, size, timing };
  }

  private createMicros(plan: GroupPlan, position: number, groupFirstMicros: number, made: number): number {
    const nominal = this.timelineStartMicros + made * this.timelineStepMicros;
    const jitter = this.int(0, Math.max(0, Math.floor(this.timelineStepMicros / 2)));
    let at = nominal + jitter;
    if (position > 0 && plan.timing === 'tie') at = groupFirstMicros;
    else if (position > 0 && position === plan.size - 1 && plan.timing === 'backdated') {
      at = groupFirstMicros - this.int(DAY_MICROS, 200 * DAY_MICROS);
    } else if (made > 0 && this.chance(0.05)) at = this.previousCreateMicros;
    else if (this.chance(0.03)) at = nominal - this.int(30 * DAY_MICROS, 400 * DAY_MICROS);
    at = Math.max(at, this.timelineStartMicros - 365 * DAY_MICROS);
    this.previousCreateMicros = at;
    return at;
  }

  private activityCodes(): Set<ActivityFieldCode> {
    const codes = new Set<ActivityFieldCode>();
    if (this.chance(0.03)) return codes;
    const odds: readonly [ActivityFieldCode, number][] = [
      ['production', 0.08],
      ['import', 0.55],
      ['export', 0.15],
      ['equipment_production', 0.12],
      ['equipment_import', 0.3],
      ['ac_ownership', 0.45],
      ['refrigeration_ownership', 0.3],
      ['collection_recycling', 0.15],
    ];
    for (const [code, p] of odds) if (this.chance(p)) codes.add(code);
    return codes;
  }

  private document(plan: GroupPlan, position: number, createMicros: number): void {
    const id = this.allocateId('document_extraction');
    const createdAt = timestampText(createMicros);
    const type = plan.documentType;
    const state =
      plan.states?.[position] ??
      this.weighted([
        ['completed', 60],
        ['validated', 20],
        ['draft', 20],
      ] as const);
    const writtenAt =
      state === 'draft' ? createdAt : timestampText(createMicros + this.int(1, 30) * 3_600_000_000);
    const year = plan.year;
    const baseYear = year !== null && year > 0 ? year : null;
    const yearI = (offset: number): number | null =>
      type === '01' && baseYear !== null && !this.chance(0.08) ? baseYear - offset : null;
    const partner = plan.organizationId === null ? null : (this.partnerInfo[plan.organizationId - 1] ?? null);
    const organizationName =
      partner?.name || (this.chance(0.5) ? `Công ty ${this.pick(COMPANY_WORDS)} (chưa khớp)` : null);
    const stateId = this.stateId(85, 3, 12);
    const countryId =
      stateId === null
        ? this.chance(0.5)
          ? VIETNAM_COUNTRY_ID
          : null
        : (COUNTRY_STATES[stateId - 1]?.countryId ?? null);
    const codes = this.activityCodes();
    const external = this.chance(0.2);
    const f1 = type === '01';
    const has = {
      t1: codes.has('production') || codes.has('import') || codes.has('export'),
      t2: codes.has('equipment_production') || codes.has('equipment_import'),
      t3: codes.has('ac_ownership') || codes.has('refrigeration_ownership'),
      t4: codes.has('collection_recycling'),
    };
    this.push('document_extraction', [
      id,
      1,
      createdAt,
      1,
      writtenAt,
      `Form ${type} - ${partner?.name || organizationName || 'Unknown'} - ${year || 'N/A'}`,
      type,
      state,
      year,
      yearI(3),
      yearI(2),
      yearI(1),
      plan.organizationId,
      organizationName,
      partner?.businessId ?? (this.chance(0.3) ? `0${this.int(100_000_000, 999_999_999)}` : null),
      this.chance(0.3)
        ? null
        : dateText(Date.UTC(this.int(2000, 2022), this.int(0, 11), this.int(1, 28)) * 1000),
      this.text(() => `Sở Kế hoạch và Đầu tư ${this.f.location.state()}`, 0.2),
      this.text(() => this.fullName()),
      this.text(() => this.pick(POSITIONS)),
      this.text(() => this.fullName()),
      this.text(
        () =>
          `Số ${this.int(1, 500)} đường ${this.lastName()} ${this.firstName()}, ${this.f.location.city()}`,
      ),
      stateId,
      countryId,
      this.text(() => this.phone()),
      this.chance(0.7) ? null : this.phone(),
      this.text(() => this.email()),
      createdAt,
      external ? 'from_external_source' : 'from_user_upload',
      this.weighted([
        ['completed', 95],
        ['error', 3],
        ['pending', 2],
      ] as const),
      `mau_${type}_${id}.pdf`,
      external ? `gd${this.f.string.alphanumeric(24)}` : null,
      this.chance(0.1),
      this.chance(0.95) ? null : 'Cần kiểm tra lại số liệu',
      null,
      f1 && has.t1,
      f1 && has.t2,
      f1 && has.t3,
      f1 && has.t4,
      !f1 && has.t1,
      !f1 && has.t2,
      !f1 && has.t3,
      !f1 && has.t4,
      !this.chance(0.1),
      !this.chance(0.1),
      !this.chance(0.1),
      !this.chance(0.1),
    ]);
    for (const field of ACTIVITY_FIELDS) {
      if (codes.has(field.code)) this.push('document_extraction_activity_field_rel', [id, field.id]);
    }
    const ctx: ChildContext = { documentId: id, createdAt, writtenAt, codes };
    this.children(ctx, type);
    if (this.o.quirks.otherFormChildren && this.chance(0.02)) this.children(ctx, type === '01' ? '02' : '01');
  }

  private children(ctx: ChildContext, form: '01' | '02'): void {
    const usage = (['production', 'import', 'export'] as const).filter((c) => ctx.codes.has(c));
    if (usage.length > 0) this.usageTable(ctx, form === '01' ? 'substance_usage' : 'quota_usage', usage);
    const product = (['equipment_production', 'equipment_import'] as const).filter((c) => ctx.codes.has(c));
    if (product.length > 0) {
      this.productTable(ctx, form === '01' ? 'equipment_product' : 'equipment_product_report', product);
    }
    const ownership = (['ac_ownership', 'refrigeration_ownership'] as const).filter((c) => ctx.codes.has(c));
    if (ownership.length > 0) {
      this.ownershipTable(
        ctx,
        form === '01' ? 'equipment_ownership' : 'equipment_ownership_report',
        ownership,
      );
    }
    if (ctx.codes.has('collection_recycling')) {
      if (form === '01') this.collectionTable(ctx);
      else this.collectionReportTable(ctx);
    }
  }

  // ---- child helpers ----

  /** The title text of a section: Vietnamese mostly, the English code sometimes, '' or NULL rarely. */
  private titleText(code: string, vietnamese: readonly string[]): string | null {
    return this.weighted<string | null>([
      [this.pick(vietnamese), 85],
      [code, 10],
      ['', 3],
      [null, 2],
    ]);
  }

  /**
   * Lays out sections as extraction writes them: optional title, then data rows; sequences 10, 20, ...
   * across all rows (rarely NULL). Returns `[sequence, isTitle, section, titleText]` per row.
   */
  private layout<S>(
    sections: readonly S[],
    titleOf: (section: S) => string | null,
    rowsPer: () => number,
    pTitle = 0.9,
  ): { sequence: number | null; isTitle: boolean; section: S; title: string | null }[] {
    const out: { sequence: number | null; isTitle: boolean; section: S; title: string | null }[] = [];
    let position = 0;
    const sequence = (): number | null => {
      position++;
      return this.chance(0.01) ? null : position * 10;
    };
    for (const section of sections) {
      const count = rowsPer();
      if (this.chance(pTitle))
        out.push({ sequence: sequence(), isTitle: true, section, title: titleOf(section) });
      for (let i = 0; i < count; i++)
        out.push({ sequence: sequence(), isTitle: false, section, title: null });
    }
    return out;
  }

  private magic(table: DocumentTable, ctx: ChildContext): [number, number, string, number, string] {
    return [this.allocateId(table), 1, ctx.createdAt, 1, ctx.writtenAt];
  }

  private substance(): SubstancePick {
    const kind = this.weighted([
      ['common', 35],
      ['real', 23],
      ['other', 35],
      ['none', 4],
      ['archived', this.archivedSubstance ? 1 : 0],
    ] as const);
    switch (kind) {
      case 'common':
      case 'real': {
        const seed = this.pick(kind === 'common' ? this.commonSubstances : this.activeSubstances);
        return { id: seed.id, name: seed.name, seed };
      }
      case 'other':
        return { id: OTHER_SUBSTANCE_ID, name: this.pick(RAW_SUBSTANCE_NAMES), seed: this.otherSubstance };
      case 'archived': {
        const seed = this.archivedSubstance ?? this.otherSubstance;
        return { id: seed.id, name: seed.name, seed };
      }
      case 'none':
        return { id: null, name: this.chance(0.5) ? this.pick(RAW_SUBSTANCE_NAMES) : null, seed: null };
    }
  }

  /** CO2-equivalent tonnes of `kg` (given as units / decimals) with the substance's GWP, 4 decimals. */
  private co2(kg: { units: number; decimals: number }, pick: SubstancePick): string {
    const gwp = pick.seed?.gwp ?? null;
    if (gwp === null) return decimalText(this.int(0, 5_000_000), 4);
    // kg * gwp / 1000 in units of 1e-4: exact integer arithmetic, rounded half up.
    const numerator = kg.units * gwp * 10;
    const denominator = 10 ** kg.decimals;
    return decimalText(Math.floor((numerator + denominator / 2) / denominator), 4);
  }

  /** Capacity columns for one of the six variants the capacity rule distinguishes (spec 4.0b). */
  private capacity(): [string | null, string | null, string | null] {
    const cooling = (): string => `${this.int(9, 48) * 1000} BTU/h`;
    const power = (): string => `${this.int(1, 120)}${this.chance(0.3) ? ',5' : ''} kW`;
    switch (
      this.weighted([
        ['set', 30],
        ['blank', 5],
        ['cooling', 20],
        ['power', 15],
        ['both', 20],
        ['none', 10],
      ] as const)
    ) {
      case 'set':
        return [
          this.pick(['5 HP', '12000 BTU/h', '3,5 kW', '2 tấn lạnh', '100 RT']),
          null,
          this.chance(0.3) ? power() : null,
        ];
      case 'blank':
        return [this.pick([' ', '  ', '\t']), cooling(), null];
      case 'cooling':
        return [this.chance(0.5) ? null : '', cooling(), this.chance(0.5) ? null : ''];
      case 'power':
        return [null, null, power()];
      case 'both':
        return [null, cooling(), power()];
      case 'none':
        return [this.chance(0.5) ? null : '', this.chance(0.5) ? null : '', null];
    }
  }

  private equipmentTypeFor(category: 'ac' | 'refrigeration' | 'any'): { id: number | null; name: string } {
    const candidates = EQUIPMENT_TYPES.filter((t) => category === 'any' || t.category === category);
    const type = this.pick(candidates.length > 0 ? candidates : EQUIPMENT_TYPES);
    // Extraction links the type record most of the time; manual lines keep only the text.
    return { id: this.chance(0.75) ? type.id : null, name: type.name };
  }

  // ---- Form 01 table 1.1 / Form 02 table 2.1 ----

  private usageTable(
    ctx: ChildContext,
    table: 'substance_usage' | 'quota_usage',
    codes: readonly UsageCode[],
  ): void {
    const rows = this.layout(
      codes,
      (c) => this.titleText(c, USAGE_TITLES[c]),
      () => this.int(1, 4),
    );
    for (const r of rows) {
      const [id, cu, cd, wu, wd] = this.magic(table, ctx);
      const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle, r.section];
      if (table === 'substance_usage') {
        if (r.isTitle) {
          this.push(table, [...head, null, r.title, null, null, null, null, null, null, null, null, null]);
          continue;
        }
        const pick = this.substance();
        const years: (string | null)[] = [];
        const kgUnits: number[] = [];
        const co2Units: number[] = [];
        for (let i = 0; i < 3; i++) {
          const variant = this.weighted([
            ['both', 70],
            ['kg-only', 10],
            ['zero', 8],
            ['null', 7],
            ['co2-only', 5],
          ] as const);
          const kg = this.quantity(50_000);
          const co2 = this.co2(kg, pick);
          switch (variant) {
            case 'both':
              years.push(kg.text, co2);
              kgUnits.push((kg.units * 10_000) / 10 ** kg.decimals);
              co2Units.push(Number(co2.replace('.', '')));
              break;
            case 'kg-only':
              years.push(kg.text, this.chance(0.5) ? '0' : null);
              kgUnits.push((kg.units * 10_000) / 10 ** kg.decimals);
              break;
            case 'zero':
              years.push('0', '0.0000');
              break;
            case 'null':
              years.push(null, null);
              break;
            case 'co2-only':
              years.push(this.chance(0.5) ? '0' : null, co2);
              co2Units.push(Number(co2.replace('.', '')));
              break;
          }
        }
        const avg = (units: number[]): string =>
          decimalText(Math.round(units.reduce((a, b) => a + b, 0) / 3), 4);
        this.push(table, [
          ...head,
          pick.id,
          pick.name,
          this.chance(0.85) ? null : this.pick(['Số liệu ước tính', 'Theo tờ khai hải quan', '']),
          ...years,
          avg(kgUnits),
          avg(co2Units),
        ]);
      } else {
        if (r.isTitle) {
          this.push(table, [...head, null, r.title, null, null, ...new Array<null>(12).fill(null)]);
          continue;
        }
        const pick = this.substance();
        const hs = pick.seed?.hsCode ?? null;
        const hsText = this.weighted<string | null>([
          [hs, 85],
          [this.pick(HS_CODES), 5],
          ['', 5],
          [null, 5],
        ]);
        const values = this.quotaValues(pick);
        this.push(table, [
          ...head,
          pick.id,
          pick.name,
          hs === null ? null : hsCodeId(hs),
          hsText,
          ...values,
          this.chance(0.8)
            ? null
            : this.pick(['Điều chỉnh theo Quyết định của Bộ TN&MT', 'Chưa sử dụng hết', '']),
          this.chance(0.5) ? null : `${this.int(50, 900)}.000 VNĐ/kg`,
          this.chance(0.4) ? null : this.f.location.country(),
          this.chance(0.5) ? null : `10${this.int(10_000_000, 99_999_999)}`,
        ]);
      }
    }
  }

  /** allocated kg/co2, adjusted kg/co2, total kg/co2, next-year kg/co2 (spec 4.6 order). */
  private quotaValues(pick: SubstancePick): (string | null)[] {
    const variant = this.weighted([
      ['normal', 94],
      ['zero', 4],
      ['null', 2],
    ] as const);
    if (variant === 'zero') return ['0', '0', '0', '0', '0.0000', '0', '0', '0'];
    if (variant === 'null') return new Array<null>(8).fill(null);
    const pair = (sign: 1 | -1, pZero: number, pNull: number): [string | null, string | null] => {
      if (this.chance(pNull)) return [null, null];
      if (this.chance(pZero)) return ['0', '0'];
      const kg = this.quantity(100_000);
      const co2 = this.co2(kg, pick);
      if (sign === 1) return [kg.text, co2];
      return [`-${kg.text}`, `-${co2}`];
    };
    const allocated = pair(1, 0.05, 0.05);
    const adjusted = pair(this.chance(0.3) ? -1 : 1, 0.4, 0.2);
    const total = pair(1, 0.08, 0.04);
    const nextYear = pair(this.chance(0.1) ? -1 : 1, 0.1, 0.2);
    return [...allocated, ...adjusted, ...total, ...nextYear];
  }

  // ---- Form 01 table 1.2 / Form 02 table 2.2 ----

  private productTable(
    ctx: ChildContext,
    table: 'equipment_product' | 'equipment_product_report',
    codes: readonly ('equipment_production' | 'equipment_import')[],
  ): void {
    const rows = this.layout(
      codes,
      (c) => this.titleText(c, PRODUCT_TITLES[c]),
      () => this.int(1, 3),
    );
    for (const r of rows) {
      const [id, cu, cd, wu, wd] = this.magic(table, ctx);
      const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle];
      const productionType =
        table === 'equipment_product_report'
          ? [
              this.weighted<string | null>([
                [r.section === 'equipment_production' ? 'production' : 'import', 60],
                [r.section === 'equipment_production' ? 'import' : 'production', 30],
                [null, 10],
              ]),
            ]
          : [];
      if (r.isTitle) {
        this.push(table, [
          ...head,
          null,
          r.title,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          ...productionType,
        ]);
        continue;
      }
      const type = this.equipmentTypeFor('any');
      const pick = this.substance();
      const hs = this.weighted<string | null>([
        ['84151020', 50],
        [this.pick(HS_CODES), 35],
        [null, 15],
      ]);
      const quantity = this.weighted<string | null>([
        [this.quantity(5000).text, 88],
        ['0', 5],
        [null, 5],
        [`-${this.int(1, 20)}`, 2],
      ]);
      this.push(table, [
        ...head,
        type.id,
        type.name,
        hs === null ? null : hsCodeId(hs),
        this.chance(0.1) ? null : hs,
        ...this.capacity(),
        quantity,
        pick.id,
        pick.name,
        this.weighted<string | null>([
          [decimalText(this.int(1, 50_000), this.int(0, 3)), 60],
          [`${this.int(1, 9)},${this.int(1, 9)} kg`, 15],
          ['', 10],
          [null, 15],
        ]),
        this.chance(0.9) ? null : 'Hàng mẫu',
        ...productionType,
      ]);
    }
  }

  // ---- Form 01 table 1.3 / Form 02 table 2.3 ----

  private ownershipTable(
    ctx: ChildContext,
    table: 'equipment_ownership' | 'equipment_ownership_report',
    codes: readonly ('ac_ownership' | 'refrigeration_ownership')[],
  ): void {
    const rows = this.layout(
      codes,
      (c) => this.titleText(c, OWNERSHIP_TITLES[c]),
      () => this.int(1, 4),
    );
    for (const r of rows) {
      const [id, cu, cd, wu, wd] = this.magic(table, ctx);
      const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle];
      const ownershipType = r.section === 'ac_ownership' ? 'air_conditioner' : 'refrigeration';
      const report = table === 'equipment_ownership_report';
      if (r.isTitle) {
        const tail = report ? [ownershipType, null] : [];
        this.push(table, [
          ...head,
          null,
          r.title,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          ...tail,
        ]);
        continue;
      }
      const type = this.equipmentTypeFor(r.section === 'ac_ownership' ? 'ac' : 'refrigeration');
      const pick = this.substance();
      const startYear = this.weighted<number | null>([
        [this.int(1995, 2024), 80],
        [0, 8],
        [null, 12],
      ]);
      const equipmentQuantity = this.weighted<number | null>([
        [this.int(1, 500), 89],
        [0, 5],
        [null, 5],
        [-this.int(1, 5), 1],
      ]);
      this.push(table, [
        ...head,
        type.id,
        type.name,
        startYear,
        ...this.capacity(),
        equipmentQuantity,
        pick.id,
        pick.name,
        this.weighted<string | null>([
          [this.pick(['1 lần/năm', '2 lần/năm', '6 tháng/lần', '1', 'Không nạp']), 70],
          ['', 10],
          [null, 20],
        ]),
        this.weighted<string | null>([
          [
            this.pick([
              decimalText(this.int(1, 9999), this.int(0, 2)),
              `${this.int(1, 9)},${this.int(0, 9)} kg`,
            ]),
            70,
          ],
          ['', 10],
          [null, 20],
        ]),
        ...(report ? [ownershipType, this.text(() => 'Thiết bị mới lắp đặt', 0.7, 0.1)] : []),
      ]);
    }
  }

  // ---- Form 01 table 1.4 ----

  private collectionTable(ctx: ChildContext): void {
    const all: readonly EolCode[] = ['collection', 'reuse', 'recycle', 'disposal'];
    let sections = all.filter(() => this.chance(0.5));
    if (sections.length === 0) sections = [this.pick(all)];
    const rows = this.layout(
      sections,
      (c) => this.titleText(c, EOL_TITLES[c]),
      () => this.int(1, 3),
    );
    for (const r of rows) {
      const [id, cu, cd, wu, wd] = this.magic('collection_recycling', ctx);
      const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle, r.section];
      if (r.isTitle) {
        this.push('collection_recycling', [...head, null, r.title, null, null, null]);
        continue;
      }
      const pick = this.substance();
      const kg = this.quantity(20_000);
      const variant = this.weighted([
        ['positive', 85],
        ['zero', 6],
        ['null', 6],
        ['negative', 3],
      ] as const);
      const quantityKg =
        variant === 'positive'
          ? kg.text
          : variant === 'zero'
            ? '0'
            : variant === 'null'
              ? null
              : `-${kg.text}`;
      this.push('collection_recycling', [
        ...head,
        pick.id,
        pick.name,
        quantityKg,
        variant === 'positive' ? this.co2(kg, pick) : null,
        this.chance(0.9) ? null : 'Thu hồi từ thiết bị thải bỏ',
      ]);
    }
  }

  // ---- Form 02 table 2.4 (no titles, no sequence) ----

  private collectionReportTable(ctx: ChildContext): void {
    const count = this.int(1, 5);
    let previousName: string | null = null;
    for (let i = 0; i < count; i++) {
      const [id, cu, cd, wu, wd] = this.magic('collection_recycling_report', ctx);
      const pick = this.substance();
      let name = this.chance(0.08) ? null : pick.name;
      if (i > 0 && previousName !== null && this.chance(0.2)) name = previousName;
      previousName = name;
      const amount = (): string | null =>
        this.weighted<string | null>([
          [this.quantity(10_000).text, 55],
          ['0', 30],
          [null, 15],
        ]);
      this.push('collection_recycling_report', [
        id,
        cu,
        cd,
        wu,
        wd,
        ctx.documentId,
        pick.id,
        name,
        amount(),
        amount(),
        amount(),
        amount(),
        this.text(() => this.pick(LOCATIONS), 0.2, 0.05),
        this.text(() => this.pick(LOCATIONS), 0.3, 0.05),
        this.text(() => this.pick(TECHNOLOGIES), 0.3, 0.05),
        this.text(() => this.pick(TECHNOLOGIES), 0.3, 0.05),
        this.text(() => this.pick(LOCATIONS), 0.4, 0.05),
        this.text(() => this.pick(TECHNOLOGIES), 0.3, 0.05),
        this.text(() => this.pick(FACILITIES), 0.3, 0.05),
        this.chance(0.9) ? null : 'Số liệu năm trước chuyển sang',
      ]);
    }
  }
}

interface ChildContext {
  documentId: number;
  createdAt: string;
  writtenAt: string;
  codes: ReadonlySet<ActivityFieldCode>;
}

/** Lower-case ASCII with diacritics removed ('Đặng Thu' -> 'dangthu'), for e-mail local parts. */
function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function mustFind<T>(items: readonly T[], predicate: (item: T) => boolean): T {
  const found = items.find(predicate);
  if (found === undefined) throw new Error('generate-dataset: master data is missing a required record');
  return found;
}
