import type { SeedValue, TableBatch, TranslatedValue } from './seed-row.ts';

/**
 * Master data as the module and Odoo base ship it (spec section 6): 8 activity fields, 63 controlled
 * substances, 5 substance groups, 34 HS codes, Vietnam's 63 provinces plus a few foreign countries and
 * states. Ids are explicit and fixed, so every dataset built on them is identical byte for byte.
 *
 * Translated (`translate=True`, jsonb) fields carry `en_US` and `vi_VN` with different texts, as a Vietnamese
 * deployment stores them, except a few records created before the language was installed, which have
 * `en_US` only: four substances (`UNTRANSLATED_SUBSTANCE_IDS`), the United States, the HFO group and every
 * tenth HS code. The export reads `en_US` (spec 0), so a collector reading another key differs.
 *
 * Deliberate additions, both switchable from the generator (`quirks` in `generate-dataset.ts`):
 * - one extra, **archived** substance (`HFC-161`, id 64) that the substance filter must skip;
 * - archiving one of the 8 activity fields (the master list itself has all 8 active).
 */

/** Timestamp of the module installation: `create_date` / `write_date` of every master record. */
export const MASTER_DATA_CREATED_AT = '2024-01-02 03:04:05.000000';

export const ACTIVITY_FIELD_CODES = [
  'production',
  'import',
  'export',
  'equipment_production',
  'equipment_import',
  'ac_ownership',
  'refrigeration_ownership',
  'collection_recycling',
] as const;

export type ActivityFieldCode = (typeof ACTIVITY_FIELD_CODES)[number];

export interface ActivityFieldSeed {
  id: number;
  code: ActivityFieldCode;
  sequence: number;
  /** The `en_US` name. */
  name: string;
  /** The `vi_VN` name. */
  nameVi: string;
}

/** The module's 8 activity fields; `id` follows `sequence`. */
export const ACTIVITY_FIELDS: readonly ActivityFieldSeed[] = [
  {
    id: 1,
    code: 'production',
    sequence: 10,
    name: 'Production of controlled substances',
    nameVi: 'Sản xuất chất được kiểm soát',
  },
  {
    id: 2,
    code: 'import',
    sequence: 20,
    name: 'Import of controlled substances',
    nameVi: 'Nhập khẩu chất được kiểm soát',
  },
  {
    id: 3,
    code: 'export',
    sequence: 30,
    name: 'Export of controlled substances',
    nameVi: 'Xuất khẩu chất được kiểm soát',
  },
  {
    id: 4,
    code: 'equipment_production',
    sequence: 40,
    name: 'Production of equipment containing controlled substances',
    nameVi: 'Sản xuất thiết bị, sản phẩm có chứa chất được kiểm soát',
  },
  {
    id: 5,
    code: 'equipment_import',
    sequence: 50,
    name: 'Import of equipment containing controlled substances',
    nameVi: 'Nhập khẩu thiết bị, sản phẩm có chứa chất được kiểm soát',
  },
  {
    id: 6,
    code: 'ac_ownership',
    sequence: 60,
    name: 'Ownership of air conditioning systems (>26.5 kW / 90,000 BTU/h)',
    nameVi: 'Sở hữu hệ thống điều hòa không khí (>26,5 kW / 90.000 BTU/h)',
  },
  {
    id: 7,
    code: 'refrigeration_ownership',
    sequence: 70,
    name: 'Ownership of refrigeration equipment (>40 kW)',
    nameVi: 'Sở hữu thiết bị làm lạnh (>40 kW)',
  },
  {
    id: 8,
    code: 'collection_recycling',
    sequence: 80,
    name: 'Collection, reuse, recycling and disposal of controlled substances',
    nameVi: 'Thu gom, tái sử dụng, tái chế và xử lý chất được kiểm soát',
  },
];

export interface SubstanceGroupSeed {
  id: number;
  code: string;
  sequence: number;
  name: string;
}

