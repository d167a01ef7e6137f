/**
 * The cells view of a session graph: one node per code cell (for a plain script
 * without `# %%` cells, one per top-level block: a run of top-level statements
 * between blank lines), edges labelled with the variables that flow between
 * cells along the lineage graph's own edges (never by matching names), and the
 * in-place expansion of chosen cells into their statements. Pure, tested in cells.test.ts.
 *
 * Markdown cells are not stored, but their headings are (the session outline): each cell
 * node carries the section of the nearest heading above it, which the layout draws as a band.
 */
import type { LineageNode, OutlineHeading, SessionGraph, SourceCode } from '../model';
import { clipText } from '../clip';
import { parentIds, splitLines, statementUnits } from '../slice';
import { adjacency } from './highlight';
import { statementLabel, statementView, truncate, type GraphView, type ViewEdge, type ViewNode, type ViewSection } from './view';

/**
 * The section a cell belongs to: the last heading of `outline` (sorted by cell) in a cell
 * before `cellIndex` (with its nearest higher-ranked heading as `parent`); undefined before
 * the first heading or without an outline.
 */
export function sectionOf(outline: readonly OutlineHeading[] | undefined, cellIndex: number | undefined): ViewSection | undefined {
  if (!outline || outline.length === 0 || cellIndex === undefined) return undefined;
  let lo = 0;
  let hi = outline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (outline[mid].cellIndex < cellIndex) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const h = outline[lo - 1];
  let parent: string | undefined;
  for (let i = lo - 2; i >= 0 && parent === undefined; i--) if (outline[i].level < h.level) parent = outline[i].text;
  return { index: lo - 1, level: h.level, text: h.text, ...(parent !== undefined ? { parent } : {}) };
}

export interface CellsView extends GraphView {
  mode: 'cells';
  /** Statement-view node id → the cell node that holds it. */
  cellOf: Map<string, string>;
}

/** Edges between groups with the names that flow: a → b when a member of b reads a value made in a. */
export function namedGroupEdges(graph: SessionGraph, groupOf: ReadonlyMap<string, string>): ViewEdge[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const byId = new Map<string, { edge: ViewEdge; names: Set<string> }>();
  const reach = (id: string, out: Map<string, Set<string>>, visiting: Set<string>) => {
    const n = nodes.get(id);
    const g = groupOf.get(id);
    if (g !== undefined) {
      let names = out.get(g);
      if (!names) out.set(g, (names = new Set()));
      for (const name of n?.names ?? []) names.add(name);
      return;
    }
    // Ungrouped nodes (folded literals and lookups) are see-through.
    if (visiting.has(id) || !n) return;
    visiting.add(id);
    for (const d of parentIds(n)) reach(d, out, visiting);
  };
  for (const n of [...graph.nodes].sort((a, b) => a.seq - b.seq)) {
    const target = groupOf.get(n.id);
    if (target === undefined) continue;
    const sources = new Map<string, Set<string>>();
    for (const d of parentIds(n)) reach(d, sources, new Set());
    for (const [source, names] of sources) {
      if (source === target) continue;
      const id = `${source}->${target}`;
      let e = byId.get(id);
      if (!e) byId.set(id, (e = { edge: { id, source, target }, names: new Set() }));
      for (const name of names) e.names.add(name);
    }
  }
  return [...byId.values()].map(({ edge, names }) => ({ ...edge, names: [...names] }));
}

/** For a plain script's code: the block (0, 1 …) of every line, a new block at each top-level statement after a blank line. */
function scriptBlocks(code: string): number[] {
  const lines = splitLines(code);
  const units = statementUnits(code);
  const blockOfLine = new Array<number>(lines.length + 2).fill(0);
  let block = 0;
  units.start.forEach((start, u) => {
    if (u > 0 && start >= 2 && (lines[start - 2] ?? '').trim() === '') block++;
    for (let l = start; l <= units.end[u]; l++) blockOfLine[l] = block;
  });
  return blockOfLine;
}

interface Cell {
  key: string;
  code: SourceCode;
  block: number;
  statements: ViewNode[];
}

