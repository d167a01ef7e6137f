/**
 * Name analysis of one top-level statement unit (the slicer's unit of code), for the
 * pipeline exporter: which variables the unit reads and binds at module level, which names
 * user functions declare `global`, which statements are imports, and where the `lineapy`
 * calls are (so they can be removed).
 *
 * The names come from the one free-variable analysis (`../analysis/scopes/`); writes are
 * names bound at the unit's top scope.
 */
import { analyseUnit as analyseNames, importParts } from '../analysis/scopes';
import { parsePython3 } from '../python/print-mask';
import type { SyntaxNode } from '@lezer/common';

export interface ImportInfo {
  /** Statement text, verbatim. */
  text: string;
  /** Top-level modules imported (`a` for `import a.b`); empty for relative imports. */
  modules: string[];
  /** Names the statement binds. */
  binds: string[];
}

export interface UnitInfo {
  reads: Set<string>;
  writes: Set<string>;
  /** Names declared `global` inside function bodies of the unit. */
  globals: Set<string>;
  /** Top-level import statements of the unit. */
  imports: ImportInfo[];
  /** True when every top-level statement is an import (the unit can be hoisted). */
  importOnly: boolean;
  /** Top-level modules imported anywhere in the unit (nested imports too). */
  modules: Set<string>;
  /** True when every top-level statement is a `def` or `class` (maybe decorated). */
  definitionOnly: boolean;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function importStatement(node: SyntaxNode, text: string): ImportInfo {
  const { modules, binds } = importParts(node, text);
  return { text: text.slice(node.from, node.to), modules, binds };
}

/**
 * The unit's names, from the one free-variable analysis (`analysis/scopes/`, Python's
 * scoping rules). Reads are the names read before the unit binds them, including the free
 * names of its function bodies (a closure sees them when called) and `del` targets.
 */
export function analyseUnit(text: string): UnitInfo {
  const tree = parsePython3(text);
  const facts = analyseNames(tree.topNode, text);
  const info: UnitInfo = {
    reads: new Set([...facts.reads, ...facts.immediate]),
    writes: new Set(facts.writes),
    globals: new Set(facts.globalDecls),
    imports: [],
    importOnly: true,
    modules: new Set(),
    definitionOnly: true,
  };
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'ImportStatement') return;
      for (const m of importParts(ref.node, text).modules) info.modules.add(m);
      return false;
    },
  });
  let any = false;
  for (const stmt of children(tree.topNode)) {
    if (stmt.name === 'Comment') continue;
    any = true;
    if (stmt.name === 'ImportStatement') info.imports.push(importStatement(stmt, text));
    else info.importOnly = false;
    if (stmt.name !== 'FunctionDefinition' && stmt.name !== 'ClassDefinition' && stmt.name !== 'DecoratedStatement') info.definitionOnly = false;
  }
  if (!any) {
    info.importOnly = false;
    info.definitionOnly = false;
  }
  return info;
}

export interface LineapyNames {
  /** Names bound to the `lineapy` module (`lineapy`, or an alias). */
  modules: Set<string>;
  /** Names bound to `lineapy.save` by `from lineapy import save [as s]`. */
  saves: Set<string>;
}

/** How this code refers to lineapy, from its import statements. */
export function lineapyNames(codes: readonly string[]): LineapyNames {
  const out: LineapyNames = { modules: new Set(), saves: new Set() };
  for (const code of codes) {
    if (!code.includes('lineapy')) continue;
    const tree = parsePython3(code);
    tree.iterate({
      enter(ref) {
        if (ref.name !== 'ImportStatement') return;
        const cs = children(ref.node);
        const word = (c: SyntaxNode | undefined): string => (c ? code.slice(c.from, c.to) : '');
        if (cs[0]?.name === 'from') {
          if (word(cs[1]) !== 'lineapy' || cs[2]?.name !== 'import') return false;
          for (let i = 3; i < cs.length; i++) {
            if (cs[i].name === 'VariableName' && word(cs[i]) === 'save') {
              out.saves.add(cs[i + 1]?.name === 'as' ? word(cs[i + 2]) : 'save');
            }
          }
          return false;
        }
        for (let i = 1; i < cs.length; i++) {
          if (cs[i].name === 'VariableName' && word(cs[i]) === 'lineapy' && cs[i - 1]?.name !== '.' && cs[i + 1]?.name !== '.') {
            out.modules.add(cs[i + 1]?.name === 'as' ? word(cs[i + 2]) : 'lineapy');
          }
        }
        return false;
      },
    });
  }
  return out;
}

export interface LineapyRewrite {
  /** The unit without lineapy imports and `lineapy.save` calls; '' when nothing is left. */
  text: string;
  /** `lineapy.save(expr, …)` calls found: the expr text and the saved name literal, in order. */
  saves: Array<{ expr: string; name?: string }>;
}

/**
 * Removes lineapy from a unit: `import lineapy` / `from lineapy import …` statements go,
 * a statement `lineapy.save(x, "n")` whose argument is a bare name goes, one whose argument
 * is an expression becomes `<assignTo(name)> = expr` (or just `expr`), and a save call nested
 * in other code becomes `(expr)`.
 */
