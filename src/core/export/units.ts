/**
 * Name analysis of one top-level statement unit (the slicer's unit of code), for the
 * pipeline exporter: which variables the unit reads and binds at module level, which names
 * user functions declare `global`, which statements are imports, and where the `lineapy`
 * calls are (so they can be removed).
 *
 * Reads are a safe over-approximation (names inside function bodies count as read when the
 * `def` runs: a closure then sees them); writes are names bound at the unit's top scope.
 */
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

const SCOPE_NODES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);
const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression',
]);

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Every VariableName under `node` (inclusive). */
function variableNames(node: SyntaxNode, text: string, out: Set<string>): void {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end && cursor.type.name !== node.type.name) break;
    if (cursor.name === 'VariableName') out.add(text.slice(cursor.from, cursor.to));
  } while (cursor.next() && cursor.from < end);
}

/** Names declared `global` in function bodies under `node`. */
function globalDeclarations(node: SyntaxNode, text: string, out: Set<string>): void {
  const cursor = node.cursor();
  const end = node.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name !== 'ScopeStatement') continue;
    const stmt = cursor.node;
    if (stmt.firstChild?.name !== 'global') continue;
    for (const c of children(stmt)) if (c.name === 'VariableName') out.add(text.slice(c.from, c.to));
  }
}

/** A target expression: bare names are written; attribute/subscript bases are read. */
function target(node: SyntaxNode, text: string, info: UnitInfo): void {
  switch (node.name) {
    case 'VariableName':
      info.writes.add(text.slice(node.from, node.to));
      return;
    case 'MemberExpression':
      expression(node, text, info);
      return;
    default:
      for (const c of children(node)) target(c, text, info);
  }
}

/** Reads in an expression; walrus targets are written; nested scopes read their free names. */
function expression(node: SyntaxNode, text: string, info: UnitInfo): void {
  if (node.name === 'VariableName') {
    info.reads.add(text.slice(node.from, node.to));
    return;
  }
  if (node.name === 'NamedExpression') {
    const [name, , ...rest] = children(node);
    if (name) target(name, text, info);
    for (const c of rest) expression(c, text, info);
    return;
  }
  if (node.name === 'PropertyName' || node.name === 'Comment') return;
  if (SCOPE_NODES.has(node.name) || COMPREHENSIONS.has(node.name)) {
    // Late-bound or local names: count every name as read (closures see them).
    variableNames(node, text, info.reads);
    globalDeclarations(node, text, info.globals);
    if (node.name !== 'LambdaExpression' && !COMPREHENSIONS.has(node.name)) {
      const name = children(node).find((c) => c.name === 'VariableName');
      if (name) info.writes.add(text.slice(name.from, name.to));
    }
    return;
  }
  if (node.name === 'ArgList') {
    // Keyword names (`k=v`) are not reads.
    const cs = children(node);
    for (let i = 0; i < cs.length; i++) {
      if (cs[i].name === 'VariableName' && cs[i + 1]?.name === 'AssignOp') continue;
      expression(cs[i], text, info);
    }
    return;
  }
  for (const c of children(node)) expression(c, text, info);
}

function importStatement(node: SyntaxNode, text: string): ImportInfo {
  const cs = children(node);
  const modules: string[] = [];
  const binds: string[] = [];
  const word = (c: SyntaxNode): string => text.slice(c.from, c.to);
  if (cs[0]?.name === 'from') {
    const importAt = cs.findIndex((c) => c.name === 'import');
    const source = cs.slice(1, importAt);
    const relative = source.length === 0 || source[0].name !== 'VariableName';
    if (!relative) modules.push(word(source[0]));
    // `x as y` binds y: a VariableName followed by `as` is replaced by the next one.
    const rest = cs.slice(importAt + 1);
    for (let i = 0; i < rest.length; i++) {
      if (rest[i].name !== 'VariableName') continue;
      if (rest[i + 1]?.name === 'as') continue;
      binds.push(word(rest[i]));
    }
  } else {
    // import a.b as c, d
    let first: string | undefined;
    let aliased = false;
    const flush = (): void => {
      if (first !== undefined && !aliased) binds.push(first);
      first = undefined;
      aliased = false;
    };
    for (let i = 1; i < cs.length; i++) {
      const c = cs[i];
      if (c.name === ',') flush();
      else if (c.name === 'as') {
        aliased = true;
        const alias = cs[i + 1];
        if (alias) binds.push(word(alias));
        i++;
      } else if (c.name === 'VariableName' && cs[i - 1]?.name !== '.' && first === undefined) {
        first = word(c);
        modules.push(first);
      }
    }
    flush();
  }
  return { text: text.slice(node.from, node.to), modules, binds };
}

