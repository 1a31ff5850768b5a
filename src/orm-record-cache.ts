import { columnSql, ORM_COLUMNS, type OrmModelName } from './orm-models.ts';
import type { X2ManyField } from './orm-relations.ts';
import type { Queryable } from './queryable.ts';

/** Odoo's `PREFETCH_MAX` (and the cursor's `IN_MAX`): at most this many ids in one statement. */
export const PREFETCH_MAX = 1000;

/**
 * How the first read of a column field is widened:
 * - `model`: every stored column field of the model together (Odoo's prefetch group, the default);
 * - `field`: only the field touched (a planted change: what the ORM would send without column prefetch).
 */
export type ColumnGrouping = 'model' | 'field';

/** The knobs of the ORM model, injectable so a test can plant a change; production's values are the defaults. */
export interface OrmOptions {
  /** Ids per statement and records per iteration prefetch set (default `PREFETCH_MAX`). */
  prefetchMax: number;
  /** Default `model`. */
  columnGrouping: ColumnGrouping;
}

export const DEFAULT_ORM_OPTIONS: OrmOptions = { prefetchMax: PREFETCH_MAX, columnGrouping: 'model' };

/** What `peek` returns for a value that is not cached. */
export const NOT_CACHED: unique symbol = Symbol('not cached');

/** A re-iterable view: each iteration calls `make` again, so it sees the cache as it is at that moment. */
export function lazyIds(make: () => Iterable<number>): Iterable<number> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

/**
 * The per-request record cache of Odoo's environment, with the ORM's rule for what a cache miss reads.
 *
 * `get` is `Field.__get__` on a stored column field: on a miss it reads the field for the touched record
 * first, then for the records of its prefetch set that lack the field, at most `prefetchMax` of them
 * (`_in_cache_without`), and widens the read to every stored column field of the model that any of those
 * records lacks (`_fetch_field` / `fetch`). `x2many` is the same for a one2many or many2many value.
 *
 * Values are kept raw (as `pg` returns them), per model and field; x2many values as id lists per parent.
 */
export class OrmRecordCache {
  /** model -> field -> id -> raw value. */
  private readonly columnValues = new Map<string, Map<string, Map<number, unknown>>>();
  private readonly x2manyValues = new Map<string, Map<number, readonly number[]>>();

  constructor(
    private readonly q: Queryable,
    readonly options: OrmOptions,
  ) {}

  /** The cached value of a column field, or `NOT_CACHED` (no statement: the hot path of cached reads). */
  peek(model: OrmModelName, field: string, id: number): unknown {
    const values = this.fieldCache(model, field);
    return values.has(id) ? values.get(id) : NOT_CACHED;
  }

  /** The value of a column field, reading it (and its prefetch) on a miss. */
  async get(model: OrmModelName, field: string, id: number, prefetch: Iterable<number>): Promise<unknown> {
    const values = this.fieldCache(model, field);
    if (!values.has(id)) {
      const ids = this.missing(id, prefetch, (candidate) => !values.has(candidate));
      await this.fetchColumns(model, field, ids);
      if (!values.has(id)) throw new Error(`${model} ${id} disappeared during the export (read ${field})`);
    }
    return values.get(id);
  }

  /** The ids of an x2many value (lines or comodel records) of `parentId`, reading it on a miss. */
  async x2many(
    field: X2ManyField,
    parentId: number,
    parentPrefetch: Iterable<number>,
  ): Promise<readonly number[]> {
    const values = this.x2manyCache(field.name);
    let ids = values.get(parentId);
    if (ids === undefined) {
      const parents = this.missing(parentId, parentPrefetch, (candidate) => !values.has(candidate));
      const { rows } = await this.q.query<{ parent: number; line: number }>(field.sql(parents));
      const grouped = new Map<number, number[]>(parents.map((parent) => [parent, []]));
      const inverse = field.inverseOf ? this.fieldCache(field.inverseOf, 'document_id') : null;
      for (const row of rows) {
        const parent = Number(row.parent);
        const line = Number(row.line);
        grouped.get(parent)?.push(line);
        // A one2many is read with search_fetch([inverse]): the lines' document_id lands in the cache too.
        if (inverse && !inverse.has(line)) inverse.set(line, parent);
      }
      for (const [parent, lines] of grouped) values.set(parent, lines);
      ids = values.get(parentId) ?? [];
    }
    return ids;
  }