/** The cells view; pass the statement view when it is already built. */
export function cellsView(graph: SessionGraph, statements: GraphView = statementView(graph)): CellsView {
  const codes = new Map(graph.sourceCodes.map((c) => [c.id, c]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const blocks = new Map<string, number[]>();
  const splitScript = graph.sourceCodes.length === 1 && graph.sourceCodes[0].cellIndex === undefined;
  const cells = new Map<string, Cell>();
  for (const s of statements.nodes) {
    const code = s.location ? codes.get(s.location.sourceCodeId) : undefined;
    if (!code || !s.location) continue;
    let block = 0;
    if (splitScript) {
      let b = blocks.get(code.id);
      if (!b) blocks.set(code.id, (b = scriptBlocks(code.code)));
      block = b[s.location.line] ?? 0;
    }
    const key = `${code.id}#${block}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { key, code, block, statements: [] }));
    cell.statements.push(s);
  }
  const cellOf = new Map<string, string>();
  const groupOf = new Map<string, string>();
  const viewNodes: ViewNode[] = [];
  let blockNumber = 0;
  const byCode = new Map<string, Cell[]>();
  for (const cell of cells.values()) byCode.set(cell.code.id, [...(byCode.get(cell.code.id) ?? []), cell]);
  for (const code of graph.sourceCodes) {
    const held = byCode.get(code.id);
    if (!held) {
      // A cell that makes no lineage node (a bare `df` that shows a value, a `pass`): shown, unconnected.
      if (code.code.trim() !== '') {
        const node = withSection(emptyCellNode(code), graph.outline, code.cellIndex);
        viewNodes.push(node);
        groupOf.set(node.id, node.id);
      }
      continue;
    }
    for (const cell of held) {
      const node = withSection(cellNode(cell, nodes, splitScript ? ++blockNumber : undefined), splitScript ? undefined : graph.outline, code.cellIndex);
      viewNodes.push(node);
      for (const s of cell.statements) {
        cellOf.set(s.id, node.id);
        for (const m of s.memberIds) groupOf.set(m, node.id);
      }
    }
  }
  return { mode: 'cells', nodes: viewNodes, edges: namedGroupEdges(graph, groupOf), groupOf, cellOf };
}

function withSection(node: ViewNode, outline: readonly OutlineHeading[] | undefined, cellIndex: number | undefined): ViewNode {
  const section = sectionOf(outline, cellIndex);
  return section ? { ...node, section } : node;
}

function cellNode(cell: Cell, nodes: ReadonlyMap<string, LineageNode>, blockNumber: number | undefined): ViewNode {
  const { statements, code } = cell;
  const first = statements[0];
  const last = statements[statements.length - 1];
  const lines = splitLines(code.code).slice(first.location!.line - 1, last.location!.endLine);
  const firstLine = statementLabel(lines.filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).slice(0, 1)).label;
  const defines: string[] = [];
  for (const s of statements) for (const n of s.names) if (!defines.includes(n)) defines.push(n);
  // The id is a lineage node id (the side panel and slicing work on lineage ids):
  // the representative of the cell's last statement that binds a name.
  const rep = [...statements].reverse().find((s) => s.names.length > 0) ?? last;
  const title = blockNumber !== undefined ? `block ${blockNumber}` : code.cellIndex !== undefined ? `cell ${code.cellIndex + 1}` : 'script';
  const memberIds = statements.flatMap((s) => s.memberIds);
  const repNode = nodes.get(rep.id);
  return {
    id: rep.id,
    kind: statements.every((s) => s.kind === 'Import') ? 'Import' : 'Call',
    label: truncate(firstLine || title),
    title: clipText(lines.join('\n').replace(/^\s*\n|\n\s*$/g, '')),
    memberIds,
    names: defines,
    location: { ...first.location!, endLine: last.location!.endLine, endCol: last.location!.endCol },
    where: title,
    isBlock: false,
    seq: repNode?.seq ?? rep.seq,
    cell: { title, firstLine, defines, statementIds: statements.map((s) => s.id) },
  };
}

/** The node of a cell without lineage nodes; its id is not a lineage node id (`cell:` and the source code id). */
function emptyCellNode(code: SourceCode): ViewNode {
  const lines = splitLines(code.code);
  const firstLine = statementLabel(lines.filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).slice(0, 1)).label;
  const title = code.cellIndex !== undefined ? `cell ${code.cellIndex + 1}` : 'script';
  return {
    id: `cell:${code.id}`,
    kind: 'Lookup',
    label: truncate(firstLine || title),
    title: clipText(code.code.trim()),
    memberIds: [],
    names: [],
    where: title,
    isBlock: false,
    seq: -1,
    cell: { title, firstLine, defines: [], statementIds: [] },
  };
}

/**
 * The cells view with the `expanded` cells replaced in place by their statements
 * (edges rewired through the lineage graph). Unknown ids in `expanded` are ignored.
 */
export function expandCells(graph: SessionGraph, cells: CellsView, statements: GraphView, expanded: ReadonlySet<string>): CellsView {
  if (!cells.nodes.some((n) => expanded.has(n.id) && (n.cell?.statementIds.length ?? 0) > 0)) return cells;
  const byId = new Map(statements.nodes.map((n) => [n.id, n]));
  const groupOf = new Map<string, string>();
  const nodes: ViewNode[] = [];
  for (const cell of cells.nodes) {
    if (!expanded.has(cell.id) || !cell.cell || cell.cell.statementIds.length === 0) {
      nodes.push(cell);
      groupOf.set(cell.id, cell.id);
      for (const m of cell.memberIds) groupOf.set(m, cell.id);
      continue;
    }
    for (const sid of cell.cell.statementIds) {
      const s = byId.get(sid);
      if (!s) continue;
      // An expanded cell's statements stay in its section.
      nodes.push(cell.section ? { ...s, section: cell.section } : s);
      for (const m of s.memberIds) groupOf.set(m, s.id);
    }
  }
  return { ...cells, nodes, edges: namedGroupEdges(graph, groupOf), groupOf };
}

function walk(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || id === start) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return seen;
}

/** The cells a cell needs: every cell upstream of it. */
export function cellsNeeded(view: GraphView, cellId: string): Set<string> {
  return walk(cellId, adjacency(view).preds);
}

/** The cells that use a cell: every cell downstream of it. */
export function cellsUsing(view: GraphView, cellId: string): Set<string> {
  return walk(cellId, adjacency(view).succs);
}

/** An edge label: the variable names, at most `max` shown, then "+N more". */
export function edgeLabel(names: readonly string[] | undefined, max = 3): string {
  if (!names || names.length === 0) return '';
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} +${names.length - max} more`;
}
