/**
 * Writes a large HFC workbook in a process of its own and prints one JSON line with what it cost, so
 * that the peak resident set size is the writer's alone (not vitest's): `{ rows, sizeBytes, durationMs,
 * maxRssBytes }`.
 *
 *   node --import tsx test/helpers/write-large-workbook.ts OUT.xlsx [ROWS]
 *
 * The rows go to sheet 6 (12 columns: texts, ints, quantities, some '' and some whitespace-padded
 * texts) from a generator, as a database cursor would hand them over; ROWS defaults to 100 000.
 * `maxRssBytes` is `process.resourceUsage().maxRSS` after the write (the kernel's peak for the process).
 */
import { writeHfcWorkbook, type SheetRowStream } from '../../src/workbook-writer.ts';
import type { Cell } from '../../src/sheet-definitions.ts';

function* quotaRows(rowCount: number): Generator<Cell[]> {
  for (let index = 0; index < rowCount; index++) {
    yield [
      `Công ty Cổ phần Thương mại số ${index}`,
      `0${100000000 + index}`,
      'Mẫu 02 - Bảng 2.1',
      index % 7 === 0 ? '' : 2024,
      2025,
      'Nhập khẩu',
      'HFC-134a',
      '2903.39',
      'Hạn ngạch được phân bổ',
      index * 1.2345,
      -index / 8,
      index % 3 === 0 ? '' : index % 3 === 1 ? ' Ghi chú có khoảng trắng ở đầu' : 'Ghi chú dài hơn một chút',
    ];
  }
}

async function main(): Promise<void> {
  const [path, rowsArgument] = process.argv.slice(2);
  if (path === undefined) {
    throw new Error('Usage: node --import tsx test/helpers/write-large-workbook.ts OUT.xlsx [ROWS]');
  }
  const rowCount = rowsArgument === undefined ? 100_000 : Number(rowsArgument);
  if (!Number.isInteger(rowCount) || rowCount < 0) {
    throw new Error(`ROWS must be a whole number, got ${JSON.stringify(rowsArgument)}`);
  }
  async function* sheets(): AsyncGenerator<SheetRowStream> {
    await Promise.resolve();
    yield { sheet: '6_DL_QuanLy_HanNgach ', rows: quotaRows(rowCount) };
  }
  const startedMs = performance.now();
  const result = await writeHfcWorkbook(path, sheets());
  const durationMs = performance.now() - startedMs;
  // resourceUsage().maxRSS is in kilobytes.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `${JSON.stringify({ rows: rowCount, sizeBytes: result.sizeBytes, durationMs: Math.round(durationMs), maxRssBytes })}\n`,
  );
}

await main();
