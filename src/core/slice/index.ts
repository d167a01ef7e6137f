/**
 * Slicing (docs/DESIGN.md "Slicing and the self-check"): the minimal code that reproduces one or more artifacts.
 *
 * A slice is the target nodes plus all their ancestors over every edge kind (function,
 * args, kwargs, global reads, implicit deps, Mutate source and call, Global call), closed
 * over source lines to a fixpoint: every other node located on a selected line comes in
 * with its ancestors. The closure works on whole top-level statements (see
 * ./statements.ts), so a node that covers part of a multi-line statement brings the
 * whole statement. The text is the original lines, verbatim, in cell order then line
 * order.
 *
 * `createSlicer(graph)` builds the indexes once (adjacency by id, nodes by statement);
 * each `.slice()` is then a linear walk over the selected part of the graph.
 *
 * Every slice is then checked statically (./check.ts): a name it reads but never binds is
 * an analyser gap. As a safety net the top-level statements that bind such names (the
 * latest before the read) are added with their own slices, to a fixed point, and the
 * result carries a `slice-incomplete` diagnostic naming them.
 */
import { NotFoundError } from '../errors';
import type { LineageNode, SessionGraph, SliceDiagnostic, SliceResult } from '../model';
import { blankIPython } from '../python/ipython';
import { NameChecker, NO_UNIT_NAMES, unitNames, type CompiledUnit, type NameCheck } from './check';
import { fineFunction, fineUnits, functionOf, parseUnit, type ParsedUnit, type UnitLines } from './fine';
import { programFacts, type ProgramFacts } from './fine-facts';
import { functionLocals, mainGuardCalls } from './locals';
import { findSaveCalls } from './saves';
import { splitLines, statementUnits } from './statements';

export { statementUnits, splitLines } from './statements';
export type { StatementUnits } from './statements';

export interface SliceOptions {
  /** Keep `lineapy.save(...)` calls of selected values (and `import lineapy`). Default false. */
  keepLineapy?: boolean;
  /**
   * Names the caller supplies to the slice's code (the exporter passes upstream artifacts
   * in): the self-check counts them as bound.
   */
  provided?: readonly string[];
  /** Run the self-check and its safety net (default true; false only to measure its cost). */
  selfCheck?: boolean;
  /**
   * Fine slice (issue 18.1, ./fine.ts): inside kept `if`/`for`/`while` blocks keep only the
   * statements the targets depend on. Falls back to the whole-block slice when the fine one
   * would fail the self-check. Default false.
   */
  fine?: boolean;
  /** Variable names the targets are bound to (fine mode trims the block that binds them). */
  names?: readonly string[];
}

export interface Slicer {
  readonly graph: SessionGraph;
  /** The slice of the union of `targetIds`. Throws NotFoundError for an unknown id. */
  slice(targetIds: readonly string[], opts?: SliceOptions): SliceResult;
  /** Ids of the target nodes and their ancestors, without the line closure (creation order). */
  ancestors(targetIds: readonly string[]): string[];
  /**
   * The self-check of the statements holding `lines` (a slice's, or every line for the whole
   * program), without the safety net.
   */
  checkLines(lines: SliceResult['lines'], provided?: readonly string[]): NameCheck;
  /** `lineapy.save` calls found in the graph: the call node and the saved node. */
  readonly saveCalls: ReadonlyArray<{ callId: string; savedId: string }>;
  /**
   * The slice of `variable`, a local of module-level function `functionName`, at the end of a
   * call (issue 18.2): the module code the function needs, its header and the body statements
   * the local needs. Throws NotFoundError for an unknown function or local.
   */
  sliceLocal(functionName: string, variable: string, opts?: SliceOptions): SliceResult;
  /** Parameters and locals of the latest module-level function `name`; undefined if there is none. */
  functionLocals(name: string): string[] | undefined;
  /** The functions an `if __name__ == "__main__":` block calls. */
  mainFunctions(): string[];
}

/** Ids of the direct inputs of a node, over every edge kind. */
export function parentIds(node: LineageNode): string[] {
  switch (node.kind) {
    case 'Call': {
      const out = [node.functionId];
      for (const a of node.args) out.push(a.id);
      for (const k of node.kwargs) out.push(k.id);
      for (const id of Object.values(node.globalReads)) out.push(id);
      for (const id of node.implicitDeps) out.push(id);
      return out;
    }
    case 'Mutate':
      return [node.sourceId, node.callId];
    case 'Global':
      return [node.callId];
    default:
      return [];
  }
}

