import { Faker, base, en, vi } from '@faker-js/faker';
import { decimalText } from './decimal-text.ts';

const VI_LAST_NAMES: readonly string[] = vi.person?.last_name?.generic ?? ['Nguyễn'];
const VI_FIRST_NAMES: readonly string[] = vi.person?.first_name?.generic ?? ['An'];
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com.vn', 'outlook.com', 'congty.vn', 'dienlanh.com.vn'];

/** A decimal drawn by `SeededRandom.quantity`: `units / 10^decimals`, and its text. */
export interface RandomQuantity {
  units: number;
  decimals: number;
  text: string;
}

/**
 * The generator's only source of randomness: one `Faker` (locale vi, then en) seeded once, and the small
 * helpers every part of the dataset draws with. The dataset is deterministic because every draw goes
 * through here, in a fixed order; calling these in another order changes the output.
 */
export class SeededRandom {
  /** The seeded Faker itself, for the few locale lists used directly (states, cities, countries). */
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [vi, en, base], seed });
  }

  /** An integer in `[min, max]`. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
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
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.int(0, total - 1);
    for (const [value, weight] of entries) {
      if (r < weight) return value;
      r -= weight;
    }
    throw new Error('generate-dataset: weights must be positive integers');
  }

  // Names, phones and e-mails are drawn from the vi locale's own lists with the seeded generator: the
  // same data as faker's person/phone/internet modules, without their per-call template parsing, which
  // dominated generation time.
  lastName(): string {
    return this.pick(VI_LAST_NAMES);
  }

  firstName(): string {
    return this.pick(VI_FIRST_NAMES);
  }

  fullName(): string {
    return `${this.lastName()} ${this.firstName()}`;
  }

  phone(): string {
    const prefix = this.pick(['024', '028', '0236', '09', '08', '03', '07']);
    return `${prefix}${this.int(1_000_000, 9_999_999)}`;
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
    const decimals = this.weighted([
      [0, 50],
      [1, 10],
      [2, 20],
      [3, 8],
      [4, 12],
    ] as const);
    const scale = 10 ** decimals;
    const units = this.int(1, maxWhole * scale);
    return { units, decimals, text: decimalText(units, decimals) };
  }
}

/** Lower-case ASCII with diacritics removed ('Đặng Thu' -> 'dangthu'), for e-mail local parts. */
function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
