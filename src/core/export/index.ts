/**
 * Pipeline export (issue 8): artifacts → a runnable Python module, a requirements file and,
 * for Airflow, a DAG. Pure: plain data in, file texts out; runs in a page, a Worker or Node.
 *
 * How the module is cut (the LineaPy approach, on the slicer's statement units):
 * - Each artifact's slice is taken with its upstream artifacts cut off (their nodes become
 *   inputs), so `get_<artifact>(upstream…)` holds only the code that artifact adds. Artifact
 *   B is upstream of A when A's full slice contains B's node.
 * - A unit that several artifacts need (same set of users) goes into one shared function
 *   that each of them calls; shared functions never depend on an artifact's own code, and a
 *   shared function only depends on shared functions with strictly more users, so calling
 *   them by decreasing number of users is a valid order.
 * - Values cross function boundaries only as parameters and return values (names read by
 *   later code), never as hidden globals; names that user functions declare `global` stay
 *   module globals and every generated function that touches them declares them too.
 * - Top-level imports are hoisted and deduplicated; lineapy imports and `save` calls go.
 */
import { InputError, NotFoundError } from '../errors';
import type { LineageNode, SessionGraph, SliceDiagnostic } from '../model';
import { createSlicer, splitLines, statementUnits } from '../slice/index';
import { requirementsText } from './requirements';
import { analyseUnit, indentUnit, lineapyNames, removeLineapy, type UnitInfo } from './units';
import { zipFiles, type GeneratedFile } from './zip';

export { zipFiles, type GeneratedFile } from './zip';
export { requirementsFor, DISTRIBUTION_NAMES } from './requirements';

export type PipelineFramework = 'script' | 'airflow';

export interface PipelineArtifactInput {
  name: string;
  graph: SessionGraph;
  nodeId: string;
  sessionId: string;
  sessionName?: string;
}

export interface PipelineInput {
  name?: string;
  framework: PipelineFramework;
  artifacts: PipelineArtifactInput[];
}

/** How one artifact was exported (for previews and tests). */
export interface PipelineArtifactPlan {
  name: string;
  /** `get_<ident>` */
  functionName: string;
  sessionId: string;
  /** Names of the upstream artifacts passed as parameters, in parameter order. */
  upstream: string[];
  /** The parameter names of `get_<ident>`. */
  params: string[];
  /** The Airflow task id (framework `airflow`). */
  taskId: string;
  /** What the slice self-check found in this artifact's slice (absent when nothing). */
  diagnostics?: SliceDiagnostic[];
}

export interface Pipeline {
  name: string;
  files: GeneratedFile[];
  artifacts: PipelineArtifactPlan[];
  /** `run_session_including_<ident>` per session, in order. */
  sessions: Array<{ sessionId: string; functionName: string; artifacts: string[] }>;
  /** Shared functions and which artifacts call them. */
  shared: Array<{ functionName: string; artifacts: string[] }>;
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _'.split(' '),
);

/** Lower-case identifier: letters, digits and `_`; never empty, never starting with a digit. */
export function slugify(text: string, fallback = 'pipeline'): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s.length > 80) s = s.slice(0, 80).replace(/_+$/, '');
  if (s === '') s = fallback;
  if (/^[0-9]/.test(s)) s = `_${s}`;
  if (PYTHON_KEYWORDS.has(s)) s = `${s}_`;
  return s;
}

interface Unit {
  index: number;
  sourceCodeId: string;
  start: number;
  end: number;
  text: string;
}

interface ArtifactWork {
  input: PipelineArtifactInput;
  inputIndex: number;
  ident: string;
  node: LineageNode;
  /** Variable holding the value at the end of its function. */
  variable: string;
  /** Save statement to rewrite as `<variable> = <expr>` (artifact saved as an expression). */
  assignSave?: { unitIndex: number; name?: string; expr: string };
  /** Unit to rewrite as `<variable> = <statement>` (a UI-named bare expression statement). */
  assignUnit?: number;
  upstream: ArtifactWork[];
  direct: ArtifactWork[];
  units: number[];
  params: string[];
  diagnostics?: SliceDiagnostic[];
}

interface StepInfo {
  units: number[];
  reads: string[];
  writes: Set<string>;
  touched: Set<string>;
}

interface SharedGroup {
  key: string;
  members: ArtifactWork[];
  step: StepInfo;
  functionName: string;
  params: string[];
  returns: string[];
}

