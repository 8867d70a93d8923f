import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The design's one-way flow (sources -> timeline -> view), checked on the import statements of
 * src/. Type-only imports count: a type cycle couples modules as much as a value cycle.
 */

const root = resolve(import.meta.dirname, '../..');
const srcDir = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const importPattern = /^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm;

/** Relative imports of a module, as paths of src/ files (`.js` in a specifier names the `.ts`/`.tsx` file). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2]!;
    const base = resolve(dirname(file), specifier).replace(/\.js$/, '');
    // Data outside src/ (package.json) takes no part in the flow.
    if (!base.startsWith(srcDir)) continue;
    const target = [`${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}.mjs`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
    if (target === undefined) throw new Error(`${relative(root, file)}: cannot resolve ${specifier}`);
    targets.push(target);
  }
  return targets;
}

function importGraph(): Map<string, string[]> {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  return new Map(files.map((file) => [relative(root, file), importsOf(file, known).map((target) => relative(root, target))]));
}

/** One cycle per strongly connected group, as a path that returns to its start. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const forbidden: readonly { readonly from: string; readonly to: string }[] = [
  { from: 'src/timeline/', to: 'src/sources/' },
  { from: 'src/timeline/', to: 'src/tui/' },
  { from: 'src/sink/', to: 'src/tui/' },
];

describe('imports in src/', () => {
  const graph = importGraph();

  it('finds the modules and their imports', () => {
    expect(graph.get('src/tui/App.tsx')).toContain('src/tui/viewport.ts');
  });

  it('have no cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('flow one way: the timeline knows no source or screen, the pipe no screen', () => {
    const crossings = [...graph].flatMap(([file, targets]) =>
      forbidden.flatMap(({ from, to }) => (file.startsWith(from) ? targets.filter((target) => target.startsWith(to)).map((target) => `${file} -> ${target}`) : [])),
    );
    expect(crossings).toEqual([]);
  });

  it('the cycle finder sees a cycle', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  });
});