/** The session's full code, in cell order; cells are separated by a blank line. */
export function sessionCode(graph: SessionGraph): string {
  const parts = graph.sourceCodes.map((s) => s.code.replace(/\s+$/, ''));
  const text = parts.filter((p) => p.length > 0).join('\n\n');
  return text.length > 0 ? `${text}\n` : '';
}

/** The slice of `targetIds` in `graph`. Builds the indexes each time: prefer `createSlicer` for repeated slices. */
export function sliceGraph(graph: SessionGraph, targetIds: readonly string[], opts?: SliceOptions): SliceResult {
  return createSlicer(graph).slice(targetIds, opts);
}

export function createSlicer(graph: SessionGraph): Slicer {
  const nodes = graph.nodes;
  const n = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(nodes[i].id, i);

  // Parents in CSR form. Edges to ids missing from the graph are dropped.
  const parentStart = new Int32Array(n + 1);
  const parentTmp: number[] = [];
  for (let i = 0; i < n; i++) {
    parentStart[i] = parentTmp.length;
    for (const id of parentIds(nodes[i])) {
      const p = index.get(id);
      if (p !== undefined) parentTmp.push(p);
    }
  }
  parentStart[n] = parentTmp.length;
  const parents = Int32Array.from(parentTmp);

  // Statement units over all source codes, numbered in cell order then line order
  // (the analyser emits source codes in notebook order).
  const sources = graph.sourceCodes;
  const sourceIndex = new Map<string, number>();
  const sourceLines: string[][] = [];
  const unitOfLineBySource: Int32Array[] = [];
  const unitSource: number[] = [];
  const unitStart: number[] = [];
  const unitEnd: number[] = [];
  sources.forEach((source, s) => {
    sourceIndex.set(source.id, s);
    const lines = splitLines(source.code);
    sourceLines.push(lines);
    const units = statementUnits(source.code);
    const map = new Int32Array(lines.length + 1).fill(-1);
    for (let line = 1; line <= lines.length; line++) {
      const u = units.unitOfLine[line];
      if (u >= 0 && units.start[u] !== line) {
        map[line] = map[units.start[u]];
        continue;
      }
      // A statement start, or a blank/comment line outside statements (its own unit).
      map[line] = unitStart.length;
      unitSource.push(s);
      unitStart.push(line);
      unitEnd.push(u >= 0 ? units.end[u] : line);
    }
    unitOfLineBySource.push(map);
  });
  const unitCount = unitStart.length;

  // Nodes by unit (CSR) and the unit range of each located node.
  const unitFirst = new Int32Array(n).fill(-1);
  const unitLast = new Int32Array(n).fill(-1);
  const unitNodeCount = new Int32Array(unitCount + 1);
  for (let i = 0; i < n; i++) {
    const loc = nodes[i].location;
    if (!loc) continue;
    const s = sourceIndex.get(loc.sourceCodeId);
    if (s === undefined) continue;
    const map = unitOfLineBySource[s];
    const last = map.length - 1;
    if (last < 1) continue;
    const a = Math.min(Math.max(loc.line, 1), last);
    const b = Math.min(Math.max(loc.endLine ?? loc.line, a), last);
    unitFirst[i] = map[a];
    unitLast[i] = map[b];
    for (let u = unitFirst[i]; u <= unitLast[i]; u++) unitNodeCount[u + 1]++;
  }
  const unitNodeStart = new Int32Array(unitCount + 1);
  for (let u = 0; u < unitCount; u++) unitNodeStart[u + 1] = unitNodeStart[u] + unitNodeCount[u + 1];
  const unitNodes = new Int32Array(unitNodeStart[unitCount]);
  const fill = unitNodeStart.slice(0, unitCount);
  for (let i = 0; i < n; i++) {
    for (let u = unitFirst[i]; u >= 0 && u <= unitLast[i]; u++) unitNodes[fill[u]++] = i;
  }

  // Creation order, for the node id list.
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) inOrder = nodes[i - 1].seq <= nodes[i].seq;
  const bySeq = Int32Array.from({ length: n }, (_, i) => i);
  if (!inOrder) bySeq.sort((x, y) => nodes[x].seq - nodes[y].seq || x - y);

  const saveCallList = findSaveCalls(nodes, index);
  const saveCalls = saveCallList.map(({ call, saved }) => ({ callId: nodes[call].id, savedId: nodes[saved].id }));

  // Reusable marks: a node/unit is selected when its mark equals the current epoch.
  const nodeMark = new Uint32Array(n);
  const unitMark = new Uint32Array(unitCount);
  let epoch = 0;
  // Each node is pushed at most once per slice.
  const stack = new Int32Array(Math.max(1, n));

  function resolveTargets(targetIds: readonly string[]): number[] {
    const out: number[] = [];
    for (const id of targetIds) {
      const i = index.get(id);
      if (i === undefined) throw new NotFoundError(`No node with id "${id}" in this session.`);
      out.push(i);
    }
    return out;
  }

  function nextEpoch(): number {
    epoch++;
    if (epoch === 0xffffffff) {
      nodeMark.fill(0);
      unitMark.fill(0);
      epoch = 1;
    }
    return epoch;
  }

  /**
   * Marks the closure with a new epoch (or extends epoch `e` with whole `units`); returns
   * the epoch.
   */
  function close(targets: number[], withLines: boolean, keepLineapy: boolean, e = nextEpoch(), units: readonly number[] = []): number {
    let top = 0;
    const push = (i: number): void => {
      if (nodeMark[i] === e) return;
      nodeMark[i] = e;
      stack[top++] = i;
    };
    for (const t of targets) push(t);
    for (const u of units) {
      if (unitMark[u] === e) continue;
      unitMark[u] = e;
      for (let k = unitNodeStart[u], end = unitNodeStart[u + 1]; k < end; k++) push(unitNodes[k]);
    }
    for (;;) {
      while (top > 0) {
        const i = stack[--top];
        for (let k = parentStart[i], end = parentStart[i + 1]; k < end; k++) {
          const p = parents[k];
          if (nodeMark[p] !== e) {
            nodeMark[p] = e;
            stack[top++] = p;
          }
        }
        if (!withLines) continue;
        for (let u = unitFirst[i]; u >= 0 && u <= unitLast[i]; u++) {
          if (unitMark[u] === e) continue;
          unitMark[u] = e;
          for (let k = unitNodeStart[u], end = unitNodeStart[u + 1]; k < end; k++) {
            const m = unitNodes[k];
            if (nodeMark[m] !== e) {
              nodeMark[m] = e;
              stack[top++] = m;
            }
          }
        }
      }
      if (!keepLineapy) break;
      for (const { call, saved } of saveCallList) {
        if (nodeMark[saved] === e) push(call);
      }
      if (top === 0) break;
    }
    return e;
  }

  // ---- self-check (./check.ts) -----------------------------------------------------------
  // Unit names are computed on first use, from the source with IPython syntax blanked.
  const blanked: Array<string[] | null | undefined> = new Array(sources.length);
  const namesOfUnit: Array<CompiledUnit | undefined> = new Array(unitCount);
  const checker = new NameChecker();
  function blankedLines(s: number): string[] | null {
    if (blanked[s] === undefined) {
      const b = blankIPython(sources[s].code);
      blanked[s] = b.skippedCellMagic !== undefined ? null : splitLines(b.text);
    }
    return blanked[s] ?? null;
  }
  function namesOf(u: number): CompiledUnit {
    const cached = namesOfUnit[u];
    if (cached) return cached;
    const s = unitSource[u];
    const lines = blankedLines(s);
    const names = checker.compile(lines ? unitNames(lines.slice(unitStart[u] - 1, unitEnd[u]).join('\n')) : NO_UNIT_NAMES);
    namesOfUnit[u] = names;
    return names;
  }

  function checkSelected(e: number, provided: ReadonlySet<string>): { check: NameCheck; selected: number[] } {
    const selected: number[] = [];
    for (let u = 0; u < unitCount; u++) if (unitMark[u] === e) selected.push(u);
    return { check: checker.check(selected.map(namesOf), provided), selected };
  }

  /** The latest unselected unit before `before` that binds `name` (or, failing that, star-imports). */
  function binderOf(name: string, before: number, e: number): number {
    const id = checker.idOf(name);
    for (let u = before - 1; u >= 0; u--) if (unitMark[u] !== e && namesOf(u).binds.includes(id)) return u;
    for (let u = before - 1; u >= 0; u--) if (unitMark[u] !== e && namesOf(u).star) return u;
    return -1;
  }

  // Names the whole program reads without binding them (computed on first need).
  let programUnbound: Set<string> | undefined;
  function unboundInProgram(): Set<string> {
    if (!programUnbound) {
      const all: CompiledUnit[] = [];
      for (let u = 0; u < unitCount; u++) all.push(namesOf(u));
      programUnbound = new Set(checker.check(all).unbound.map((r) => r.name));
    }
    return programUnbound;
  }

  /** Checks the slice marked with epoch `e`; the safety net extends it in place. */
  function selfCheck(e: number, keepLineapy: boolean, provided: ReadonlySet<string>): SliceDiagnostic[] {
    let { check, selected } = checkSelected(e, provided);
    const out: SliceDiagnostic[] = [];
    // A name the program itself never binds is not a gap of the slice: say so apart.
    const undefinedNames = check.unbound.length > 0 ? check.unbound.map((r) => r.name).filter((n) => unboundInProgram().has(n)) : [];
    if (undefinedNames.length > 0) {
      const gone = new Set(undefinedNames);
      check = { ...check, unbound: check.unbound.filter((r) => !gone.has(r.name)) };
      provided = new Set([...provided, ...undefinedNames]);
      out.push({
        severity: 'info',
        code: 'slice-reads-undefined',
        names: undefinedNames,
        message: `The slice reads ${nameList(undefinedNames)}, which the notebook never defines either: running it fails there too.`,
      });
    }
    if (check.unbound.length > 0) {
      const names = check.unbound.map((r) => r.name);
      const added: number[] = [];
      const more = (): void => {
        for (const r of check.unbound) if (!names.includes(r.name)) names.push(r.name);
      };
      for (;;) {
        const add = new Set<number>();
        for (const r of check.unbound) {
          const u = binderOf(r.name, r.at < selected.length ? selected[r.at] : unitCount, e);
          if (u >= 0) add.add(u);
        }
        if (add.size === 0) break;
        added.push(...add);
        close([], true, keepLineapy, e, [...add]);
        ({ check, selected } = checkSelected(e, provided));
        more();
        if (check.unbound.length === 0) break;
      }
      const unresolved = check.unbound.map((r) => r.name);
      const first = added.length > 0 ? Math.min(...added) : -1;
      out.push({
        severity: 'warning',
        code: 'slice-incomplete',
        names,
        ...(unresolved.length > 0 ? { unresolved } : {}),
        message: incompleteMessage(names, added.length, unresolved),
        ...(first >= 0 ? { sourceCodeId: sources[unitSource[first]].id, line: unitStart[first] } : {}),
      });
    }
    if (check.fromStarImport.length > 0) {
      out.push({
        severity: 'info',
        code: 'slice-star-import',
        names: check.fromStarImport,
        message: `The slice reads ${nameList(check.fromStarImport)}, which only a star import (\`from … import *\`) may define; Threadline cannot check ${check.fromStarImport.length === 1 ? 'it' : 'them'}.`,
      });
    }
    return out;
  }

  // ---- fine slices (./fine.ts) and locals of functions (./locals.ts) -----------------------
  const parsed: Array<ParsedUnit | undefined> = new Array(unitCount);
  function unitText(u: number): string {
    const lines = blankedLines(unitSource[u]);
    return lines ? lines.slice(unitStart[u] - 1, unitEnd[u]).join('\n') : '';
  }
  function parsedOf(u: number): ParsedUnit {
    return (parsed[u] ??= parseUnit(unitText(u)));
  }
  let facts: ProgramFacts | undefined;
  function factsOnce(): ProgramFacts {
    if (!facts) {
      const all: Array<{ top: ParsedUnit['top']; text: string }> = [];
      for (let u = 0; u < unitCount; u++) {
        const p = parsedOf(u);
        if (p.ok) all.push({ top: p.top, text: p.text });
      }
      facts = programFacts(all);
    }
    return facts;
  }

  /** The latest unit that defines module-level function `name`, or -1. */
  function functionUnit(name: string): number {
    const def = new RegExp(`^(?:async\\s+)?def\\s+${name.replace(/[^\w]/g, '\\$&')}\\s*\\(`);
    for (let u = unitCount - 1; u >= 0; u--) {
      const src = sourceLines[unitSource[u]];
      for (let line = unitStart[u]; line <= unitEnd[u]; line++) {
        if (def.test(src[line - 1]) && functionOf(parsedOf(u), name)) return u;
      }
    }
    return -1;
  }

  /** The variable name of a target node: a Global, or the Global a chain of Mutates changes. */
  function nodeName(i: number): string | undefined {
    let node = nodes[i];
    for (let k = 0; k < 10_000 && node.kind === 'Mutate'; k++) {
      const j = index.get(node.sourceId);
      if (j === undefined) return undefined;
      node = nodes[j];
    }
    return node.kind === 'Global' ? node.name : undefined;
  }

  /** Fine lines of the units of epoch `e` that are trimmed; `own` is a trimmed function that comes after them. */
  function fineLines(e: number, targets: readonly number[], names: readonly string[], own?: { unit: number; lines: UnitLines; needed: Set<string> }): Map<number, UnitLines> {
    const selected: number[] = [];
    for (let u = 0; u < unitCount; u++) if (unitMark[u] === e) selected.push(u);
    const list = own ? selected.filter((u) => u < own.unit) : selected;
    const at = new Map(list.map((u, k) => [u, k]));
    const wanted: Array<readonly string[] | null | undefined> = list.map(() => undefined);
    for (const t of targets) {
      const k = at.get(unitFirst[t]);
      if (k === undefined || wanted[k] === null) continue;
      const name = nodeName(t);
      wanted[k] = unitLast[t] !== unitFirst[t] || (name === undefined && names.length === 0) ? null : [...(wanted[k] ?? []), ...names, ...(name !== undefined ? [name] : [])];
    }
    if (own && list.length > 0) {
      const after = [...own.needed];
      for (const u of selected) if (u > own.unit) after.push(...unitText(u).match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
      wanted[list.length - 1] = [...(wanted[list.length - 1] ?? []), ...after];
    }
    const { lines } = fineUnits(list.map(parsedOf), wanted, factsOnce());
    const out = new Map<number, UnitLines>();
    list.forEach((u, k) => {
      const l = lines[k];
      if (l) out.set(u, l);
    });
    if (own) out.set(own.unit, own.lines);
    return out;
  }

  /** The fine lines, unless they read a name the whole-block slice binds (then undefined: keep whole blocks). */
  function checkedFine(e: number, overrides: Map<number, UnitLines>, provided: ReadonlySet<string>): Map<number, UnitLines> | undefined {
    if (overrides.size === 0) return undefined;
    const whole: CompiledUnit[] = [];
    const fine: CompiledUnit[] = [];
    for (let u = 0; u < unitCount; u++) {
      if (unitMark[u] !== e) continue;
      whole.push(namesOf(u));
      const o = overrides.get(u);
      const lines = blankedLines(unitSource[u]);
      if (!o || !lines) fine.push(namesOf(u));
      else fine.push(checker.compile(unitNames(o.map((x) => (typeof x === 'string' ? x : lines[unitStart[u] - 1 + x])).join('\n'))));
    }
    const before = new Set(checker.check(whole, provided).unbound.map((r) => r.name));
    const after = checker.check(fine, provided).unbound;
    return after.some((r) => !before.has(r.name)) ? undefined : overrides;
  }

  /** Lines and text of the units of epoch `e` (fine lines where given). */
  function render(e: number, overrides?: Map<number, UnitLines>): Pick<SliceResult, 'lines' | 'code'> {
    const lines: SliceResult['lines'] = [];
    const text: string[] = [];
    let lastSource = -1;
    for (let u = 0; u < unitCount; u++) {
      if (unitMark[u] !== e) continue;
      const s = unitSource[u];
      const src = sourceLines[s];
      if (s !== lastSource) {
        lines.push({ sourceCodeId: sources[s].id, lines: [] });
        lastSource = s;
      }
      const bucket = lines[lines.length - 1].lines;
      const o = overrides?.get(u);
      if (o) {
        for (const x of o) {
          if (typeof x === 'string') text.push(x);
          else {
            bucket.push(unitStart[u] + x);
            text.push(src[unitStart[u] + x - 1]);
          }
        }
        continue;
      }
      for (let line = unitStart[u]; line <= unitEnd[u]; line++) {
        bucket.push(line);
        text.push(src[line - 1]);
      }
    }
    return { lines, code: text.length > 0 ? `${text.join('\n')}\n` : '' };
  }

  const idBySeq = Array.from(bySeq, (i) => nodes[i].id);
  function selectedIds(e: number): string[] {
    const ids: string[] = [];
    for (let r = 0; r < n; r++) {
      if (nodeMark[bySeq[r]] === e) ids.push(idBySeq[r]);
    }
    return ids;
  }

  return {
    graph,
    saveCalls,
    checkLines(lines, provided) {
      const e = nextEpoch();
      for (const block of lines) {
        const s = sourceIndex.get(block.sourceCodeId);
        if (s === undefined) continue;
        const map = unitOfLineBySource[s];
        for (const line of block.lines) if (line >= 1 && line < map.length) unitMark[map[line]] = e;
      }
      return checkSelected(e, new Set(provided ?? [])).check;
    },
    ancestors(targetIds) {
      return selectedIds(close(resolveTargets(targetIds), false, false));
    },
    slice(targetIds, opts) {
      const keepLineapy = opts?.keepLineapy ?? false;
      const targets = resolveTargets(targetIds);
      const e = close(targets, true, keepLineapy);
      const provided = new Set(opts?.provided ?? []);
      const diagnostics = opts?.selfCheck === false ? [] : selfCheck(e, keepLineapy, provided);
      const overrides = opts?.fine ? checkedFine(e, fineLines(e, targets, opts.names ?? []), provided) : undefined;
      return { nodeIds: selectedIds(e), ...render(e, overrides), ...(diagnostics.length > 0 ? { diagnostics } : {}) };
    },
    sliceLocal(functionName, variable, opts) {
      const u = functionUnit(functionName);
      if (u < 0) throw new NotFoundError(`No function named "${functionName}" is defined at module level.`);
      const locals = functionLocals(parsedOf(u), functionName) ?? [];
      if (!locals.includes(variable)) {
        throw new NotFoundError(`Function "${functionName}" has no local named "${variable}".${locals.length > 0 ? ` Its locals: ${locals.slice(0, 30).join(', ')}${locals.length > 30 ? ', …' : ''}.` : ''}`);
      }
      const keepLineapy = opts?.keepLineapy ?? false;
      const e = close([], true, keepLineapy, nextEpoch(), [u]);
      const provided = new Set(opts?.provided ?? []);
      const diagnostics = opts?.selfCheck === false ? [] : selfCheck(e, keepLineapy, provided);
      const body = fineFunction(parsedOf(u), functionName, variable, factsOnce());
      let overrides: Map<number, UnitLines> | undefined;
      if (body) {
        const own = { unit: u, lines: body.lines, needed: body.needed };
        overrides = checkedFine(e, opts?.fine ? fineLines(e, [], [], own) : new Map([[u, body.lines]]), provided);
      }
      return { nodeIds: selectedIds(e), ...render(e, overrides), ...(diagnostics.length > 0 ? { diagnostics } : {}) };
    },
    functionLocals(name) {
      const u = functionUnit(name);
      return u < 0 ? undefined : functionLocals(parsedOf(u), name);
    },
    mainFunctions() {
      const out = new Set<string>();
      for (let u = 0; u < unitCount; u++) {
        if (/^if\s.*__main__/.test(sourceLines[unitSource[u]][unitStart[u] - 1] ?? '')) for (const f of mainGuardCalls(parsedOf(u))) if (functionUnit(f) >= 0) out.add(f);
      }
      return [...out];
    },
  };
}

function nameList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function incompleteMessage(names: readonly string[], added: number, unresolved: readonly string[]): string {
  const them = names.length === 1 ? 'it' : 'them';
  let text = `The slice read ${nameList(names)} without defining ${them} (a gap in Threadline's analysis)`;
  text += added > 0 ? `, so Threadline added ${added === 1 ? 'the statement' : `the ${added} statements`} that define${added === 1 ? 's' : ''} ${them}.` : '.';
  if (unresolved.length > 0) text += ` No earlier statement defines ${nameList(unresolved)}: the slice may fail with a NameError.`;
  return text;
}
