import type { SequencedChild } from './records.ts';

/** Keys of `R` whose values are nullable strings: the fields that can serve as a title field. */
export type TextFieldOf<R> = { [K in keyof R]-?: R[K] extends string | null ? K : never }[keyof R];

/**
 * `_resolve_is_title_context` (spec 4.0): walks one document's child list in child order and maps each data
 * row to the text of the nearest title row above it.
 *
 * - A title row (`isTitle` true) sets the current title to its `titleField` (NULL or `''` become `''`); a
 *   title directly followed by another title is simply replaced.
 * - A data row gets an entry only when some title came before it, possibly `''`. Rows before the first
 *   title get no entry, so the caller's default applies (`'import'`, `'collection'` or `''`).
 *
 * @param rows the children already in child order (see `childOrder`)
 * @param titleField the column holding the section text (`substanceName` or `equipmentType`)
 * @returns row id to title text
 */
export function resolveTitleContext<R extends SequencedChild, K extends TextFieldOf<R>>(
  rows: readonly R[],
  titleField: K,
): Map<number, string> {
  const context = new Map<number, string>();
  let currentTitle: string | undefined;
  for (const row of rows) {
    if (row.isTitle) {
      const text = row[titleField] as string | null;
      currentTitle = text ? text : '';
    } else if (currentTitle !== undefined) {
      context.set(row.id, currentTitle);
    }
  }
  return context;
}
