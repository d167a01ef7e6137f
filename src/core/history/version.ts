/**
 * One stored version of a notebook as the history engine sees it (a session's source codes,
 * nodes, end bindings and artifacts), and the small lookups over it that the diff, the
 * staleness rule and anchor resolution share: cell order, cell names and statement text.
 */
import type { Binding, LineageNode, SessionGraph, SourceCode } from '../model';
import { splitLines, statementUnits, type StatementUnits } from '../slice/statements';

/** An artifact version as the diff needs it. */
export interface ArtifactRef {
  name: string;
  version: number;
  sliceDigest: string;
  nodeId?: string;
}

export interface NotebookVersion extends SessionGraph {
  /** Variables bound at the end of the session (Session.bindings). */
  bindings?: Binding[];
  /** The artifact versions this session stored. */
  artifacts?: ArtifactRef[];
}

/** Source codes in notebook order (cellIndex, then ingest order), as the store loads them. */
export function orderedCells(sourceCodes: readonly SourceCode[]): SourceCode[] {
  const rank = (s: SourceCode, i: number) => [s.cellIndex ?? Number.MAX_SAFE_INTEGER, s.order ?? i] as const;
  return sourceCodes
    .map((s, i) => ({ s, r: rank(s, i) }))
    .sort((x, y) => x.r[0] - y.r[0] || x.r[1] - y.r[1])
    .map((x) => x.s);
}

/** How the UI names a cell: "cell N" (1-based among all notebook cells), else "the script". */
export function cellName(code: Pick<SourceCode, 'cellIndex'>): string {
  return code.cellIndex !== undefined ? `cell ${code.cellIndex + 1}` : 'the script';
}

const textCache = new WeakMap<SessionGraph, VersionText>();

/** The (cached) text lookups of a graph; graphs are treated as immutable. */
export function versionText(graph: SessionGraph): VersionText {
  let t = textCache.get(graph);
  if (!t) textCache.set(graph, (t = new VersionText(graph)));
  return t;
}

/** Text lookups over one version, built once: the whole top-level statement holding a line. */
export class VersionText {
  private readonly codes: Map<string, SourceCode>;
  private readonly units = new Map<string, { lines: string[]; units: StatementUnits }>();

  constructor(readonly graph: SessionGraph) {
    this.codes = new Map(graph.sourceCodes.map((c) => [c.id, c]));
  }

  code(id: string): SourceCode | undefined {
    return this.codes.get(id);
  }

  private unitsOf(id: string) {
    let u = this.units.get(id);
    const code = this.codes.get(id);
    if (!u && code) this.units.set(id, (u = { lines: splitLines(code.code), units: statementUnits(code.code) }));
    return u;
  }

  /** The top-level statement (its lines joined, verbatim) that holds a node's first line; undefined when the node has no location. */
  statementOf(node: LineageNode): string | undefined {
    const loc = node.location;
    if (!loc) return undefined;
    const u = this.unitsOf(loc.sourceCodeId);
    if (!u) return undefined;
    const unit = u.units.unitOfLine[loc.line] ?? -1;
    const [start, end] = unit >= 0 ? [u.units.start[unit], u.units.end[unit]] : [loc.line, loc.endLine];
    return u.lines.slice(start - 1, end).join('\n');
  }
}

/** Statement text compared without trailing spaces and blank-line noise. */
export function normalizeStatement(text: string): string {
  return splitLines(text)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l !== '')
    .join('\n');
}
