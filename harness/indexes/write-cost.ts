import type pg from 'pg';
import type { Queryable } from '../../src/queryable.ts';
import type { CandidateEvaluation } from '../results/index-evaluation-results.ts';
import { timeWithAndWithout } from './time-with-and-without.ts';

/** Default write-cost samples per side and candidate. */
export const DEFAULT_WRITE_SAMPLES = 50;

/** What one write-cost sample inserts; the statement is {@link WRITE_WORKLOAD_SQL}. */
export const WRITE_WORKLOAD =
  'one statement, in a transaction that is rolled back: 1 new partner (organisation), 1 completed document of ' +
  'form 01 for it, 30 child rows (8 substance_usage, 8 equipment_product, 8 equipment_ownership, ' +
  '6 collection_recycling) and 3 activity-field links';

/**
 * The write-cost statement: one round trip, so network time does not drown the index maintenance. `$1` makes
 * the partner's code unique, `$2` a substance id, `$3` an equipment type id, `$4` three activity field ids.
 */
export const WRITE_WORKLOAD_SQL = `WITH p AS (
  INSERT INTO res_partner (create_date, write_date, name, active, is_company, business_id)
  VALUES (now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'Write cost probe ' || $1::text, TRUE, TRUE, 'WC' || $1::text)
  RETURNING id, name, business_id
), d AS (
  INSERT INTO document_extraction (create_date, write_date, name, document_type, year, state, source,
                                   organization_id, organization_name, business_id)
  SELECT now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'probe ' || p.business_id, '01', 2024, 'completed',
         'from_user_upload', p.id, p.name, p.business_id FROM p
  RETURNING id
), su AS (
  INSERT INTO substance_usage (create_date, document_id, sequence, usage_type, substance_id, year_1_quantity_kg)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, 'production', $2::int, g * 1.5 FROM d, generate_series(1, 8) AS g
), ep AS (
  INSERT INTO equipment_product (create_date, document_id, sequence, equipment_type_id, substance_id, quantity)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, $3::int, $2::int, g FROM d, generate_series(1, 8) AS g
), eo AS (
  INSERT INTO equipment_ownership (create_date, document_id, sequence, equipment_type_id, substance_id, start_year,
                                   equipment_quantity)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, $3::int, $2::int, 2015 + g, g FROM d, generate_series(1, 8) AS g
), cr AS (
  INSERT INTO collection_recycling (create_date, document_id, sequence, activity_type, substance_id, quantity_kg)
  SELECT now() AT TIME ZONE 'UTC', d.id, g, 'collection', $2::int, g * 2.5 FROM d, generate_series(1, 6) AS g
)
INSERT INTO document_extraction_activity_field_rel (document_id, activity_field_id)
SELECT d.id, a FROM d, unnest($4::int[]) AS a`;

/**
 * Clears the dead tuples that rolled-back {@link WRITE_WORKLOAD_SQL} samples leave in the tables the candidates
 * index (and in their indexes), so the next candidate is not measured on bloated tables.
 */
export const WRITE_WORKLOAD_VACUUM_SQL =
  'VACUUM res_partner, document_extraction, document_extraction_activity_field_rel';

/**
 * The parameters `$2` to `$4` of {@link WRITE_WORKLOAD_SQL}, taken from the seeded reference tables; throws
 * when the database has not been seeded.
 */
export async function writeWorkloadParams(q: Queryable): Promise<unknown[]> {
  const { rows } = await q.query<{
    substance: number | null;
    equipment: number | null;
    activities: number[];
  }>(
    `SELECT (SELECT min(id) FROM controlled_substance) AS substance, (SELECT min(id) FROM equipment_type) AS equipment,
            ARRAY(SELECT id FROM activity_field ORDER BY id LIMIT 3) AS activities`,
  );
  const row = rows[0];
  if (row?.substance == null || row.equipment == null || row.activities.length < 3) {
    throw new Error(
      'evaluateIndexes: the write-cost insert needs a controlled substance, an equipment type and 3 activity fields; seed the database first',
    );
  }
  return [row.substance, row.equipment, row.activities];
}

/**
 * Times {@link WRITE_WORKLOAD_SQL} with the index `indexName` and without it (see `timeWithAndWithout`),
 * `samples` times per side, and returns the comparison (ratio of medians with / without, bootstrap interval,
 * verdict: `slower` is a write cost beyond the noise). The
 * rolled-back inserts leave dead tuples behind: the caller vacuums the tables with {@link WRITE_WORKLOAD_VACUUM_SQL}.
 *
 * @param params the statement's `$2` to `$4`, from {@link writeWorkloadParams}.
 */
export async function measureWriteCost(
  client: pg.ClientBase,
  indexName: string,
  samples: number,
  params: readonly unknown[],
): Promise<NonNullable<CandidateEvaluation['writeCost']>> {
  let sample = 0;
  return timeWithAndWithout(client, indexName, samples, async () => {
    sample += 1;
    await client.query(WRITE_WORKLOAD_SQL, [`${Date.now().toString(36)}${sample}`, ...params]);
  });
}
