/**
 * Helper functions in fine slices (issue 18.3): a function the slice keeps (because kept code
 * calls it) has its body trimmed to what its calls can show the caller, whoever the caller is:
 * what it returns or raises, and every change it makes to an object that outlives the call.
 *
 * The walk is the fine walk (./fine-walk.ts) over the body, starting from every name the body
 * can reach from outside: the parameters, the names it reads or changes without binding them
 * (module names, builtins) and the names it declares `global`. A statement is dropped only when
 * it is pure and binds or changes nothing in the alias class of one of those names or of a
 * name a kept statement reads: a debug `print`, a local nobody reads, a branch that only
 * counts. `return`, `raise`, `global`, any call that may have an effect of its own, and the
 * docstring are always kept.
 *
 * The body is kept whole when that reasoning does not hold: a decorated function (a decorator
 * may read its code), a body that defines a function or a class, declares `nonlocal`, or reads
 * its own scope (`locals`, `vars`, `eval`, `exec`, `globals`, `dir`), and every helper of a
 * slice that catches or suppresses exceptions (a dropped `int(s)` that raised would have
 * changed which way an `except` went). Generators and classes anywhere stop all trimming
 * (./fine.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { children, hasNode, isStatement, namesIn, type ProgramFacts } from './fine-facts';
import { deferredNames, headerParts, need, render, walkBody, type ParsedUnit, type UnitLines, type Walk } from './fine-walk';

/** Builtins that read a scope by name: a body calling one keeps every local. */
const SCOPE_READERS = new Set(['locals', 'vars', 'eval', 'exec', 'globals', 'dir']);
const NESTED = new Set(['FunctionDefinition', 'ClassDefinition']);

/** Does the slice catch or suppress exceptions anywhere (then no helper is trimmed)? */
export const catchesExceptions = (texts: readonly string[]): boolean => texts.some((t) => /\bexcept\b|\bsuppress\b/.test(t));

/** Names a parameter list binds (and, over-approximating, the names its defaults read). */
function paramNames(def: SyntaxNode, text: string): Set<string> {
  const params = def.getChild('ParamList');
  const out = new Set<string>();
  for (let c = params?.firstChild ?? null; c; c = c.nextSibling) if (c.name === 'VariableName') out.add(text.slice(c.from, c.to));
  return out;
}

/** Bare names a binding target binds (`x`, `x, y`, `[x, *y]`), not attributes or items. */
function targetNames(node: SyntaxNode, text: string, out: Set<string>): void {
  if (node.name === 'VariableName') out.add(text.slice(node.from, node.to));
  else if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression' || node.name === 'SpreadExpression' || node.name === 'StarExpression') {
    for (let c = node.firstChild; c; c = c.nextSibling) targetNames(c, text, out);
  }
}

/**
 * The names the body surely binds in the function's own scope (Python makes a name local to
 * the whole function when any statement binds it). Comprehension variables are not counted
 * (they live in the comprehension), nor names declared `global`. Missing a local only keeps
 * more; counting a name that is not local would drop changes to it, so only sure bindings count.
 */
function localNames(body: SyntaxNode, text: string): Set<string> {
  const out = new Set<string>();
  const globals = new Set<string>();
  const visitStatement = (s: SyntaxNode): void => {
    const kids = children(s);
    switch (s.name) {
      case 'AssignStatement': {
        const last = kids.map((k) => k.name).lastIndexOf('AssignOp');
        for (let i = 0; i < last; i++) targetNames(kids[i], text, out);
        break;
      }
      case 'UpdateStatement':
        if (kids[0]) targetNames(kids[0], text, out);
        break;
      case 'ForStatement': {
        const inAt = kids.findIndex((k) => k.name === 'in');
        for (let i = 1; i < inAt; i++) targetNames(kids[i], text, out);
        break;
      }
      case 'ImportStatement':
        for (const n of importedNames(s, text)) out.add(n);
        break;
      case 'DeleteStatement':
        // `del x` makes `x` local.
        for (const n of namesIn(s, text)) out.add(n);
        break;
      case 'ScopeStatement':
        for (const n of namesIn(s, text)) globals.add(n);
        break;
      default:
    }
    // `with … as x`, `except E as x`, walrus targets (not those inside a lambda, its own scope).
    const cursor = s.cursor();
    for (let more = cursor.firstChild(); more && cursor.from < s.to; more = cursor.next(cursor.name !== 'LambdaExpression')) {
      const n = cursor.node;
      if (n.name === 'as' && n.nextSibling) targetNames(n.nextSibling, text, out);
      else if (n.name === 'NamedExpression' && n.firstChild) targetNames(n.firstChild, text, out);
    }
    for (const k of kids) if (k.name === 'Body' || /Clause$|Block$/.test(k.name)) visitOwner(k);
  };
  const visitOwner = (node: SyntaxNode): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (isStatement(c)) visitStatement(c);
      else if (c.name === 'Body' || /Clause$|Block$/.test(c.name)) visitOwner(c);
    }
  };
  visitOwner(body);
  for (const g of globals) out.delete(g);
  return out;
}

