/** Orders texts by code unit, the same on every machine (unlike `localeCompare`), for deterministic output. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
