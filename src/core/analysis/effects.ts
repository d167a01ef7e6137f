/**
 * Side effects on files and databases (issue 14).
 *
 * The outside world is a set of pseudo values, versioned by Mutate nodes like any value:
 * - `file_system`: every file write versions it; a reader whose path is unknown reads its
 *   latest version (path-insensitive, as LineaPy), and `lineapy.save(lineapy.file_system, …)`
 *   names it;
 * - `file:<path>`, one per literal path: the writes of that path version it, and a reader
 *   with that literal path reads its latest version (path-aware);
 * - `file_system (unknown path)`: the writes whose path is not a literal version it, and a
 *   literal-path reader reads it too (it may have written that path);
 * - `db`: every database write versions it; every database read reads it.
 *
 * Which calls read and write, and which argument is the path, are data in `rules/`. Calls in
 * a statement come through `calls.ts`; calls inside an opaque block (`with`, `for`, `if`,
 * `try`, a function body) come through `blockEffects`, a small walk over the block's tree.
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallArg, CallKwarg, CallNode, SourceCode } from '../model';
import { type AnalysisContext, sourceText } from './context';
import { addCall, addLiteral, addLookup, addNode, nodeById } from './nodes';
import { functionRules, methodRules, normaliseQualname, type ArgRef, type CallRule, type PseudoValue } from './rules/index';
import { latestOf, mutateValue, pseudoValue, qualOf, rootOf, typeOf } from './values';
import { decodeString } from './strings';

/** A path: a literal string, or undefined when it is not known. */
export type Path = string | undefined;

export interface Effect {
  kind: 'read' | 'write';
  which: PseudoValue;
  /** File effects: each path touched (undefined = unknown). */
  paths: Path[];
}

/** Values that carry a path to later calls (`f.write`, `p.read_text`, `w.writerow`). */
const HANDLE_TYPES = new Set(['file', 'path', 'csv.writer']);
const WRITE_MODE = /[wax+]/;
const READ_ONLY_SQL = /^\s*(select|pragma|explain)\b/i;
const UNKNOWN_PATH = '';

/** How a rule sees one call's arguments, whoever built them (the statement walk or the block walk). */
interface ArgView {
  /** Is the argument given, and its path (a literal, or a handle's path)? */
  arg(ref: ArgRef): { given: false } | { given: true; path: Path };
  /** Was the receiver opened for writing (or may it have been)? */
  writable(): boolean;
  /** The argument as a literal string (or `text("…")`), if it is one. */
  literal(ref: ArgRef): string | undefined;
}

export function normalisePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/').replace(/\/+/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s === '' ? '.' : s;
}

/** What one rule reads and writes for one call; `readOnly` when an SQL query only reads. */
function ruleEffects(rule: CallRule, view: ArgView): { effects: Effect[]; readOnly: boolean } {
  const effects: Effect[] = [];
  if (rule.requires && !view.arg(rule.requires).given) return { effects, readOnly: false };
  const pathsOf = (refs: readonly ArgRef[] | undefined): Path[] => {
    const out: Path[] = [];
    for (const ref of refs ?? []) {
      const a = view.arg(ref);
      if (a.given) out.push(a.path);
    }
    return out.length > 0 ? out : [undefined];
  };
  if (rule.opens) {
    const given = view.arg(rule.opens).given;
    const mode = view.literal(rule.opens);
    // A mode that is not a literal may write: count it as a write.
    const writes = given && (mode === undefined || WRITE_MODE.test(mode));
    effects.push({ kind: writes ? 'write' : 'read', which: 'file_system', paths: pathsOf(rule.path) });
    return { effects, readOnly: false };
  }
  if (rule.sqlQuery) {
    const q = view.literal(0);
    if (q !== undefined && READ_ONLY_SQL.test(q)) return { effects: [{ kind: 'read', which: 'db', paths: [] }], readOnly: true };
  }
  if (rule.flushes && !view.writable()) return { effects, readOnly: false };
  if (rule.reads) effects.push({ kind: 'read', which: rule.reads, paths: rule.reads === 'db' ? [] : pathsOf(rule.readPath ?? rule.path) });
  if (rule.writes) effects.push({ kind: 'write', which: rule.writes, paths: rule.writes === 'db' ? [] : pathsOf(rule.path) });
  return { effects, readOnly: false };
}

