import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who issued a query: which collector (`v1`, `v2`), in which phase (`documents`, `sheet`, ...), for which
 * sheet. The harness sets it around calls into `src/`; the code under test never sees it (DESIGN.md:
 * nothing in `src/` knows it is being measured).
 */
export interface QueryLabel {
  collector?: string;
  phase?: string;
  sheet?: string;
}

/** The parts of a label, in the order `labelKey` writes them. */
export const LABEL_PARTS = ['collector', 'phase', 'sheet'] as const;

/** What `labelKey` returns for a query issued outside any `withLabel`. */
export const UNLABELLED_KEY = '(unlabelled)';

const storage = new AsyncLocalStorage<Readonly<QueryLabel>>();
const EMPTY_LABEL: Readonly<QueryLabel> = Object.freeze({});

/**
 * Runs `fn` with `label` merged over the current label: parts given here replace the outer ones, parts left
 * out (or `undefined`) are inherited. The label follows every `await`, timer and promise started inside
 * `fn`, and only those: two flows labelled concurrently never see each other's label.
 *
 * @returns whatever `fn` returns (a promise when `fn` is async).
 */
export function withLabel<T>(label: Partial<QueryLabel>, fn: () => T): T {
  const merged: QueryLabel = { ...currentLabel() };
  for (const part of LABEL_PARTS) {
    const value = label[part];
    if (value !== undefined) merged[part] = value;
  }
  return storage.run(Object.freeze(merged), fn);
}

/** The label in force here (a frozen object; `{}` outside any `withLabel`). */
export function currentLabel(): Readonly<QueryLabel> {
  return storage.getStore() ?? EMPTY_LABEL;
}

/**
 * A label as one string, for grouping and reports: its parts joined with `/`, e.g.
 * `v1/sheet/2_DL_ThietBi_SoHuu`. Trailing missing parts are left out (`v1/documents`); a missing part
 * before a present one is written `-` (`v1/-/2_DL_ThietBi_SoHuu`) so that a position always means the
 * same part. No part at all gives `(unlabelled)`.
 */
export function labelKey(label: Readonly<QueryLabel>): string {
  const parts = LABEL_PARTS.map((part) => label[part]);
  while (parts.length > 0 && parts[parts.length - 1] === undefined) parts.pop();
  if (parts.length === 0) return UNLABELLED_KEY;
  return parts.map((part) => part ?? '-').join('/');
}
