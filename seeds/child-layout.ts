import type { DocumentTable } from './dataset-columns.ts';
import type { DatasetRows } from './dataset-rows.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { SubstancePicker } from './substance-picker.ts';

/** What the child-table writers need: the shared generator state and the parent document. */
export interface ChildContext {
  random: SeededRandom;
  rows: DatasetRows;
  substances: SubstancePicker;
  documentId: number;
  /** The document's `create_date` / `write_date`, copied to its child rows as extraction does. */
  createdAt: string;
  writtenAt: string;
}

/** One line of a child table as laid out: its sequence, whether it is a title, and its section. */
export interface ChildLine<S> {
  sequence: number | null;
  isTitle: boolean;
  section: S;
  /** The title text; `null` on data rows. */
  title: string | null;
}

/**
 * Lays out sections as extraction writes them: an optional title (probability `pTitle`), then
 * `rowsPer()` data rows; sequences 10, 20, ... across all rows (rarely NULL). So there are never two
 * titles in a row and never a trailing title.
 */
export function childLayout<S>(
  random: SeededRandom,
  sections: readonly S[],
  titleOf: (section: S) => string | null,
  rowsPer: () => number,
  pTitle = 0.9,
): ChildLine<S>[] {
  const out: ChildLine<S>[] = [];
  let position = 0;
  for (const section of sections) {
    const count = rowsPer();
    if (random.chance(pTitle)) {
      position++;
      out.push({ sequence: sequenceAt(random, position), isTitle: true, section, title: titleOf(section) });
    }
    for (let i = 0; i < count; i++) {
      position++;
      out.push({ sequence: sequenceAt(random, position), isTitle: false, section, title: null });
    }
  }
  return out;
}

/** The sequence of the row at `position` (1-based): 10, 20, ..., rarely NULL. A function, not a closure per call. */
function sequenceAt(random: SeededRandom, position: number): number | null {
  return random.chance(0.01) ? null : position * 10;
}

/** The title text of a section: Vietnamese mostly, the English code sometimes, '' or NULL rarely. */
export function sectionTitle(
  random: SeededRandom,
  code: string,
  vietnamese: readonly string[],
): string | null {
  return random.weighted<string | null>([
    [random.pick(vietnamese), 85],
    [code, 10],
    ['', 3],
    [null, 2],
  ]);
}

/** A new child row's `id` and magic columns (`create_uid`, `create_date`, `write_uid`, `write_date`). */
export function childMagic(
  ctx: ChildContext,
  table: DocumentTable,
): [number, number, string, number, string] {
  return [ctx.rows.allocateId(table), 1, ctx.createdAt, 1, ctx.writtenAt];
}
