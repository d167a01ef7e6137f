/**
 * The imports a run will meet for certain: unconditional top-level `import` / `from … import`
 * statements of each cell, as top-level module names (`import a.b as c` → `a`). Imports inside
 * `if`, `try`, functions or classes may never run, and relative imports name the notebook's own
 * files, so both are left out, as the run's own scan in Python does (python-support.ts).
 * A cell that does not parse is skipped: the run reports its syntax error itself.
 */
import type { SyntaxNode } from '@lezer/common';
import { blankIPython } from '../python/ipython';
import { findSyntaxErrors, LineIndex } from '../python/parse';
import { parsePython3 } from '../python/print-mask';

export interface ImportSite {
  /** Top-level module name, e.g. `numpy` for `from numpy.linalg import inv`. */
  module: string;
  /** Index of the cell in the list given. */
  cellIndex: number;
  /** 1-based line in the cell. */
  line: number;
}

function dottedHead(text: string, from: SyntaxNode | null, until: (n: SyntaxNode) => boolean): string[] {
  const heads: string[] = [];
  let expectName = true;
  for (let c = from; c && !until(c); c = c.nextSibling) {
    if (c.name === 'VariableName') {
      if (expectName && c.prevSibling?.name !== 'as') heads.push(text.slice(c.from, c.to));
      expectName = false;
    } else if (c.name === ',') expectName = true;
  }
  return heads;
}

/** Top-level modules imported unconditionally by one cell's code, in order (with repeats). */
export function topLevelImports(code: string): Array<{ module: string; line: number }> {
  const text = blankIPython(code).text;
  const tree = parsePython3(text);
  if (findSyntaxErrors(tree).length > 0) return [];
  const lines = new LineIndex(text);
  const out: Array<{ module: string; line: number }> = [];
  for (let stmt = tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
    if (stmt.name !== 'ImportStatement') continue;
    const first = stmt.firstChild;
    if (!first) continue;
    const line = lines.lineOf(stmt.from);
    if (first.name === 'import') {
      for (const module of dottedHead(text, first.nextSibling, () => false)) out.push({ module, line });
      continue;
    }
    // from X.Y import …: relative when a dot (or `...`) comes before the first name.
    const next = first.nextSibling;
    if (!next || next.name !== 'VariableName') continue;
    out.push({ module: text.slice(next.from, next.to), line });
  }
  return out;
}

/** Every cell's unconditional top-level imports, first site of each module only. */
export function importSites(codes: readonly string[]): ImportSite[] {
  const seen = new Set<string>();
  const out: ImportSite[] = [];
  codes.forEach((code, cellIndex) => {
    for (const { module, line } of topLevelImports(code)) {
      if (seen.has(module)) continue;
      seen.add(module);
      out.push({ module, cellIndex, line });
    }
  });
  return out;
}
