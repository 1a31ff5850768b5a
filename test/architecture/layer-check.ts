import type { ImportGraph } from './import-graph.ts';

/** An import that climbs: `from` sits in a lower layer than the `to` it imports. */
export interface UpwardImport {
  from: string;
  to: string;
  fromLayer: string;
  toLayer: string;
}

const isTestFile = (file: string): boolean => /\.test\.ts$/.test(file);

/** The layer a file belongs to: the longest prefix of `order` that contains it; `null` when none does. */
export function layerOf(file: string, order: readonly string[]): string | null {
  let best: string | null = null;
  for (const layer of order) {
    if ((file === layer || file.startsWith(`${layer}/`)) && (best === null || layer.length > best.length)) {
      best = layer;
    }
  }
  return best;
}

/**
 * Files inside a folder that is in no layer: a new top-level folder or harness concept must be placed in
 * the order on purpose. Root files (`vitest.config.ts`, `eslint.config.js`) are configuration, not layers.
 */
export function unplacedFiles(graph: ImportGraph, order: readonly string[]): string[] {
  return [...graph.keys()].filter((f) => f.includes('/') && layerOf(f, order) === null);
}

/** Every import of a non-test file into a higher layer. */
export function upwardImports(graph: ImportGraph, order: readonly string[]): UpwardImport[] {
  const rank = new Map(order.map((layer, i) => [layer, i]));
  const found: UpwardImport[] = [];
  for (const [from, targets] of graph) {
    if (isTestFile(from)) continue;
    const fromLayer = layerOf(from, order);
    if (fromLayer === null) continue;
    for (const to of targets) {
      const toLayer = layerOf(to, order);
      if (toLayer === null) continue;
      if ((rank.get(toLayer) ?? 0) > (rank.get(fromLayer) ?? 0)) found.push({ from, to, fromLayer, toLayer });
    }
  }
  return found;
}

/**
 * The import cycles, each as the files around it (first file repeated at the end), found with Tarjan's
 * strongly connected components: every component of more than one file, or a file importing itself, holds
 * a cycle; one cycle per component is reported, which is enough to name what to break.
 */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((component) => cycleWithin(graph, new Set(component)));
}

/** One cycle through the component's first file (by name), by breadth-first search back to it. */
function cycleWithin(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
