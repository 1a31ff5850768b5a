import { copyTextValue } from './copy-text.ts';
import type { SeedValue } from './seed-row.ts';

const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const LETTER_N = 0x4e;
const LETTER_T = 0x74;
const LETTER_F = 0x66;

/** Where a batch starts; a batch larger than this grows the buffer by doubling. */
const INITIAL_BYTES = 64 * 1024;

/**
 * Writes rows in PostgreSQL's COPY text format straight into UTF-8 bytes: the bytes of `copyTextLine` (the
 * format's readable definition, in `copy-text.ts`) for every row, encoded as `Buffer.from` would, which the
 * tests check value by value and over whole datasets.
 *
 * Why bytes and not strings: at 200 000 documents the loader formats 40 million values into 330 MB of text.
 * Joining them as strings and encoding the result for the socket cost about 5 s of this process's single
 * thread, which is the bound while loading (the server's backends had CPU to spare). Here the common values
 * take a fast path: whole numbers are written digit by digit, and ASCII strings byte by byte, checking for the
 * four characters COPY would read as syntax on the way. Anything else (text beyond ASCII or needing an escape,
 * fractions, jsonb) goes through `copyTextValue` and Node's UTF-8 encoder, so both paths give the same bytes.
 *
 * One encoder serves one batch at a time: `take` hands the batch's bytes over and starts a new buffer, so the
 * bytes taken are never written to again while a stream still holds them.
 */
export class CopyTextEncoder {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 0;

  /** Appends one row: its values tab-separated, then a newline. */
  row(values: readonly SeedValue[]): void {
    for (let i = 0; i < values.length; i++) {
      if (i > 0) this.byte(TAB);
      this.value(values[i] as SeedValue);
    }
    this.byte(NEWLINE);
  }

  /** The bytes of every row appended since the last `take`; the encoder continues in a fresh buffer. */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(INITIAL_BYTES);
    this.length = 0;
    return bytes;
  }

  private value(value: SeedValue): void {
    switch (typeof value) {
      case 'number':
        if (Number.isSafeInteger(value)) this.integer(value);
        else this.encoded(copyTextValue(value));
        return;
      case 'string':
        this.text(value);
        return;
      case 'boolean':
        this.byte(value ? LETTER_T : LETTER_F);
        return;
      default:
        if (value === null) {
          this.byte(BACKSLASH);
          this.byte(LETTER_N);
        } else {
          this.encoded(copyTextValue(value));
        }
    }
  }

  /** A safe integer in decimal, as `String` writes it (`-0` is `0`). */
  private integer(value: number): void {
    this.reserve(17);
    const bytes = this.buffer;
    let at = this.length;
    let rest = value;
    if (rest < 0) {
      bytes[at++] = MINUS;
      rest = -rest;
    }
    let digits = 1;
    for (let power = 10; power <= rest; power *= 10) digits++;
    this.length = at + digits;
    for (let i = at + digits - 1; i > at; i--) {
      const digit = rest % 10;
      bytes[i] = ZERO + digit;
      rest = (rest - digit) / 10;
    }
    bytes[at] = ZERO + rest;
  }

  /** A string: byte by byte while it is ASCII and needs no escape, else through the general path. */
  private text(value: string): void {
    const count = value.length;
    this.reserve(count);
    const bytes = this.buffer;
    const start = this.length;
    for (let i = 0; i < count; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80 || code === BACKSLASH || code === TAB || code === NEWLINE || code === RETURN) {
        this.length = start;
        this.encoded(copyTextValue(value));
        return;
      }
      bytes[start + i] = code;
    }
    this.length = start + count;
  }

  /** Text already in COPY form, encoded as UTF-8 (at most 3 bytes per UTF-16 unit). */
  private encoded(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  private byte(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  private reserve(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
