/** Text on one line (runs of whitespace collapsed) and at most `max` characters, an ellipsis marking a cut. */
export function shortenText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
