import { describe, expect, it } from 'vitest';
import { compareWithWithout } from './compare-with-without.ts';
import {
  decideVerdict,
  decidingComparison,
  KEEP_MIN_SAVING_PCT,
  writeCostTooHigh,
} from './decide-verdict.ts';
import {
  candidateFixture,
  planFixture,
  samplesAround,
  usedQuery,
  writeCostFixture,
} from './index-evaluation.fixture.ts';

const INDEX = 'idx_document_extraction_group_latest';

describe('decideVerdict on hand-built measurements', () => {
  it('keeps a used index whose query is faster beyond the noise by at least 10 %, with a flat write cost', () => {
    const v = decideVerdict(candidateFixture(INDEX, { queries: [usedQuery(INDEX, 2, 1)], scans: 3 }), []);
    expect(v.kind).toBe('keep');
    expect(v.headline).toBe('used: organization-code/v2/abc123 50 % faster, write cost x1.00');
    expect(v.reasons.some((r) => r.includes('round trip median 2.00 ms -> 1.00 ms, x0.50 ['))).toBe(true);
  });

  it('drops an index whose large point change is within the noise: the interval reaches 1', () => {
    const noisy = {
      ...usedQuery(INDEX, 2, 1),
      timing: compareWithWithout([1, 3, 1, 3, 1, 3], [2, 2.5, 1.5, 2, 2.5, 1.5]),
      planTimes: compareWithWithout([1, 3, 1, 3, 1], [2, 2.5, 1.5, 2, 2.5]),
    };
    expect(noisy.timing.comparison.verdict).toBe('no detectable difference');
    const v = decideVerdict(candidateFixture(INDEX, { queries: [noisy], scans: 1 }), []);
    expect(v.kind).toBe('drop');
    expect(v.reasons[0]).toContain('no saving beyond the noise');
    expect(v.reasons.some((r) => r.endsWith('within noise'))).toBe(true);
  });

  it('drops an index whose saving is beyond the noise but under the threshold', () => {
    const small = usedQuery(INDEX, 1, 0.95, 0.002);
    expect(small.timing?.comparison.verdict).toBe('faster');
    const v = decideVerdict(candidateFixture(INDEX, { queries: [small], scans: 1 }), []);
    expect(v.kind).toBe('drop');
    expect(v.reasons[0]).toContain(`at least ${KEEP_MIN_SAVING_PCT} %`);
    expect(v.reasons[0]).toContain('best saving beyond the noise 5.0 %');
  });

  it('decides on the server execution times when the result was too large to time by the client', () => {
    const big = { ...usedQuery(INDEX, 800, 200), timing: null, timingSkipped: 'returns 600000 rows' };
    expect(decidingComparison(big)?.measure).toBe('server execution');
    const v = decideVerdict(candidateFixture(INDEX, { queries: [big], scans: null }), []);
    expect([v.kind, v.headline]).toEqual([
      'keep',
      'used: organization-code/v2/abc123 75 % faster, write cost x1.00',
    ]);
  });

  it('never counts too few samples as a saving', () => {
    const few = {
      ...usedQuery(INDEX, 2, 1),
      timing: compareWithWithout([1, 1], [2, 2]),
      planTimes: null,
    };
    expect(few.timing.comparison.verdict).toBe('too few samples');
    expect(decideVerdict(candidateFixture(INDEX, { queries: [few] }), []).kind).toBe('drop');
  });

  it('drops a useful index whose write cost is high beyond the noise, not one whose cost is noise', () => {
    const costly = candidateFixture(INDEX, {
      queries: [usedQuery(INDEX, 2, 1)],
      writeCost: writeCostFixture(1, 2),
    });
    expect(writeCostTooHigh(costly.writeCost)).toBe(true);
    expect(decideVerdict(costly, []).reasons[0]).toContain(
      'write cost ratio 2.00 exceeds 1.5 beyond the noise',
    );
    const noisyCost = compareWithWithout([1, 3, 1, 3, 1, 3], samplesAround(1, 6));
    expect(noisyCost.comparison.verdict).toBe('no detectable difference');
    expect(writeCostTooHigh(noisyCost)).toBe(false);
    const kept = candidateFixture(INDEX, { queries: [usedQuery(INDEX, 2, 1)], writeCost: noisyCost });
    expect(decideVerdict(kept, []).kind).toBe('keep');
  });

  it('drops an unused index, and a redundant one even when the planner picked it', () => {
    const unused = candidateFixture('x', {
      queries: [
        { ...usedQuery('x', 1, 1), usesIndex: false, planChanged: false, planTimes: null, timing: null },
      ],
    });
    expect(decideVerdict(unused, [])).toMatchObject({
      kind: 'drop',
      headline: 'unused: no plan used it, no scan',
    });
    expect(decideVerdict({ ...unused, scans: null }, []).headline).toBe(
      'unused: no plan used it (scans not counted)',
    );
    const redundant = candidateFixture('x', {
      queries: [usedQuery('x', 2, 1)],
      redundancy: [{ index: 'rel_pkey', key: '(a, b)', relation: 'prefix', kind: 'primary key' }],
    });
    expect(decideVerdict(redundant, [])).toMatchObject({
      kind: 'drop',
      headline: 'redundant: a prefix of rel_pkey (a, b)',
    });
  });

  it('replaces a wrong-operator index with the alternative whose forced plan uses it, else drops it', () => {
    const fit = (served: boolean, uses: string[]) => ({
      filterKey: 'organization_code',
      column: 'res_partner.business_id',
      operator: 'op',
      served,
      reason: served ? 'trigram' : 'btree',
      proof: { queryId: 'p', usesIndex: uses.length > 0, plan: planFixture(uses) },
    });
    const misfit = candidateFixture('idx_res_partner_business_id', { operatorFit: [fit(false, [])] });
    const trigram = candidateFixture('hfcb_alt_res_partner_business_id_trgm', {
      operatorFit: [fit(true, ['hfcb_alt_res_partner_business_id_trgm'])],
    });
    expect(decideVerdict(misfit, [misfit, trigram])).toMatchObject({
      kind: 'replace',
      replacement: 'hfcb_alt_res_partner_business_id_trgm',
    });
    expect(decideVerdict(misfit, [misfit]).kind).toBe('drop');
    expect(decideVerdict(candidateFixture('x', { status: 'skipped', error: 'no pg_trgm' }), []).kind).toBe(
      'undecided',
    );
  });
});