export const SUBSTANCE_GROUPS: readonly SubstanceGroupSeed[] = [
  { id: 1, code: 'HFC', sequence: 10, name: 'HFC' },
  { id: 2, code: 'HCFC', sequence: 20, name: 'HCFC' },
  { id: 3, code: 'CFC', sequence: 30, name: 'CFC' },
  { id: 4, code: 'PFC', sequence: 40, name: 'PFC' },
  { id: 5, code: 'HFO', sequence: 50, name: 'HFO' },
];

/** The 34 HS codes of the module, in the order the spec lists them; `id` is the 1-based position. */
export const HS_CODES: readonly string[] = [
  '84151020',
  '29033900',
  '29034300',
  '29034400',
  '29034500',
  '29034700',
  '29034800',
  '29037100',
  '29037600',
  '29037900',
  '38247400',
  '38247800',
  '38276800',
  '29034100',
  '29034200',
  '29034600',
  '29034900',
  '29037200',
  '29037300',
  '29037400',
  '29037500',
  '38273100',
  '38273200',
  '38273990',
  '38275100',
  '38275900',
  '38276110',
  '38276120',
  '38276200',
  '38276310',
  '38276390',
  '38276400',
  '38276500',
  '38276900',
];

/** Id of an HS code by its code; throws on a code that is not in `HS_CODES` (a typo in this file). */
export function hsCodeId(code: string): number {
  const index = HS_CODES.indexOf(code);
  if (index < 0) throw new Error(`master-data: HS code ${code} is not in HS_CODES; add it or fix the typo`);
  return index + 1;
}

export type SubstanceKind = 'hfc' | 'blend' | 'hcfc' | 'other';

export interface SubstanceSeed {
  id: number;
  /** The `en_US` name. */
  name: string;
  code: string;
  kind: SubstanceKind;
  formula: string | null;
  casNumber: string | null;
  /** `null` only for "Other Substance". */
  hsCode: string | null;
  subHsCodes: readonly string[];
  gwp: number | null;
  active: boolean;
}

/** Id of "Other Substance" (code `OTHER-SUBSTANCE`), the fallback of extraction for unmatched names. */
export const OTHER_SUBSTANCE_ID = 63;
/** Id of the extra archived substance (see the file header). */
export const ARCHIVED_SUBSTANCE_ID = 64;

type SubstanceSpec = [
  name: string,
  kind: SubstanceKind,
  hs: string | null,
  gwp: number | null,
  formula?: string,
];

