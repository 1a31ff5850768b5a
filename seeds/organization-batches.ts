import {
  COMPANY_LINES,
  COMPANY_PREFIXES,
  COMPANY_WORDS,
  D_STROKE_NAMES,
  POSITIONS,
} from './company-vocabulary.ts';
import type { DatasetRows, Row } from './dataset-rows.ts';
import { DATASET_COLUMNS } from './dataset-columns.ts';
import { dateText, timestampText } from './decimal-text.ts';
import { COUNTRY_STATES, FOREIGN_STATE_IDS, VIETNAM_STATE_IDS } from './master-data.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { TableBatch } from './seed-row.ts';

/** What documents copy from their organisation. */
export interface OrganizationInfo {
  name: string;
  businessId: string | null;
  stateId: number | null;
}

/**
 * The first organisations, fixed so that even a small dataset has every organisation-level edge case:
 * equal names, case-only differences, unaccented names, 'Đ', `''`, archived, foreign, no state.
 */
const FORCED_ORGANIZATIONS: readonly Partial<OrganizationInfo & { active: boolean }>[] = [
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

/**
 * Yields the `res_partner` rows of `count` organisations, 1000 per batch, and appends each one's
 * `OrganizationInfo` to `organizations` (index = id - 1) as it goes, for the documents generated after.
 */
export function* organizationBatches(
  random: SeededRandom,
  rows: DatasetRows,
  count: number,
  organizations: OrganizationInfo[],
): Generator<TableBatch> {
  // Non-empty names so far: the pool duplicates and case variants are drawn from.
  const namedPartners: string[] = [];
  const usedBusinessIds = new Set<string>();
  const createdAt = Date.UTC(2023, 5, 1) * 1000;
  let batch: Row[] = [];
  for (let index = 0; index < count; index++) {
    const id = rows.allocateId('res_partner');
    const preset = FORCED_ORGANIZATIONS[index];
    const name = preset?.name ?? organizationName(random, namedPartners);
    let businessId: string | null;
    if (preset && 'businessId' in preset) businessId = preset.businessId ?? null;
    else if (preset === undefined && random.chance(0.08)) businessId = null;
    else businessId = uniqueBusinessId(random, usedBusinessIds);
    let stateId: number | null;
    if (preset && 'stateId' in preset) stateId = preset.stateId ?? null;
    else if (preset !== undefined) stateId = random.pick(VIETNAM_STATE_IDS);
    else stateId = randomStateId(random, 80, 5, 15);
    const active = preset?.active ?? (preset === undefined ? !random.chance(0.04) : true);
    organizations.push({ name, businessId, stateId });
    if (name !== '') namedPartners.push(name);
    const at = timestampText(createdAt + id * 60_000_000);
    const stateName = stateId === null ? 'Hà Nội' : (COUNTRY_STATES[stateId - 1]?.name ?? 'Hà Nội');
    batch.push([
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
      random.chance(0.2)
        ? null
        : dateText(Date.UTC(random.int(2000, 2022), random.int(0, 11), random.int(1, 28)) * 1000),
      random.text(() => `Sở Kế hoạch và Đầu tư ${stateName}`, 0.2, 0.02),
      random.text(() => random.fullName(), 0.2, 0.02),
      random.text(() => random.pick(POSITIONS), 0.2, 0.02),
      random.text(() => random.fullName(), 0.3, 0.02),
      random.chance(0.85) ? null : random.phone(),
      random.chance(0.9) ? 'organization' : 'standard',
    ]);
    if (batch.length >= 1000) {
      yield { table: 'res_partner', columns: DATASET_COLUMNS.res_partner, rows: batch };
      batch = [];
    }
  }
  if (batch.length > 0) yield { table: 'res_partner', columns: DATASET_COLUMNS.res_partner, rows: batch };
}

/**
 * A state id: Vietnamese, foreign or none, with the given integer weights. Organisations use it for their
 * state, documents for their contact state.
 */
export function randomStateId(
  random: SeededRandom,
  vietnamese: number,
  foreign: number,
  none: number,
): number | null {
  const kind = random.weighted([
    ['vn', vietnamese],
    ['foreign', foreign],
    ['none', none],
  ] as const);
  if (kind === 'vn') return random.pick(VIETNAM_STATE_IDS);
  return kind === 'foreign' ? random.pick(FOREIGN_STATE_IDS) : null;
}

/** A company name; sometimes an earlier one again, exactly or in upper case, or `''`. */
function organizationName(random: SeededRandom, earlier: readonly string[]): string {
  const kind = random.weighted([
    ['normal', 900],
    ['duplicate', 30],
    ['upper', 20],
    ['d-stroke', 40],
    ['empty', 10],
  ] as const);
  if (kind === 'duplicate' && earlier.length > 0) return random.pick(earlier);
  if (kind === 'upper' && earlier.length > 0) return random.pick(earlier).toUpperCase();
  if (kind === 'empty') return '';
  if (kind === 'd-stroke') return `${random.pick(D_STROKE_NAMES)} ${random.lastName()}`;
  const parts = [random.pick(COMPANY_PREFIXES), random.pick(COMPANY_LINES), random.pick(COMPANY_WORDS)];
  if (random.chance(0.3)) parts.push(random.lastName());
  return parts.filter((p) => p !== '').join(' ');
}

/** A tax code not in `used` (10 digits, sometimes a branch suffix), added to `used`. */
function uniqueBusinessId(random: SeededRandom, used: Set<string>): string {
  for (;;) {
    let candidate = `0${random.int(100_000_000, 999_999_999)}`;
    if (random.chance(0.1)) candidate += `-00${random.int(1, 9)}`;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}
