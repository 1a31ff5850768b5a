/**
 * `done/total unit, rate/s, ETA n s` for a progress line of a long step: the rate is the average since the step
 * started, the ETA the remaining items at that rate (`ETA ?` before the first item is done). Pure.
 */
export function rateLine(done: number, total: number, elapsedMs: number, unit: string): string {
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const rateText = rate >= 10 ? rate.toFixed(0) : rate.toFixed(2);
  const eta = rate > 0 ? `${Math.ceil((total - done) / rate)} s` : '?';
  return `${done}/${total} ${unit}, ${rateText}/s, ETA ${eta}`;
}
