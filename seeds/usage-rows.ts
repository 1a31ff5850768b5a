import { childLayout, childMagic, sectionTitle, type ChildContext } from './child-layout.ts';
import type { Row } from './dataset-rows.ts';
import { decimalText } from './decimal-text.ts';
import { HS_CODES, hsCodeId } from './master-data.ts';
import type { SubstancePick } from './substance-picker.ts';

/** The usage activities: sections of tables 1.1 and 2.1. */
export type UsageCode = 'production' | 'import' | 'export';

const USAGE_TITLES: Record<UsageCode, readonly string[]> = {
  production: ['Sản xuất chất được kiểm soát', 'Sản xuất'],
  import: ['Nhập khẩu chất được kiểm soát', 'Nhập khẩu'],
  export: ['Xuất khẩu chất được kiểm soát', 'Xuất khẩu'],
};

/**
 * Writes the rows of Form 01 table 1.1 (`substance_usage`) or Form 02 table 2.1 (`quota_usage`) for the
 * document's usage activities `codes`: one section per code, in that order.
 */
export function usageRows(
  ctx: ChildContext,
  table: 'substance_usage' | 'quota_usage',
  codes: readonly UsageCode[],
): void {
  const random = ctx.random;
  const rows = childLayout(
    random,
    codes,
    (c) => sectionTitle(random, c, USAGE_TITLES[c]),
    () => random.int(1, 4),
  );
  for (const r of rows) {
    const [id, cu, cd, wu, wd] = childMagic(ctx, table);
    const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle, r.section];
    if (table === 'substance_usage') {
      if (r.isTitle) {
        ctx.rows.push(table, [...head, null, r.title, null, null, null, null, null, null, null, null, null]);
        continue;
      }
      const pick = ctx.substances.pick();
      const years: (string | null)[] = [];
      const kgUnits: number[] = [];
      const co2Units: number[] = [];
      for (let i = 0; i < 3; i++) {
        const variant = random.weighted([
          ['both', 70],
          ['kg-only', 10],
          ['zero', 8],
          ['null', 7],
          ['co2-only', 5],
        ] as const);
        const kg = random.quantity(50_000);
        const co2 = ctx.substances.co2(kg, pick);
        switch (variant) {
          case 'both':
            years.push(kg.text, co2);
            kgUnits.push((kg.units * 10_000) / 10 ** kg.decimals);
            co2Units.push(Number(co2.replace('.', '')));
            break;
          case 'kg-only':
            years.push(kg.text, random.chance(0.5) ? '0' : null);
            kgUnits.push((kg.units * 10_000) / 10 ** kg.decimals);
            break;
          case 'zero':
            years.push('0', '0.0000');
            break;
          case 'null':
            years.push(null, null);
            break;
          case 'co2-only':
            years.push(random.chance(0.5) ? '0' : null, co2);
            co2Units.push(Number(co2.replace('.', '')));
            break;
        }
      }
      const avg = (units: number[]): string =>
        decimalText(Math.round(units.reduce((a, b) => a + b, 0) / 3), 4);
      ctx.rows.push(table, [
        ...head,
        pick.id,
        pick.name,
        random.chance(0.85) ? null : random.pick(['Số liệu ước tính', 'Theo tờ khai hải quan', '']),
        ...years,
        avg(kgUnits),
        avg(co2Units),
      ]);
    } else {
      if (r.isTitle) {
        ctx.rows.push(table, [...head, null, r.title, null, null, ...new Array<null>(12).fill(null)]);
        continue;
      }
      const pick = ctx.substances.pick();
      const hs = pick.seed?.hsCode ?? null;
      const hsText = random.weighted<string | null>([
        [hs, 85],
        [random.pick(HS_CODES), 5],
        ['', 5],
        [null, 5],
      ]);
      const values = quotaValues(ctx, pick);
      ctx.rows.push(table, [
        ...head,
        pick.id,
        pick.name,
        hs === null ? null : hsCodeId(hs),
        hsText,
        ...values,
        random.chance(0.8)
          ? null
          : random.pick(['Điều chỉnh theo Quyết định của Bộ TN&MT', 'Chưa sử dụng hết', '']),
        random.chance(0.5) ? null : `${random.int(50, 900)}.000 VNĐ/kg`,
        random.chance(0.4) ? null : random.country(),
        random.chance(0.5) ? null : `10${random.int(10_000_000, 99_999_999)}`,
      ]);
    }
  }
}

/** allocated kg/co2, adjusted kg/co2, total kg/co2, next-year kg/co2 (spec 4.6 order). */
function quotaValues(ctx: ChildContext, pick: SubstancePick): (string | null)[] {
  const random = ctx.random;
  const variant = random.weighted([
    ['normal', 94],
    ['zero', 4],
    ['null', 2],
  ] as const);
  if (variant === 'zero') return ['0', '0', '0', '0', '0.0000', '0', '0', '0'];
  if (variant === 'null') return new Array<null>(8).fill(null);
  const pair = (sign: 1 | -1, pZero: number, pNull: number): [string | null, string | null] => {
    if (random.chance(pNull)) return [null, null];
    if (random.chance(pZero)) return ['0', '0'];
    const kg = random.quantity(100_000);
    const co2 = ctx.substances.co2(kg, pick);
    if (sign === 1) return [kg.text, co2];
    return [`-${kg.text}`, `-${co2}`];
  };
  const allocated = pair(1, 0.05, 0.05);
  const adjusted = pair(random.chance(0.3) ? -1 : 1, 0.4, 0.2);
  const total = pair(1, 0.08, 0.04);
  const nextYear = pair(random.chance(0.1) ? -1 : 1, 0.1, 0.2);
  return [...allocated, ...adjusted, ...total, ...nextYear];
}