// Kigali Annex F singles with AR4 GWPs, then the common R-4xx / R-5xx blends, the "Other ..." buckets, the
// HCFC singles. HS codes follow the Vietnamese tariff lines the module ships.
const SUBSTANCE_SPECS: readonly SubstanceSpec[] = [
  ['HFC-134', 'hfc', '29034500', 1100, 'CHF2CHF2'],
  ['HFC-134a', 'hfc', '29034500', 1430, 'CH2FCF3'],
  ['HFC-143', 'hfc', '29034400', 353, 'CH2FCHF2'],
  ['HFC-245fa', 'hfc', '29034700', 1030, 'CHF2CH2CF3'],
  ['HFC-365mfc', 'hfc', '29034800', 794, 'CF3CH2CF2CH3'],
  ['HFC-227ea', 'hfc', '29034600', 3220, 'CF3CHFCF3'],
  ['HFC-236cb', 'hfc', '29034600', 1340, 'CH2FCF2CF3'],
  ['HFC-236ea', 'hfc', '29034600', 1370, 'CHF2CHFCF3'],
  ['HFC-236fa', 'hfc', '29034600', 9810, 'CF3CH2CF3'],
  ['HFC-245ca', 'hfc', '29034700', 693, 'CH2FCF2CHF2'],
  ['HFC-43-10mee', 'hfc', '29034800', 1640, 'CF3CHFCHFCF2CF3'],
  ['HFC-32', 'hfc', '29034200', 675, 'CH2F2'],
  ['HFC-125', 'hfc', '29034400', 3500, 'CHF2CF3'],
  ['HFC-143a', 'hfc', '29034400', 4470, 'CH3CF3'],
  ['HFC-41', 'hfc', '29034300', 92, 'CH3F'],
  ['HFC-152', 'hfc', '29034300', 53, 'CH2FCH2F'],
  ['HFC-152a', 'hfc', '29034300', 124, 'CH3CHF2'],
  ['HFC-23', 'hfc', '29034100', 14800, 'CHF3'],
  ['R-404A', 'blend', '38247800', 3922],
  ['R-407A', 'blend', '38247800', 2107],
  ['R-407B', 'blend', '38247800', 2804],
  ['R-407C', 'blend', '38247800', 1774],
  ['R-407F', 'blend', '38276800', 1825],
  ['R-407H', 'blend', '38276800', 1495],
  ['R-410A', 'blend', '38247800', 2088],
  ['R-410B', 'blend', '38276800', 2229],
  ['R-413A', 'blend', '38276800', 2053],
  ['R-417A', 'blend', '38276800', 2346],
  ['R-421A', 'blend', '38276800', 2631],
  ['R-422A', 'blend', '38276800', 3143],
  ['R-422D', 'blend', '38276800', 2729],
  ['R-423A', 'blend', '38276800', 2280],
  ['R-424A', 'blend', '38276800', 2440],
  ['R-426A', 'blend', '38276800', 1508],
  ['R-427A', 'blend', '38276800', 2138],
  ['R-428A', 'blend', '38276800', 3607],
  ['R-434A', 'blend', '38276800', 3245],
  ['R-437A', 'blend', '38276800', 1805],
  ['R-438A', 'blend', '38276800', 2265],
  ['R-442A', 'blend', '38276800', 1888],
  ['R-448A', 'blend', '38276800', 1387],
  ['R-449A', 'blend', '38276800', 1397],
  ['R-452A', 'blend', '38276800', 2140],
  ['R-454B', 'blend', '38276800', 466],
  ['R-507A', 'blend', '38247800', 3985],
  ['R-508A', 'blend', '38276800', 13214],
  ['R-508B', 'blend', '38276800', 13396],
  ['R-513A', 'blend', '38276800', 631],
  ['R-515B', 'blend', '38276800', 293],
  ['Other HFC mixtures', 'blend', '38276900', null],
  ['Other HFC-23 mixtures', 'blend', '38276900', null],
  ['Other HCFC mixtures', 'blend', '38247400', null],
  ['Other HFC', 'hfc', '29034900', null],
  ['HCFC-22', 'hcfc', '29037100', 1810, 'CHClF2'],
  ['HCFC-123', 'hcfc', '29037200', 77, 'CHCl2CF3'],
  ['HCFC-124', 'hcfc', '29037200', 609, 'CHClFCF3'],
  ['HCFC-141b', 'hcfc', '29037300', 725, 'CH3CCl2F'],
  ['HCFC-142b', 'hcfc', '29037400', 2310, 'CH3CClF2'],
  ['HCFC-225ca', 'hcfc', '29037500', 122, 'CHCl2CF2CF3'],
  ['HCFC-225cb', 'hcfc', '29037500', 595, 'CHClFCF2CClF2'],
  ['HCFC-21', 'hcfc', '29037600', 151, 'CHCl2F'],
  ['Other HCFC', 'hcfc', '29037900', null],
  ['Other Substance', 'other', null, null],
];

// Blends are declared under several tariff lines; 19 substances carry extra (sub) HS codes.
const SUB_HS_CODES: readonly (readonly string[])[] = [
  ['38273100', '38273200'],
  ['38273990'],
  ['38275100', '38275900'],
  ['38276110', '38276120'],
  ['38276200'],
  ['38276310', '38276390'],
  ['38276400', '38276500'],
];

