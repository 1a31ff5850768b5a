import type { CollectedExport } from './collector.ts';
import { NoDocumentsError } from './collector.ts';
import { CHILD_QUERIES, DOCUMENT_COLUMNS } from './child-queries.ts';
import { documentSearchSql } from './document-filter-sql.ts';
import type { ExportFilters } from './export-filters.ts';
import { latestPerGroup, sortForExport, type GroupableDocument } from './latest-documents.ts';
import { lookUpOrganisations } from './organisation-lookup.ts';
import type { Queryable } from './queryable.ts';
import type { RecordAccess } from './record-access.ts';
import type { ChildRelation, ChildRelations, DocumentRecord, OrganizationRecord } from './records.ts';
import { substanceFilterFromIds, substanceFilterRequested, substanceLookupSql } from './substance-filter.ts';

/**
 * # v1: the current code's access pattern
 *
 * The loading model, in one place (every v1 query count follows from it):
 *
 * - It is Odoo's ORM **without prefetching**: each record is read the first time the code touches it, one
 *   record per round trip, and kept in a per-request identity cache (Odoo's environment cache) afterwards.
 *   Nothing is ever read twice in one export.
 * - Lookups before the search, as `_build_filter_domain` does them: the states matching `province` (only when
 *   `province` is set), then the partner search (only when the organisation pre-filter has a clause). When the
 *   partner search matches nothing the domain is always false and, as Odoo does for such a domain, no document
 *   search is sent.
 * - The document search: one query returning the ids of every matching document, `create_date DESC, id DESC`.
 * - Grouping reads each **matching** document (re-extractions included), one per round trip: the plan's
 *   "N queries in grouping" (its bottleneck #1).
 * - The sort by organisation name reads each distinct partner of the surviving documents once.
 * - The substance search (only when a substance key is set and documents were found).
 * - Sheets: per document, `activity_field_ids` (rel table joined to active activity fields) once; each
 *   distinct contact state once; each one2many list of the document's form once per (document, relation):
 *   sheets 2, 3, 4 and 5 each read their own relation; sheet 6 reads the same relation as sheet 5, which is
 *   already cached (Odoo caches x2many values on the record). Each distinct substance and HS code once.
 *
 * So, with M matching and D surviving documents: about `1 + M + partners + D + states + 4·D + substances +
 * HS codes` queries (+1 to +3 for filter lookups): linear in both M and D.
 */
export async function collectV1(q: Queryable, filters: ExportFilters): Promise<CollectedExport> {
  const loader = new V1Loader(q);

  const organisation = await lookUpOrganisations(q, filters);
  if (organisation === 'none') throw new NoDocumentsError();

  const search = documentSearchSql(filters, organisation);
  const { rows: idRows } = await q.query<{ id: number }>(search.text, search.values);
  if (idRows.length === 0) throw new NoDocumentsError();

  const matching: V1Document[] = [];
  for (const { id } of idRows) matching.push(await loader.document(id));

  const latest = latestPerGroup(matching);
  const names = new Map<number, string | null>();
  for (const doc of latest) names.set(doc.id, (await loader.organization(doc))?.name ?? null);
  const documents = sortForExport(latest, (doc) => names.get(doc.id) ?? null);

  let substanceIds: number[] | null = null;
  if (substanceFilterRequested(filters)) {
    const lookup = substanceLookupSql(filters); // throws HsCodeFilterError for a non-empty hs_code
    substanceIds = (await q.query<{ id: number }>(lookup.text, lookup.values)).rows.map((r) => r.id);
  }
  return {
    documents,
    matchingCount: idRows.length,
    access: loader,
    substanceFilter: substanceFilterFromIds(substanceIds),
  };
}

type V1Document = DocumentRecord & GroupableDocument;