function statement(node: SyntaxNode, text: string, info: UnitInfo): void {
  const cs = children(node);
  switch (node.name) {
    case 'ImportStatement': {
      const imp = importStatement(node, text);
      for (const b of imp.binds) info.writes.add(b);
      return;
    }
    case 'AssignStatement': {
      // t1 = t2 = value  (optionally `t: T = value`)
      const ops = cs.map((c, i) => (c.name === 'AssignOp' ? i : -1)).filter((i) => i >= 0);
      const lastOp = ops.length > 0 ? ops[ops.length - 1] : -1;
      cs.forEach((c, i) => {
        if (c.name === 'AssignOp') return;
        if (c.name === 'TypeDef') expression(c, text, info);
        else if (i < lastOp) target(c, text, info);
        else if (lastOp >= 0) expression(c, text, info);
        else target(c, text, info); // annotation only: `x: int`
      });
      return;
    }
    case 'UpdateStatement': {
      // x += v reads and writes x
      cs.forEach((c, i) => {
        if (i === 0) {
          expression(c, text, info);
          target(c, text, info);
        } else if (c.name !== 'UpdateOp') expression(c, text, info);
      });
      return;
    }
    case 'ForStatement': {
      let inTarget = false;
      for (const c of cs) {
        if (c.name === 'for') inTarget = true;
        else if (c.name === 'in') inTarget = false;
        else if (c.name === 'Body') body(c, text, info);
        else if (inTarget) target(c, text, info);
        else expression(c, text, info);
      }
      return;
    }
    case 'WithStatement':
    case 'TryStatement': {
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i];
        if (c.name === 'as' && cs[i + 1]) {
          target(cs[i + 1], text, info);
          i++;
        } else if (c.name === 'Body') body(c, text, info);
        else expression(c, text, info);
      }
      return;
    }
    case 'DeleteStatement':
      for (const c of cs) expression(c, text, info);
      return;
    case 'FunctionDefinition':
    case 'ClassDefinition':
      expression(node, text, info);
      return;
    case 'DecoratedStatement':
      for (const c of cs) {
        if (c.name === 'Decorator') expression(c, text, info);
        else statement(c, text, info);
      }
      return;
    case 'ScopeStatement':
      return;
    default:
      for (const c of cs) {
        if (c.name === 'Body') body(c, text, info);
        else if (isStatement(c)) statement(c, text, info);
        else expression(c, text, info);
      }
  }
}

function isStatement(node: SyntaxNode): boolean {
  return node.name.endsWith('Statement') || node.name === 'FunctionDefinition' || node.name === 'ClassDefinition';
}

function body(node: SyntaxNode, text: string, info: UnitInfo): void {
  for (const c of children(node)) {
    if (isStatement(c)) statement(c, text, info);
    else expression(c, text, info);
  }
}

export function analyseUnit(text: string): UnitInfo {
  const tree = parsePython3(text);
  const info: UnitInfo = { reads: new Set(), writes: new Set(), globals: new Set(), imports: [], importOnly: true, modules: new Set(), definitionOnly: true };
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'ImportStatement') return;
      for (const m of importStatement(ref.node, text).modules) info.modules.add(m);
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
    statement(stmt, text, info);
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