function substanceCode(name: string): string {
  if (name === 'Other Substance') return 'OTHER-SUBSTANCE';
  if (name.startsWith('Other ')) return name.toUpperCase().replace(/ /g, '-');
  // The module's codes use the refrigerant designation, e.g. HFC-134a -> R-134a.
  return name.replace(/^H?C?FC-/, 'R-');
}

/** The 63 controlled substances of spec section 6, plus the extra archived one (id 64). */
export const CONTROLLED_SUBSTANCES: readonly SubstanceSeed[] = [
  ...SUBSTANCE_SPECS.map(([name, kind, hsCode, gwp, formula], index): SubstanceSeed => {
    // The first 19 blends (ids 19..37) carry sub HS codes.
    const blendIndex = index - 18;
    const subHsCodes =
      kind === 'blend' && blendIndex >= 0 && blendIndex < 19
        ? (SUB_HS_CODES[blendIndex % SUB_HS_CODES.length] ?? [])
        : [];
    return {
      id: index + 1,
      name,
      code: substanceCode(name),
      kind,
      formula: formula ?? null,
      casNumber: null,
      hsCode,
      subHsCodes,
      gwp,
      active: true,
    };
  }),
  {
    id: ARCHIVED_SUBSTANCE_ID,
    name: 'HFC-161',
    code: 'R-161',
    kind: 'hfc',
    formula: 'CH3CH2F',
    casNumber: '353-36-6',
    hsCode: '29034900',
    subHsCodes: [],
    gwp: 4,
    active: false,
  },
];

export interface CountrySeed {
  id: number;
  code: string;
  name: string;
}

export const VIETNAM_COUNTRY_ID = 1;

export const COUNTRIES: readonly CountrySeed[] = [
  { id: VIETNAM_COUNTRY_ID, code: 'VN', name: 'Vietnam' },
  { id: 2, code: 'CN', name: 'China' },
  { id: 3, code: 'JP', name: 'Japan' },
  { id: 4, code: 'TH', name: 'Thailand' },
  { id: 5, code: 'US', name: 'United States' },
];

export interface CountryStateSeed {
  id: number;
  countryId: number;
  code: string;
  name: string;
}