/** Loads on first touch, one record per round trip, and caches for the request (see `collectV1`). */
class V1Loader implements RecordAccess {
  private readonly organizations = new Map<number, OrganizationRecord | null>();
  private readonly stateNames = new Map<number, string | null>();
  private readonly activityCodesByDocument = new Map<number, string[]>();
  private readonly childLists = new Map<string, readonly unknown[]>();
  private readonly substanceNames = new Map<number, string | null>();
  private readonly hsCodes = new Map<number, string | null>();

  constructor(private readonly q: Queryable) {}

  async document(id: number): Promise<V1Document> {
    const { rows } = await this.q.query<V1Document>(
      `SELECT ${DOCUMENT_COLUMNS}, to_char(d.create_date, 'YYYYMMDDHH24MISSUS') AS "createDateKey"
         FROM document_extraction d WHERE d.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new Error(`document_extraction ${id} disappeared during the export`);
    return row;
  }

  async organization(doc: DocumentRecord): Promise<OrganizationRecord | null> {
    const id = doc.organizationId;
    if (id === null) return null;
    if (!this.organizations.has(id)) {
      const { rows } = await this.q.query<OrganizationRecord>(
        'SELECT id, name, business_id AS "businessId" FROM res_partner WHERE id = $1',
        [id],
      );
      this.organizations.set(id, rows[0] ?? null);
    }
    return this.organizations.get(id) ?? null;
  }

  async activityCodes(doc: DocumentRecord): Promise<readonly string[]> {
    let codes = this.activityCodesByDocument.get(doc.id);
    if (codes === undefined) {
      // Reading the many2many drops archived activity fields (active_test), spec 1.4.
      const { rows } = await this.q.query<{ code: string }>(
        `SELECT af.code FROM document_extraction_activity_field_rel r
           JOIN activity_field af ON af.id = r.activity_field_id
          WHERE r.document_id = $1 AND af.active IS TRUE
          ORDER BY af.sequence, af.name->>'en_US', af.id`,
        [doc.id],
      );
      codes = rows.map((r) => r.code);
      this.activityCodesByDocument.set(doc.id, codes);
    }
    return codes;
  }

  async contactStateName(doc: DocumentRecord): Promise<string | null> {
    const id = doc.contactStateId;
    if (id === null) return null;
    if (!this.stateNames.has(id)) {
      const { rows } = await this.q.query<{ name: string }>(
        'SELECT name FROM res_country_state WHERE id = $1',
        [id],
      );
      this.stateNames.set(id, rows[0]?.name ?? null);
    }
    return this.stateNames.get(id) ?? null;
  }

  async children<R extends ChildRelation>(
    doc: DocumentRecord,
    relation: R,
  ): Promise<readonly ChildRelations[R][]> {
    const key = `${relation}:${doc.id}`;
    let list = this.childLists.get(key) as ChildRelations[R][] | undefined;
    if (list === undefined) {
      const spec = CHILD_QUERIES[relation];
      const { rows } = await this.q.query(
        `SELECT ${spec.columns} FROM ${relation} c WHERE c.document_id = $1 ORDER BY ${spec.orderBy}`,
        [doc.id],
      );
      list = rows.map((row) => spec.toRecord(row));
      this.childLists.set(key, list);
    }
    return list;
  }

  async substanceName(substanceId: number): Promise<string | null> {
    if (!this.substanceNames.has(substanceId)) {
      const { rows } = await this.q.query<{ name: string | null }>(
        `SELECT name->>'en_US' AS name FROM controlled_substance WHERE id = $1`,
        [substanceId],
      );
      this.substanceNames.set(substanceId, rows[0]?.name ?? null);
    }
    return this.substanceNames.get(substanceId) ?? null;
  }

  async hsCodeCode(hsCodeId: number): Promise<string | null> {
    if (!this.hsCodes.has(hsCodeId)) {
      const { rows } = await this.q.query<{ code: string }>('SELECT code FROM hs_code WHERE id = $1', [
        hsCodeId,
      ]);
      this.hsCodes.set(hsCodeId, rows[0]?.code ?? null);
    }
    return this.hsCodes.get(hsCodeId) ?? null;
  }
}
