/** `name` as a double-quoted SQL identifier (embedded quotes doubled), for index names built into SQL text. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