  /** `PrefetchMany2one`: the distinct non-null cached values of a many2one over `holders`, in holder order. */
  *many2oneValues(model: OrmModelName, field: string, holders: Iterable<number>): Generator<number> {
    const values = this.fieldCache(model, field);
    const seen = new Set<number>();
    for (const holder of holders) {
      const value = values.get(holder);
      if (value === undefined || value === null) continue;
      const id = Number(value);
      if (!seen.has(id)) {
        seen.add(id);
        yield id;
      }
    }
  }

  /** `PrefetchX2many`: the distinct ids of the cached x2many values over `parents`, in parent then line order. */
  *x2manyIds(field: X2ManyField, parents: Iterable<number>): Generator<number> {
    const values = this.x2manyCache(field.name);
    const seen = new Set<number>();
    for (const parent of parents) {
      for (const id of values.get(parent) ?? []) {
        if (!seen.has(id)) {
          seen.add(id);
          yield id;
        }
      }
    }
  }

  /**
   * How iterating a recordset of `ids` (its own prefetch set) hands out records: above `prefetchMax` records,
   * each slice of `prefetchMax` is the prefetch set of its records (`BaseModel.__iter__`).
   */
  iterationChunks(ids: readonly number[]): (readonly number[])[] {
    const size = this.options.prefetchMax;
    if (ids.length <= size) return [ids];
    const chunks: number[][] = [];
    for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
    return chunks;
  }

  /** `expand_ids` then the records lacking the value, at most `prefetchMax` (`_in_cache_without`). */
  private missing(first: number, prefetch: Iterable<number>, lacks: (id: number) => boolean): number[] {
    const ids = [first];
    const seen = new Set(ids);
    for (const id of prefetch) {
      if (ids.length >= this.options.prefetchMax) break;
      if (seen.has(id)) continue;
      seen.add(id);
      if (lacks(id)) ids.push(id);
    }
    return ids;
  }

  /** One statement: the id and the fields to read for `ids`, cached without overwriting (`insert_missing`). */
  private async fetchColumns(model: OrmModelName, touched: string, ids: readonly number[]): Promise<void> {
    const group =
      this.options.columnGrouping === 'model'
        ? ORM_COLUMNS[model]
        : ORM_COLUMNS[model].filter((column) => column.name === touched);
    if (group.length === 0) throw new Error(`${model} has no column field "${touched}" in the ORM model`);
    // Fields already cached for every record of the batch are left out (fetch(ignore_when_in_cache=True)).
    const fields = group.filter((column) => {
      const values = this.fieldCache(model, column.name);
      return ids.some((id) => !values.has(id));
    });
    for (const id of ids) {
      if (!Number.isInteger(id)) throw new Error(`${model}: id ${String(id)} is not an integer`);
    }
    const select = [`"${model}"."id"`, ...fields.map((c) => `${columnSql(model, c)} AS "${c.name}"`)];
    const { rows } = await this.q.query<Record<string, unknown>>(
      `SELECT ${select.join(', ')} FROM "${model}" WHERE ("${model}"."id" IN (${ids.join(', ')}))`,
    );
    const targets = fields.map((column) => ({
      name: column.name,
      values: this.fieldCache(model, column.name),
    }));
    for (const row of rows) {
      const id = Number(row.id);
      for (const { name, values } of targets) if (!values.has(id)) values.set(id, row[name] ?? null);
    }
  }

  private fieldCache(model: string, field: string): Map<number, unknown> {
    let fields = this.columnValues.get(model);
    if (!fields) this.columnValues.set(model, (fields = new Map<string, Map<number, unknown>>()));
    let values = fields.get(field);
    if (!values) fields.set(field, (values = new Map<number, unknown>()));
    return values;
  }

  private x2manyCache(field: string): Map<number, readonly number[]> {
    let values = this.x2manyValues.get(field);
    if (!values) this.x2manyValues.set(field, (values = new Map<number, readonly number[]>()));
    return values;
  }
}
