/**
 * Static staleness, from the file alone (no kernel):
 *
 * - `whatToRerun`: after a diff, the cells whose inputs changed. Edited and added cells are
 *   the changes; a kept cell whose inputs now come from other cells (a cell it read from was
 *   removed or moved across it) is stale itself; everything downstream of either, through the
 *   cell-to-cell dataflow (src/core/graph/cells.ts edges), is stale. One sentence says it:
 *   "You edited cell 5. Cells 7, 9 and 12 use what it defines: re-run them."
 * - `untrustedOutputs`: stored outputs that cannot be trusted: a cell whose execution count
 *   is lower than that of a cell it depends on (directly or not), or a cell with no count
 *   while a later cell has one ("output older than its inputs").
 *
 * Pure; see docs/DESIGN.md "History".
 */
import type { SessionGraph, SourceCode } from '../model';
import { cellsView, namedGroupEdges } from '../graph/cells';
import type { NotebookDiff } from './notebook-diff';
import { cellName, orderedCells } from './version';

const inputsCache = new WeakMap<SessionGraph, Map<string, Map<string, string[]>>>();

/** Cell-level dataflow: source code id → the cells it reads from, with the names that flow (cached per graph; treat as read-only). */
export function cellInputs(graph: SessionGraph): Map<string, Map<string, string[]>> {
  let cached = inputsCache.get(graph);
  if (!cached) inputsCache.set(graph, (cached = computeCellInputs(graph)));
  return cached;
}

function computeCellInputs(graph: SessionGraph): Map<string, Map<string, string[]>> {
  const view = cellsView(graph);
  const codeOfView = new Map<string, string>();
  for (const n of view.nodes) {
    const code = n.location?.sourceCodeId ?? (n.id.startsWith('cell:') ? n.id.slice(5) : undefined);
    if (code) codeOfView.set(n.id, code);
  }
  const groupOf = new Map<string, string>();
  for (const [member, cell] of view.groupOf) {
    const code = codeOfView.get(cell);
    if (code) groupOf.set(member, code);
  }
  const inputs = new Map<string, Map<string, string[]>>();
  for (const e of namedGroupEdges(graph, groupOf)) {
    if (e.source === e.target) continue;
    let m = inputs.get(e.target);
    if (!m) inputs.set(e.target, (m = new Map()));
    m.set(e.source, [...new Set([...(m.get(e.source) ?? []), ...(e.names ?? [])])].sort());
  }
  return inputs;
}

export interface StaleCell {
  /** Source code id in the new version. */
  id: string;
  name: string;
  /** `downstream`: reads from a changed or stale cell; `rewired`: its inputs now come from other cells. */
  why: 'downstream' | 'rewired';
  /** The changed or stale cells it reads from (new-version ids), and the names that flow. */
  from: Array<{ id: string; names: string[] }>;
}

export interface RerunAdvice {
  /** Cells edited or added (new-version ids, notebook order). */
  changed: string[];
  /** Old-version ids of removed cells. */
  removed: string[];
  /** Cells to re-run that were not edited themselves, notebook order. */
  stale: StaleCell[];
  /** Every cell to re-run (changed then stale, merged in notebook order). */
  rerun: string[];
  sentence: string;
}

/** "5", "5 and 7", "5, 7 and 9". */
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "cell 5" / "cells 5 and 7" (a script is "the script"). */
function cellsText(codes: ReadonlyArray<Pick<SourceCode, 'cellIndex'>>): string {
  const numbered = codes.filter((c) => c.cellIndex !== undefined).map((c) => String(c.cellIndex! + 1));
  const parts: string[] = [];
  if (numbered.length === 1) parts.push(`cell ${numbered[0]}`);
  else if (numbered.length > 1) parts.push(`cells ${listText(numbered)}`);
  if (numbered.length < codes.length) parts.push('the script');
  return listText(parts);
}

