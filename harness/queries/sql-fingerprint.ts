import { createHash } from 'node:crypto';
import { loadModule, normalizeSync, parseSync } from 'libpg-query';

/**
 * SQL fingerprints: the shape of a statement with its values taken out, so that the counting client can
 * say "this statement was sent 1,000 times" even though each copy carried a different id.
 *
 * PostgreSQL's own parser reads the statement (npm `libpg-query`, the server's grammar compiled to
 * WebAssembly), so comments, string and dollar quoting, numeric forms, operators and keywords' case are read
 * exactly as the server reads them. Two statements share a fingerprint when their parse trees are equal
 * once these are taken out:
 * - every value: literals (strings, numbers, a sign folded in) and `$n` placeholders. `TRUE`, `FALSE` and
 *   `NULL` are kept: they change the meaning of a predicate, not just its value;
 * - the number of items of a list that holds only values (or the same cast of a value): `IN (...)`,
 *   `ARRAY[...]`, the rows of a `VALUES` list, a function's arguments; one item included;
 * - positions in the text (so whitespace and comments do not count).
 * The id is the first 12 hex digits of the SHA-1 of that tree; the text shown for it is `normalize`'s
 * output (values replaced by `$n`) with runs of whitespace collapsed, from the first statement seen.
 *
 * Why not libpg-query's own `fingerprint`: it is coarser than this project needs. It also ignores the
 * operator's form and booleans, so `state = 'completed'` and `state = ANY($1::text[])`, the document query
 * without and with a state filter (different plans), share a fingerprint; measured on every statement of
 * the gate matrix's v1 and v2 exports, it merged 33 shapes into 31. The tree above keeps those 33 apart,
 * one for one with the hand tokenizer it replaced (`sql-fingerprint.db.test.ts` checks it).
 *
 * A statement the parser rejects (the server would reject it too; the counting client still records it)
 * is fingerprinted by its text with whitespace collapsed.
 */
export interface SqlFingerprint {
  /** The statement's shape as a person reads it (values as `$n`). */
  fingerprint: string;
  /** 12 hex digits, stable across runs and machines for the same shape. */
  fingerprintId: string;
}

// The parser's WebAssembly module loads once, before any synchronous call.
await loadModule();

/** The fingerprint of one statement (or of several separated by `;`). */
export function sqlFingerprint(sql: string): SqlFingerprint {
  let tree: unknown;
  let text: string;
  try {
    tree = canonicalTree(parseSync(sql));
    text = normalizeSync(sql);
  } catch {
    const flat = collapseWhitespace(sql);
    return { fingerprint: flat, fingerprintId: hashId(`unparsed\u0000${flat}`) };
  }
  return { fingerprint: collapseWhitespace(text), fingerprintId: hashId(JSON.stringify(tree)) };
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function hashId(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 12);
}

/** What every value becomes. */
const VALUE = '$';
/** Marks a collapsed list of values. */
const MORE = '...';
/** Fields that record where a node is in the text, not what it is. */
const POSITION_FIELDS = new Set([
  'location',
  'stmt_location',
  'stmt_len',
  'list_start',
  'list_end',
  'rexpr_list_start',
  'rexpr_list_end',
]);

/**
 * The parse tree with positions dropped, values replaced by `VALUE`, and lists of values collapsed. Object
 * keys keep the parser's order, which depends only on the node type, so equal shapes give equal JSON.
 */
function canonicalTree(node: unknown): unknown {
  if (Array.isArray(node)) return collapseValueList(node.map(canonicalTree));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if ('ParamRef' in record) return VALUE;
  if ('A_Const' in record) {
    const constant = record.A_Const as Record<string, unknown>;
    if (constant.isnull === true) return 'NULL';
    if ('boolval' in constant) {
      // A false boolean is an empty object: the parser's JSON leaves out default values.
      return (constant.boolval as { boolval?: boolean }).boolval === true ? 'TRUE' : 'FALSE';
    }
    return VALUE;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (POSITION_FIELDS.has(key)) continue;
    out[key] = canonicalTree(value);
  }
  return out;
}

/** Whether a canonical node is a value, a cast of one, or a list or row of them: what a list may repeat freely. */
function isValueOnly(node: unknown): boolean {
  if (node === VALUE || node === MORE) return true;
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  const cast = record.TypeCast as { arg?: unknown } | undefined;
  if (cast !== undefined) return isValueOnly(cast.arg);
  const list = record.List as { items?: unknown[] } | undefined;
  if (list !== undefined) return (list.items ?? []).every(isValueOnly);
  const row = record.RowExpr as { args?: unknown[] } | undefined;
  if (row !== undefined) return (row.args ?? []).every(isValueOnly);
  return false;
}

/** `[v, v, v]` of equal value-only items becomes `[v, MORE]`, whatever the count (one included). */
function collapseValueList(items: unknown[]): unknown[] {
  const first = items[0];
  if (first === undefined || !items.every(isValueOnly)) return items;
  const key = JSON.stringify(first);
  if (!items.every((item) => JSON.stringify(item) === key)) return items;
  return [first, MORE];
}
