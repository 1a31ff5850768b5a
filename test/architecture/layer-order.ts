/**
 * The project's layers, lowest first. A module may import from its own layer or from a layer below it,
 * never from one above: the tree then reads bottom-up, and no concept depends on one built on top of it.
 *
 * - `src/` is the export under test: it knows nothing of the harness, the seeds or the tests.
 * - `seeds/` and `scenarios/` are data about the export (the dataset generator, the scenario matrix).
 * - `harness/<concept>/` are the measuring apparatus, each folder one concept, in the order they build on
 *   each other; `cli/` is the top: it parses arguments and maps errors to exit codes.
 * - `bin/` starts the CLI; `test/` (integration tests and their helpers) may use everything.
 *
 * Test files (`*.test.ts`) may import from any layer: nothing imports them, so they cannot close a cycle or
 * make a lower layer depend on a higher one.
 */
export const LAYER_ORDER: readonly string[] = [
  'src',
  'migrations',
  'seeds',
  'scenarios',
  'harness/core',
  'harness/results',
  'harness/database',
  'harness/queries',
  'harness/schema',
  'harness/timing',
  'harness/explain',
  'harness/compare',
  'harness/report',
  'harness/indexes',
  'harness/gate',
  'harness/bench',
  'harness/cli',
  'bin',
  'test',
];
