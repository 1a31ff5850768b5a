import type { DocumentGroupPlan } from './document-groups.ts';
import type { SeededRandom } from './seeded-random.ts';

/** One day in milliseconds, and in microseconds (the unit of `timestampText`). */
export const DAY_MS = 86_400_000;
export const DAY_MICROS = DAY_MS * 1000;
/** First nominal `create_date` of the timeline; it ends one day before the dataset's `refDate`. */
export const TIMELINE_START_MS = Date.UTC(2020, 0, 2);

/**
 * The `create_date` of each document. Documents are spread evenly from `TIMELINE_START_MS` to the day
 * before `refDate` in generation order, with jitter, ties and back-dated documents so that `create_date`
 * order differs from `id` order where the export has to tell them apart.
 */
export class DocumentTimeline {
  private readonly startMicros = TIMELINE_START_MS * 1000;
  private readonly stepMicros: number;
  private previousCreateMicros = TIMELINE_START_MS * 1000;

  constructor(
    private readonly random: SeededRandom,
    refDateMicros: number,
    documents: number,
  ) {
    const span = refDateMicros - DAY_MICROS - this.startMicros;
    this.stepMicros = Math.max(1, Math.floor(span / documents));
  }

  /** The calendar year (UTC) of the nominal `create_date` of the document generated after `made` others. */
  nominalYear(made: number): number {
    return new Date((this.startMicros + made * this.stepMicros) / 1000).getUTCFullYear();
  }

  /**
   * The `create_date` (epoch microseconds) of the document at `position` in its group, generated after
   * `made` others; `groupFirstMicros` is that of the group's first document.
   */
  createMicros(
    plan: Pick<DocumentGroupPlan, 'timing' | 'size'>,
    position: number,
    groupFirstMicros: number,
    made: number,
  ): number {
    const random = this.random;
    const nominal = this.startMicros + made * this.stepMicros;
    const jitter = random.int(0, Math.max(0, Math.floor(this.stepMicros / 2)));
    let at = nominal + jitter;
    if (position > 0 && plan.timing === 'tie') at = groupFirstMicros;
    else if (position > 0 && position === plan.size - 1 && plan.timing === 'backdated') {
      at = groupFirstMicros - random.int(DAY_MICROS, 200 * DAY_MICROS);
    } else if (made > 0 && random.chance(0.05)) at = this.previousCreateMicros;
    else if (random.chance(0.03)) at = nominal - random.int(30 * DAY_MICROS, 400 * DAY_MICROS);
    at = Math.max(at, this.startMicros - 365 * DAY_MICROS);
    this.previousCreateMicros = at;
    return at;
  }
}
