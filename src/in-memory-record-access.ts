import type { RecordAccess } from './record-access.ts';
import type { ChildRelation, ChildRelations, DocumentRecord, OrganizationRecord } from './records.ts';

/** An `activity_field` row as the in-memory access needs it. */
export interface InMemoryActivityField {
  id: number;
  code: string;
  active: boolean;
}

/** The related records an `InMemoryRecordAccess` answers from. Missing entries behave like NULL / empty. */
export interface InMemoryData {
  organizations?: readonly OrganizationRecord[];
  /** `res_country_state` id to name. */
  stateNames?: ReadonlyMap<number, string>;
  activityFields?: readonly InMemoryActivityField[];
  /** Document id to the ids of its linked activity fields (the rel table). */
  documentActivityFieldIds?: ReadonlyMap<number, readonly number[]>;
  /** `controlled_substance` id to its `en_US` name. */
  substanceNames?: ReadonlyMap<number, string>;
  /** `hs_code` id to code. */
  hsCodes?: ReadonlyMap<number, string>;
  /**
   * Document id to its one2many lists, each **already in the relation's database order** (the fake does
   * not sort; the test states the order PostgreSQL would return).
   */
  children?: ReadonlyMap<number, { readonly [R in ChildRelation]?: readonly ChildRelations[R][] }>;
}

/**
 * A `RecordAccess` over hand-made records, for unit tests of the sheet builders only: nothing here is
 * measured or compared with a collector. It records every call as a short string in `calls`
 * (`organization(doc 7)`, `children(doc 7, quota_usage)`, `substanceName(3)`, ...) so a test can pin the
 * access pattern the v1 collector's query counts depend on.
 */
export class InMemoryRecordAccess implements RecordAccess {
  readonly calls: string[] = [];

  constructor(private readonly data: InMemoryData) {}

  organization(doc: DocumentRecord): Promise<OrganizationRecord | null> {
    this.calls.push(`organization(doc ${doc.id})`);
    const found = this.data.organizations?.find((organization) => organization.id === doc.organizationId);
    return Promise.resolve(found ?? null);
  }

  activityCodes(doc: DocumentRecord): Promise<readonly string[]> {
    this.calls.push(`activityCodes(doc ${doc.id})`);
    const linkedIds = new Set(this.data.documentActivityFieldIds?.get(doc.id) ?? []);
    // Reading the x2many drops archived activity fields (spec 1.4).
    const codes = (this.data.activityFields ?? [])
      .filter((field) => linkedIds.has(field.id) && field.active)
      .map((field) => field.code);
    return Promise.resolve(codes);
  }

  contactStateName(doc: DocumentRecord): Promise<string | null> {
    this.calls.push(`contactStateName(doc ${doc.id})`);
    if (doc.contactStateId === null) return Promise.resolve(null);
    return Promise.resolve(this.data.stateNames?.get(doc.contactStateId) ?? null);
  }

  children<R extends ChildRelation>(doc: DocumentRecord, relation: R): Promise<readonly ChildRelations[R][]> {
    this.calls.push(`children(doc ${doc.id}, ${relation})`);
    const lists = this.data.children?.get(doc.id);
    return Promise.resolve(lists?.[relation] ?? []);
  }

  substanceName(substanceId: number): Promise<string | null> {
    this.calls.push(`substanceName(${substanceId})`);
    return Promise.resolve(this.data.substanceNames?.get(substanceId) ?? null);
  }

  hsCodeCode(hsCodeId: number): Promise<string | null> {
    this.calls.push(`hsCodeCode(${hsCodeId})`);
    return Promise.resolve(this.data.hsCodes?.get(hsCodeId) ?? null);
  }
}