interface SessionWork {
  sessionId: string;
  sessionName?: string;
  artifacts: ArtifactWork[];
  texts: Map<number, string>;
  infos: Map<number, UnitInfo>;
  shared: SharedGroup[];
  own: Map<ArtifactWork, StepInfo>;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function buildPipeline(input: PipelineInput): Pipeline {
  if (input.artifacts.length === 0) throw new InputError('Choose at least one artifact to export.');
  if (input.framework !== 'script' && input.framework !== 'airflow') {
    throw new InputError(`Unknown pipeline framework "${String(input.framework)}": use "script" or "airflow".`, 'framework');
  }
  const name = slugify(input.name?.trim() ? input.name : input.artifacts.map((a) => a.name).join('_'));

  // Unique identifiers per artifact (function names, task ids, pickle files).
  const taken = new Set<string>();
  const idents = input.artifacts.map((a) => {
    const base = slugify(a.name, 'artifact');
    let ident = base;
    for (let k = 2; taken.has(ident); k++) ident = `${base}_${k}`;
    taken.add(ident);
    return ident;
  });

  const bySession = new Map<string, Array<{ input: PipelineArtifactInput; index: number }>>();
  input.artifacts.forEach((a, index) => {
    const list = bySession.get(a.sessionId) ?? [];
    list.push({ input: a, index });
    bySession.set(a.sessionId, list);
  });

  const hoisted: string[] = [];
  const hoistedSet = new Set<string>();
  const moduleNames = new Set<string>();
  const modules = new Set<string>();
  const globals = new Set<string>();
  const sessions: SessionWork[] = [];
  for (const [sessionId, list] of bySession) {
    sessions.push(planSession(sessionId, list, idents, { hoisted, hoistedSet, moduleNames, modules, globals }));
  }
  const definitions = hoistDefinitions(sessions, { hoisted, hoistedSet, moduleNames, modules, globals });
  for (const s of sessions) {
    groupSession(s);
    finishSession(s, moduleNames, globals);
  }

  const moduleName = `${name}_module`;
  const files: GeneratedFile[] = [
    { path: `${moduleName}.py`, content: renderModule(name, sessions, hoisted, definitions, globals) },
    { path: `${name}_requirements.txt`, content: requirementsText(modules) },
  ];
  if (input.framework === 'airflow') files.push({ path: `${name}_dag.py`, content: renderDag(name, sessions) });

  const artifacts: PipelineArtifactPlan[] = [];
  for (const s of sessions) {
    for (const a of s.artifacts) {
      artifacts.push({
        name: a.input.name,
        functionName: `get_${a.ident}`,
        sessionId: s.sessionId,
        upstream: a.direct.map((d) => d.input.name),
        params: a.params,
        taskId: `${a.ident}_task`,
        ...(a.diagnostics ? { diagnostics: a.diagnostics } : {}),
      });
    }
  }
  artifacts.sort((x, y) => input.artifacts.findIndex((a) => a.name === x.name) - input.artifacts.findIndex((a) => a.name === y.name));
  return {
    name,
    files,
    artifacts,
    sessions: sessions.map((s) => ({ sessionId: s.sessionId, functionName: `run_session_including_${s.artifacts[0].ident}`, artifacts: s.artifacts.map((a) => a.input.name) })),
    shared: sessions.flatMap((s) => s.shared.map((g) => ({ functionName: g.functionName, artifacts: g.members.map((m) => m.input.name) }))),
  };
}

/** Convenience for the UI: the pipeline's files as one zip archive. */
export function buildPipelineZip(input: PipelineInput): { name: string; zip: Uint8Array; files: GeneratedFile[] } {
  const pipeline = buildPipeline(input);
  return { name: pipeline.name, zip: zipFiles(pipeline.files), files: pipeline.files };
}

interface ModuleState {
  hoisted: string[];
  hoistedSet: Set<string>;
  moduleNames: Set<string>;
  modules: Set<string>;
  globals: Set<string>;
}

function planSession(
  sessionId: string,
  list: Array<{ input: PipelineArtifactInput; index: number }>,
  idents: string[],
  state: ModuleState,
): SessionWork {
  const graph = list[0].input.graph;
  const byId = new Map<string, LineageNode>();
  for (const node of graph.nodes) byId.set(node.id, node);

  // Statement units over all source codes, in cell order then line order.
  const units: Unit[] = [];
  const unitOfLine = new Map<string, Int32Array>();
  for (const source of graph.sourceCodes) {
    const lines = splitLines(source.code);
    const su = statementUnits(source.code);
    const map = new Int32Array(lines.length + 1).fill(-1);
    for (let u = 0; u < su.start.length; u++) {
      const unit: Unit = { index: units.length, sourceCodeId: source.id, start: su.start[u], end: su.end[u], text: lines.slice(su.start[u] - 1, su.end[u]).join('\n') };
      units.push(unit);
      for (let l = unit.start; l <= unit.end; l++) map[l] = unit.index;
    }
    unitOfLine.set(source.id, map);
  }
  const unitOf = (sourceCodeId: string, line: number): number => unitOfLine.get(sourceCodeId)?.[line] ?? -1;
  const lineapy = lineapyNames(graph.sourceCodes.map((s) => s.code));

  const slicer = createSlicer(graph);
  const work: ArtifactWork[] = list.map(({ input, index }) => {
    const node = byId.get(input.nodeId);
    if (!node) throw new NotFoundError(`Artifact "${input.name}" points to a node that is not in its session's graph.`);
    return { input, inputIndex: index, ident: idents[index], node, variable: '', upstream: [], direct: [], units: [], params: [] };
  });
  // Dependency order: node creation order (ancestors are created first), then input order.
  work.sort((a, b) => a.node.seq - b.node.seq || a.inputIndex - b.inputIndex);

  const full = new Map<ArtifactWork, Set<string>>();
  for (const a of work) full.set(a, new Set(slicer.slice([a.node.id]).nodeIds));
  work.forEach((a, i) => {
    const nodes = full.get(a) ?? new Set<string>();
    a.upstream = work.slice(0, i).filter((b) => nodes.has(b.node.id));
  });

  // Each artifact's own slice, with its upstream artifacts as inputs.
  for (const a of work) {
    let slice;
    if (a.upstream.length === 0) slice = slicer.slice([a.node.id]);
    else {
      const cut = new Set(a.upstream.map((b) => b.node.id));
      const nodes = graph.nodes.map((n): LineageNode =>
        cut.has(n.id) ? { kind: 'Lookup', id: n.id, sessionId: n.sessionId, seq: n.seq, names: n.names, name: '__upstream_artifact__' } : n,
      );
      // The upstream values come in as parameters: the self-check counts their names as bound.
      const provided = a.upstream.flatMap((b) => b.node.names);
      slice = createSlicer({ sourceCodes: graph.sourceCodes, nodes }).slice([a.node.id], { provided });
    }
    if (slice.diagnostics && slice.diagnostics.length > 0) a.diagnostics = slice.diagnostics;
    const ids = new Set(slice.nodeIds);
    // Upstream artifacts reached in the cut slice; of several on one node, the latest.
    a.direct = a.upstream.filter((b, i) => ids.has(b.node.id) && !a.upstream.slice(i + 1).some((c) => c.node.id === b.node.id));
    const us = new Set<number>();
    for (const block of slice.lines) for (const line of block.lines) {
      const u = unitOf(block.sourceCodeId, line);
      if (u >= 0) us.add(u);
    }
    a.units = [...us].sort((x, y) => x - y);
  }

  // The variable that holds each artifact's value.
  const usedVariables = new Set<string>();
  for (const a of work) {
    chooseVariable(a, graph, units, unitOf, lineapy);
    if (a.assignSave || a.assignUnit !== undefined) {
      let v = `${a.ident}_value`;
      while (usedVariables.has(v)) v = `_${v}`;
      a.variable = v;
      // The rewritten statement must be part of the artifact's code.
      const u = a.assignSave ? a.assignSave.unitIndex : (a.assignUnit ?? -1);
      if (u >= 0 && !a.units.includes(u)) a.units = [...a.units, u].sort((x, y) => x - y);
    }
    usedVariables.add(a.variable);
  }

  // Unit texts for the module: lineapy removed; import-only units hoisted.
  const texts = new Map<number, string>();
  const infos = new Map<number, UnitInfo>();
  const selected = new Set<number>();
  for (const a of work) for (const u of a.units) selected.add(u);
  for (const u of [...selected].sort((x, y) => x - y)) {
    let text = units[u].text;
    const rewrite = removeLineapy(text, lineapy, (saveName, expr) => {
      const owner = work.find((a) => a.assignSave && a.assignSave.unitIndex === u && a.assignSave.expr === expr && (a.assignSave.name === undefined || a.assignSave.name === saveName));
      return owner?.variable;
    });
    text = rewrite.text;
    const assigned = work.find((a) => a.assignUnit === u);
    if (assigned) text = `${assigned.variable} = ${text.trim()}`;
    if (text.trim() === '') continue;
    const info = analyseUnit(text);
    for (const m of info.modules) state.modules.add(m);
    for (const g of info.globals) state.globals.add(g);
    if (info.importOnly) {
      for (const imp of info.imports) {
        const key = imp.text.replace(/\s+/g, ' ').trim();
        for (const b of imp.binds) state.moduleNames.add(b);
        if (!state.hoistedSet.has(key)) {
          state.hoistedSet.add(key);
          state.hoisted.push(imp.text.replace(/\s*\n\s*/g, ' '));
        }
      }
      continue;
    }
    texts.set(u, text);
    infos.set(u, info);
  }

  return { sessionId, sessionName: list[0].input.sessionName, artifacts: work, texts, infos, shared: [], own: new Map() };
}

/** Shared functions and own code: units grouped by the set of artifacts that need them. */
function groupSession(s: SessionWork): void {
  const { artifacts: work, texts, infos } = s;
  const groups = new Map<string, { members: ArtifactWork[]; units: number[] }>();
  const usersOf = new Map<number, ArtifactWork[]>();
  for (const a of work) for (const u of a.units) if (texts.has(u)) {
    const users = usersOf.get(u) ?? [];
    users.push(a);
    usersOf.set(u, users);
  }
  for (const u of [...usersOf.keys()].sort((x, y) => x - y)) {
    const members = usersOf.get(u) ?? [];
    const key = members.map((m) => m.ident).join('\u0000');
    const g = groups.get(key) ?? { members, units: [] };
    g.units.push(u);
    groups.set(key, g);
  }

  const step = (us: number[]): StepInfo => {
    const reads: string[] = [];
    const readSet = new Set<string>();
    const writes = new Set<string>();
    const touched = new Set<string>();
    for (const u of us) {
      const info = infos.get(u);
      if (!info) continue;
      for (const r of info.reads) {
        touched.add(r);
        if (!writes.has(r) && !readSet.has(r)) {
          readSet.add(r);
          reads.push(r);
        }
      }
      for (const w of info.writes) {
        writes.add(w);
        touched.add(w);
      }
    }
    return { units: us, reads, writes, touched };
  };

  const shared: SharedGroup[] = [];
  const own = new Map<ArtifactWork, StepInfo>();
  for (const a of work) own.set(a, step([]));
  for (const [key, g] of groups) {
    if (g.members.length === 1) own.set(g.members[0], step(g.units));
    else shared.push({ key, members: g.members, step: step(g.units), functionName: '', params: [], returns: [] });
  }
  shared.sort((x, y) => y.members.length - x.members.length || x.step.units[0] - y.step.units[0]);
  s.shared = shared;
  s.own = own;
}

/**
 * Moves self-contained `def`/`class` units to module level (so classes pickle and print as
 * in the notebook): those whose free names are written by no unit left in a function, and
 * whose names no other unit binds. Identical definitions from several sessions appear once.
 */
function hoistDefinitions(sessions: SessionWork[], state: ModuleState): string[] {
  interface Candidate {
    session: SessionWork;
    unit: number;
    text: string;
    info: UnitInfo;
  }
  const candidates: Candidate[] = [];
  for (const session of sessions) {
    for (const [unit, info] of session.infos) {
      const text = session.texts.get(unit) ?? '';
      if (info.definitionOnly) candidates.push({ session, unit, text, info });
    }
  }
  let hoisted = new Set(candidates);
  for (let changed = true; changed; ) {
    changed = false;
    // Names bound by units that stay in functions, and by hoisted units (by text).
    const boundInside = new Set<string>();
    const boundBy = new Map<string, Set<string>>();
    for (const session of sessions) {
      for (const [unit, info] of session.infos) {
        const c = candidates.find((x) => x.session === session && x.unit === unit);
        for (const w of info.writes) {
          if (c && hoisted.has(c)) {
            const texts = boundBy.get(w) ?? new Set<string>();
            texts.add(c.text);
            boundBy.set(w, texts);
          } else boundInside.add(w);
        }
      }
    }
    const keep = new Set<Candidate>();
    for (const c of hoisted) {
      const ok =
        [...c.info.reads].every((r) => c.info.writes.has(r) || !boundInside.has(r)) &&
        [...c.info.writes].every((w) => !boundInside.has(w) && (boundBy.get(w)?.size ?? 0) <= 1);
      if (ok) keep.add(c);
      else changed = true;
    }
    hoisted = keep;
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!hoisted.has(c)) continue;
    c.session.texts.delete(c.unit);
    c.session.infos.delete(c.unit);
    for (const w of c.info.writes) state.moduleNames.add(w);
    if (!seen.has(c.text)) {
      seen.add(c.text);
      out.push(c.text);
    }
  }
  return out;
}

