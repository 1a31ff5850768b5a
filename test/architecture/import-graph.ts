import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Source files, by path relative to the root (forward slashes), with the project files each imports. */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.(ts|js|mjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'reports', 'coverage', '.scratch', 'docs']);

/** Every `.ts`/`.js` file under `root` (outside node_modules and output folders), relative, sorted. */
export function listSourceFiles(root: string, dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.'))
        files.push(...listSourceFiles(root, rel));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(rel);
    }
  }
  return files.sort();
}

/**
 * Reads the imports of every file with TypeScript's own pre-processor (static imports, re-exports, `import()`
 * with a literal, `import type`), keeping only relative ones that resolve to a file of the project.
 */
export function readImportGraph(root: string, files: readonly string[] = listSourceFiles(root)): ImportGraph {
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const targets = new Set<string>();
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.fileName));
      if (known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}
