import { EQUIPMENT_TYPES } from './master-data.ts';
import type { SeededRandom } from './seeded-random.ts';

/**
 * The `capacity`, `cooling_capacity`, `power_capacity` columns of an equipment row (tables 1.2, 1.3, 2.2,
 * 2.3), in one of the six variants the capacity rule distinguishes (spec 4.0b): `capacity` set,
 * whitespace-only, cooling only, power only, both, none.
 */
export function equipmentCapacity(random: SeededRandom): [string | null, string | null, string | null] {
  switch (random.weighted(CAPACITY_VARIANTS)) {
    case 'set':
      return [random.pick(CAPACITY_TEXTS), null, random.chance(0.3) ? power(random) : null];
    case 'blank':
      return [random.pick(BLANK_TEXTS), cooling(random), null];
    case 'cooling':
      return [random.chance(0.5) ? null : '', cooling(random), random.chance(0.5) ? null : ''];
    case 'power':
      return [null, null, power(random)];
    case 'both':
      return [null, cooling(random), power(random)];
    case 'none':
      return [random.chance(0.5) ? null : '', random.chance(0.5) ? null : '', null];
  }
}

// Module constants and plain functions rather than literals and closures per call: this runs for every
// equipment row, and the allocations showed in the seeder's profile.
const CAPACITY_VARIANTS = [
  ['set', 30],
  ['blank', 5],
  ['cooling', 20],
  ['power', 15],
  ['both', 20],
  ['none', 10],
] as const;
const CAPACITY_TEXTS = ['5 HP', '12000 BTU/h', '3,5 kW', '2 tấn lạnh', '100 RT'];
const BLANK_TEXTS = [' ', '  ', '\t'];

function cooling(random: SeededRandom): string {
  return `${random.int(9, 48) * 1000} BTU/h`;
}

function power(random: SeededRandom): string {
  return `${random.int(1, 120)}${random.chance(0.3) ? ',5' : ''} kW`;
}

/** The equipment type of an equipment row: the linked record's id (or NULL) and its name as text. */
export function equipmentType(
  random: SeededRandom,
  category: 'ac' | 'refrigeration' | 'any',
): { id: number | null; name: string } {
  const type = random.pick(EQUIPMENT_TYPES_OF[category]);
  // Extraction links the type record most of the time; manual lines keep only the text.
  return { id: random.chance(0.75) ? type.id : null, name: type.name };
}

/** The candidates of each category (all types when a category has none). */
const EQUIPMENT_TYPES_OF = Object.fromEntries(
  (['ac', 'refrigeration', 'any'] as const).map((category) => {
    const candidates = EQUIPMENT_TYPES.filter((t) => category === 'any' || t.category === category);
    return [category, candidates.length > 0 ? candidates : EQUIPMENT_TYPES];
  }),
) as Record<'ac' | 'refrigeration' | 'any', typeof EQUIPMENT_TYPES>;