/**
 * The names an import binds: after `import`, the first name of each dotted path (`import a.b`
 * binds `a`) unless it is renamed (`as y` binds `y`, handled with the other `as` targets);
 * never the module a `from` names.
 */
function importedNames(s: SyntaxNode, text: string): string[] {
  const out: string[] = [];
  let group: SyntaxNode[] | undefined;
  const flush = () => {
    if (group && !group.some((c) => c.name === 'as')) {
      const name = group.find((c) => c.name === 'VariableName');
      if (name) out.push(text.slice(name.from, name.to));
    }
    group = [];
  };
  for (let c = s.firstChild; c; c = c.nextSibling) {
    if (c.name === 'import' || c.name === ',') flush();
    else group?.push(c);
  }
  flush();
  return out;
}

/** `"""…"""` as the first statement of a body. */
function docstring(body: SyntaxNode): SyntaxNode | undefined {
  const first = children(body).find(isStatement);
  const value = first?.name === 'ExpressionStatement' ? first.firstChild : null;
  return value?.name === 'String' && value.nextSibling === null ? first : undefined;
}

function nonlocal(body: SyntaxNode, text: string): boolean {
  let found = false;
  const cursor = body.cursor();
  do {
    if (cursor.name === 'ScopeStatement' && text.startsWith('nonlocal', cursor.from)) found = true;
  } while (!found && cursor.next() && cursor.from < body.to);
  return found;
}

/**
 * Function `def` (the sole statement of `unit`, not decorated) with its body trimmed, or null
 * when the body must stay whole or nothing in it can go. `reads`: the names the kept function
 * reads from outside (its header's, and those of its kept body that it does not bind).
 */
export function trimHelper(unit: ParsedUnit, def: SyntaxNode, facts: ProgramFacts): { lines: UnitLines; reads: string[] } | null {
  const { text } = unit;
  const body = def.getChild('Body');
  if (!body || def.parent?.name === 'DecoratedStatement' || hasNode(body, NESTED) || nonlocal(body, text)) return null;
  const bodyNames = namesIn(body, text);
  if (bodyNames.some((n) => SCOPE_READERS.has(n))) return null;
  const locals = localNames(body, text);
  const params = paramNames(def, text);
  const w: Walk = { unit, facts, needed: new Set(), classes: new Set(), trimmed: new Set([def.from]), whole: new Set(), bindsByName: true };
  // Everything the body can reach from outside the call.
  need(w, [...params, ...bodyNames.filter((n) => !locals.has(n))]);
  const deferred: string[] = [];
  deferredNames(body, text, deferred);
  need(w, deferred);
  const doc = docstring(body);
  if (doc) w.whole.add(doc.from);
  walkBody(body, w, false);
  const statements: SyntaxNode[] = [];
  const all = (owner: SyntaxNode): void => {
    for (const b of owner.getChildren('Body')) {
      for (const s of children(b).filter(isStatement)) {
        statements.push(s);
        if (w.trimmed.has(s.from)) all(s);
      }
    }
  };
  all(def);
  if (statements.every((s) => w.whole.has(s.from) || w.trimmed.has(s.from))) return null;
  const reads = headerParts(def).flatMap((p) => namesIn(p, text));
  for (const n of w.needed) if (!locals.has(n) && !params.has(n)) reads.push(n);
  return { lines: render(def, w), reads };
}
