import type { CollectedExport } from './collector.ts';
import { NoDocumentsError } from './collector.ts';
import { CHILD_QUERIES, DOCUMENT_COLUMNS, FORM_RELATIONS } from './child-queries.ts';
import { documentWhereSql } from './document-filter-sql.ts';
import type { ExportFilters } from './export-filters.ts';
import type { Queryable } from './queryable.ts';
import type { RecordAccess } from './record-access.ts';
import type { ChildRelation, ChildRelations, DocumentRecord, OrganizationRecord } from './records.ts';
import { substanceFilterFromIds, substanceFilterRequested, substanceLookupSql } from './substance-filter.ts';

/**
 * # v2: the plan's strategy, done right
 *
 * Round trips, whatever the number of documents:
 * 1. one query finds the latest matching document of each group **with v1's semantics** (`DISTINCT ON` the
 *    group key, highest `create_date` then highest `id`; not the plan's `MAX(id)`), resolves the whole filter
 *    (organisation pre-filter included) in SQL, joins the partner, the contact state and the active activity
 *    codes, and returns the documents already in the export order (organisation name in code-point order,
 *    `COLLATE "C"`, ties by the group's latest `create_date DESC, id DESC`, as v1's stable sort leaves them);
 * 2. the substance search, only when a substance key is set (the same query as v1);
 * 3. one query per child relation (8), for all documents of that relation's form at once, with the
 *    substance name and HS code joined in. All 8 are always sent, even for a form with no document, so the
 *    count depends only on the filter keys: 9 without a substance key, 10 with one.
 */
export async function collectV2(q: Queryable, filters: ExportFilters): Promise<CollectedExport> {
  const where = documentWhereSql(filters, 1, 'd');
  const { rows } = await q.query<V2DocumentRow>(
    `WITH matching AS (
       SELECT d.id, d.organization_id, COALESCE(d.year, 0) AS year_key, d.document_type, d.create_date
         FROM document_extraction d
        WHERE ${where.text}
     ), latest AS (
       SELECT DISTINCT ON (organization_id, year_key, document_type) id, create_date
         FROM matching
        ORDER BY organization_id, year_key, document_type, create_date DESC, id DESC
     )
     SELECT ${DOCUMENT_COLUMNS},
            p.name AS "organizationName", p.business_id AS "organizationBusinessId",
            s.name AS "contactStateName",
            ARRAY(SELECT af.code FROM document_extraction_activity_field_rel r
                    JOIN activity_field af ON af.id = r.activity_field_id
                   WHERE r.document_id = d.id AND af.active IS TRUE
                   ORDER BY af.sequence, af.name->>'en_US', af.id) AS "activityCodes",
            (SELECT count(*) FROM matching)::int AS "matchingCount"
       FROM latest l
       JOIN document_extraction d ON d.id = l.id
       LEFT JOIN res_partner p ON p.id = d.organization_id
       LEFT JOIN res_country_state s ON s.id = d.contact_state_id
      ORDER BY COALESCE(p.name, '') COLLATE "C", COALESCE(d.year, 0), d.document_type COLLATE "C",
               l.create_date DESC, l.id DESC`,
    where.values,
  );
  const first = rows[0];
  if (first === undefined) throw new NoDocumentsError();

  let substanceIds: number[] | null = null;
  if (substanceFilterRequested(filters)) {
    const lookup = substanceLookupSql(filters); // throws HsCodeFilterError for a non-empty hs_code
    substanceIds = (await q.query<{ id: number }>(lookup.text, lookup.values)).rows.map((r) => r.id);
  }

  const access = new V2Access(rows);
  const idsByForm = { '01': [] as number[], '02': [] as number[] };
  for (const row of rows) (row.documentType === '01' ? idsByForm['01'] : idsByForm['02']).push(row.id);
  for (const form of ['01', '02'] as const) {
    for (const relation of FORM_RELATIONS[form]) await access.loadChildren(q, relation, idsByForm[form]);
  }
  return {
    documents: rows,
    matchingCount: first.matchingCount,
    access,
    substanceFilter: substanceFilterFromIds(substanceIds),
  };
}

