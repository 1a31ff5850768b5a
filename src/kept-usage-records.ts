import { activityLabel, USAGE_ACTIVITY_LABELS } from './activity-labels.ts';
import { childOrder } from './child-order.ts';
import type { SequencedChild } from './records.ts';
import type { SubstanceFilter } from './substance-filter-type.ts';
import { passesFilterRequiringSubstance } from './substance-filter-match.ts';
import { resolveTitleContext } from './title-context.ts';

/**
 * The records sheets 5 and 6 write from `substance_usage` (Form 01) or `quota_usage` (Form 02), both forms
 * alike (spec 4.5, 4.6): child order, titles skipped but feeding the title context on `substance_name`, the
 * substance filter dropping rows without a substance, and each kept record's HoatDong from the usage map
 * (default `'import'` when no title precedes it; a Vietnamese title gives `''`, spec 8.4).
 */
type UsageRecord = SequencedChild & { substanceId: number | null; substanceName: string | null };

export function* keptUsageRecords<R extends UsageRecord>(
  records: readonly R[],
  substanceFilter: SubstanceFilter,
): Generator<{ record: R; activity: string }> {
  const ordered = childOrder(records);
  const titles = resolveTitleContext<UsageRecord, 'substanceName'>(ordered, 'substanceName');
  for (const record of ordered) {
    if (record.isTitle) continue;
    if (!passesFilterRequiringSubstance(substanceFilter, record.substanceId)) continue;
    yield { record, activity: activityLabel(USAGE_ACTIVITY_LABELS, titles, record.id, 'import') };
  }
}