function chooseVariable(
  a: ArtifactWork,
  graph: SessionGraph,
  units: Unit[],
  unitOf: (sourceCodeId: string, line: number) => number,
  lineapy: ReturnType<typeof lineapyNames>,
): void {
  // 1. A `lineapy.save(<expr>, …)` of this node.
  const saveUnits: number[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'Call' || !n.location) continue;
    const first = n.args.find((x) => !x.starred)?.id ?? n.kwargs.find((k) => k.key === 'reference')?.id;
    if (first !== a.node.id) continue;
    const u = unitOf(n.location.sourceCodeId, n.location.line);
    if (u >= 0 && !saveUnits.includes(u)) saveUnits.push(u);
  }
  let best: { unitIndex: number; expr: string; name?: string } | undefined;
  for (const u of saveUnits) {
    const saves = removeLineapy(units[u].text, lineapy, () => undefined).saves;
    const match = saves.find((s) => s.name === a.input.name) ?? (saves.length === 1 ? saves[0] : undefined);
    if (match && (!best || match.name === a.input.name)) best = { unitIndex: u, ...match };
  }
  if (best && IDENT.test(best.expr)) {
    a.variable = best.expr;
    return;
  }
  if (best) {
    a.assignSave = best;
    return;
  }
  // 2. A variable bound to the node.
  const named = a.node.names.find((n) => IDENT.test(n));
  if (named) {
    a.variable = named;
    return;
  }
  // 3. A bare expression statement (named in the UI): assign it.
  const loc = a.node.location;
  const u = loc ? unitOf(loc.sourceCodeId, loc.line) : -1;
  if (u >= 0) {
    const info = analyseUnit(units[u].text);
    if (!info.importOnly && info.writes.size === 0 && !/[;\n]/.test(units[u].text.trim()) && !/^(if|for|while|with|try|def|class|async|@|del|assert|raise|return|pass|import|from|global)\b/.test(units[u].text.trim())) {
      a.assignUnit = u;
      return;
    }
  }
  throw new InputError(`Artifact "${a.input.name}" is a value without a variable name, so it cannot be exported. Assign it to a variable and name that instead.`);
}

