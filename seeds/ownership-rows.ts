import { childLayout, childMagic, sectionTitle, type ChildContext } from './child-layout.ts';
import type { Row } from './dataset-rows.ts';
import { decimalText } from './decimal-text.ts';
import { equipmentCapacity, equipmentType } from './equipment-capacity.ts';

/** The equipment ownership activities: sections of tables 1.3 and 2.3. */
export type OwnershipCode = 'ac_ownership' | 'refrigeration_ownership';

const OWNERSHIP_TITLES = {
  ac_ownership: ['Thiết bị điều hòa không khí', 'Hệ thống điều hòa không khí'],
  refrigeration_ownership: ['Thiết bị lạnh công nghiệp', 'Thiết bị làm lạnh'],
} as const;

/**
 * Writes the rows of Form 01 table 1.3 (`equipment_ownership`) or Form 02 table 2.3
 * (`equipment_ownership_report`, with `ownership_type` and `notes`) for the document's ownership
 * activities `codes`.
 */
export function ownershipRows(
  ctx: ChildContext,
  table: 'equipment_ownership' | 'equipment_ownership_report',
  codes: readonly OwnershipCode[],
): void {
  const random = ctx.random;
  const rows = childLayout(
    random,
    codes,
    (c) => sectionTitle(random, c, OWNERSHIP_TITLES[c]),
    () => random.int(1, 4),
  );
  for (const r of rows) {
    const [id, cu, cd, wu, wd] = childMagic(ctx, table);
    const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle];
    const ownershipType = r.section === 'ac_ownership' ? 'air_conditioner' : 'refrigeration';
    const report = table === 'equipment_ownership_report';
    if (r.isTitle) {
      const tail = report ? [ownershipType, null] : [];
      ctx.rows.push(table, [
        ...head,
        null,
        r.title,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        ...tail,
      ]);
      continue;
    }
    const type = equipmentType(random, r.section === 'ac_ownership' ? 'ac' : 'refrigeration');
    const pick = ctx.substances.pick();
    const startYear = random.weighted<number | null>([
      [random.int(1995, 2024), 80],
      [0, 8],
      [null, 12],
    ]);
    const equipmentQuantity = random.weighted<number | null>([
      [random.int(1, 500), 89],
      [0, 5],
      [null, 5],
      [-random.int(1, 5), 1],
    ]);
    ctx.rows.push(table, [
      ...head,
      type.id,
      type.name,
      startYear,
      ...equipmentCapacity(random),
      equipmentQuantity,
      pick.id,
      pick.name,
      random.weighted<string | null>([
        [random.pick(['1 lần/năm', '2 lần/năm', '6 tháng/lần', '1', 'Không nạp']), 70],
        ['', 10],
        [null, 20],
      ]),
      random.weighted<string | null>([
        [
          random.pick([
            decimalText(random.int(1, 9999), random.int(0, 2)),
            `${random.int(1, 9)},${random.int(0, 9)} kg`,
          ]),
          70,
        ],
        ['', 10],
        [null, 20],
      ]),
      ...(report ? [ownershipType, random.text(() => 'Thiết bị mới lắp đặt', 0.7, 0.1)] : []),
    ]);
  }
}
