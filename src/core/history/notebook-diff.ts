/**
 * The diff between two versions of one notebook: cells added, removed, moved and edited
 * (each edited cell with its line diff), variables whose definition changed, and artifacts
 * whose slice changed (by slice digest). Cells have no ids that survive a save, so they are
 * matched by identity heuristics: equal text first (in order), then equal code with comments
 * and blank lines ignored (in order), then the most similar remaining pair above MIN_SIMILARITY
 * (tokens of the code without comments), then, between two cells that kept their order, the
 * cells still unpaired there in order when alike above GAP_SIMILARITY (a small edit of a short
 * cell). A matched cell is "moved" when it is not on the longest run of matched cells that kept
 * their relative order. Pure; see docs/DESIGN.md "History".
 */
import { createSlicer } from '../slice/index';
import { diffLines, tokens, type LineChange } from './text-diff';
import { cellName, normalizeStatement, orderedCells, versionText, type ArtifactRef, type NotebookVersion } from './version';
import type { LineageNode, SourceCode } from '../model';

/** Two cells whose token similarity is below this are not the same cell edited. */
export const MIN_SIMILARITY = 0.5;
/** Two unpaired cells between the same two kept cells, in order, need only this much. */
export const GAP_SIMILARITY = 0.2;

/** Above this many candidate pairs, only cells within SIMILARITY_WINDOW positions are compared. */
const MAX_PAIRS = 100_000;
const SIMILARITY_WINDOW = 50;

export interface CellRef {
  /** SourceCode id in its version. */
  id: string;
  /** Position among the version's code cells (0-based). */
  position: number;
  cellIndex?: number;
  /** "cell 5" (as the graph names it). */
  name: string;
  executionCount?: number | null;
}

export interface CellChange {
  status: 'unchanged' | 'edited' | 'added' | 'removed';
  /** A matched cell that left the order of the others. */
  moved: boolean;
  old?: CellRef;
  new?: CellRef;
  /** Token similarity of old and new text (1 when equal; 0 for added/removed). */
  similarity: number;
  /** The line diff: for edited, added and removed cells (empty for unchanged). */
  lines: LineChange[];
}

export interface VariableChange {
  name: string;
  /**
   * `edited`: the statements that make it changed; `inputs-changed`: same statements but its
   * slice (what it is computed from) changed; `added` / `removed`: bound in one version only.
   */
  change: 'added' | 'removed' | 'edited' | 'inputs-changed';
  /** The statements that made a value of this name, in order (normalised text). */
  before: string[];
  after: string[];
}

export interface ArtifactChange {
  name: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  old?: ArtifactRef;
  new?: ArtifactRef;
}

export interface NotebookDiff {
  /** New-version order, each removed cell placed after the cell that preceded it. */
  cells: CellChange[];
  counts: { unchanged: number; edited: number; added: number; removed: number; moved: number };
  variables: VariableChange[];
  artifacts: ArtifactChange[];
}

function cellRef(code: SourceCode, position: number): CellRef {
  return { id: code.id, position, ...(code.cellIndex !== undefined ? { cellIndex: code.cellIndex } : {}), name: cellName(code), executionCount: code.executionCount };
}

const cellKey = (code: string) => normalizeStatement(code);
/** The cell's code with comments and blank lines dropped and trailing spaces trimmed. */
const codeKey = (code: string) => normalizeStatement(withoutComments(code));

/**
 * Python text with `#` comments removed (not inside strings, triple-quoted ones included).
 * A best effort for matching only: an unclosed string runs to the end of the text.
 */
export function withoutComments(text: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      out += ch;
      if (ch === '\\' && i + 1 < text.length) out += text[++i];
      else if (text.startsWith(quote, i)) {
        out += quote.slice(1);
        i += quote.length - 1;
        quote = '';
      } else if (ch === '\n' && quote.length === 1) quote = '';
    } else if (ch === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else {
      out += ch;
      if (ch === '"' || ch === "'") {
        quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
        out += quote.slice(1);
        i += quote.length - 1;
      }
    }
  }
  return out;
}

