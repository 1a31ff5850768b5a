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
 *
 * **Version.** `GENERATOR_VERSION` names the rules above: any change to what a seed and size produce bumps it,
 * and the template databases (`harness/schema/seed-templates.ts`) carry it in their names, so a changed
 * generator never reuses data seeded by an older one.
 *
 * **Files.** This file holds the options and the order of generation. The parts: `seeded-random.ts` (every
 * draw), `dataset-columns.ts` and `dataset-rows.ts` (column lists, ids, buffered rows),
 * `organization-batches.ts` with `company-vocabulary.ts`, `document-batches.ts` with `document-groups.ts`
 * and `document-timeline.ts`, then the child rows: `child-layout.ts` (titles, sequences),
 * `substance-picker.ts`, `equipment-capacity.ts`, and one file per family of tables (`usage-rows.ts`,
 * `product-rows.ts`, `ownership-rows.ts`, `collection-rows.ts`).
 */
import { DatasetRows } from './dataset-rows.ts';
import { documentBatches } from './document-batches.ts';
import { DAY_MS, DocumentTimeline, TIMELINE_START_MS } from './document-timeline.ts';
import { ACTIVITY_FIELDS, masterDataBatches, type ActivityFieldCode } from './master-data.ts';
import { organizationBatches, type OrganizationInfo } from './organization-batches.ts';
import { SeededRandom } from './seeded-random.ts';
import type { TableBatch } from './seed-row.ts';
import { SubstancePicker } from './substance-picker.ts';

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

/**
 * Version of the generated data. History: 1, faker-driven (up to the first template databases); 2, the sfc32
 * PRNG and precomputed vocabularies (same shapes, other values), and `vi_VN` translations of every translated
 * master field (a few records keep `en_US` only).
 */
export const GENERATOR_VERSION = 2;

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
  // One seeded source and one id/row store for the whole dataset: organisations, then documents, draw
  // from the same sequence in this order, which is what makes the output reproducible.
  const random = new SeededRandom(resolved.seed);
  const rows = new DatasetRows();
  const organizations: OrganizationInfo[] = [];
  yield* organizationBatches(random, rows, resolved.organizations, organizations);
  yield* documentBatches({
    random,
    rows,
    substances: new SubstancePicker(random, resolved.quirks.archivedSubstance),
    timeline: new DocumentTimeline(random, resolved.refDateMicros, resolved.documents),
    organizations,
    documents: resolved.documents,
    batchDocuments: resolved.batchDocuments,
    otherFormChildren: resolved.quirks.otherFormChildren,
  });
}
