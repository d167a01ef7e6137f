/**
 * Fine slices (issue 18.1): cut inside the `if`/`for`/`while` statements a whole-block slice
 * keeps, and inside the body of a function whose local is the target (18.2).
 *
 * A kept block keeps its header and the body statements the needed names depend on, by a
 * backward walk over the syntax with these rules:
 * - a statement is kept when it binds or changes (method call, item or attribute store) a
 *   name in the alias class of a needed name (./fine-facts.ts), when it may have an effect
 *   of its own (any call that is not a known pure builtin or container method, `await`,
 *   `yield`), or when it is `global`/`nonlocal`, `return` or `raise`;
 * - `break`/`continue` are kept whenever their loop is; a kept statement makes the headers
 *   of the blocks around it needed (control dependence), and the names a kept statement or
 *   header reads become needed in turn (nothing is ever un-needed, so every reaching
 *   definition of every branch stays); loop bodies are walked to a fixed point (loop-carried
 *   definitions);
 * - `try`, `with`, `match`, definitions and classes are kept whole or dropped whole, and a
 *   statement that shares a line with another is kept; when the program defines a class or a
 *   generator (user code behind operators and iteration), nothing is trimmed.
 *
 * The result is original lines with whole statements removed; a body left empty gets `pass`
 * at the indentation of its first statement.
 */
import type { SyntaxNode } from '@lezer/common';
import { findSyntaxErrors, findTooDeepNesting } from '../python/parse';
import { parsePython3 } from '../python/print-mask';
import { CONSUMING_BUILTINS, MUTATING_METHODS, PURE_BUILTINS, READING_METHODS, children, hasNode, isStatement, namesIn, type ProgramFacts } from './fine-facts';

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

const allNames = (u: ParsedUnit): string[] => (u.names ??= namesIn(u.top, u.text));

const PROTOCOLS = new Set(['ClassDefinition', 'YieldExpression', 'yield', 'AwaitExpression', 'await']);

export function parseUnit(text: string): ParsedUnit {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const deep = findTooDeepNesting(text) !== undefined;
  try {
    const tree = parsePython3(deep ? '' : text);
    const ok = !deep && findSyntaxErrors(tree).length === 0;
    return { text, top: tree.topNode, ok, userProtocols: ok && hasNode(tree.topNode, PROTOCOLS), lineOf };
  } catch {
    return { text, top: parsePython3('').topNode, ok: false, userProtocols: false, lineOf };
  }
}

/** A unit's output: 0-based line offsets kept, and `pass` lines inserted (strings). */
export type UnitLines = Array<number | string>;

interface Walk {
  unit: ParsedUnit;
  facts: ProgramFacts;
  needed: Set<string>;
  classes: Set<string>;
  /** Statements kept (by start offset): header only when trimmed, else whole. */
  trimmed: Set<number>;
  whole: Set<number>;
}

function need(w: Walk, names: readonly string[]): void {
  for (const n of names) {
    if (w.needed.has(n)) continue;
    w.needed.add(n);
    w.classes.add(w.facts.classOf(n));
  }
}

const relevant = (w: Walk, defs: readonly string[]): boolean => defs.some((d) => w.needed.has(d) || w.classes.has(w.facts.classOf(d)));

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
function callEffects(node: SyntaxNode, w: Walk, defs: string[]): boolean {
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
  defs: string[];
  impure: boolean;
  /** `break`/`continue`: kept with their loop. `return`/`raise`/`global`: always kept. */
  jump: 'loop' | 'always' | null;
}

function simpleFacts(node: SyntaxNode, w: Walk): Simple {
  const { text } = w.unit;
  const defs: string[] = [];
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
        for (let i = 0; i < last; i++) namesIn(kids[i], text, defs);
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
  return { defs, impure, jump };
}

/** May the statement be removed by lines: alone on its lines? */
function alone(node: SyntaxNode, text: string): boolean {
  for (let i = node.from - 1; i >= 0 && text[i] !== '\n'; i--) if (text[i] !== ' ' && text[i] !== '\t') return false;
  if (text[node.to - 1] === '\n') return true;
  let i = node.to;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
}

function keepWhole(node: SyntaxNode, w: Walk): true {
  w.whole.add(node.from);
  need(w, namesIn(node, w.unit.text));
  return true;
}

/** The header parts of a compound statement (everything but its bodies). */
const headerParts = (node: SyntaxNode): SyntaxNode[] => children(node).filter((k) => k.name !== 'Body');

