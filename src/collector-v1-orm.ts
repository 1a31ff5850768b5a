import type { CollectedExport, Collector } from './collector.ts';
import { NoDocumentsError } from './collector.ts';
import { documentSearchSql } from './document-filter-sql.ts';
import type { ExportFilters } from './export-filters.ts';
import { latestPerGroup, sortForExport, type GroupableDocument } from './latest-documents.ts';
import { lookUpOrganisations } from './organisation-lookup.ts';
import { ORM_COLUMNS, type OrmModelName } from './orm-models.ts';
import {
  DEFAULT_ORM_OPTIONS,
  lazyIds,
  NOT_CACHED,
  OrmRecordCache,
  type OrmOptions,
} from './orm-record-cache.ts';
import {
  ACTIVITY_FIELD_IDS,
  childRecord,
  childRecordShape,
  ONE2MANY_FIELDS,
  type ChildRecordShape,
} from './orm-relations.ts';
import type { Queryable } from './queryable.ts';
import type { RecordAccess } from './record-access.ts';
import type { ChildRelation, ChildRelations, DocumentRecord, OrganizationRecord } from './records.ts';
import { substanceFilterFromIds, substanceFilterRequested, substanceLookupSql } from './substance-filter.ts';
import { passesFilterKeepingNoSubstance } from './substance-filter-match.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';

/**
 * # v1-orm: the current code as Odoo 18's ORM runs it (what production sends today)
 *
 * `v1` is the plan's premise (one record per round trip). Production runs the same Python through Odoo's
 * ORM, which batches. The loading model below is what decides every statement v1-orm sends; it was read
 * from Odoo 18's ORM (`fields.py`, `models.py`) and checked against statements real Odoo sent on the same
 * data, phase by phase.
 *
 * **The cache.** One record cache per request: a field value is read at most once. Reading a field of a
 * record that lacks it reads it for a whole set of records at once:
 *
 * - **Which records: the prefetch set.** The touched record first, then the other records of its prefetch
 *   set that lack the value, at most `PREFETCH_MAX` (1000) ids per statement.
 *   - Records handed out by iterating a recordset share the recordset's prefetch set, except that above
 *     1000 records each slice of 1000 is the prefetch set of its own records.
 *   - `browse(ids)` and `search()` start a new prefetch set (their own ids).
 *   - `grouped()` hands each group the prefetch set of the grouped recordset (the whole search result).
 *   - A record held by a relational value prefetches with the values of the same field on the other
 *     records of its holder's prefetch set (many2one: the distinct targets; x2many: every line of that
 *     field of every parent in the set, parent by parent), as far as those values are already cached.
 * - **Which fields.** A stored column field is read with all stored column fields of its model that the
 *   batch lacks (one `SELECT id, <columns> ... WHERE id IN (...)`; translated fields as `->>'en_US'`).
 *   A one2many is read alone, as `SELECT id, document_id FROM <lines> WHERE document_id IN (...)` in the
 *   line model's `_order` (the lines' `document_id` is cached by it); the lines' other columns are read
 *   when a line is first touched, in statements of at most 1000 lines. A many2many is read through the
 *   rel table joined to the target, ordered by the target's `_order`; `activity_field` has an `active`
 *   field, so the value drops archived targets in Python, which reads the targets' columns.
 *
 * **What the original touches** (`_collect_export_data` and the six `_fill_sheet*`):
 *
 * - collect: the filter lookups (states, partners); the document search (ids only, `create_date DESC,
 *   id DESC`); `grouped()` reads `organization_id`, `year`, `document_type` of **every matching**
 *   document (so their columns, 1000 per statement); `max()` reads `create_date` (cached); the sort reads
 *   `organization_id.name` of each surviving document, whose prefetch set is every partner of the matching
 *   documents; then `browse()` of the survivors; the substance search when a substance key is set.
 * - sheet 1: per document its organisation (cached), `activity_field_ids` (rel table per 1000 documents,
 *   then the activity fields' columns once) and `contact_state_id.name` (the states of the 1000-slice).
 * - sheets 2 to 5: per document the one2many of its form (read for the whole slice, both forms' documents),
 *   `.sorted('sequence')` touches every line's `sequence` (their columns); then per row, in column order,
 *   `hs_code_id.code` (sheet 3) and `substance_id.name` (sheets 2 to 4; sheet 4 Form 01 only above zero
 *   quantity). Sheet 4 Form 02 iterates its lines unsorted and touches each line, then its substance.
 *   Sheet 5 reads its lines' own columns only.
 * - sheet 6: the relations of sheet 5, already cached: no statement.
 *
 * So up to 1000 exported documents about 27 statements whatever the size, then about 20 more per further
 * 1000 (every one2many repeats per slice), plus one per 1000 matching documents and per 1000 partners.
 *
 * Adapted to this schema: the columns are this project's (`orm-models.ts`); `create_date` is selected as
 * microsecond text; Form 02 end-of-life lines break `substance_name` ties by id (spec 8.6: real Odoo leaves
 * them to the plan). The filter lookups and searches use the same SQL as v1.
 */