function pathPseudo(ctx: AnalysisContext, path: string): string {
  let id = ctx.paths.get(path);
  if (id === undefined) {
    const name = path === UNKNOWN_PATH ? 'file_system (unknown path)' : `file:${path}`;
    id = addNode(ctx, { kind: 'Lookup', name }, false).id;
    ctx.paths.set(path, id);
  }
  return id;
}

/** Latest version of a path's pseudo value, if anything wrote it. */
function writtenVersion(ctx: AnalysisContext, path: string): string | undefined {
  const id = ctx.paths.get(path);
  return id === undefined ? undefined : ctx.latest.get(id);
}

/** The nodes a read of these paths depends on. */
function readDeps(ctx: AnalysisContext, which: PseudoValue, paths: Path[]): string[] {
  if (which === 'db') return [latestOf(ctx, pseudoValue(ctx, 'db'))];
  const deps: string[] = [];
  for (const p of paths) {
    if (p === undefined) {
      deps.push(latestOf(ctx, pseudoValue(ctx, 'file_system')));
      continue;
    }
    const before = deps.length;
    for (const q of relatedPaths(ctx, p, true)) {
      const version = writtenVersion(ctx, q);
      if (version !== undefined) deps.push(version);
    }
    const unknown = writtenVersion(ctx, UNKNOWN_PATH);
    if (unknown !== undefined) deps.push(unknown);
    // Nothing wrote it: the file comes from outside (the pseudo value's root, no line).
    if (deps.length === before) deps.push(pseudoValue(ctx, 'file_system'));
  }
  return deps;
}

/**
 * Written paths that bear on `p`: `p` itself and the directories above it (`os.makedirs("d")`
 * before `open("d/f.txt")`), and with `below` the paths under it (`shutil.copytree` into `p`,
 * files written in directory `p`).
 */
function relatedPaths(ctx: AnalysisContext, p: string, below: boolean): string[] {
  const out: string[] = [];
  for (const q of ctx.paths.keys()) {
    if (q === UNKNOWN_PATH) continue;
    if (q === p || p.startsWith(`${q}/`) || (below && q.startsWith(`${p}/`))) out.push(q);
  }
  return out;
}

/** A writer of `p` needs the directories above it as earlier writes left them. */
function parentDeps(ctx: AnalysisContext, p: string): string[] {
  const deps: string[] = [];
  for (const q of relatedPaths(ctx, p, false)) {
    if (q === p) continue;
    const version = writtenVersion(ctx, q);
    if (version !== undefined) deps.push(version);
  }
  return deps;
}

/** Apply effects to a call: reads first (they see the versions before the call), then writes. */
export function applyEffects(ctx: AnalysisContext, callNode: CallNode, effects: readonly Effect[], done: Set<string> = new Set()): void {
  let deps: string[] | undefined;
  for (const e of effects) {
    const found = e.kind === 'read' ? readDeps(ctx, e.which, e.paths) : e.which === 'file_system' ? e.paths.flatMap((p) => (p === undefined ? [] : parentDeps(ctx, p))) : [];
    for (const d of found) {
      if (d === callNode.id || callNode.implicitDeps.includes(d) || deps?.includes(d)) continue;
      (deps ??= []).push(d);
    }
  }
  if (deps) callNode.implicitDeps = [...callNode.implicitDeps, ...deps];
  for (const e of effects) {
    if (e.kind !== 'write') continue;
    // The global version has no line: a slice that keeps this write (by its line) must not
    // bring every earlier write with it. Its ancestors still are every write (side-effect artifacts).
    const loc = ctx.loc;
    ctx.loc = undefined;
    mutateValue(ctx, pseudoValue(ctx, e.which), callNode.id, done);
    ctx.loc = loc;
    if (e.which !== 'file_system') continue;
    for (const p of e.paths) mutateValue(ctx, pathPseudo(ctx, p ?? UNKNOWN_PATH), callNode.id, done);
  }
}