// Odoo base's Vietnamese states (codes VN-xx, VN-CT/DN/HN/HP/SG), names with their diacritics, NFC.
const VIETNAM_STATES: readonly [code: string, name: string][] = [
  ['VN-44', 'An Giang'],
  ['VN-43', 'Bà Rịa - Vũng Tàu'],
  ['VN-54', 'Bắc Giang'],
  ['VN-53', 'Bắc Kạn'],
  ['VN-55', 'Bạc Liêu'],
  ['VN-56', 'Bắc Ninh'],
  ['VN-50', 'Bến Tre'],
  ['VN-31', 'Bình Định'],
  ['VN-57', 'Bình Dương'],
  ['VN-58', 'Bình Phước'],
  ['VN-40', 'Bình Thuận'],
  ['VN-59', 'Cà Mau'],
  ['VN-CT', 'Cần Thơ'],
  ['VN-04', 'Cao Bằng'],
  ['VN-DN', 'Đà Nẵng'],
  ['VN-33', 'Đắk Lắk'],
  ['VN-72', 'Đắk Nông'],
  ['VN-71', 'Điện Biên'],
  ['VN-39', 'Đồng Nai'],
  ['VN-45', 'Đồng Tháp'],
  ['VN-30', 'Gia Lai'],
  ['VN-03', 'Hà Giang'],
  ['VN-63', 'Hà Nam'],
  ['VN-HN', 'Hà Nội'],
  ['VN-23', 'Hà Tĩnh'],
  ['VN-61', 'Hải Dương'],
  ['VN-HP', 'Hải Phòng'],
  ['VN-73', 'Hậu Giang'],
  ['VN-14', 'Hòa Bình'],
  ['VN-66', 'Hưng Yên'],
  ['VN-34', 'Khánh Hòa'],
  ['VN-47', 'Kiên Giang'],
  ['VN-28', 'Kon Tum'],
  ['VN-01', 'Lai Châu'],
  ['VN-35', 'Lâm Đồng'],
  ['VN-09', 'Lạng Sơn'],
  ['VN-02', 'Lào Cai'],
  ['VN-41', 'Long An'],
  ['VN-67', 'Nam Định'],
  ['VN-22', 'Nghệ An'],
  ['VN-18', 'Ninh Bình'],
  ['VN-36', 'Ninh Thuận'],
  ['VN-68', 'Phú Thọ'],
  ['VN-32', 'Phú Yên'],
  ['VN-24', 'Quảng Bình'],
  ['VN-27', 'Quảng Nam'],
  ['VN-29', 'Quảng Ngãi'],
  ['VN-13', 'Quảng Ninh'],
  ['VN-25', 'Quảng Trị'],
  ['VN-52', 'Sóc Trăng'],
  ['VN-05', 'Sơn La'],
  ['VN-37', 'Tây Ninh'],
  ['VN-20', 'Thái Bình'],
  ['VN-69', 'Thái Nguyên'],
  ['VN-21', 'Thanh Hóa'],
  ['VN-26', 'Thừa Thiên - Huế'],
  ['VN-46', 'Tiền Giang'],
  ['VN-SG', 'TP Hồ Chí Minh'],
  ['VN-51', 'Trà Vinh'],
  ['VN-07', 'Tuyên Quang'],
  ['VN-49', 'Vĩnh Long'],
  ['VN-70', 'Vĩnh Phúc'],
  ['VN-06', 'Yên Bái'],
];

// A few foreign states: the province filter searches every country's states (spec 2.1). "Hainan" and
// "Henan" are the English names; their Vietnamese names would collide with "Hà Nam" only under --unaccent.
const FOREIGN_STATES: readonly [countryId: number, code: string, name: string][] = [
  [2, 'GD', 'Guangdong'],
  [2, 'HA', 'Henan'],
  [2, 'HI', 'Hainan'],
  [3, '13', 'Tokyo'],
  [3, '27', 'Osaka'],
  [4, '10', 'Bangkok'],
  [4, '20', 'Chon Buri'],
  [5, 'CA', 'California'],
  [5, 'TX', 'Texas'],
];

/** Vietnam's 63 states (ids 1..63), then the foreign ones (ids 64..). */
export const COUNTRY_STATES: readonly CountryStateSeed[] = [
  ...VIETNAM_STATES.map(([code, name], index) => ({
    id: index + 1,
    countryId: VIETNAM_COUNTRY_ID,
    code,
    name,
  })),
  ...FOREIGN_STATES.map(([countryId, code, name], index) => ({
    id: VIETNAM_STATES.length + index + 1,
    countryId,
    code,
    name,
  })),
];

export const VIETNAM_STATE_IDS: readonly number[] = COUNTRY_STATES.filter(
  (s) => s.countryId === VIETNAM_COUNTRY_ID,
).map((s) => s.id);
export const FOREIGN_STATE_IDS: readonly number[] = COUNTRY_STATES.filter(
  (s) => s.countryId !== VIETNAM_COUNTRY_ID,
).map((s) => s.id);

/** Equipment types as extraction creates them on the fly (`needs_review`, `code = name`). */
export interface EquipmentTypeSeed {
  id: number;
  name: string;
  category: 'ac' | 'refrigeration' | 'industrial' | 'other';
}

