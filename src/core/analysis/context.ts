/**
 * The analyser's state for one program, shared by every part of the walk (driver,
 * node construction, values, names, statements, imports, expressions, calls).
 *
 * One plain object, passed explicitly as `ctx` to every function: what a step may read
 * or change is visible in one place.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ArtifactDeclaration, ArtifactDeletion, CatalogGet, Diagnostic, LineageNode, ProgramInput, SourceCode, SourceLocation } from '../model';
import type { LineIndex } from '../python/parse';
import type { PseudoValue } from './rules/index';
import type { FunctionFacts } from './scopes';
import { DEFAULT_MAX_NODES, type CancelSignal, type ProgressCallback, type ProgressReporter } from './limits';
import { ViewSets } from './views';

export interface AnalyseOptions {
  sessionId: string;
  newId?: () => string;
  /** File name, for the sentences of budget and cancel errors. */
  fileName?: string;
  /** Node budget per file (default DEFAULT_MAX_NODES): past it, an InputError and no output. */
  maxNodes?: number;
  /** Progress: cells for a notebook, characters for a script; at a bounded rate. */
  onProgress?: ProgressCallback;
  /** Checked between statements: once `aborted`, an AnalysisCancelledError. */
  signal?: CancelSignal;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A node as its builder writes it: `addNode` fills in id, session, seq and names. */
export type NodeInit = DistributiveOmit<LineageNode, 'id' | 'sessionId' | 'seq' | 'names'>;

/** The cell (or chunk of a cell) being walked. */
export interface CellState {
  sourceCodeId: string;
  /** The text being walked (the cell, or one chunk of it); node offsets are relative to it. */
  text: string;
  /** Offset of `text` in the whole (blanked) cell text. */
  base: number;
  /** Lines of the whole cell text. */
  lines: LineIndex;
  cellIndex?: number;
  blanked: Set<number>;
  floats: Set<number>;
  /** The node whose value the cell shows (its last expression or assignment). */
  result?: string;
}

export interface StarImport {
  callId: string;
  module: string;
}

export interface AnalysisContext {
  readonly sessionId: string;
  readonly newId: () => string;
  kind: ProgramInput['kind'];
  readonly fileName: string | undefined;
  /** Node budget: making node number `maxNodes + 1` throws (see nodes.ts). */
  readonly maxNodes: number;
  readonly signal: CancelSignal | undefined;
  readonly onProgress: ProgressCallback | undefined;
  /** A script's progress in characters (set by the driver). */
  charProgress: ProgressReporter | undefined;

  // Output.
  readonly nodes: LineageNode[];
  readonly diagnostics: Diagnostic[];
  readonly sourceCodes: SourceCode[];
  readonly artifacts: ArtifactDeclaration[];
  /** `lineapy.delete(...)` calls, in source order. */
  readonly artifactDeletions: ArtifactDeletion[];
  /** `lineapy.get(...)` calls that read from the catalog, in source order. */
  readonly catalogGets: CatalogGet[];
  /** sourceCode id → node shown by that cell. Prototype-less: V8 keeps it a hash table (thousands of cell ids as keys). */
  readonly cellResults: Record<string, string>;
  /** Next node's `seq`. */
  seq: number;

  // Node lookup.
  /**
   * id → node, filled lazily by `nodeById`: most nodes are never asked for, and a big hash
   * map insert per node was one of the analyser's hot spots.
   */
  readonly byId: Map<string, LineageNode>;
  /** Every node before this index of `nodes` is in `byId`. */
  indexed: number;

  // Where the walk is.
  cell: CellState;
  /** Location given to the nodes being made (the current top-level statement). */
  loc: SourceLocation | undefined;

  // Bindings and versions.
  /** name → root value node. */
  readonly scope: Map<string, string>;
  /** Names in the order they were first bound (for the final binding table). */
  readonly bindingOrder: string[];
  readonly bindingSeen: Set<string>;
  /** root → latest version (Mutate) id. */
  readonly latest: Map<string, string>;
  /** Mutate id → root. */
  readonly versionRoot: Map<string, string>;
  /** `file_system` / `db` … → its Lookup node. */
  readonly pseudo: Map<PseudoValue, string>;
  /** Artifact name → its `lineapy.save` and `lineapy.delete` calls so far (what `lineapy.get` reads). */
  readonly saved: Map<string, Array<{ callId: string; deletes: boolean }>>;
  /** Side effects (./effects.ts): literal file path → its pseudo value (`''`: writes to unknown paths). */
  readonly paths: Map<string, string>;
  /** Root of a file handle, `Path` or csv writer → the literal path it points at. */
  readonly handlePaths: Map<string, string>;
  /** Roots of file handles opened for reading only (closing them writes nothing). */
  readonly readHandles: Set<string>;
  /** Root of a user function → the files and databases its body reads and writes. */
  readonly fnEffects: Map<string, readonly import('./effects').Effect[]>;
  /** `from m import *`, in order: unknown names read from the latest one. */
  readonly stars: StarImport[];