// ---- calls in a statement (calls.ts)

/** The path a value stands for: a literal string, or a handle/`Path` with a known literal path. */
function pathOfValue(ctx: AnalysisContext, id: string): Path {
  const node = nodeById(ctx, id) ?? nodeById(ctx, rootOf(ctx, id));
  if (node && node.kind === 'Literal') return typeof node.value === 'string' ? normalisePath(node.value) : undefined;
  return ctx.handlePaths.get(rootOf(ctx, id));
}

function literalOfValue(ctx: AnalysisContext, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const node = nodeById(ctx, rootOf(ctx, id));
  if (!node) return undefined;
  if (node.kind === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  // sqlalchemy `text("select …")`
  if (node.kind === 'Call' && qualOf(ctx, node.functionId) === 'sqlalchemy.text' && node.args.length > 0) return literalOfValue(ctx, node.args[0].id);
  return undefined;
}

function refId(ref: ArgRef, args: CallArg[], kwargs: CallKwarg[], receiverId: string | undefined): string | undefined {
  if (ref === 'self') return receiverId;
  if (typeof ref === 'number') return args[ref] && !args[ref].starred ? args[ref].id : undefined;
  const kw = kwargs.find((k) => k.key === ref.kw);
  if (kw) return kw.id;
  return ref.pos !== undefined && args[ref.pos] && !args[ref.pos].starred ? args[ref.pos].id : undefined;
}

/**
 * The side effects of one library rule on a call in a statement: reads and writes applied,
 * the path remembered on a returned handle. Returns true when the rule's other parts
 * (mutations) must not apply: an SQL query that only reads.
 */
export function callRuleEffects(ctx: AnalysisContext, rule: CallRule, callNode: CallNode, args: CallArg[], kwargs: CallKwarg[], receiverId: string | undefined, done: Set<string>): boolean {
  const view: ArgView = {
    arg(ref) {
      const id = refId(ref, args, kwargs, receiverId);
      return id === undefined ? { given: false } : { given: true, path: pathOfValue(ctx, id) };
    },
    literal: (ref) => literalOfValue(ctx, refId(ref, args, kwargs, receiverId)),
    writable: () => receiverId === undefined || !ctx.readHandles.has(rootOf(ctx, receiverId)),
  };
  if (rule.returns && HANDLE_TYPES.has(rule.returns)) {
    for (const ref of rule.path ?? []) {
      const a = view.arg(ref);
      if (!a.given) continue;
      if (a.path !== undefined) ctx.handlePaths.set(callNode.id, a.path);
      break;
    }
  }
  const { effects, readOnly } = ruleEffects(rule, view);
  if (rule.opens && effects[0]?.kind === 'read') ctx.readHandles.add(callNode.id);
  if (effects.length > 0) applyEffects(ctx, callNode, effects, done);
  return readOnly;
}

/** The effects of user functions this call runs (the function itself and the functions it reads). */
export function userFunctionEffects(ctx: AnalysisContext, callNode: CallNode, fnRoot: string): void {
  const effects: Effect[] = [];
  const own = ctx.fnEffects.get(fnRoot);
  if (own) effects.push(...own);
  for (const name in callNode.globalReads) {
    const more = ctx.fnEffects.get(rootOf(ctx, callNode.globalReads[name]));
    if (more && more !== own) effects.push(...more);
  }
  if (effects.length > 0) applyEffects(ctx, callNode, effects);
}

/** `lineapy.file_system` / `lineapy.db` (also through an alias or `from lineapy import db`). */
export function sideEffectReference(ctx: AnalysisContext, id: string): PseudoValue | undefined {
  const q = qualOf(ctx, id);
  if (q === 'lineapy.file_system') return 'file_system';
  if (q === 'lineapy.db') return 'db';
  return undefined;
}

/** The latest version of the outside world `which`, or undefined when nothing wrote it. */
export function sideEffectVersion(ctx: AnalysisContext, which: PseudoValue): string | undefined {
  const id = ctx.pseudo.get(which);
  return id === undefined ? undefined : ctx.latest.get(id);
}

// ---- calls inside an opaque block

interface Info {
  type?: string;
  path?: Path;
  qual?: string;
  /** A handle opened for reading only. */
  readOnly?: boolean;
}

const SKIP = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression', 'DecoratedStatement']);

/**
 * What an opaque block reads and writes: every call in it (not in nested definitions) is
 * matched against the rule tables, with the names it binds by `with … as` and plain
 * assignment. For a function definition, what its body does when called.
 */
export function blockEffects(ctx: AnalysisContext, unit: SyntaxNode): Effect[] {
  let root: SyntaxNode | null = unit;
  if (root.name === 'DecoratedStatement') root = root.lastChild;
  if (!root || root.name === 'ClassDefinition' || root.name === 'LambdaExpression') return [];
  return walkEffects(ctx, root, null);
}

/** A generator argument (`f(x for x in xs)`), nodes `first` up to `end`: its effects apply to its call. */
export function rangeEffects(ctx: AnalysisContext, callId: string, first: SyntaxNode, end: SyntaxNode): void {
  const call = nodeById(ctx, callId);
  if (!call || call.kind !== 'Call') return;
  const effects = walkEffects(ctx, first, end);
  if (effects.length > 0) applyEffects(ctx, call, effects);
}

/** Effects of the calls in `root` (a block or definition), or in `root` and its next siblings before `end`. */
function walkEffects(ctx: AnalysisContext, root: SyntaxNode, end: SyntaxNode | null): Effect[] {
  const isDef = end === null && root.name === 'FunctionDefinition';
  const local = new Map<string, Info>();
  const effects: Effect[] = [];

  const info = (n: SyntaxNode | null): Info => {
    if (!n) return {};
    switch (n.name) {
      case 'String': {
        const [v] = decodeString(sourceText(ctx, n));
        return typeof v === 'string' ? { path: normalisePath(v), type: 'str' } : {};
      }
      case 'VariableName': {
        const name = sourceText(ctx, n);
        const l = local.get(name);
        if (l) return l;
        const r = ctx.scope.get(name);
        if (r === undefined) return { qual: `builtins.${name}` };
        return { type: typeOf(ctx, r), path: pathOfValue(ctx, r), qual: qualOf(ctx, r), readOnly: ctx.readHandles.has(r) };
      }
      case 'ParenthesizedExpression':
        return info(n.firstChild?.nextSibling ?? null);
      case 'MemberExpression': {
        const obj = n.firstChild;
        const prop = n.lastChild;
        if (!obj || obj.nextSibling?.name !== '.' || !prop) return {};
        const base = info(obj);
        return base.qual !== undefined ? { qual: `${base.qual}.${sourceText(ctx, prop)}` } : {};
      }
      case 'CallExpression':
        return callInfo(n, false);
      default:
        return {};
    }
  };

  /** A call's result type and handle path; with `record`, its effects too. */
  const callInfo = (call: SyntaxNode, record: boolean): Info => {
    const callee = call.firstChild;
    const argList = call.lastChild && call.lastChild.name === 'ArgList' ? call.lastChild : null;
    if (!callee) return {};
    let rules: CallRule[] = [];
    let receiver: SyntaxNode | null = null;
    if (callee.name === 'MemberExpression' && callee.firstChild?.nextSibling?.name === '.') {
      receiver = callee.firstChild;
      const method = callee.lastChild ? sourceText(ctx, callee.lastChild) : '';
      const base = info(receiver);
      if (base.qual !== undefined && base.type === undefined) rules = functionRules(normaliseQualname(`${base.qual}.${method}`));
      else rules = methodRules(method, base.type);
    } else if (callee.name === 'VariableName') {
      const q = info(callee).qual;
      if (q !== undefined) rules = functionRules(normaliseQualname(q));
    }
    if (rules.length === 0) return {};
    const positional: SyntaxNode[] = [];
    const keywords = new Map<string, SyntaxNode>();
    if (argList) {
      for (let c = argList.firstChild?.nextSibling ?? null; c && c.name !== ')'; c = c.nextSibling) {
        if (c.name === ',') continue;
        if (c.name === '*' || c.name === '**') {
          if (c.nextSibling) c = c.nextSibling;
          continue;
        }
        if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
          const v = c.nextSibling.nextSibling;
          if (v) keywords.set(sourceText(ctx, c), v);
          c = v ?? c.nextSibling;
          continue;
        }
        positional.push(c);
      }
    }
    const nodeOf = (ref: ArgRef): SyntaxNode | null | undefined => {
      if (ref === 'self') return receiver;
      if (typeof ref === 'number') return positional[ref];
      return keywords.get(ref.kw) ?? (ref.pos !== undefined ? positional[ref.pos] : undefined);
    };
    const view: ArgView = {
      arg(ref) {
        const n = nodeOf(ref);
        return n ? { given: true, path: info(n).path } : { given: false };
      },
      literal(ref) {
        const n = nodeOf(ref);
        if (!n) return undefined;
        if (n.name === 'String') {
          const [v] = decodeString(sourceText(ctx, n));
          return typeof v === 'string' ? v : undefined;
        }
        if (n.name === 'VariableName') {
          const r = ctx.scope.get(sourceText(ctx, n));
          return r !== undefined && !local.has(sourceText(ctx, n)) ? literalOfValue(ctx, r) : undefined;
        }
        return undefined;
      },
      writable: () => !(receiver && info(receiver).readOnly),
    };
    const out: Info = {};
    for (const rule of rules) {
      if (rule.when) continue; // keyword conditions (inplace=True) are about mutation, not effects
      const found = ruleEffects(rule, view).effects;
      if (record) effects.push(...found);
      if (rule.opens && found[0]?.kind === 'read') out.readOnly = true;
      if (rule.returns) {
        out.type = rule.returns;
        if (HANDLE_TYPES.has(rule.returns)) {
          for (const ref of rule.path ?? []) {
            const a = view.arg(ref);
            if (!a.given) continue;
            out.path = a.path;
            break;
          }
        }
      }
    }
    return out;
  };

  const bindLocal = (target: SyntaxNode | null, value: Info): void => {
    if (target && target.name === 'VariableName') local.set(sourceText(ctx, target), value);
  };

  const walk = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (SKIP.has(c.name)) continue;
      if (c.name === 'CallExpression') callInfo(c, true);
      if (c.name === 'ForStatement') {
        // Loop targets are unknown values in the loop and after it.
        const target = c.firstChild?.nextSibling;
        if (target?.name === 'VariableName') local.set(sourceText(ctx, target), {});
      }
      walk(c);
      // After the children: `with X as f` and `f = X` bind f for the rest of the block.
      if (c.name === 'as' && n.name === 'WithStatement') {
        const prev = c.prevSibling;
        if (prev) bindLocal(c.nextSibling, info(prev));
      } else if (c.name === 'AssignStatement') {
        const first = c.firstChild;
        const op = first?.nextSibling;
        const value = op?.nextSibling;
        if (first && op?.name === 'AssignOp' && value && !value.nextSibling) bindLocal(first, info(value));
        else if (first?.name === 'VariableName') local.set(sourceText(ctx, first), {});
      }
    }
  };
  if (end !== null) {
    for (let n: SyntaxNode | null = root; n && n.from < end.from; n = n.nextSibling) {
      if (n.name === 'CallExpression') callInfo(n, true);
      walk(n);
    }
  } else if (isDef) {
    // Parameters are unknown inside the body.
    const params = root.getChild('ParamList');
    for (let p = params?.firstChild ?? null; p; p = p.nextSibling) if (p.name === 'VariableName') local.set(sourceText(ctx, p), {});
    const body = root.getChild('Body');
    if (body) walk(body);
  } else {
    walk(root);
  }
  return effects;
}