function headerEffects(node: SyntaxNode, w: Walk): { impure: boolean; defs: string[]; reads: string[] } {
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
function walkBody(body: SyntaxNode, w: Walk, loopKept: boolean): boolean {
  const statements = children(body).filter(isStatement);
  let any = false;
  for (let i = statements.length - 1; i >= 0; i--) if (visit(statements[i], w, loopKept, false)) any = true;
  return any;
}

function visit(node: SyntaxNode, w: Walk, loopKept: boolean, forced: boolean): boolean {
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
      const keep = forced || s.impure || s.jump === 'always' || (s.jump === 'loop' && loopKept) || relevant(w, s.defs);
      return keep ? keepWhole(node, w) : false;
    }
  }
}

/** Lines of a unit after the walk. */
function render(top: SyntaxNode, w: Walk): UnitLines {
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
function deferredNames(node: SyntaxNode, text: string, out: string[]): void {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (DEFERRED.has(c.name)) namesIn(c, text, out);
    else deferredNames(c, text, out);
  }
}

const TRIMMABLE = new Set(['IfStatement', 'ForStatement', 'WhileStatement']);

/** The one statement of a unit, or null. */
function soleStatement(unit: ParsedUnit): SyntaxNode | null {
  const statements = children(unit.top).filter(isStatement);
  return statements.length === 1 ? statements[0] : null;
}

/**
 * Fine lines of the selected units, in slice order. `targets[i]`: names needed after unit i
 * (a target it binds), `null` for a target it holds that has no known name (kept whole).
 * A unit without a target is walked like a body statement: it may be trimmed or dropped
 * (`[]`). Returns null per unit kept whole, and `needed`, the names the first unit needs.
 */
export function fineUnits(units: readonly ParsedUnit[], targets: ReadonlyArray<readonly string[] | null | undefined>, facts: ProgramFacts): { lines: Array<UnitLines | null>; needed: Set<string> } {
  const lines: Array<UnitLines | null> = units.map(() => null);
  const needed = new Set<string>();
  if (units.some((u) => u.userProtocols)) {
    for (const u of units) for (const n of allNames(u)) needed.add(n);
    return { lines, needed };
  }
  const classes = new Set<string>();
  for (const u of units) {
    if (!u.deferred) deferredNames(u.top, u.text, (u.deferred = []));
    if (u.deferred.length > 0) need({ unit: u, facts, needed, classes, trimmed: new Set(), whole: new Set() }, u.deferred);
  }
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i];
    const w: Walk = { unit, facts, needed, classes, trimmed: new Set(), whole: new Set() };
    const target = targets[i];
    if (target) need(w, target);
    const top = unit.ok ? soleStatement(unit) : null;
    if (target === null || !top) {
      need(w, allNames(unit));
      continue;
    }
    // A unit that holds no target may go altogether once the blocks after it are trimmed.
    if (target === undefined ? !visit(top, w, false, false) : false) lines[i] = [];
    else if (target !== undefined && !TRIMMABLE.has(top.name)) need(w, allNames(unit));
    else if (target !== undefined) {
      visit(top, w, false, true);
      lines[i] = render(top, w);
    } else if (w.trimmed.has(top.from)) lines[i] = render(top, w);
  }
  return { lines, needed };
}

/** The function a unit defines at its top (possibly decorated), if named `name`. */
export function functionOf(unit: ParsedUnit, name: string): SyntaxNode | null {
  const top = unit.ok ? soleStatement(unit) : null;
  const def = top?.name === 'DecoratedStatement' ? top.getChild('FunctionDefinition') : top?.name === 'FunctionDefinition' ? top : null;
  const id = def?.getChild('VariableName');
  return def && id && unit.text.slice(id.from, id.to) === name ? def : null;
}

/**
 * The body of function `name` (defined by `unit`) trimmed to what local `variable` needs at
 * the end of a call (18.2). Null when the unit does not define it or it cannot be trimmed
 * soundly (a generator, a class, `await`); `needed` are the names the kept code reads.
 */
export function fineFunction(unit: ParsedUnit, name: string, variable: string, facts: ProgramFacts): { lines: UnitLines; needed: Set<string> } | null {
  const def = functionOf(unit, name);
  const body = def?.getChild('Body');
  if (!def || !body || unit.userProtocols) return null;
  const w: Walk = { unit, facts, needed: new Set(), classes: new Set(), trimmed: new Set([def.from]), whole: new Set() };
  need(w, [variable]);
  const deferred: string[] = [];
  deferredNames(body, unit.text, deferred);
  need(w, deferred);
  walkBody(body, w, false);
  for (const part of headerParts(def)) need(w, namesIn(part, unit.text));
  for (const d of def.parent?.getChildren('Decorator') ?? []) need(w, namesIn(d, unit.text));
  // The walk reads names defined by the function itself too; callers filter what they need.
  const lines = render(def, w);
  return { lines, needed: w.needed };
}
