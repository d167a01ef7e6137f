/**
 * The backward walk of fine slices (./fine.ts) over one statement unit's syntax: which
 * statements of a block's body the needed names depend on (the rules are in ./fine.ts), and
 * the unit's lines once the walk is done.
 */
import type { SyntaxNode } from '@lezer/common';
import { CONSUMING_BUILTINS, MUTATING_METHODS, PURE_BUILTINS, READING_METHODS, children, isStatement, namesIn, type ProgramFacts } from './fine-facts';

/** One statement unit's text, parsed once. */
export interface ParsedUnit {
  text: string;
  top: SyntaxNode;
  /** Parsed without errors. */
  ok: boolean;
  /** Defines a class or a generator, or awaits. */
  userProtocols: boolean;
  /** 0-based line of an offset. */
  lineOf(offset: number): number;
  /** Every name in the unit, and those read inside its functions and lambdas (computed once). */
  names?: string[];
  deferred?: string[];
}

export const PROTOCOLS = new Set(['ClassDefinition', 'YieldExpression', 'yield', 'AwaitExpression', 'await']);

/** A unit's output: 0-based line offsets kept, and `pass` lines inserted (strings). */
export type UnitLines = Array<number | string>;

export interface Walk {
  unit: ParsedUnit;
  facts: ProgramFacts;
  needed: Set<string>;
  classes: Set<string>;
  /** Statements kept (by start offset): header only when trimmed, else whole. */
  trimmed: Set<number>;
  whole: Set<number>;
  /**
   * Helper bodies (./fine-helpers.ts): assigning a bare name changes no object, so it is kept
   * only when that name is needed, not whenever it shares an alias class with a needed name.
   */
  bindsByName?: boolean;
}

export function need(w: Walk, names: readonly string[]): void {
  for (const n of names) {
    if (w.needed.has(n)) continue;
    w.needed.add(n);
    w.classes.add(w.facts.classOf(n));
  }
}

export const relevant = (w: Walk, defs: readonly string[]): boolean => defs.some((d) => w.needed.has(d) || w.classes.has(w.facts.classOf(d)));

/** Root name of a receiver chain (`a[0].b.c(…)` → `a`), if it is a name. */
function rootName(node: SyntaxNode | null, text: string): string | undefined {
  while (node && (node.name === 'MemberExpression' || node.name === 'CallExpression' || node.name === 'ParenthesizedExpression')) {
    node = node.name === 'ParenthesizedExpression' ? node.firstChild?.nextSibling ?? null : node.firstChild;
  }
  return node?.name === 'VariableName' ? text.slice(node.from, node.to) : undefined;
}

/** Keyword arguments of an argument list: name → value node. */
function keywords(args: SyntaxNode | null, text: string): Map<string, SyntaxNode | null> {
  const out = new Map<string, SyntaxNode | null>();
  for (let c = args?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') out.set(text.slice(c.from, c.to), c.nextSibling.nextSibling);
  }
  return out;
}

/** Effects of the calls in a subtree: may it do anything of its own, and which names it changes. */
export function callEffects(node: SyntaxNode, w: Walk, defs: string[]): boolean {
  const { text } = w.unit;
  let impure = false;
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.node !== node && cursor.from >= end) break;
    const n = cursor.node;
    if (PROTOCOLS.has(n.name)) impure = true;
    else if (n.name === 'NamedExpression' && n.firstChild) namesIn(n.firstChild, text, defs);
    else if (n.name === 'CallExpression') {
      const callee = n.firstChild;
      const args = n.getChild('ArgList');
      if (callee?.name === 'VariableName') {
        const name = text.slice(callee.from, callee.to);
        const kw = keywords(args, text);
        const key = kw.get('key');
        if (!PURE_BUILTINS.has(name) || w.facts.bound.has(name)) impure = true;
        else if (name === 'print' && kw.has('file')) impure = true;
        else if (kw.has('key') && key?.name !== 'LambdaExpression') impure = true;
        else if (CONSUMING_BUILTINS.has(name)) {
          for (let a = args?.firstChild ?? null; a; a = a.nextSibling) {
            if (a.name === 'VariableName' && a.nextSibling?.name !== 'AssignOp') defs.push(text.slice(a.from, a.to));
          }
        }
      } else if (callee?.name === 'MemberExpression') {
        const prop = callee.lastChild;
        const method = prop?.name === 'PropertyName' ? text.slice(prop.from, prop.to) : '';
        const root = rootName(callee.firstChild, text);
        if (root !== undefined && w.facts.modules.has(root)) impure = true;
        else if (MUTATING_METHODS.has(method)) {
          if (root !== undefined) defs.push(root);
        } else if (!READING_METHODS.has(method)) impure = true;
      } else impure = true;
    }
  } while (cursor.next() && cursor.from < end);
  return impure;
}