type Bag = { counts: Map<string, number>; size: number };
function bag(text: string): Bag {
  const counts = new Map<string, number>();
  const t = tokens(withoutComments(text));
  for (const x of t) counts.set(x, (counts.get(x) ?? 0) + 1);
  return { counts, size: t.length };
}
function bagSimilarity(a: Bag, b: Bag): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [t, c] of small.counts) shared += Math.min(c, large.counts.get(t) ?? 0);
  return (2 * shared) / (a.size + b.size);
}

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}

/** Pairs free new cells with free old cells of equal key, in order. */
function matchByKey(
  oldCells: readonly SourceCode[],
  newCells: readonly SourceCode[],
  key: (code: string) => string,
  match: Map<number, { old: number; similarity: number }>,
  usedOld: Set<number>,
): void {
  const byKey = new Map<string, number[]>();
  oldCells.forEach((c, i) => {
    if (usedOld.has(i)) return;
    const k = key(c.code);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  newCells.forEach((c, j) => {
    if (match.has(j)) return;
    const i = byKey.get(key(c.code))?.shift();
    if (i !== undefined) {
      match.set(j, { old: i, similarity: 1 });
      usedOld.add(i);
    }
  });
}

/**
 * Between consecutive matched cells that kept their order, pairs the cells still free on both
 * sides in order (each new cell with the first alike-enough old one after the last pair).
 */
function matchGaps(
  oldBag: (i: number) => Bag,
  newBag: (j: number) => Bag,
  oldCount: number,
  newCount: number,
  match: Map<number, { old: number; similarity: number }>,
  usedOld: Set<number>,
): void {
  const matchedNew = [...match.keys()].sort((a, b) => a - b);
  const inOrder = longestIncreasing(matchedNew.map((j) => match.get(j)!.old));
  const kept = matchedNew.filter((_, idx) => inOrder.has(idx)).map((j) => ({ j, i: match.get(j)!.old }));
  const bounds = [{ j: -1, i: -1 }, ...kept, { j: newCount, i: oldCount }];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1];
    const freeOld: number[] = [];
    for (let i = from.i + 1; i < to.i; i++) if (!usedOld.has(i)) freeOld.push(i);
    if (freeOld.length === 0) continue;
    let next = 0;
    for (let j = from.j + 1; j < to.j && next < freeOld.length; j++) {
      if (match.has(j)) continue;
      for (let a = next; a < freeOld.length && a < next + SIMILARITY_WINDOW; a++) {
        const s = bagSimilarity(oldBag(freeOld[a]), newBag(j));
        if (s >= GAP_SIMILARITY) {
          match.set(j, { old: freeOld[a], similarity: s });
          usedOld.add(freeOld[a]);
          next = a + 1;
          break;
        }
      }
    }
  }
}

