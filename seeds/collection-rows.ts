import { childLayout, childMagic, sectionTitle, type ChildContext } from './child-layout.ts';
import type { Row } from './dataset-rows.ts';

/** The end-of-life activities: sections of table 1.4. */
type EolCode = 'collection' | 'reuse' | 'recycle' | 'disposal';

const EOL_TITLES: Record<EolCode, readonly string[]> = {
  collection: ['Thu gom chất được kiểm soát', 'Thu gom'],
  reuse: ['Tái sử dụng chất được kiểm soát', 'Tái sử dụng'],
  recycle: ['Tái chế chất được kiểm soát', 'Tái chế'],
  disposal: ['Xử lý chất được kiểm soát', 'Xử lý/Tiêu hủy'],
};
const LOCATIONS = [
  'Kho Bình Dương',
  'Bãi tập kết Long Hậu',
  'Xưởng sửa chữa Thủ Đức',
  'Kho lạnh Hải Phòng',
  'Trạm thu gom Đà Nẵng',
];
const TECHNOLOGIES = ['Lọc và tách ẩm', 'Chưng cất', 'Đốt nhiệt độ cao', 'Plasma', 'Nạp lại trực tiếp'];
const FACILITIES = [
  'Nhà máy xử lý chất thải Nam Sơn',
  'Công ty Môi trường Xanh',
  'Khu xử lý Đa Phước',
  'Lò đốt Sóc Sơn',
];

/**
 * Writes the rows of Form 01 table 1.4 (`collection_recycling`): a random non-empty subset of the four
 * end-of-life activities, each a section.
 */
export function collectionRows(ctx: ChildContext): void {
  const random = ctx.random;
  const all: readonly EolCode[] = ['collection', 'reuse', 'recycle', 'disposal'];
  let sections = all.filter(() => random.chance(0.5));
  if (sections.length === 0) sections = [random.pick(all)];
  const rows = childLayout(
    random,
    sections,
    (c) => sectionTitle(random, c, EOL_TITLES[c]),
    () => random.int(1, 3),
  );
  for (const r of rows) {
    const [id, cu, cd, wu, wd] = childMagic(ctx, 'collection_recycling');
    const head: Row = [id, cu, cd, wu, wd, ctx.documentId, r.sequence, r.isTitle, r.section];
    if (r.isTitle) {
      ctx.rows.push('collection_recycling', [...head, null, r.title, null, null, null]);
      continue;
    }
    const pick = ctx.substances.pick();
    const kg = random.quantity(20_000);
    const variant = random.weighted([
      ['positive', 85],
      ['zero', 6],
      ['null', 6],
      ['negative', 3],
    ] as const);
    const quantityKg =
      variant === 'positive' ? kg.text : variant === 'zero' ? '0' : variant === 'null' ? null : `-${kg.text}`;
    ctx.rows.push('collection_recycling', [
      ...head,
      pick.id,
      pick.name,
      quantityKg,
      variant === 'positive' ? ctx.substances.co2(kg, pick) : null,
      random.chance(0.9) ? null : 'Thu hồi từ thiết bị thải bỏ',
    ]);
  }
}

/**
 * Writes the rows of Form 02 table 2.4 (`collection_recycling_report`): 1..5 rows, no titles, no
 * sequence; substance names sometimes NULL or equal to the previous row's.
 */
export function collectionReportRows(ctx: ChildContext): void {
  const random = ctx.random;
  const count = random.int(1, 5);
  let previousName: string | null = null;
  for (let i = 0; i < count; i++) {
    const [id, cu, cd, wu, wd] = childMagic(ctx, 'collection_recycling_report');
    const pick = ctx.substances.pick();
    let name = random.chance(0.08) ? null : pick.name;
    if (i > 0 && previousName !== null && random.chance(0.2)) name = previousName;
    previousName = name;
    const amount = (): string | null =>
      random.weighted<string | null>([
        [random.quantity(10_000).text, 55],
        ['0', 30],
        [null, 15],
      ]);
    ctx.rows.push('collection_recycling_report', [
      id,
      cu,
      cd,
      wu,
      wd,
      ctx.documentId,
      pick.id,
      name,
      amount(),
      amount(),
      amount(),
      amount(),
      random.text(() => random.pick(LOCATIONS), 0.2, 0.05),
      random.text(() => random.pick(LOCATIONS), 0.3, 0.05),
      random.text(() => random.pick(TECHNOLOGIES), 0.3, 0.05),
      random.text(() => random.pick(TECHNOLOGIES), 0.3, 0.05),
      random.text(() => random.pick(LOCATIONS), 0.4, 0.05),
      random.text(() => random.pick(TECHNOLOGIES), 0.3, 0.05),
      random.text(() => random.pick(FACILITIES), 0.3, 0.05),
      random.chance(0.9) ? null : 'Số liệu năm trước chuyển sang',
    ]);
  }
}
