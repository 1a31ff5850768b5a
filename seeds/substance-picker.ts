import { decimalText } from './decimal-text.ts';
import {
  ARCHIVED_SUBSTANCE_ID,
  CONTROLLED_SUBSTANCES,
  OTHER_SUBSTANCE_ID,
  type SubstanceSeed,
} from './master-data.ts';
import type { SeededRandom } from './seeded-random.ts';

/** Substance names as extraction reads them off a scan, for "Other Substance" and unlinked rows. */
const RAW_SUBSTANCE_NAMES = [
  'Gas lạnh R22 tái chế',
  'R-600a',
  'HFO-1234yf',
  'Môi chất lạnh khác',
  'R-32 (HFC-32)',
  'r410a',
  'Khí gas R134A',
  'R-290',
  'HFC 134a',
  'Chất làm lạnh hỗn hợp',
];

/** The substances most declarations name; drawn more often than the rest. */
const COMMON_SUBSTANCE_NAMES = new Set([
  'HFC-32',
  'HFC-134a',
  'R-410A',
  'R-404A',
  'HCFC-22',
  'R-407C',
  'HCFC-141b',
  'R-507A',
]);

/** The `substance_id` / `substance_name` pair of a data row, with the linked record if any. */
export interface SubstancePick {
  id: number | null;
  name: string | null;
  seed: SubstanceSeed | null;
}

/** Draws the substance of child data rows and the CO2-equivalent of their quantities. */
export class SubstancePicker {
  private readonly activeSubstances: readonly SubstanceSeed[];
  private readonly commonSubstances: readonly SubstanceSeed[];
  private readonly otherSubstance: SubstanceSeed;
  private readonly archivedSubstance: SubstanceSeed | null;

  /** `withArchived`: the archived substance exists (quirk `archivedSubstance`) and is drawn ~1%. */
  constructor(
    private readonly random: SeededRandom,
    withArchived: boolean,
  ) {
    this.activeSubstances = CONTROLLED_SUBSTANCES.filter((s) => s.active && s.id !== OTHER_SUBSTANCE_ID);
    this.commonSubstances = this.activeSubstances.filter((s) => COMMON_SUBSTANCE_NAMES.has(s.name));
    this.otherSubstance = mustFind(CONTROLLED_SUBSTANCES, (s) => s.id === OTHER_SUBSTANCE_ID);
    this.archivedSubstance = withArchived
      ? mustFind(CONTROLLED_SUBSTANCES, (s) => s.id === ARCHIVED_SUBSTANCE_ID)
      : null;
  }

  /** A real substance, "Other Substance" with a raw name, none, or (rarely) the archived one. */
  pick(): SubstancePick {
    const random = this.random;
    const kind = random.weighted([
      ['common', 35],
      ['real', 23],
      ['other', 35],
      ['none', 4],
      ['archived', this.archivedSubstance ? 1 : 0],
    ] as const);
    switch (kind) {
      case 'common':
      case 'real': {
        const seed = random.pick(kind === 'common' ? this.commonSubstances : this.activeSubstances);
        return { id: seed.id, name: seed.name, seed };
      }
      case 'other':
        return { id: OTHER_SUBSTANCE_ID, name: random.pick(RAW_SUBSTANCE_NAMES), seed: this.otherSubstance };
      case 'archived': {
        const seed = this.archivedSubstance ?? this.otherSubstance;
        return { id: seed.id, name: seed.name, seed };
      }
      case 'none':
        return { id: null, name: random.chance(0.5) ? random.pick(RAW_SUBSTANCE_NAMES) : null, seed: null };
    }
  }

  /**
   * CO2-equivalent tonnes of `kg` (given as units / decimals) with the substance's GWP, 4 decimals; a
   * random value when the substance has no GWP.
   */
  co2(kg: { units: number; decimals: number }, pick: SubstancePick): string {
    const gwp = pick.seed?.gwp ?? null;
    if (gwp === null) return decimalText(this.random.int(0, 5_000_000), 4);
    // kg * gwp / 1000 in units of 1e-4: exact integer arithmetic, rounded half up.
    const numerator = kg.units * gwp * 10;
    const denominator = 10 ** kg.decimals;
    return decimalText(Math.floor((numerator + denominator / 2) / denominator), 4);
  }
}

function mustFind<T>(items: readonly T[], predicate: (item: T) => boolean): T {
  const found = items.find(predicate);
  if (found === undefined) throw new Error('generate-dataset: master data is missing a required record');
  return found;
}