export async function collectV1Orm(
  q: Queryable,
  filters: ExportFilters,
  options: Partial<OrmOptions> = {},
): Promise<CollectedExport> {
  const cache = new OrmRecordCache(q, { ...DEFAULT_ORM_OPTIONS, ...options });

  const organisation = await lookUpOrganisations(q, filters);
  if (organisation === 'none') throw new NoDocumentsError();

  const search = documentSearchSql(filters, organisation);
  const ids = (await q.query<{ id: number }>(search.text, search.values)).rows.map((r) => Number(r.id));
  if (ids.length === 0) throw new NoDocumentsError();

  // grouped(): iterates the search result (1000-slices are prefetch sets) and reads the grouping key.
  const matching: GroupableDocument[] = [];
  for (const slice of cache.iterationChunks(ids)) {
    for (const id of slice) {
      const organizationId = (await cache.get(DOC, 'organization_id', id, slice)) as number | null;
      const year = (await cache.get(DOC, 'year', id, slice)) as number | null;
      const documentType = (await cache.get(DOC, 'document_type', id, slice)) as string;
      matching.push({ id, organizationId, year, documentType, createDateKey: '' });
    }
  }
  // max(): each group's documents keep the whole search result as their prefetch set.
  for (const doc of matching)
    doc.createDateKey = (await cache.get(DOC, 'create_date', doc.id, ids)) as string;
  const latest = latestPerGroup(matching);

  // The sort key reads organization_id.name; a partner prefetches with every matching document's partner.
  const partnerPrefetch = lazyIds(() => cache.many2oneValues(DOC, 'organization_id', ids));
  const names = new Map<number, string | null>();
  for (const doc of latest) {
    const name =
      doc.organizationId === null
        ? null
        : ((await cache.get('res_partner', 'name', doc.organizationId, partnerPrefetch)) as string | null);
    names.set(doc.id, name);
  }
  const sorted = sortForExport(latest, (doc) => names.get(doc.id) ?? null);

  let substanceIds: number[] | null = null;
  if (substanceFilterRequested(filters)) {
    const lookup = substanceLookupSql(filters); // throws HsCodeFilterError for a non-empty hs_code
    substanceIds = (await q.query<{ id: number }>(lookup.text, lookup.values)).rows.map((r) => r.id);
  }
  const substanceFilter = substanceFilterFromIds(substanceIds);

  // browse(): the survivors are a new recordset, iterated by every sheet.
  const loader = new OrmLoader(
    cache,
    sorted.map((doc) => doc.id),
    substanceFilter,
  );
  const documents: DocumentRecord[] = [];
  for (const doc of sorted) documents.push(await loader.documentRecord(doc.id));
  return { documents, matchingCount: ids.length, access: loader, substanceFilter };
}

