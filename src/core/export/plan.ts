/**
 * Planning one session of a pipeline export: the session's statement units, each
 * artifact's upstream artifacts and its own slice (upstream artifacts cut off as inputs),
 * the variable that holds each artifact's value, and the unit texts with lineapy removed
 * and import-only units hoisted to the module.
 */
import { InputError, NotFoundError } from '../errors';
import type { LineageNode, SessionGraph } from '../model';
import { createSlicer, splitLines, statementUnits } from '../slice/index';
import { IDENT } from './python-text';
import type { ArtifactWork, ModuleState, PipelineArtifactInput, SessionWork, Unit } from './types';
import { analyseUnit, lineapyNames, removeLineapy, type UnitInfo } from './units';

export function planSession(
  sessionId: string,
  list: Array<{ input: PipelineArtifactInput; index: number }>,
  idents: string[],
  state: ModuleState,
  fine = false,
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

  if (fine) fineUnitTexts(slicer, work, units, unitOf);

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

/**
 * Fine mode: one fine slice of all the session's artifacts together gives each unit's text
 * (trimmed blocks, `pass` where a body empties); a unit it drops leaves every artifact.
 * Each artifact keeps a subset of its whole-block units, so whatever a trimmed unit reads is
 * still defined before it (a fine slice keeps every reaching definition of what it reads).
 */
function fineUnitTexts(slicer: ReturnType<typeof createSlicer>, work: ArtifactWork[], units: Unit[], unitOf: (sourceCodeId: string, line: number) => number): void {
  const slice = slicer.slice(
    work.map((a) => a.node.id),
    { fine: true, names: [...new Set(work.flatMap((a) => a.node.names))] },
  );
  const code = slice.code.split('\n');
  const texts = new Map<number, string[]>();
  let at = 0;
  let last = -1;
  for (const block of slice.lines) {
    for (const line of block.lines) {
      const u = unitOf(block.sourceCodeId, line);
      const original = units[u]?.text.split('\n')[line - (units[u]?.start ?? line)];
      // Lines the fine slice inserted (`pass`) come before the original line they precede; they belong to the unit before.
      while (at < code.length && code[at] !== original) {
        if (last >= 0) texts.get(last)?.push(code[at]);
        at++;
      }
      // Not found (should not happen): keep the whole-block units.
      if (at >= code.length) return;
      if (u < 0) {
        at++;
        continue;
      }
      if (!texts.has(u)) texts.set(u, []);
      texts.get(u)!.push(code[at]);
      at++;
      last = u;
    }
  }
  // Trailing inserted lines (a body emptied at the end of the last unit).
  for (; at < code.length; at++) if (code[at] !== '' && last >= 0) texts.get(last)?.push(code[at]);
  for (const [u, lines] of texts) units[u].text = lines.join('\n');
  for (const a of work) a.units = a.units.filter((u) => texts.has(u));
}

/** Where an artifact's value lives: a saved variable, a rewritten save or expression, or a bound name. */
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