  // Views and containment.
  readonly views: ViewSets;
  /**
   * Containers known to hold only immutable values (displays of literals), as long as no
   * mutation may have put a mutable value in. Their elements are not views of them.
   */
  readonly flat: Set<string>;
  /**
   * Displays not yet tied to their possibly mutable elements: the union waits until the
   * display is bound, unpacked or indexed, so `f([df1, df2])` does not make df1 and df2
   * views of each other.
   */
  readonly pendingContain: Map<string, string[]>;

  // What is known about values.
  /** root → inferred type. */
  readonly types: Map<string, string>;
  /**
   * Iterator root → the roots it draws on lazily (`iter(xs)`, `map(f, xs)`, `(x for x in xs)`):
   * a consumer of the iterator reads their latest versions (iterators.ts).
   */
  readonly lazySources: Map<string, string[]>;
  /** node → qualified name (modules, functions, classes reached through imports). */
  readonly quals: Map<string, string>;
  /** root → facts of a user function/lambda/class. */
  readonly functions: Map<string, FunctionFacts>;
  readonly classes: Set<string>;
  /** root of an instance of a user class → the class's facts. */
  readonly instances: Map<string, FunctionFacts>;
  /** Names of nodes with many names, as a set (so `a = b = … = 1` stays linear). */
  readonly nameSets: Map<LineageNode, Set<string>>;
}

/** No cell yet: the walk sets the real one before any statement. */
const NO_CELL: CellState = { sourceCodeId: '', text: '', base: 0, lines: undefined as unknown as LineIndex, blanked: new Set(), floats: new Set() };

export function createContext(opts: AnalyseOptions): AnalysisContext {
  return {
    sessionId: opts.sessionId,
    newId: opts.newId ?? (() => globalThis.crypto.randomUUID()),
    kind: 'script',
    fileName: opts.fileName,
    maxNodes: opts.maxNodes ?? DEFAULT_MAX_NODES,
    signal: opts.signal,
    onProgress: opts.onProgress,
    charProgress: undefined,
    nodes: [],
    diagnostics: [],
    sourceCodes: [],
    artifacts: [],
    artifactDeletions: [],
    catalogGets: [],
    cellResults: Object.create(null) as Record<string, string>,
    seq: 0,
    byId: new Map(),
    indexed: 0,
    cell: NO_CELL,
    loc: undefined,
    scope: new Map(),
    bindingOrder: [],
    bindingSeen: new Set(),
    latest: new Map(),
    versionRoot: new Map(),
    pseudo: new Map(),
    saved: new Map(),
    paths: new Map(),
    handlePaths: new Map(),
    readHandles: new Set(),
    fnEffects: new Map(),
    stars: [],
    views: new ViewSets(),
    flat: new Set(),
    pendingContain: new Map(),
    types: new Map(),
    lazySources: new Map(),
    quals: new Map(),
    functions: new Map(),
    classes: new Set(),
    instances: new Map(),
    nameSets: new Map(),
  };
}

/** "line 3" or "cell 2, line 3": where a diagnostic points. */
export function placeOf(cellIndex: number | undefined, line: number): string {
  return cellIndex === undefined ? `line ${line}` : `cell ${cellIndex + 1}, line ${line}`;
}

/** The (blanked) text of a node in the cell being walked. */
export function sourceText(ctx: AnalysisContext, node: SyntaxNode): string {
  return ctx.cell.text.slice(node.from, node.to);
}

/** Original (un-blanked) text of a node: blanking keeps offsets, so slice the cell code. */
export function originalText(ctx: AnalysisContext, node: SyntaxNode): string {
  const sc = ctx.sourceCodes[ctx.sourceCodes.length - 1];
  return sc.code.slice(node.from + ctx.cell.base, node.to + ctx.cell.base).trimEnd();
}