/** A `Collector` with the ORM model's knobs set (tests plant a batch size or a column grouping with it). */
export function v1OrmCollector(options: Partial<OrmOptions> = {}): Collector {
  return (q, filters) => collectV1Orm(q, filters, options);
}

const DOC: OrmModelName = 'document_extraction';

/** `DocumentRecord` fields and their columns. */
const DOCUMENT_FIELDS = {
  documentType: 'document_type',
  year: 'year',
  year1: 'year_1',
  year2: 'year_2',
  year3: 'year_3',
  organizationId: 'organization_id',
  contactStateId: 'contact_state_id',
  legalRepresentativeName: 'legal_representative_name',
  legalRepresentativePosition: 'legal_representative_position',
  contactPersonName: 'contact_person_name',
  contactAddress: 'contact_address',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
} as const satisfies Partial<Record<keyof DocumentRecord, string>>;

/** Answers the sheets' accesses through the ORM cache (see `collectV1Orm`). */
class OrmLoader implements RecordAccess {
  /** Each exported document's prefetch set while the sheets iterate `documents`. */
  private readonly sliceOf = new Map<number, readonly number[]>();
  /**
   * The lines the sheet is iterating (the relation and the documents' slice): a substance or HS code held
   * by one of them prefetches with the same field of the other lines (PrefetchMany2one over PrefetchX2many).
   */
  private lines: { relation: ChildRelation; slice: readonly number[] } | null = null;
  private readonly shapes = new Map<ChildRelation, ChildRecordShape>();
  /** Child records already built from the cache (sheets 5 and 6 read the same lines). */
  private readonly builtLines = new Map<ChildRelation, Map<number, unknown>>();

  constructor(
    private readonly cache: OrmRecordCache,
    documentIds: readonly number[],
    private readonly substanceFilter: SubstanceFilter,
  ) {
    for (const slice of cache.iterationChunks(documentIds))
      for (const id of slice) this.sliceOf.set(id, slice);
  }

  async documentRecord(id: number): Promise<DocumentRecord> {
    const slice = this.slice(id);
    const record: Record<string, unknown> = { id };
    for (const [field, column] of Object.entries(DOCUMENT_FIELDS)) {
      record[field] = await this.cache.get(DOC, column, id, slice);
    }
    return record as unknown as DocumentRecord;
  }

  async organization(doc: DocumentRecord): Promise<OrganizationRecord | null> {
    const slice = this.slice(doc.id);
    const id = (await this.cache.get(DOC, 'organization_id', doc.id, slice)) as number | null;
    if (id === null) return null;
    const prefetch = lazyIds(() => this.cache.many2oneValues(DOC, 'organization_id', slice));
    const name = (await this.cache.get('res_partner', 'name', id, prefetch)) as string | null;
    const businessId = (await this.cache.get('res_partner', 'business_id', id, prefetch)) as string | null;
    return { id, name, businessId };
  }

  async activityCodes(doc: DocumentRecord): Promise<readonly string[]> {
    const slice = this.slice(doc.id);
    const fieldIds = await this.cache.x2many(ACTIVITY_FIELD_IDS, doc.id, slice);
    const prefetch = lazyIds(() => this.cache.x2manyIds(ACTIVITY_FIELD_IDS, slice));
    // convert_to_record filters on `active` (active_test), then .mapped('code').
    const active: number[] = [];
    for (const id of fieldIds)
      if (await this.cache.get('activity_field', 'active', id, prefetch)) active.push(id);
    const codes: string[] = [];
    for (const id of active)
      codes.push((await this.cache.get('activity_field', 'code', id, prefetch)) as string);
    return codes;
  }

  async contactStateName(doc: DocumentRecord): Promise<string | null> {
    const slice = this.slice(doc.id);
    const id = (await this.cache.get(DOC, 'contact_state_id', doc.id, slice)) as number | null;
    if (id === null) return null;
    const prefetch = lazyIds(() => this.cache.many2oneValues(DOC, 'contact_state_id', slice));
    return (await this.cache.get('res_country_state', 'name', id, prefetch)) as string | null;
  }