function finishSession(s: SessionWork, moduleNames: Set<string>, globals: Set<string>): void {
  const local = (n: string): boolean => !moduleNames.has(n) && !globals.has(n);
  // Parameters of get_<artifact>: the variables of its direct upstream artifacts.
  for (const a of s.artifacts) {
    const seen = new Set<string>();
    a.params = [];
    for (const b of a.direct) {
      if (seen.has(b.variable)) continue;
      seen.add(b.variable);
      a.params.push(globals.has(b.variable) ? `${b.variable}_in` : b.variable);
    }
  }
  // Shared functions: names and signatures.
  const usedNames = new Set<string>();
  s.shared.forEach((g, k) => {
    const joined = g.members.map((m) => m.ident).join('_and_');
    let fn = joined.length <= 60 ? `get_shared_for_${joined}` : `get_shared_${k + 1}_for_${g.members[0].ident}_and_${g.members.length - 1}_more`;
    while (usedNames.has(fn)) fn = `${fn}_`;
    usedNames.add(fn);
    g.functionName = fn;
  });
  const upstreamVarsOf = (a: ArtifactWork): Set<string> => new Set(a.direct.map((b) => b.variable).filter(local));
  s.shared.forEach((g, k) => {
    const available = new Set<string>();
    const common = g.members.map(upstreamVarsOf);
    for (const v of common[0]) if (common.every((c) => c.has(v))) available.add(v);
    for (const before of s.shared.slice(0, k)) {
      if (g.members.every((m) => before.members.includes(m))) for (const w of before.step.writes) available.add(w);
    }
    g.params = g.step.reads.filter((r) => available.has(r) && local(r));
  });
  // Returns: names a shared function writes that later code of any caller reads.
  s.shared.forEach((g, k) => {
    const needed = new Set<string>();
    for (const m of g.members) {
      for (const later of s.shared.slice(k + 1)) if (later.members.includes(m)) for (const p of later.params) needed.add(p);
      for (const r of s.own.get(m)?.reads ?? []) needed.add(r);
      needed.add(m.variable);
    }
    g.returns = [...g.step.writes].filter((w) => needed.has(w) && local(w));
  });
}

