import type { SeededRandom } from './seeded-random.ts';

/**
 * A group of documents extracted for the same (organisation, year, form): the first is the original
 * extraction, the others re-extractions of it.
 */
export interface DocumentGroupPlan {
  organizationId: number | null;
  year: number | null;
  documentType: '01' | '02';
  size: number;
  /** `tie`: all share the first `create_date`; `backdated`: the last is dated before the first. */
  timing: 'normal' | 'tie' | 'backdated';
  /** Fixed states by position; drawn when absent. */
  states?: readonly ('draft' | 'validated' | 'completed')[];
}

/** The first groups, fixed so that even a small dataset has every document-level edge case. */
export const FORCED_DOCUMENT_GROUPS: readonly DocumentGroupPlan[] = [
  {
    organizationId: 1,
    year: 2023,
    documentType: '01',
    size: 3,
    timing: 'tie',
    states: ['draft', 'validated', 'completed'],
  },
  { organizationId: 2, year: 2024, documentType: '02', size: 3, timing: 'backdated' },
  { organizationId: null, year: 2022, documentType: '01', size: 2, timing: 'normal' },
  { organizationId: null, year: 2022, documentType: '02', size: 1, timing: 'normal' },
  { organizationId: 3, year: null, documentType: '01', size: 1, timing: 'normal' },
  { organizationId: 3, year: 0, documentType: '01', size: 1, timing: 'normal' },
  { organizationId: 4, year: 2021, documentType: '02', size: 2, timing: 'tie' },
  { organizationId: 8, year: 2022, documentType: '01', size: 1, timing: 'normal' },
  { organizationId: 7, year: 2025, documentType: '02', size: 2, timing: 'backdated' },
];

/**
 * A random group among `organizations` organisations (rarely none). `filedInYear` is the year its
 * documents are created in: a declaration is filed in its year or the next one, so the year follows it.
 */
export function randomDocumentGroup(
  random: SeededRandom,
  organizations: number,
  filedInYear: number,
): DocumentGroupPlan {
  const organizationId = random.chance(0.025) ? null : random.int(1, organizations);
  const year = random.weighted<number | null>([
    [Math.max(2019, filedInYear), 45],
    [Math.max(2019, filedInYear - 1), 45],
    [Math.max(2019, filedInYear - 2), 7],
    [null, 2],
    [0, 1],
  ]);
  const documentType = random.chance(0.5) ? '01' : '02';
  const size = random.weighted([
    [1, 65],
    [2, 22],
    [3, 9],
    [4, 4],
  ] as const);
  const timing =
    size < 2
      ? 'normal'
      : random.weighted([
          ['normal', 65],
          ['tie', 20],
          ['backdated', 15],
        ] as const);
  return { organizationId, year, documentType, size, timing };
}
