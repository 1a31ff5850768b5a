/**
 * The collectors the harness measures, by the id that the CLI (`--collector`), `results.json`, the gate's
 * budget file and the reports use. Defined here, in the lowest layer that records them; the registry that
 * maps each id to its code and role (`compare/collectors.ts`) must have exactly these keys (the compiler
 * checks it), in this order, which is the order of every table and chart.
 */
export const COLLECTOR_IDS = ['v1', 'v1-orm', 'v2'] as const;

export type CollectorId = (typeof COLLECTOR_IDS)[number];

/**
 * What a collector stands for in the decision:
 * - `premise`: the plan's model (the current code with no prefetch, one record per round trip, `v1`): the
 *   reference every other collector's rows are compared with;
 * - `production`: what production sends today (the current code as Odoo 18's ORM runs it, `v1-orm`);
 * - `candidate`: the change under decision (`v2`).
 */
export type CollectorRole = 'premise' | 'production' | 'candidate';

/** Whether a text is a collector id. */
export function isCollectorId(text: string): text is CollectorId {
  return (COLLECTOR_IDS as readonly string[]).includes(text);
}