export function removeLineapy(text: string, names: LineapyNames, assignTo: (name: string | undefined, expr: string) => string | undefined): LineapyRewrite {
  const saves: LineapyRewrite['saves'] = [];
  if (!text.includes('lineapy') && names.saves.size === 0) return { text, saves };
  const tree = parsePython3(text);
  const edits: Array<{ from: number; to: number; insert: string }> = [];
  const isSaveCallee = (callee: SyntaxNode): boolean => {
    const t = text.slice(callee.from, callee.to).replace(/\s+/g, '');
    if (callee.name === 'VariableName') return names.saves.has(t);
    if (callee.name !== 'MemberExpression') return false;
    const dot = t.lastIndexOf('.');
    return dot > 0 && t.slice(dot + 1) === 'save' && names.modules.has(t.slice(0, dot));
  };
  const saveParts = (call: SyntaxNode): { expr: string; name?: string } | undefined => {
    const [callee, args] = children(call);
    if (!callee || !args || args.name !== 'ArgList' || !isSaveCallee(callee)) return undefined;
    const positional: SyntaxNode[] = [];
    const keyword = new Map<string, SyntaxNode>();
    const cs = children(args).filter((c) => c.name !== '(' && c.name !== ')');
    for (let i = 0; i < cs.length; i++) {
      if (cs[i].name === ',') continue;
      if (cs[i].name === 'VariableName' && cs[i + 1]?.name === 'AssignOp' && cs[i + 2]) {
        keyword.set(text.slice(cs[i].from, cs[i].to), cs[i + 2]);
        i += 2;
      } else positional.push(cs[i]);
    }
    const value = positional[0] ?? keyword.get('reference');
    const nameNode = positional[1] ?? keyword.get('name');
    if (!value) return undefined;
    const nameText = nameNode?.name === 'String' ? literalString(text.slice(nameNode.from, nameNode.to)) : undefined;
    return { expr: text.slice(value.from, value.to), ...(nameText !== undefined ? { name: nameText } : {}) };
  };
  const topLevel = children(tree.topNode);
  const dropStatement = (stmt: SyntaxNode): void => {
    // Remove the statement and a following `;` separator.
    let to = stmt.to;
    const rest = text.slice(to);
    const m = /^[ \t]*;[ \t]*/.exec(rest);
    if (m) to += m[0].length;
    edits.push({ from: stmt.from, to, insert: '' });
  };
  for (const stmt of topLevel) {
    if (stmt.name === 'ImportStatement') {
      const imp = importStatement(stmt, text);
      if (imp.modules.length > 0 && imp.modules.every((m) => m === 'lineapy')) dropStatement(stmt);
      continue;
    }
    if (stmt.name === 'ExpressionStatement') {
      const call = stmt.firstChild;
      const parts = call?.name === 'CallExpression' ? saveParts(call) : undefined;
      if (call && parts && call.to === stmt.to) {
        saves.push(parts);
        const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(parts.expr);
        const assign = bare ? undefined : assignTo(parts.name, parts.expr);
        if (assign !== undefined) edits.push({ from: stmt.from, to: stmt.to, insert: `${assign} = ${parts.expr}` });
        else if (bare) dropStatement(stmt);
        else edits.push({ from: stmt.from, to: stmt.to, insert: parts.expr });
        continue;
      }
    }
    // Nested save calls: replace with their argument.
    const nested: SyntaxNode[] = [];
    const cursor = stmt.cursor();
    const end = stmt.to;
    while (cursor.next() && cursor.from < end) {
      if (cursor.name === 'CallExpression') {
        const node = cursor.node;
        if (nested.some((n) => n.from <= node.from && node.to <= n.to)) continue;
        const parts = saveParts(node);
        if (parts) {
          saves.push(parts);
          nested.push(node);
          edits.push({ from: node.from, to: node.to, insert: `(${parts.expr})` });
        }
      }
    }
  }
  if (edits.length === 0) return { text, saves };
  edits.sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of edits) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  return { text: lines.join('\n'), saves };
}

/** The value of a simple Python string literal (no escapes beyond \\ and quotes); undefined otherwise. */
function literalString(token: string): string | undefined {
  const m = /^[rRuU]?(['"])(.*)\1$/s.exec(token);
  if (!m || m[2].includes(m[1])) return undefined;
  return m[2].replace(/\\(['"\\])/g, '$1');
}

/**
 * Indents a unit by `prefix`, except lines that start inside a multi-line string
 * (indenting those would change the string's value).
 */
export function indentUnit(text: string, prefix: string): string {
  const tree = parsePython3(text);
  const protectedStarts = new Set<number>();
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'String' && ref.name !== 'FormatString') return;
      let i = text.indexOf('\n', ref.from);
      while (i !== -1 && i < ref.to) {
        protectedStarts.add(i + 1);
        i = text.indexOf('\n', i + 1);
      }
      return false;
    },
  });
  const lines = text.split('\n');
  let offset = 0;
  const out: string[] = [];
  for (const line of lines) {
    out.push(protectedStarts.has(offset) || line === '' ? line : prefix + line);
    offset += line.length + 1;
  }
  return out.join('\n');
}