/** Matches old cells to new ones: new position → old position (and its similarity). */
export function matchCells(oldCells: readonly SourceCode[], newCells: readonly SourceCode[]): Map<number, { old: number; similarity: number }> {
  const match = new Map<number, { old: number; similarity: number }>();
  const usedOld = new Set<number>();
  matchByKey(oldCells, newCells, cellKey, match, usedOld);
  matchByKey(oldCells, newCells, codeKey, match, usedOld);
  const freeOld = oldCells.map((_, i) => i).filter((i) => !usedOld.has(i));
  const freeNew = newCells.map((_, j) => j).filter((j) => !match.has(j));
  if (freeOld.length === 0 || freeNew.length === 0) return match;
  const oldBags = new Map<number, Bag>();
  const newBags = new Map<number, Bag>();
  const oldBag = (i: number) => oldBags.get(i) ?? (oldBags.set(i, bag(oldCells[i].code)), oldBags.get(i)!);
  const newBag = (j: number) => newBags.get(j) ?? (newBags.set(j, bag(newCells[j].code)), newBags.get(j)!);
  const windowed = freeOld.length * freeNew.length > MAX_PAIRS;
  const pairs: Array<{ i: number; j: number; s: number; dist: number }> = [];
  freeNew.forEach((j, b) => {
    freeOld.forEach((i, a) => {
      if (windowed && Math.abs(a - b) > SIMILARITY_WINDOW) return;
      const s = bagSimilarity(oldBag(i), newBag(j));
      if (s >= MIN_SIMILARITY) pairs.push({ i, j, s, dist: Math.abs(a - b) });
    });
  });
  pairs.sort((x, y) => y.s - x.s || x.dist - y.dist || x.j - y.j);
  for (const p of pairs) {
    if (usedOld.has(p.i) || match.has(p.j)) continue;
    match.set(p.j, { old: p.i, similarity: p.s });
    usedOld.add(p.i);
  }
  matchGaps(oldBag, newBag, oldCells.length, newCells.length, match, usedOld);
  return match;
}

/** Cell changes in new order with removed cells slotted in (see NotebookDiff.cells). */
export function diffCells(oldCodes: readonly SourceCode[], newCodes: readonly SourceCode[]): CellChange[] {
  const oldCells = orderedCells(oldCodes);
  const newCells = orderedCells(newCodes);
  const match = matchCells(oldCells, newCells);
  const matchedNew = [...match.keys()].sort((a, b) => a - b);
  const inOrder = longestIncreasing(matchedNew.map((j) => match.get(j)!.old));
  const moved = new Set(matchedNew.filter((_, idx) => !inOrder.has(idx)));
  const oldMatched = new Map([...match].map(([j, m]) => [m.old, j]));

  // Removed old cells go after the nearest earlier old cell that kept its place.
  const removedAfter = new Map<number, number[]>();
  let anchor = -1;
  oldCells.forEach((_, i) => {
    const j = oldMatched.get(i);
    if (j !== undefined) {
      if (!moved.has(j)) anchor = j;
      return;
    }
    removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), i]);
  });
  const out: CellChange[] = [];
  const pushRemoved = (after: number) => {
    for (const i of removedAfter.get(after) ?? []) {
      out.push({ status: 'removed', moved: false, old: cellRef(oldCells[i], i), similarity: 0, lines: diffLines(oldCells[i].code, '') });
    }
  };
  pushRemoved(-1);
  newCells.forEach((code, j) => {
    const m = match.get(j);
    if (!m) {
      out.push({ status: 'added', moved: false, new: cellRef(code, j), similarity: 0, lines: diffLines('', code.code) });
    } else {
      const before = oldCells[m.old];
      const same = cellKey(before.code) === cellKey(code.code);
      out.push({
        status: same ? 'unchanged' : 'edited',
        moved: moved.has(j),
        old: cellRef(before, m.old),
        new: cellRef(code, j),
        similarity: m.similarity,
        lines: same ? [] : diffLines(before.code, code.code),
      });
    }
    pushRemoved(j);
  });
  return out;
}

/** name → the statements (normalised) that made a value of that name, in seq order. */
export function definitions(version: NotebookVersion): Map<string, string[]> {
  const text = versionText(version);
  const out = new Map<string, string[]>();
  for (const n of [...version.nodes].sort((a, b) => a.seq - b.seq)) {
    if (n.names.length === 0) continue;
    const s = text.statementOf(n);
    if (s === undefined) continue;
    const norm = normalizeStatement(s);
    for (const name of n.names) {
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      if (list[list.length - 1] !== norm) list.push(norm);
    }
  }
  return out;
}