/**
 * An opaque unit's effects, before its names are rebound: a block's apply now (returns
 * undefined); a function definition's are returned, to keep for its calls (`keepDefinitionEffects`).
 */
export function opaqueEffects(ctx: AnalysisContext, unit: SyntaxNode, callNode: CallNode, done: Set<string>): Effect[] | undefined {
  if (unit.name === 'LambdaExpression') return undefined;
  let def: SyntaxNode | null = unit;
  if (def.name === 'DecoratedStatement') def = def.lastChild;
  if (def && def.name === 'ClassDefinition') return undefined;
  const effects = blockEffects(ctx, unit);
  // User functions the block calls (they are among its reads).
  for (const name in callNode.globalReads) {
    const more = ctx.fnEffects.get(rootOf(ctx, callNode.globalReads[name]));
    if (more) effects.push(...more);
  }
  if (effects.length === 0) return undefined;
  if (def && def.name === 'FunctionDefinition') return effects;
  applyEffects(ctx, callNode, effects, done);
  return undefined;
}

/** After a definition bound its name: calls of the function read and write what its body does. */
export function keepDefinitionEffects(ctx: AnalysisContext, unit: SyntaxNode, effects: Effect[]): void {
  const def = unit.name === 'DecoratedStatement' ? unit.lastChild : unit;
  const nameNode = def?.getChild('VariableName');
  const root = nameNode ? ctx.scope.get(sourceText(ctx, nameNode)) : undefined;
  if (root !== undefined) ctx.fnEffects.set(root, effects);
}