interface V2DocumentRow extends DocumentRecord {
  organizationName: string | null;
  organizationBusinessId: string | null;
  contactStateName: string | null;
  activityCodes: string[];
  matchingCount: number;
}

/** Which child tables carry an `hs_code_id` whose code the sheets read (sheet 3). */
const WITH_HS_CODE: ReadonlySet<ChildRelation> = new Set(['equipment_product', 'equipment_product_report']);

/** Answers every `RecordAccess` call from what `collectV2` loaded; never queries. */
class V2Access implements RecordAccess {
  private readonly byId: Map<number, V2DocumentRow>;
  private readonly childLists = new Map<string, unknown[]>();
  private readonly substanceNames = new Map<number, string | null>();
  private readonly hsCodes = new Map<number, string | null>();

  constructor(documents: readonly V2DocumentRow[]) {
    this.byId = new Map(documents.map((d) => [d.id, d]));
  }

  async loadChildren(q: Queryable, relation: ChildRelation, documentIds: readonly number[]): Promise<void> {
    const spec = CHILD_QUERIES[relation];
    const hs = WITH_HS_CODE.has(relation);
    const { rows } = await q.query<Record<string, unknown>>(
      `SELECT c.document_id AS "documentId", ${spec.columns},
              cs.name->>'en_US' AS "joinedSubstanceName"${hs ? ', h.code AS "joinedHsCode"' : ''}
         FROM ${relation} c
         LEFT JOIN controlled_substance cs ON cs.id = c.substance_id
         ${hs ? 'LEFT JOIN hs_code h ON h.id = c.hs_code_id' : ''}
        WHERE c.document_id = ANY($1::int[])
        ORDER BY c.document_id, ${spec.orderBy}`,
      [documentIds],
    );
    for (const row of rows) {
      const record = spec.toRecord(row);
      const key = `${relation}:${String(row.documentId)}`;
      let list = this.childLists.get(key);
      if (list === undefined) this.childLists.set(key, (list = []));
      list.push(record);
      const substanceId = row.substanceId;
      if (substanceId !== null && substanceId !== undefined) {
        this.substanceNames.set(Number(substanceId), (row.joinedSubstanceName as string | null) ?? null);
      }
      if (hs && row.hsCodeId !== null && row.hsCodeId !== undefined) {
        this.hsCodes.set(Number(row.hsCodeId), (row.joinedHsCode as string | null) ?? null);
      }
    }
  }

  private row(doc: DocumentRecord): V2DocumentRow {
    const row = this.byId.get(doc.id);
    if (!row) throw new Error(`v2 was asked about document ${doc.id}, which it did not load`);
    return row;
  }

  organization(doc: DocumentRecord): Promise<OrganizationRecord | null> {
    if (doc.organizationId === null) return Promise.resolve(null);
    const row = this.row(doc);
    return Promise.resolve({
      id: doc.organizationId,
      name: row.organizationName,
      businessId: row.organizationBusinessId,
    });
  }

  activityCodes(doc: DocumentRecord): Promise<readonly string[]> {
    return Promise.resolve(this.row(doc).activityCodes);
  }

  contactStateName(doc: DocumentRecord): Promise<string | null> {
    return Promise.resolve(this.row(doc).contactStateName);
  }

  children<R extends ChildRelation>(doc: DocumentRecord, relation: R): Promise<readonly ChildRelations[R][]> {
    return Promise.resolve((this.childLists.get(`${relation}:${doc.id}`) ?? []) as ChildRelations[R][]);
  }

  substanceName(substanceId: number): Promise<string | null> {
    if (!this.substanceNames.has(substanceId)) {
      return Promise.reject(
        new Error(`v2 did not load substance ${substanceId}: a child query misses a join`),
      );
    }
    return Promise.resolve(this.substanceNames.get(substanceId) ?? null);
  }

  hsCodeCode(hsCodeId: number): Promise<string | null> {
    if (!this.hsCodes.has(hsCodeId)) {
      return Promise.reject(new Error(`v2 did not load HS code ${hsCodeId}: a child query misses a join`));
    }
    return Promise.resolve(this.hsCodes.get(hsCodeId) ?? null);
  }
}
