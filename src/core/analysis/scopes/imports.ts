/** What an import statement binds and imports, read from its tree. */
import type { SyntaxNode } from '@lezer/common';

/** What an import statement binds and imports. */
export interface ImportParts {
  /** Names bound: `import a.b` → a; `import a as b` → b; `from m import x as y` → y. */
  binds: string[];
  /** Top-level modules imported (`a` for `import a.b` and `from a.b import c`); none for relative imports. */
  modules: string[];
  /** `from m import *`. */
  star: boolean;
  /** The `from` module as written (`a.b`, `..pkg`), for from-imports. */
  from?: string;
}

export function importParts(node: SyntaxNode, text: string): ImportParts {
  const binds: string[] = [];
  const modules: string[] = [];
  let star = false;
  let from: string | undefined;
  const isFrom = node.firstChild?.name === 'from';
  let afterImport = !isFrom;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === 'import') {
      if (isFrom) from = text.slice(node.firstChild?.to ?? c.from, c.from).trim();
      afterImport = true;
      continue;
    }
    if (!afterImport) {
      // The `from` part: its first name is the module, unless the import is relative.
      if (c.name === 'VariableName' && c.prevSibling?.name === 'from') modules.push(text.slice(c.from, c.to));
      continue;
    }
    if (c.name === '*') star = true;
    if (c.name !== 'VariableName') continue;
    const prev = c.prevSibling;
    const n = text.slice(c.from, c.to);
    if (prev && prev.name === 'as') binds[binds.length - 1] = n;
    else if (prev && prev.name === '.') {
      // part of a dotted name: `import a.b` binds a
    } else {
      binds.push(n);
      if (!isFrom) modules.push(n);
    }
  }
  return { binds, modules, star, ...(from !== undefined ? { from } : {}) };
}
