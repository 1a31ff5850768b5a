/**
 * The only database surface the export under test sees. Collectors receive a `Queryable`; whether it is a
 * plain `pg` client or the harness's counting client is not their business (DESIGN.md: inject the database).
 */
export interface QueryResultLike<R> {
  rows: R[];
  rowCount: number | null;
}

export interface Queryable {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResultLike<R>>;
}