/** The cells to re-run after going from `before` to `after` (whose diff is `diff`). */
export function whatToRerun(diff: NotebookDiff, before: SessionGraph, after: SessionGraph): RerunAdvice {
  const newCells = orderedCells(after.sourceCodes);
  const position = new Map(newCells.map((c, i) => [c.id, i]));
  const codeById = new Map(newCells.map((c) => [c.id, c]));
  const oldById = new Map(before.sourceCodes.map((c) => [c.id, c]));
  const newOfOld = new Map<string, string>();
  for (const c of diff.cells) if (c.old && c.new) newOfOld.set(c.old.id, c.new.id);
  const changed = diff.cells.filter((c) => c.new && (c.status === 'edited' || c.status === 'added')).map((c) => c.new!.id);
  const removed = diff.cells.filter((c) => c.status === 'removed').map((c) => c.old!.id);

  const inNew = cellInputs(after);
  const inOld = cellInputs(before);
  // A kept cell is rewired when the set of (cell it reads from, name) differs between versions.
  const rewired = new Map<string, Array<{ id: string; names: string[] }>>();
  const movedInvolved = new Set<string>();
  for (const c of diff.cells) {
    if (!c.old || !c.new || c.status !== 'unchanged') continue;
    const key = (src: string, name: string) => `${src}\u0000${name}`;
    const now = new Set<string>();
    for (const [src, names] of inNew.get(c.new.id) ?? []) for (const n of names) now.add(key(src, n));
    const then = new Set<string>();
    for (const [src, names] of inOld.get(c.old.id) ?? []) for (const n of names) then.add(key(newOfOld.get(src) ?? `removed:${src}`, n));
    const differs = now.size !== then.size || [...now].some((k) => !then.has(k));
    if (!differs) continue;
    const from = [...(inNew.get(c.new.id) ?? [])].map(([id, names]) => ({ id, names }));
    rewired.set(c.new.id, from);
    for (const k of [...now, ...then]) if (!(now.has(k) && then.has(k))) movedInvolved.add(k.split('\u0000')[0]);
    movedInvolved.add(c.new.id);
  }

  // Downstream closure over the new version's dataflow.
  const users = new Map<string, Map<string, string[]>>();
  for (const [target, sources] of inNew) {
    for (const [src, names] of sources) {
      let m = users.get(src);
      if (!m) users.set(src, (m = new Map()));
      m.set(target, names);
    }
  }
  const changedSet = new Set(changed);
  const stale = new Map<string, StaleCell>();
  for (const [id, from] of rewired) stale.set(id, { id, name: cellName(codeById.get(id)!), why: 'rewired', from });
  const queue = [...changed, ...rewired.keys()];
  const reached = new Set(queue);
  while (queue.length) {
    const src = queue.shift()!;
    for (const [target, names] of users.get(src) ?? []) {
      if (changedSet.has(target)) continue;
      let s = stale.get(target);
      if (!s) stale.set(target, (s = { id: target, name: cellName(codeById.get(target)!), why: 'downstream', from: [] }));
      if (!s.from.some((f) => f.id === src)) s.from.push({ id: src, names });
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  const byPosition = (a: string, b: string) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  const staleList = [...stale.values()].sort((a, b) => byPosition(a.id, b.id));
  const rerun = [...changed, ...staleList.map((s) => s.id)].sort(byPosition);

  const movedCells = diff.cells.filter((c) => c.moved && c.new && movedInvolved.has(c.new.id) && c.status === 'unchanged').map((c) => codeById.get(c.new!.id)!);
  const actions: string[] = [];
  const edited = diff.cells.filter((c) => c.status === 'edited').map((c) => codeById.get(c.new!.id)!);
  const added = diff.cells.filter((c) => c.status === 'added').map((c) => codeById.get(c.new!.id)!);
  const gone = removed.map((id) => oldById.get(id)!);
  if (edited.length) actions.push(`edited ${cellsText(edited)}`);
  if (added.length) actions.push(`added ${cellsText(added)}`);
  if (gone.length) actions.push(`removed ${cellsText(gone)}`);
  if (movedCells.length) actions.push(`moved ${cellsText(movedCells)}`);
  let sentence: string;
  if (actions.length === 0) {
    sentence = 'No code changed since the previous version: nothing to re-run.';
  } else {
    const subjects = edited.length + added.length + gone.length + movedCells.length;
    const onlyRemoved = gone.length === subjects;
    const what = subjects === 1 ? (onlyRemoved ? 'what it defined' : 'what it defines') : onlyRemoved ? 'what they defined' : 'what they define';
    const head = `You ${listText(actions)}.`;
    if (staleList.length === 0) {
      sentence = `${head} No other cell uses ${what}.`;
    } else {
      const codes = staleList.map((s) => codeById.get(s.id)!);
      const many = codes.length > 1;
      const staleText = cellsText(codes);
      sentence = `${head} ${staleText[0].toUpperCase()}${staleText.slice(1)} ${many ? 'use' : 'uses'} ${what}: re-run ${many ? 'them' : 'it'}.`;
    }
  }
  return { changed: [...changed].sort(byPosition), removed, stale: staleList, rerun, sentence };
}

export interface UntrustedOutput {
  /** Source code id. */
  id: string;
  name: string;
  /** `older-than-input`: ran before a cell it depends on last ran; `not-run`: no count while a later cell has one. */
  reason: 'older-than-input' | 'not-run';
  executionCount: number | null;
  /** older-than-input: the cells it depends on that ran after it; not-run: the first later cell that ran. */
  cells: Array<{ id: string; name: string; executionCount: number }>;
  sentence: string;
}

/** Stored outputs that cannot be trusted from the file alone (execution counts against the dataflow), notebook order. */
export function untrustedOutputs(graph: SessionGraph): UntrustedOutput[] {
  const cells = orderedCells(graph.sourceCodes).filter((c) => c.code.trim() !== '');
  const count = (c: SourceCode | undefined) => (typeof c?.executionCount === 'number' ? c.executionCount : null);
  if (!cells.some((c) => count(c) !== null)) return [];
  const inputs = cellInputs(graph);
  const out: UntrustedOutput[] = [];
  cells.forEach((cell, i) => {
    const own = count(cell);
    if (own === null) {
      const later = cells.slice(i + 1).find((c) => count(c) !== null);
      if (!later) return;
      out.push({
        id: cell.id,
        name: cellName(cell),
        reason: 'not-run',
        executionCount: null,
        cells: [{ id: later.id, name: cellName(later), executionCount: count(later)! }],
        sentence: `${cap(cellName(cell))} has no execution count, but ${cellName(later)} after it ran as [${count(later)}]: outputs that depend on it may be missing or older than their inputs.`,
      });
      return;
    }
    // Every cell upstream of this one (transitively) that ran after it.
    const seen = new Set<string>();
    const stack = [...(inputs.get(cell.id)?.keys() ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || id === cell.id) continue;
      seen.add(id);
      stack.push(...(inputs.get(id)?.keys() ?? []));
    }
    const newer = cells.filter((c) => seen.has(c.id) && (count(c) ?? -Infinity) > own);
    if (newer.length === 0) return;
    const list = newer.map((c) => ({ id: c.id, name: cellName(c), executionCount: count(c)! }));
    out.push({
      id: cell.id,
      name: cellName(cell),
      reason: 'older-than-input',
      executionCount: own,
      cells: list,
      sentence: `${cap(cellName(cell))}'s output is older than its inputs: it ran as [${own}], before ${listText(list.map((c) => `${c.name} [${c.executionCount}]`))} that it depends on.`,
    });
  });
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
