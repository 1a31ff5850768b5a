/**
 * The Excel column letters of a 1-based column number: 1 is `A`, 26 `Z`, 27 `AA`, 16384 `XFD`.
 *
 * @throws Error when `column` is not a whole number from 1 to 16384 (Excel's last column).
 */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1 || column > 16384) {
    throw new Error(`Column number ${column} is outside Excel's columns 1 (A) to 16384 (XFD)`);
  }
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
