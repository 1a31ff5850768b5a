import type { ChildContext } from './child-layout.ts';
import { collectionReportRows, collectionRows } from './collection-rows.ts';
import { COMPANY_WORDS, POSITIONS } from './company-vocabulary.ts';
import type { DatasetRows } from './dataset-rows.ts';
import { dateText, timestampText } from './decimal-text.ts';
import { FORCED_DOCUMENT_GROUPS, randomDocumentGroup, type DocumentGroupPlan } from './document-groups.ts';
import type { DocumentTimeline } from './document-timeline.ts';
import {
  ACTIVITY_FIELDS,
  COUNTRY_STATES,
  VIETNAM_COUNTRY_ID,
  type ActivityFieldCode,
} from './master-data.ts';
import { randomStateId, type OrganizationInfo } from './organization-batches.ts';
import { ownershipRows } from './ownership-rows.ts';
import { productRows } from './product-rows.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { TableBatch } from './seed-row.ts';
import type { SubstancePicker } from './substance-picker.ts';
import { usageRows } from './usage-rows.ts';

/** The generator state documents are built from. */
export interface DocumentBatchesInput {
  random: SeededRandom;
  rows: DatasetRows;
  substances: SubstancePicker;
  timeline: DocumentTimeline;
  /** Every organisation, already generated (index = id - 1). */
  organizations: readonly OrganizationInfo[];
  /** Number of documents to generate. */
  documents: number;
  /** Documents per yielded set of batches. */
  batchDocuments: number;
  /** Quirk `otherFormChildren`: ~2% of documents also get child rows of the other form. */
  otherFormChildren: boolean;
}

/**
 * Yields the documents, their activity links and child rows, one batch per table every
 * `batchDocuments` documents. Documents come in groups (`FORCED_DOCUMENT_GROUPS` first, then random ones)
 * whose `create_date`s follow the timeline.
 */
export function* documentBatches(input: DocumentBatchesInput): Generator<TableBatch> {
  const { random, rows, timeline } = input;
  let made = 0;
  let inBuffer = 0;
  let groupIndex = 0;
  while (made < input.documents) {
    const plan =
      FORCED_DOCUMENT_GROUPS[groupIndex] ??
      randomDocumentGroup(random, input.organizations.length, timeline.nominalYear(made));
    groupIndex++;
    const size = Math.min(plan.size, input.documents - made);
    let groupFirstMicros = 0;
    for (let position = 0; position < size; position++) {
      const createMicros = timeline.createMicros(plan, position, groupFirstMicros, made);
      if (position === 0) groupFirstMicros = createMicros;
      documentRows(input, plan, position, createMicros);
      made++;
      inBuffer++;
      if (inBuffer >= input.batchDocuments) {
        yield* rows.flush();
        inBuffer = 0;
      }
    }
  }
  yield* rows.flush();
}