function renderModule(name: string, sessions: SessionWork[], hoisted: string[], definitions: string[], globals: Set<string>): string {
  const out: string[] = [];
  const artifactNames = sessions.flatMap((s) => s.artifacts.map((a) => a.input.name));
  const sessionNames = sessions.map((s) => s.sessionName).filter((n): n is string => !!n);
  out.push('"""');
  out.push(`${name}_module.py: generated by Threadline from ${artifactNames.length === 1 ? 'artifact' : 'artifacts'} ${artifactNames.map(pyDocText).join(', ')}${sessionNames.length > 0 ? ` (${sessionNames.map(pyDocText).join(', ')})` : ''}.`);
  out.push('');
  out.push('Each get_<artifact>() takes the upstream artifacts it needs and returns its value.');
  out.push('Run all with `python ' + `${name}_module.py` + '`, or import the module and call the functions.');
  out.push('"""');
  if (hoisted.length > 0) out.push(...hoisted);
  out.push('', '');
  out.push('def _snapshot(value):');
  out.push('    """A deep copy when possible, so later code cannot change an artifact already computed."""');
  out.push('    import copy');
  out.push('');
  out.push('    try:');
  out.push('        return copy.deepcopy(value)');
  out.push('    except Exception:');
  out.push('        return value');
  for (const d of definitions) out.push('', '', d);

  const globalLine = (touched: Iterable<string>, extra: string[] = []): string[] => {
    const names = new Set<string>(extra);
    for (const t of touched) if (globals.has(t)) names.add(t);
    return names.size > 0 ? [`    global ${[...names].sort().join(', ')}`] : [];
  };
  const body = (s: SessionWork, us: number[]): string[] => us.map((u) => indentUnit(s.texts.get(u) ?? '', '    '));
  const bind = (names: string[], call: string): string =>
    names.length === 0 ? `    ${call}` : `    ${names.join(', ')} = ${call}`;

  for (const s of sessions) {
    for (const g of s.shared) {
      out.push('', '');
      out.push(`def ${g.functionName}(${g.params.join(', ')}):`);
      out.push(`    # Shared by ${g.members.map((m) => `get_${m.ident}`).join(', ')}`);
      out.push(...globalLine(g.step.touched));
      out.push(...body(s, g.step.units));
      if (g.returns.length > 0) out.push(`    return ${g.returns.join(', ')}`);
    }
    for (const a of s.artifacts) {
      const st = s.own.get(a);
      const renamed = a.direct.map((b) => b.variable).filter((v) => globals.has(v));
      out.push('', '');
      out.push(`def get_${a.ident}(${a.params.join(', ')}):`);
      out.push(...globalLine([...(st?.touched ?? []), a.variable], renamed));
      for (const v of renamed) out.push(`    ${v} = ${v}_in`);
      for (const g of s.shared) {
        if (!g.members.includes(a)) continue;
        out.push(bind(g.returns, `${g.functionName}(${g.params.join(', ')})`));
      }
      out.push(...body(s, st?.units ?? []));
      out.push(`    return ${a.variable}`);
    }
  }

  const reserved = new Set(['artifacts', 'copy']);
  for (const s of sessions) {
    out.push('', '');
    out.push(`def run_session_including_${s.artifacts[0].ident}():`);
    out.push('    # Each artifact is copied right after it is computed, so that later code');
    out.push('    # (e.g. another artifact mutating it) does not change what is returned.');
    out.push('    artifacts = dict()');
    const localOf = new Map<ArtifactWork, string>();
    for (const a of s.artifacts) {
      let v = a.ident;
      while (reserved.has(v) || PYTHON_KEYWORDS.has(v)) v = `${v}_`;
      localOf.set(a, v);
      const args = uniqueBy(a.direct, (b) => b.variable).map((b) => localOf.get(b) ?? b.ident);
      out.push(`    ${v} = get_${a.ident}(${args.join(', ')})`);
      out.push(`    artifacts[${pyString(a.input.name)}] = _snapshot(${v})`);
    }
    out.push('    return artifacts');
  }
  out.push('', '');
  out.push('def run_all_sessions():');
  out.push('    artifacts = dict()');
  for (const s of sessions) out.push(`    artifacts.update(run_session_including_${s.artifacts[0].ident}())`);
  out.push('    return artifacts');
  out.push('', '');
  out.push('if __name__ == "__main__":');
  out.push('    # Edit this section to customize what happens with the artifacts.');
  out.push('    artifacts = run_all_sessions()');
  out.push('    for artifact_name, value in artifacts.items():');
  out.push('        print(f"{artifact_name}: {value!r}")');
  return `${out.join('\n')}\n`;
}

