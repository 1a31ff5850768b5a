// The Vietnamese locale's own bundle (with its English fallback), not the package index, which loads every
// locale: a process that loads the generator through tsx started in 0.20 to 0.29 s with this and 0.36 to
// 0.44 s with the index (four runs each).
import { faker } from '@faker-js/faker/locale/vi';
import { decimalText } from './decimal-text.ts';

// Vocabularies read once from faker's vi locale lists (its definitions fall back to en where vi has none): the
// same words faker's person, location and phone modules draw from, without a faker call (and its template
// parsing) per value.
const WORDS = faker.rawDefinitions;
const VI_LAST_NAMES: readonly string[] = WORDS.person?.last_name?.generic ?? ['Nguyễn'];
const VI_FIRST_NAMES: readonly string[] = WORDS.person?.first_name?.generic ?? ['An'];
const VI_STATES: readonly string[] = WORDS.location?.state ?? ['Hà Nội'];
const VI_CITIES: readonly string[] = WORDS.location?.city_name ?? ['Hà Nội'];
const COUNTRIES: readonly string[] = WORDS.location?.country ?? ['Việt Nam'];
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com.vn', 'outlook.com', 'congty.vn', 'dienlanh.com.vn'];
const PHONE_PREFIXES = ['024', '028', '0236', '09', '08', '03', '07'];
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TWO_POW_32 = 4_294_967_296;

/** A decimal drawn by `SeededRandom.quantity`: `units / 10^decimals`, and its text. */
export interface RandomQuantity {
  units: number;
  decimals: number;
  text: string;
}

/**
 * The generator's only source of randomness: a small seeded PRNG (sfc32, its 128-bit state filled from the
 * seed by splitmix32) and the helpers every part of the dataset draws with. The dataset is deterministic
 * because every draw goes through here, in a fixed order; calling these in another order changes the output.
 *
 * Why not faker's own `number.int`: it costs a Mersenne Twister step plus argument checks per draw, and the
 * dataset makes about 40 draws per row; sfc32 is a few integer operations, which is what lets the seeder
 * generate several hundred thousand rows per second. Integers are drawn by multiplying a uniform 32-bit
 * (or, for ranges wider than 2^32, 53-bit) fraction by the range: the bias is below 2^-20, irrelevant here.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 over the seed (and its high bits, for seeds above 2^32), so nearby seeds give unrelated states.
    let s = (seed ^ Math.floor(seed / TWO_POW_32)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next uniform 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in `[min, max]` (both safe integers, `min <= max`). */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= TWO_POW_32) return min + Math.floor((this.uint32() / TWO_POW_32) * span);
    const fraction = (this.uint32() * 2_097_152 + (this.uint32() >>> 11)) / 9_007_199_254_740_992;
    return min + Math.floor(fraction * span);
  }

  /** True with probability `p` (resolution 1e-6). */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('generate-dataset: pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One of the values, with probability proportional to its positive integer weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const entry of entries) total += entry[1];
    let r = this.int(0, total - 1);
    for (const [value, weight] of entries) {
      if (r < weight) return value;
      r -= weight;
    }
    throw new Error('generate-dataset: weights must be positive integers');
  }

  lastName(): string {
    return this.pick(VI_LAST_NAMES);
  }

  firstName(): string {
    return this.pick(VI_FIRST_NAMES);
  }

  fullName(): string {
    return `${this.lastName()} ${this.firstName()}`;
  }

  /** A Vietnamese province name as faker's vi locale spells it. */
  state(): string {
    return this.pick(VI_STATES);
  }

  /** A Vietnamese city name. */
  city(): string {
    return this.pick(VI_CITIES);
  }

  /** A country name in Vietnamese. */
  country(): string {
    return this.pick(COUNTRIES);
  }

  /** `length` characters of `[A-Za-z0-9]`. */
  alphanumeric(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += ALPHANUMERIC[this.int(0, ALPHANUMERIC.length - 1)];
    return text;
  }

  phone(): string {
    return `${this.pick(PHONE_PREFIXES)}${this.int(1_000_000, 9_999_999)}`;
  }

  email(): string {
    const local = `${asciiSlug(this.firstName())}.${asciiSlug(this.lastName())}${this.chance(0.5) ? this.int(1, 99) : ''}`;
    return `${local}@${this.pick(EMAIL_DOMAINS)}`;
  }

  /** A text column: usually `make()`, sometimes NULL or `''`. */
  text(make: () => string, pNull = 0.05, pEmpty = 0.03): string | null {
    if (this.chance(pNull)) return null;
    if (this.chance(pEmpty)) return '';
    return make();
  }

  /** A positive decimal with 0..4 decimals, at most `maxWhole`. */
  quantity(maxWhole: number): RandomQuantity {
    const decimals = this.weighted(QUANTITY_DECIMALS);
    const scale = 10 ** decimals;
    const units = this.int(1, maxWhole * scale);
    return { units, decimals, text: decimalText(units, decimals) };
  }
}

const QUANTITY_DECIMALS = [
  [0, 50],
  [1, 10],
  [2, 20],
  [3, 8],
  [4, 12],
] as const;

const slugCache = new Map<string, string>();

/** Lower-case ASCII with diacritics removed ('Đặng Thu' -> 'dangthu'), for e-mail local parts. */
function asciiSlug(text: string): string {
  let slug = slugCache.get(text);
  if (slug === undefined) {
    slug = text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    slugCache.set(text, slug);
  }
  return slug;
}