// ---- %%writefile

/**
 * A `%%writefile [-a] path` cell: IPython writes the cell body to `path`. One Call located
 * over the whole cell, a writer of its literal path. Returns false when the first line has no path.
 */
export function writefileCell(ctx: AnalysisContext, sc: SourceCode, cellIndex: number | undefined): boolean {
  const lines = sc.code.split('\n');
  const m = /^\s*%%writefile((?:\s+-\w+)*)\s+(\S.*?)\s*$/.exec(lines[0] ?? '');
  if (!m) return false;
  let raw = m[2];
  if ((raw.startsWith('"') && raw.endsWith('"')) || (raw.startsWith("'") && raw.endsWith("'"))) raw = raw.slice(1, -1);
  const path = normalisePath(raw);
  // The whole cell, blank lines too: they are part of the file IPython writes.
  const last = lines.length;
  ctx.loc = { sourceCodeId: sc.id, line: 1, col: 0, endLine: last, endCol: lines[last - 1].length };
  const call = addCall(ctx, addLookup(ctx, 'l_writefile'), [{ id: addLiteral(ctx, path, 'str'), starred: false }]);
  applyEffects(ctx, call, [{ kind: 'write', which: 'file_system', paths: [path] }]);
  ctx.cellResults[sc.id] = call.id;
  ctx.diagnostics.push({
    severity: 'info',
    code: 'writefile-cell',
    message: `${cellIndex === undefined ? 'The script' : `Cell ${cellIndex + 1}`} is a %%writefile cell; it is kept as a write of the file ${path}.`,
    cellIndex,
    sourceCodeId: sc.id,
    line: 1,
  });
  return true;
}