function renderDag(name: string, sessions: SessionWork[]): string {
  const moduleName = `${name}_module`;
  const out: string[] = [];
  out.push('"""');
  out.push(`${name}_dag.py: Airflow DAG generated by Threadline, one task per artifact.`);
  out.push('');
  out.push(`Tasks call ${moduleName}.py (keep it beside this file); values pass between tasks`);
  out.push('as pickle files in a temporary folder.');
  out.push('"""');
  out.push('import datetime', 'import pathlib', 'import pickle', 'import tempfile', '');
  out.push(`import ${moduleName}`);
  out.push('from airflow import DAG');
  out.push('');
  out.push('try:');
  out.push('    from airflow.providers.standard.operators.python import PythonOperator');
  out.push('except ImportError:  # Airflow 2');
  out.push('    from airflow.operators.python import PythonOperator');
  out.push('');
  out.push(`PICKLE_DIR = pathlib.Path(tempfile.gettempdir()) / ${pyString(`threadline_${name}`)}`);
  out.push('', '');
  out.push('def _save(key, value):');
  out.push('    PICKLE_DIR.mkdir(parents=True, exist_ok=True)');
  out.push('    with open(PICKLE_DIR / f"{key}.pickle", "wb") as f:');
  out.push('        pickle.dump(value, f)');
  out.push('', '');
  out.push('def _load(key):');
  out.push('    with open(PICKLE_DIR / f"{key}.pickle", "rb") as f:');
  out.push('        return pickle.load(f)');
  const all = sessions.flatMap((s) => s.artifacts);
  for (const a of all) {
    out.push('', '');
    out.push(`def task_${a.ident}():`);
    const ups = uniqueBy(a.direct, (b) => b.variable);
    for (const b of ups) out.push(`    ${b.ident} = _load(${pyString(b.ident)})`);
    out.push(`    _save(${pyString(a.ident)}, ${moduleName}.get_${a.ident}(${ups.map((b) => b.ident).join(', ')}))`);
  }
  out.push('', '');
  out.push('default_dag_args = {');
  out.push('    "owner": "airflow",');
  out.push('    "retries": 2,');
  out.push('    "start_date": datetime.datetime(2024, 1, 1),');
  out.push('}');
  out.push('');
  out.push('with DAG(');
  out.push(`    dag_id=${pyString(`${name}_dag`)},`);
  out.push('    schedule=None,');
  out.push('    max_active_runs=1,');
  out.push('    catchup=False,');
  out.push('    default_args=default_dag_args,');
  out.push(') as dag:');
  for (const a of all) out.push(`    ${a.ident}_task = PythonOperator(task_id=${pyString(`${a.ident}_task`)}, python_callable=task_${a.ident})`);
  const edges = all.flatMap((a) => uniqueBy(a.direct, (b) => b.ident).map((b) => `    ${b.ident}_task >> ${a.ident}_task`));
  if (edges.length > 0) out.push('', ...edges);
  return `${out.join('\n')}\n`;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Replaces control characters (code < 32 or 127). */
function mapControl(text: string, f: (c: string) => string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code < 32 || code === 127 ? f(c) : c;
  }
  return out;
}

/** A Python string literal (double-quoted, escaped). */
export function pyString(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${mapControl(escaped, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** Text safe inside a triple-quoted docstring. */
function pyDocText(text: string): string {
  return mapControl(text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"'), () => ' ');
}