interface Simple {
  /** Names bound or changed (whose alias classes matter). */
  defs: string[];
  /** Bare names assigned, when the walk keeps those by name (`bindsByName`). */
  binds: string[];
  impure: boolean;
  /** `break`/`continue`: kept with their loop. `return`/`raise`/`global`: always kept. */
  jump: 'loop' | 'always' | null;
}

export function simpleFacts(node: SyntaxNode, w: Walk): Simple {
  const { text } = w.unit;
  const defs: string[] = [];
  const binds: string[] = [];
  const target = (t: SyntaxNode): void => {
    if (t.name === 'VariableName') binds.push(text.slice(t.from, t.to));
    else if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression') {
      // Punctuation nodes (`,`, brackets) bind nothing.
      for (let c = t.firstChild; c; c = c.nextSibling) if (!/^\W+$/.test(c.name)) target(c);
    } else namesIn(t, text, defs);
  };
  let jump: Simple['jump'] = null;
  const statements = node.name === 'StatementGroup' ? children(node).filter(isStatement) : [node];
  for (const s of statements) {
    const kids = children(s);
    switch (s.name) {
      case 'AssignStatement': {
        let last = -1;
        kids.forEach((k, i) => {
          if (k.name === 'AssignOp') last = i;
        });
        for (let i = 0; i < last; i++) {
          if (kids[i].name === 'AssignOp') continue;
          if (w.bindsByName) target(kids[i]);
          else namesIn(kids[i], text, defs);
        }
        break;
      }
      case 'UpdateStatement':
        if (kids[0]) namesIn(kids[0], text, defs);
        break;
      case 'DeleteStatement':
      case 'ImportStatement':
        namesIn(s, text, defs);
        break;
      case 'BreakStatement':
      case 'ContinueStatement':
        jump ??= 'loop';
        break;
      case 'ReturnStatement':
      case 'RaiseStatement':
      case 'ScopeStatement':
        jump = 'always';
        break;
      case 'ExpressionStatement':
      case 'PassStatement':
      case 'AssertStatement':
        break;
      default:
        // Anything else (print statement, type alias, an error node): keep it.
        jump = 'always';
    }
  }
  const impure = callEffects(node, w, defs);
  return { defs, binds, impure, jump };
}

/** May the statement be removed by lines: alone on its lines? */
export function alone(node: SyntaxNode, text: string): boolean {
  for (let i = node.from - 1; i >= 0 && text[i] !== '\n'; i--) if (text[i] !== ' ' && text[i] !== '\t') return false;
  if (text[node.to - 1] === '\n') return true;
  let i = node.to;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
}

export function keepWhole(node: SyntaxNode, w: Walk): true {
  w.whole.add(node.from);
  need(w, namesIn(node, w.unit.text));
  return true;
}

/** The header parts of a compound statement (everything but its bodies). */
export const headerParts = (node: SyntaxNode): SyntaxNode[] => children(node).filter((k) => k.name !== 'Body');

export function headerEffects(node: SyntaxNode, w: Walk): { impure: boolean; defs: string[]; reads: string[] } {
  const defs: string[] = [];
  const reads: string[] = [];
  let impure = false;
  for (const part of headerParts(node)) {
    if (callEffects(part, w, defs)) impure = true;
    namesIn(part, w.unit.text, reads);
  }
  if (node.name === 'ForStatement') {
    const kids = children(node);
    const inAt = kids.findIndex((k) => k.name === 'in');
    for (let i = 1; i < inAt; i++) namesIn(kids[i], w.unit.text, defs);
  }
  return { impure, defs, reads };
}

/** Walks a body backwards; returns whether it keeps anything. */
export function walkBody(body: SyntaxNode, w: Walk, loopKept: boolean): boolean {
  const statements = children(body).filter(isStatement);
  let any = false;
  for (let i = statements.length - 1; i >= 0; i--) if (visit(statements[i], w, loopKept, false)) any = true;
  return any;
}

