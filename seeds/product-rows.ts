import { childLayout, childMagic, sectionTitle, type ChildContext } from './child-layout.ts';
import type { Row } from './dataset-rows.ts';
import { decimalText } from './decimal-text.ts';
import { equipmentCapacity, equipmentType } from './equipment-capacity.ts';
import { HS_CODES, hsCodeId } from './master-data.ts';

/** The equipment production / import activities: sections of tables 1.2 and 2.2. */
export type ProductCode = 'equipment_production' | 'equipment_import';

const PRODUCT_TITLES = {
  equipment_production: ['Sản xuất thiết bị, sản phẩm có chứa chất được kiểm soát', 'Sản xuất thiết bị'],
  equipment_import: ['Nhập khẩu thiết bị, sản phẩm có chứa chất được kiểm soát', 'Nhập khẩu thiết bị'],
} as const;

/**
 * Writes the rows of Form 01 table 1.2 (`equipment_product`) or Form 02 table 2.2
 * (`equipment_product_report`, with `production_type`) for the document's equipment activities `codes`.
 */
export function productRows(
  ctx: ChildContext,
  table: 'equipment_product' | 'equipment_product_report',
  codes: readonly ProductCode[],
): void {
  const random = ctx.random;
  const rows = childLayout(
    random,
    codes,
    (c) => sectionTitle(random, c, PRODUCT_TITLES[c]),
    () => random.int(1, 3),
  );
  for (const r of rows) {
    const [id, cu, cd, wu, wd] = childMagic(ctx, table);
    const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle];
    const productionType =
      table === 'equipment_product_report'
        ? [
            random.weighted<string | null>([
              [r.section === 'equipment_production' ? 'production' : 'import', 60],
              [r.section === 'equipment_production' ? 'import' : 'production', 30],
              [null, 10],
            ]),
          ]
        : [];
    if (r.isTitle) {
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
        null,
        ...productionType,
      ]);
      continue;
    }
    const type = equipmentType(random, 'any');
    const pick = ctx.substances.pick();
    const hs = random.weighted<string | null>([
      ['84151020', 50],
      [random.pick(HS_CODES), 35],
      [null, 15],
    ]);
    const quantity = random.weighted<string | null>([
      [random.quantity(5000).text, 88],
      ['0', 5],
      [null, 5],
      [`-${random.int(1, 20)}`, 2],
    ]);
    ctx.rows.push(table, [
      ...head,
      type.id,
      type.name,
      hs === null ? null : hsCodeId(hs),
      random.chance(0.1) ? null : hs,
      ...equipmentCapacity(random),
      quantity,
      pick.id,
      pick.name,
      random.weighted<string | null>([
        [decimalText(random.int(1, 50_000), random.int(0, 3)), 60],
        [`${random.int(1, 9)},${random.int(1, 9)} kg`, 15],
        ['', 10],
        [null, 15],
      ]),
      random.chance(0.9) ? null : 'Hàng mẫu',
      ...productionType,
    ]);
  }
}