function sliceTexts(version: NotebookVersion, names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const bound = new Map((version.bindings ?? []).map((b) => [b.name, b.nodeId]));
  const ids = new Set(version.nodes.map((n: LineageNode) => n.id));
  if (bound.size === 0) return out;
  const slicer = createSlicer(version);
  for (const name of names) {
    const id = bound.get(name);
    if (id && ids.has(id)) out.set(name, slicer.slice([id], { selfCheck: false }).code);
  }
  return out;
}

/** Variables added, removed, edited, or whose inputs changed (slices compared when both versions carry bindings). */
export function diffVariables(before: NotebookVersion, after: NotebookVersion): VariableChange[] {
  const a = definitions(before);
  const b = definitions(after);
  const out: VariableChange[] = [];
  const sameDefinition: string[] = [];
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((s, i) => s === y[i]);
  for (const [name, after_] of b) {
    const before_ = a.get(name);
    if (!before_) out.push({ name, change: 'added', before: [], after: after_ });
    else if (!same(before_, after_)) out.push({ name, change: 'edited', before: before_, after: after_ });
    else sameDefinition.push(name);
  }
  for (const [name, before_] of a) if (!b.has(name)) out.push({ name, change: 'removed', before: before_, after: [] });
  const sa = sliceTexts(before, sameDefinition);
  const sb = sliceTexts(after, sameDefinition);
  for (const name of sameDefinition) {
    const x = sa.get(name);
    const y = sb.get(name);
    if (x !== undefined && y !== undefined && x !== y) out.push({ name, change: 'inputs-changed', before: a.get(name)!, after: b.get(name)! });
  }
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Artifacts by name (the highest version of each name in each session): added, removed, slice changed or same. */
export function diffArtifacts(before: readonly ArtifactRef[], after: readonly ArtifactRef[]): ArtifactChange[] {
  const latest = (list: readonly ArtifactRef[]) => {
    const m = new Map<string, ArtifactRef>();
    for (const a of list) if ((m.get(a.name)?.version ?? -1) < a.version) m.set(a.name, a);
    return m;
  };
  const a = latest(before);
  const b = latest(after);
  const out: ArtifactChange[] = [];
  for (const [name, n] of b) {
    const o = a.get(name);
    out.push(o ? { name, change: o.sliceDigest === n.sliceDigest ? 'same' : 'changed', old: o, new: n } : { name, change: 'added', new: n });
  }
  for (const [name, o] of a) if (!b.has(name)) out.push({ name, change: 'removed', old: o });
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** The whole diff from `before` to `after`. */
export function diffNotebooks(before: NotebookVersion, after: NotebookVersion): NotebookDiff {
  const cells = diffCells(before.sourceCodes, after.sourceCodes);
  const counts = { unchanged: 0, edited: 0, added: 0, removed: 0, moved: 0 };
  for (const c of cells) {
    counts[c.status]++;
    if (c.moved) counts.moved++;
  }
  return { cells, counts, variables: diffVariables(before, after), artifacts: diffArtifacts(before.artifacts ?? [], after.artifacts ?? []) };
}

/**
 * Nodes of the new version that are new or changed since the old one: every node of an
 * added cell, and in an edited cell the nodes on an added line.
 */
export function changedNodeIds(diff: NotebookDiff, after: NotebookVersion): Set<string> {
  const addedCells = new Set<string>();
  const addedLines = new Map<string, Set<number>>();
  for (const c of diff.cells) {
    if (!c.new) continue;
    if (c.status === 'added') addedCells.add(c.new.id);
    if (c.status === 'edited') addedLines.set(c.new.id, new Set(c.lines.filter((l) => l.op === 'add').map((l) => l.newLine!)));
  }
  const out = new Set<string>();
  for (const n of after.nodes) {
    const loc = n.location;
    if (!loc) continue;
    if (addedCells.has(loc.sourceCodeId)) out.add(n.id);
    const lines = addedLines.get(loc.sourceCodeId);
    if (lines) for (let l = loc.line; l <= loc.endLine; l++) if (lines.has(l)) out.add(n.id);
  }
  return out;
}
