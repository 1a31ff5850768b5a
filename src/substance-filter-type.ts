/**
 * The substance filter as the sheet builders receive it (spec 2.2 and 4.7).
 *
 * - `null`: no substance filtering. This covers both "filter not requested" and the empty-list quirk
 *   (spec 8.2): a substance search that matched nothing gives `[]`, which the original code tests as falsy,
 *   so the filter builder turns it into `null`.
 * - `{ ids }`: the ids of the matching active substances. Sheets 2-4 keep rows without a substance;
 *   sheets 5-6 drop them.
 *
 * The sheets also treat an empty `ids` set like `null`, as Python's truthiness would, so a filter built by
 * hand can never disable every row.
 */
export type SubstanceFilter = { ids: ReadonlySet<number> } | null;