  async children<R extends ChildRelation>(
    doc: DocumentRecord,
    relation: R,
  ): Promise<readonly ChildRelations[R][]> {
    const slice = this.slice(doc.id);
    const field = ONE2MANY_FIELDS[relation];
    const lineIds = await this.cache.x2many(field, doc.id, slice);
    this.lines = { relation, slice };
    const prefetch = lazyIds(() => this.cache.x2manyIds(field, slice));
    const value = (id: number) => (column: string) => this.cache.get(relation, column, id, prefetch);
    const records: ChildRelations[R][] = [];
    if (relation === 'collection_recycling_report') {
      // Iterated unsorted: each line is read when the loop reaches it, and its substance right after (the
      // unpivot builds the base row, TenChat included, before looking at the quantities).
      for (const id of lineIds) {
        const record = await this.childRecord(relation, id, value(id));
        const substanceId = (record as ChildRelations['collection_recycling_report']).substanceId;
        if (substanceId !== null && passesFilterKeepingNoSubstance(this.substanceFilter, substanceId)) {
          await this.substanceName(substanceId);
        }
        records.push(record);
      }
      return records;
    }
    // .sorted('sequence') touches every line's sequence before the loop reads anything else.
    for (const id of lineIds) {
      if (this.cache.peek(relation, 'sequence', id) === NOT_CACHED) await value(id)('sequence');
    }
    for (const id of lineIds) records.push(await this.childRecord(relation, id, value(id)));
    return records;
  }

  async substanceName(substanceId: number): Promise<string | null> {
    const prefetch = this.heldBy('substance_id');
    return (await this.cache.get('controlled_substance', 'name', substanceId, prefetch)) as string | null;
  }

  async hsCodeCode(hsCodeId: number): Promise<string | null> {
    const prefetch = this.heldBy('hs_code_id');
    return (await this.cache.get('hs_code', 'code', hsCodeId, prefetch)) as string | null;
  }

  /** The prefetch set of a many2one target held by the lines being iterated. */
  private heldBy(column: 'substance_id' | 'hs_code_id'): Iterable<number> {
    const lines = this.lines;
    if (lines === null) throw new Error('v1-orm: a line value was read before any one2many');
    const field = ONE2MANY_FIELDS[lines.relation];
    return lazyIds(() =>
      this.cache.many2oneValues(lines.relation, column, this.cache.x2manyIds(field, lines.slice)),
    );
  }

  private async childRecord<R extends ChildRelation>(
    relation: R,
    id: number,
    value: (column: string) => Promise<unknown>,
  ): Promise<ChildRelations[R]> {
    const built = this.builtLines.get(relation)?.get(id);
    if (built) return built as ChildRelations[R];
    const shape = this.shapeOf(relation);
    const values: unknown[] = [];
    for (const [, column] of shape.present) {
      // Cached reads stay synchronous: only a miss goes to the database.
      const cached = this.cache.peek(relation, column, id);
      values.push(cached === NOT_CACHED ? await value(column) : cached);
    }
    const record = childRecord(relation, id, shape, values);
    let lines = this.builtLines.get(relation);
    if (!lines) this.builtLines.set(relation, (lines = new Map<number, unknown>()));
    lines.set(id, record);
    return record;
  }

  private shapeOf(relation: ChildRelation): ChildRecordShape {
    let shape = this.shapes.get(relation);
    if (!shape) {
      shape = childRecordShape(new Set(ORM_COLUMNS[relation].map((c) => c.name)));
      this.shapes.set(relation, shape);
    }
    return shape;
  }

  private slice(documentId: number): readonly number[] {
    const slice = this.sliceOf.get(documentId);
    if (!slice) throw new Error(`v1-orm: document ${documentId} is not one of the exported documents`);
    return slice;
  }
}