export const EQUIPMENT_TYPES: readonly EquipmentTypeSeed[] = [
  { id: 1, name: 'Điều hòa không khí cục bộ', category: 'ac' },
  { id: 2, name: 'Điều hòa trung tâm VRV/VRF', category: 'ac' },
  { id: 3, name: 'Máy làm lạnh nước (Chiller)', category: 'ac' },
  { id: 4, name: 'Điều hòa ô tô', category: 'ac' },
  { id: 5, name: 'Tủ lạnh thương mại', category: 'refrigeration' },
  { id: 6, name: 'Kho lạnh', category: 'refrigeration' },
  { id: 7, name: 'Tủ đông công nghiệp', category: 'refrigeration' },
  { id: 8, name: 'Hệ thống lạnh công nghiệp', category: 'industrial' },
  { id: 9, name: 'Máy nén khí', category: 'industrial' },
  { id: 10, name: 'Bình chữa cháy', category: 'other' },
];

/**
 * A translated value as a Vietnamese deployment stores it: `en_US` (the source term, always there) and
 * `vi_VN`; `vi` null for records created before Vietnamese was installed, which keep `en_US` only.
 */
export function translated(en: string, vi: string | null): TranslatedValue {
  return vi === null ? { en_US: en } : { en_US: en, vi_VN: vi };
}

/** Substance ids whose name has no `vi_VN` value (created before the language was installed). */
export const UNTRANSLATED_SUBSTANCE_IDS: ReadonlySet<number> = new Set([13, 26, 39, 52]);

/** The `vi_VN` name of a substance: the designation with its Vietnamese class name, or `null` (see above). */
export function substanceNameVi(substance: Pick<SubstanceSeed, 'id' | 'name' | 'kind'>): string | null {
  if (UNTRANSLATED_SUBSTANCE_IDS.has(substance.id)) return null;
  if (substance.name === 'Other Substance') return 'Chất khác';
  if (substance.name.startsWith('Other ')) {
    const rest = substance.name.slice('Other '.length);
    return rest.endsWith(' mixtures') ? `Hỗn hợp ${rest.slice(0, -' mixtures'.length)} khác` : `${rest} khác`;
  }
  return substance.kind === 'blend' ? `Hỗn hợp ${substance.name}` : `Môi chất ${substance.name}`;
}

const COUNTRY_NAMES_VI: Readonly<Record<string, string>> = {
  VN: 'Việt Nam',
  CN: 'Trung Quốc',
  JP: 'Nhật Bản',
  TH: 'Thái Lan',
};

const SUBSTANCE_GROUP_NAMES_VI: Readonly<Record<string, string>> = {
  HFC: 'Nhóm HFC',
  HCFC: 'Nhóm HCFC',
  CFC: 'Nhóm CFC',
  PFC: 'Nhóm PFC',
};

/** Options of `masterDataBatches` (the generator's `quirks`). */
export interface MasterDataOptions {
  /** Code of an activity field to store as archived (`active = false`), or `null` for none. */
  archivedActivityFieldCode: ActivityFieldCode | null;
  /** Whether to include the extra archived substance (id 64). */
  archivedSubstance: boolean;
}

/**
 * The master tables as load batches, parents first. Pure: the same options always give the same rows.
 */
