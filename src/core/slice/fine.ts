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
 * at the indentation of its first statement. The walk itself is ./fine-walk.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import { findSyntaxErrors, findTooDeepNesting } from '../python/parse';
import { parsePython3 } from '../python/print-mask';
import { children, hasNode, isStatement, namesIn, type ProgramFacts } from './fine-facts';
import { catchesExceptions, trimHelper } from './fine-helpers';
import { deferredNames, headerParts, need, PROTOCOLS, relevant, render, visit, walkBody, type ParsedUnit, type UnitLines, type Walk } from './fine-walk';

export type { ParsedUnit, UnitLines } from './fine-walk';

const allNames = (u: ParsedUnit): string[] => (u.names ??= namesIn(u.top, u.text));

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

const TRIMMABLE = new Set(['IfStatement', 'ForStatement', 'WhileStatement']);

/** The one statement of a unit, or null. */
function soleStatement(unit: ParsedUnit): SyntaxNode | null {
  const statements = children(unit.top).filter(isStatement);
  return statements.length === 1 ? statements[0] : null;
}

/** Is the function `def` defines needed by what comes after it? */
function calledFor(def: SyntaxNode, w: Walk): boolean {
  const name = def.getChild('VariableName');
  return name !== null && relevant(w, [w.unit.text.slice(name.from, name.to)]);
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
  const helpers = !catchesExceptions(units.map((u) => u.text));
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
    // A kept helper function: its body trimmed to what its calls can show (./fine-helpers.ts).
    if (target === undefined && helpers && top.name === 'FunctionDefinition' && calledFor(top, w)) {
      const helper = trimHelper(unit, top, facts);
      if (helper) {
        need(w, helper.reads);
        lines[i] = helper.lines;
        continue;
      }
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