/** Writes one document's `document_extraction` row, its activity links and its child rows. */
function documentRows(
  input: DocumentBatchesInput,
  plan: DocumentGroupPlan,
  position: number,
  createMicros: number,
): void {
  const { random, rows } = input;
  const id = rows.allocateId('document_extraction');
  const createdAt = timestampText(createMicros);
  const type = plan.documentType;
  const state =
    plan.states?.[position] ??
    random.weighted([
      ['completed', 60],
      ['validated', 20],
      ['draft', 20],
    ] as const);
  const writtenAt =
    state === 'draft' ? createdAt : timestampText(createMicros + random.int(1, 30) * 3_600_000_000);
  const year = plan.year;
  const baseYear = year !== null && year > 0 ? year : null;
  const yearI = (offset: number): number | null =>
    type === '01' && baseYear !== null && !random.chance(0.08) ? baseYear - offset : null;
  const partner =
    plan.organizationId === null ? null : (input.organizations[plan.organizationId - 1] ?? null);
  const organizationName =
    partner?.name || (random.chance(0.5) ? `Công ty ${random.pick(COMPANY_WORDS)} (chưa khớp)` : null);
  const stateId = randomStateId(random, 85, 3, 12);
  const countryId =
    stateId === null
      ? random.chance(0.5)
        ? VIETNAM_COUNTRY_ID
        : null
      : (COUNTRY_STATES[stateId - 1]?.countryId ?? null);
  const codes = activityCodes(random);
  const external = random.chance(0.2);
  const f1 = type === '01';
  const has = {
    t1: codes.has('production') || codes.has('import') || codes.has('export'),
    t2: codes.has('equipment_production') || codes.has('equipment_import'),
    t3: codes.has('ac_ownership') || codes.has('refrigeration_ownership'),
    t4: codes.has('collection_recycling'),
  };
  rows.push('document_extraction', [
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
    partner?.businessId ?? (random.chance(0.3) ? `0${random.int(100_000_000, 999_999_999)}` : null),
    random.chance(0.3)
      ? null
      : dateText(Date.UTC(random.int(2000, 2022), random.int(0, 11), random.int(1, 28)) * 1000),
    random.text(() => `Sở Kế hoạch và Đầu tư ${random.state()}`, 0.2),
    random.text(() => random.fullName()),
    random.text(() => random.pick(POSITIONS)),
    random.text(() => random.fullName()),
    random.text(
      () => `Số ${random.int(1, 500)} đường ${random.lastName()} ${random.firstName()}, ${random.city()}`,
    ),
    stateId,
    countryId,
    random.text(() => random.phone()),
    random.chance(0.7) ? null : random.phone(),
    random.text(() => random.email()),
    createdAt,
    external ? 'from_external_source' : 'from_user_upload',
    random.weighted([
      ['completed', 95],
      ['error', 3],
      ['pending', 2],
    ] as const),
    `mau_${type}_${id}.pdf`,
    external ? `gd${random.alphanumeric(24)}` : null,
    random.chance(0.1),
    random.chance(0.95) ? null : 'Cần kiểm tra lại số liệu',
    null,
    f1 && has.t1,
    f1 && has.t2,
    f1 && has.t3,
    f1 && has.t4,
    !f1 && has.t1,
    !f1 && has.t2,
    !f1 && has.t3,
    !f1 && has.t4,
    !random.chance(0.1),
    !random.chance(0.1),
    !random.chance(0.1),
    !random.chance(0.1),
  ]);
  for (const field of ACTIVITY_FIELDS) {
    if (codes.has(field.code)) rows.push('document_extraction_activity_field_rel', [id, field.id]);
  }
  const ctx: ChildContext = {
    random,
    rows,
    substances: input.substances,
    documentId: id,
    createdAt,
    writtenAt,
  };
  childRows(ctx, codes, type);
  if (input.otherFormChildren && random.chance(0.02)) childRows(ctx, codes, type === '01' ? '02' : '01');
}

/** The document's activity codes, each with its own probability; ~3% of documents have none. */
function activityCodes(random: SeededRandom): Set<ActivityFieldCode> {
  const codes = new Set<ActivityFieldCode>();
  if (random.chance(0.03)) return codes;
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
  for (const [code, p] of odds) if (random.chance(p)) codes.add(code);
  return codes;
}

/** Writes the child rows of form `form` for the activity `codes`, table by table. */
function childRows(ctx: ChildContext, codes: ReadonlySet<ActivityFieldCode>, form: '01' | '02'): void {
  const usage = (['production', 'import', 'export'] as const).filter((c) => codes.has(c));
  if (usage.length > 0) usageRows(ctx, form === '01' ? 'substance_usage' : 'quota_usage', usage);
  const product = (['equipment_production', 'equipment_import'] as const).filter((c) => codes.has(c));
  if (product.length > 0) {
    productRows(ctx, form === '01' ? 'equipment_product' : 'equipment_product_report', product);
  }
  const ownership = (['ac_ownership', 'refrigeration_ownership'] as const).filter((c) => codes.has(c));
  if (ownership.length > 0) {
    ownershipRows(ctx, form === '01' ? 'equipment_ownership' : 'equipment_ownership_report', ownership);
  }
  if (codes.has('collection_recycling')) {
    if (form === '01') collectionRows(ctx);
    else collectionReportRows(ctx);
  }
}
