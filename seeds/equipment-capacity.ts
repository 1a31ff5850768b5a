import { EQUIPMENT_TYPES } from './master-data.ts';
import type { SeededRandom } from './seeded-random.ts';

/**
 * The `capacity`, `cooling_capacity`, `power_capacity` columns of an equipment row (tables 1.2, 1.3, 2.2,
 * 2.3), in one of the six variants the capacity rule distinguishes (spec 4.0b): `capacity` set,
 * whitespace-only, cooling only, power only, both, none.
 */
export function equipmentCapacity(random: SeededRandom): [string | null, string | null, string | null] {
  const cooling = (): string => `${random.int(9, 48) * 1000} BTU/h`;
  const power = (): string => `${random.int(1, 120)}${random.chance(0.3) ? ',5' : ''} kW`;
  switch (
    random.weighted([
      ['set', 30],
      ['blank', 5],
      ['cooling', 20],
      ['power', 15],
      ['both', 20],
      ['none', 10],
    ] as const)
  ) {
    case 'set':
      return [
        random.pick(['5 HP', '12000 BTU/h', '3,5 kW', '2 tấn lạnh', '100 RT']),
        null,
        random.chance(0.3) ? power() : null,
      ];
    case 'blank':
      return [random.pick([' ', '  ', '\t']), cooling(), null];
    case 'cooling':
      return [random.chance(0.5) ? null : '', cooling(), random.chance(0.5) ? null : ''];
    case 'power':
      return [null, null, power()];
    case 'both':
      return [null, cooling(), power()];
    case 'none':
      return [random.chance(0.5) ? null : '', random.chance(0.5) ? null : '', null];
  }
}

/** The equipment type of an equipment row: the linked record's id (or NULL) and its name as text. */
export function equipmentType(
  random: SeededRandom,
  category: 'ac' | 'refrigeration' | 'any',
): { id: number | null; name: string } {
  const candidates = EQUIPMENT_TYPES.filter((t) => category === 'any' || t.category === category);
  const type = random.pick(candidates.length > 0 ? candidates : EQUIPMENT_TYPES);
  // Extraction links the type record most of the time; manual lines keep only the text.
  return { id: random.chance(0.75) ? type.id : null, name: type.name };
}