export function masterDataBatches(options: MasterDataOptions): TableBatch[] {
  const at = MASTER_DATA_CREATED_AT;
  const magic = ['create_uid', 'create_date', 'write_uid', 'write_date'];
  const stamp: SeedValue[] = [1, at, 1, at];
  const substances = CONTROLLED_SUBSTANCES.filter((s) => s.active || options.archivedSubstance);
  return [
    {
      table: 'res_country',
      columns: ['id', 'name', 'code', ...magic],
      rows: COUNTRIES.map((c) => [
        c.id,
        translated(c.name, COUNTRY_NAMES_VI[c.code] ?? null),
        c.code,
        ...stamp,
      ]),
    },
    {
      table: 'res_country_state',
      columns: ['id', 'name', 'code', 'country_id', ...magic],
      rows: COUNTRY_STATES.map((s) => [s.id, s.name, s.code, s.countryId, ...stamp]),
    },
    {
      table: 'activity_field',
      columns: ['id', 'name', 'code', 'sequence', 'description', 'active', ...magic],
      rows: ACTIVITY_FIELDS.map((a) => [
        a.id,
        translated(a.name, a.nameVi),
        a.code,
        a.sequence,
        null,
        a.code !== options.archivedActivityFieldCode,
        ...stamp,
      ]),
    },
    {
      table: 'substance_group',
      columns: [
        'id',
        'name',
        'code',
        'sequence',
        'description',
        'substance_count',
        'active',
        'color',
        'needs_review',
        'created_from_extraction',
        ...magic,
      ],
      // The module loads groups after substances and never links them: substance_count stays 0.
      rows: SUBSTANCE_GROUPS.map((g) => [
        g.id,
        translated(g.name, SUBSTANCE_GROUP_NAMES_VI[g.code] ?? null),
        g.code,
        g.sequence,
        null,
        0,
        true,
        g.id,
        false,
        false,
        ...stamp,
      ]),
    },
    {
      table: 'hs_code',
      columns: [
        'id',
        'code',
        'name',
        'product_category',
        'chapter',
        'active',
        'needs_review',
        'created_from_extraction',
        ...magic,
      ],
      rows: HS_CODES.map((code, index) => [
        index + 1,
        code,
        translated(hsCodeName(code), index % 10 === 9 ? null : hsCodeNameVi(code)),
        translated(
          code.startsWith('84') ? 'Equipment' : 'Controlled substance',
          code.startsWith('84') ? 'Thiết bị' : 'Chất được kiểm soát',
        ),
        code.slice(0, 2),
        true,
        false,
        false,
        ...stamp,
      ]),
    },
    {
      table: 'controlled_substance',
      columns: [
        'id',
        'name',
        'code',
        'formula',
        'cas_number',
        'hs_code_id',
        'hs_code_display',
        'form_type',
        'gwp',
        'substance_group_id',
        'active',
        'needs_review',
        'created_from_extraction',
        ...magic,
      ],
      rows: substances.map((s) => [
        s.id,
        translated(s.name, substanceNameVi(s)),
        s.code,
        s.formula,
        s.casNumber,
        s.hsCode === null ? null : hsCodeId(s.hsCode),
        s.hsCode === null ? null : [s.hsCode, ...s.subHsCodes].join(', '),
        'both',
        s.gwp,
        null,
        s.active,
        false,
        false,
        ...stamp,
      ]),
    },
    {
      table: 'controlled_substance_sub_hs_code_rel',
      columns: ['substance_id', 'hs_code_id'],
      rows: substances.flatMap((s) => s.subHsCodes.map((code) => [s.id, hsCodeId(code)])),
    },
    {
      table: 'equipment_type',
      columns: [
        'id',
        'name',
        'code',
        'sequence',
        'description',
        'category',
        'min_capacity',
        'max_capacity',
        'active',
        'needs_review',
        'created_from_extraction',
        ...magic,
      ],
      rows: EQUIPMENT_TYPES.map((t) => [
        t.id,
        t.name,
        t.name,
        t.id * 10,
        null,
        t.category,
        null,
        null,
        true,
        true,
        true,
        ...stamp,
      ]),
    },
  ];
}

function hsCodeNameVi(code: string): string {
  if (code === '84151020') return 'Máy điều hòa không khí, loại hai mảng';
  if (code.startsWith('2903')) return `Dẫn xuất halogen hóa của hydrocarbon (${code})`;
  return `Hỗn hợp chứa dẫn xuất halogen hóa (${code})`;
}

function hsCodeName(code: string): string {
  if (code === '84151020') return 'Air conditioning machines, split system';
  if (code.startsWith('2903')) return `Halogenated derivatives of hydrocarbons (${code})`;
  return `Mixtures containing halogenated derivatives (${code})`;
}
