import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSourceFiles, readImportGraph } from './import-graph.ts';
import { importCycles, layerOf, unplacedFiles, upwardImports } from './layer-check.ts';
import { LAYER_ORDER } from './layer-order.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the repository', () => {
  const graph = readImportGraph(ROOT);

  it('reads the imports of every source file', () => {
    // Guards the check itself: a reader that found no imports would pass everything.
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('harness/cli/cli.ts')?.length).toBeGreaterThan(3);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('has no import that climbs a layer', () => {
    expect(upwardImports(graph, LAYER_ORDER)).toEqual([]);
  });

  it('places every source folder in a layer', () => {
    expect(unplacedFiles(graph, LAYER_ORDER)).toEqual([]);
  });
});

describe('the check', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A small tree on disk, so the planted imports go through the same reader as the repository's. */
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'hfcb-layers-'));
    dirs.push(root);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  it('fails on a planted cycle and names its files', () => {
    const root = tree({
      'harness/queries/a.ts': "import { b } from './b.ts';\nexport const a = 1;",
      'harness/queries/b.ts': "import type { c } from './c.ts';\nexport const b = 2;",
      'harness/queries/c.ts': "export { a } from './a.ts';\nexport const c = 3;",
      'harness/queries/d.ts': "import { a } from './a.ts';",
    });
    expect(importCycles(readImportGraph(root, listSourceFiles(root)))).toEqual([
      ['harness/queries/a.ts', 'harness/queries/b.ts', 'harness/queries/c.ts', 'harness/queries/a.ts'],
    ]);
  });

  it('fails on a planted upward import, and lets tests and same-layer imports through', () => {
    const root = tree({
      'harness/database/server.ts': "import { UsageError } from '../cli/usage.ts';",
      'harness/database/server.test.ts': "import { main } from '../cli/usage.ts';",
      'harness/cli/usage.ts': "import { x } from '../database/url.ts';\nimport('./lazy.ts');",
      'harness/cli/lazy.ts': 'export const y = 1;',
      'harness/database/url.ts': 'export const x = 1;',
    });
    expect(upwardImports(readImportGraph(root), LAYER_ORDER)).toEqual([
      {
        from: 'harness/database/server.ts',
        to: 'harness/cli/usage.ts',
        fromLayer: 'harness/database',
        toLayer: 'harness/cli',
      },
    ]);
  });

  it('sees a folder that is in no layer', () => {
    const root = tree({ 'harness/stray/x.ts': 'export const x = 1;', 'vitest.config.ts': '' });
    expect(unplacedFiles(readImportGraph(root), LAYER_ORDER)).toEqual(['harness/stray/x.ts']);
  });

  it('places a file in the most specific layer', () => {
    expect(layerOf('harness/cli/commands/bench.ts', LAYER_ORDER)).toBe('harness/cli');
    expect(layerOf('src/collector-v2.ts', LAYER_ORDER)).toBe('src');
    expect(layerOf('docs/x.ts', LAYER_ORDER)).toBeNull();
  });
});