export function visit(node: SyntaxNode, w: Walk, loopKept: boolean, forced: boolean): boolean {
  if (!forced && !alone(node, w.unit.text)) return keepWhole(node, w);
  switch (node.name) {
    case 'IfStatement': {
      const header = headerEffects(node, w);
      let any = false;
      for (const body of node.getChildren('Body')) if (walkBody(body, w, loopKept)) any = true;
      if (!any && !forced && !header.impure && !relevant(w, header.defs)) return false;
      w.trimmed.add(node.from);
      need(w, header.reads);
      return true;
    }
    case 'ForStatement':
    case 'WhileStatement': {
      const header = headerEffects(node, w);
      const [body, orelse] = node.getChildren('Body');
      let any = body ? walkBody(body, w, false) : false;
      if (orelse && walkBody(orelse, w, loopKept)) any = true;
      if (!any && !forced && !header.impure && !relevant(w, header.defs)) return false;
      w.trimmed.add(node.from);
      need(w, header.reads);
      // Loop-carried needs and the jumps of this loop: to a fixed point.
      for (let size = -1; size !== w.needed.size + w.trimmed.size + w.whole.size; ) {
        size = w.needed.size + w.trimmed.size + w.whole.size;
        if (body) walkBody(body, w, true);
        if (orelse) walkBody(orelse, w, loopKept);
      }
      return true;
    }
    case 'FunctionDefinition':
    case 'ClassDefinition':
    case 'DecoratedStatement': {
      const def = node.name === 'DecoratedStatement' ? node.getChild('FunctionDefinition') ?? node.getChild('ClassDefinition') : node;
      const name = def?.getChild('VariableName');
      const decorated = node.name === 'DecoratedStatement';
      if (forced || decorated || !name || relevant(w, [w.unit.text.slice(name.from, name.to)])) return keepWhole(node, w);
      return false;
    }
    case 'WithStatement':
    case 'TryStatement':
    case 'MatchStatement':
      return keepWhole(node, w);
    default: {
      if (!isStatement(node)) return keepWhole(node, w);
      const s = simpleFacts(node, w);
      const keep = forced || s.impure || s.jump === 'always' || (s.jump === 'loop' && loopKept) || relevant(w, s.defs) || s.binds.some((b) => w.needed.has(b));
      return keep ? keepWhole(node, w) : false;
    }
  }
}

/** Lines of a unit after the walk. */
export function render(top: SyntaxNode, w: Walk): UnitLines {
  const { unit } = w;
  const lineCount = unit.lineOf(unit.text.length) + 1;
  const dropped = new Uint8Array(lineCount);
  const passes = new Map<number, string>();
  const span = (n: SyntaxNode): [number, number] => [unit.lineOf(n.from), unit.lineOf(Math.max(n.from, n.to - 1))];
  const descend = (node: SyntaxNode): void => {
    for (const body of node.getChildren('Body')) {
      const statements = children(body).filter(isStatement);
      let kept = 0;
      for (const s of statements) {
        if (w.whole.has(s.from)) kept++;
        else if (w.trimmed.has(s.from)) {
          kept++;
          descend(s);
        } else {
          const [a, b] = span(s);
          for (let l = a; l <= b; l++) dropped[l] = 1;
        }
      }
      if (kept === 0 && statements.length > 0) {
        const from = statements[0].from;
        passes.set(unit.lineOf(from), `${unit.text.slice(lineStart(unit.text, from), from)}pass`);
      }
    }
  };
  descend(top);
  const out: UnitLines = [];
  for (let l = 0; l < lineCount; l++) {
    const p = passes.get(l);
    if (p !== undefined) out.push(p);
    if (!dropped[l]) out.push(l);
  }
  return out;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

const DEFERRED = new Set(['FunctionDefinition', 'LambdaExpression']);

/**
 * Names read inside the functions and lambdas of a subtree: they are read when the function
 * is called, which may come after a later rebinding, so they are needed everywhere.
 */
export function deferredNames(node: SyntaxNode, text: string, out: string[]): void {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (DEFERRED.has(c.name)) namesIn(c, text, out);
    else deferredNames(c, text, out);
  }
}
