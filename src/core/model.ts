/**
 * The Threadline data model: the records that analysis produces, the store keeps
 * and the UI shows. Plain data only (structured-clone and JSON friendly), so the
 * same values cross Worker boundaries, IndexedDB and bundle files unchanged.
 *
 * See docs/DESIGN.md "Data model" and "Analysis".
 */

import type { ArtifactAnchor, FollowOutcome } from './history/anchor';

export type NodeKind = 'Import' | 'Call' | 'Literal' | 'Lookup' | 'Mutate' | 'Global';

export const NODE_KINDS: readonly NodeKind[] = ['Import', 'Call', 'Literal', 'Lookup', 'Mutate', 'Global'];

/**
 * A span in one source code record (a notebook cell or a whole script).
 * `line`/`endLine` are 1-based and relative to that source code's text;
 * `col`/`endCol` are 0-based UTF-16 offsets into the line.
 */
export interface SourceLocation {
  sourceCodeId: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

interface NodeBase {
  id: string;
  sessionId: string;
  kind: NodeKind;
  /** Creation order within the session (0, 1, 2 …): source order of analysis. */
  seq: number;
  location?: SourceLocation;
  /** Variable names bound to this node at any point (multi-entry index `*names`). */
  names: string[];
}

export interface ImportNode extends NodeBase {
  kind: 'Import';
  /** Full module name as imported, e.g. `sklearn.linear_model`. */
  name: string;
  /** Top-level package, e.g. `sklearn`. */
  packageName: string;
}

export interface CallArg {
  id: string;
  starred: boolean;
}

export interface CallKwarg {
  /** Keyword name; `"**"` for a `**mapping` argument. */
  key: string;
  id: string;
  starred: boolean;
}

export interface CallNode extends NodeBase {
  kind: 'Call';
  /** The node of the callee (a Lookup for builtins/operators, or any value node). */
  functionId: string;
  args: CallArg[];
  kwargs: CallKwarg[];
  /** Variables read by an opaque unit or by calling a user function: name → node id. */
  globalReads: Record<string, string>;
  /** Extra dependencies (e.g. on the `file_system` / `db` pseudo-values). */
  implicitDeps: string[];
  /** Source text of an opaque statement or expression (if/for/def/comprehension …). */
  blackBox?: string;
}

export type LiteralValue = string | number | boolean | null;

export interface LiteralNode extends NodeBase {
  kind: 'Literal';
  /**
   * JS value for str/int (safe range)/float/bool/None; for big ints, bytes, complex and
   * Ellipsis, the Python source text.
   */
  value: LiteralValue;
  /** Python type name: `str`, `int`, `float`, `bool`, `NoneType`, `bytes`, `complex`, `ellipsis`. */
  valueType: string;
  /**
   * Set when this one node stands for a long run of constant elements of a display (a
   * list/tuple/dict of more than 64 elements): how many elements it folds. `value` is then
   * the run's source text as a tuple `(…)` or dict `{…}` (`valueType` `tuple`/`dict`),
   * passed to the display as `*value` / `**value`.
   */
  elided?: number;
}

export interface LookupNode extends NodeBase {
  kind: 'Lookup';
  /** Builtin, operator, helper (`l_list`, `getattr` …), pseudo-value (`file_system`, `db`) or unknown global. */
  name: string;
}

export interface MutateNode extends NodeBase {
  kind: 'Mutate';
  /** The node (value version) that was mutated. */
  sourceId: string;
  /** The call that mutated it. */
  callId: string;
}

export interface GlobalNode extends NodeBase {
  kind: 'Global';
  /** The variable name the opaque unit bound. */
  name: string;
  /** The opaque call that bound it. */
  callId: string;
}

export type LineageNode = ImportNode | CallNode | LiteralNode | LookupNode | MutateNode | GlobalNode;

export type SessionKind = 'notebook' | 'script';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable machine code, e.g. `syntax-error`, `out-of-order`, `top-level-return`. */
  code: string;
  /** A sentence for the user, naming the cell and line where it applies. */
  message: string;
  /** Index in the notebook's cell list (all cells), when it applies. */
  cellIndex?: number;
  sourceCodeId?: string;
  line?: number;
  col?: number;
}

export interface SessionStats {
  cells: number;
  nodes: number;
  diagnostics: number;
  /**
   * Notebooks: how many cells have stored outputs that cannot be trusted from the file alone
   * (core/history/staleness.ts `untrustedOutputs`), counted at ingest. Absent on sessions stored
   * before it existed and on scripts.
   */
  untrustedOutputs?: number;
}

/** A variable bound at the end of the session, and the node it is bound to. */
export interface Binding {
  name: string;
  nodeId: string;
}

export interface Session {
  id: string;
  /** File name as dropped. */
  name: string;
  kind: SessionKind;
  /** Epoch milliseconds. */
  createdAt: number;
  /** SHA-256 hex of the file bytes. */
  sourceDigest: string;
  fileSize: number;
  pythonVersion?: string;
  /** Lineage group: same file name ⇒ same key. */
  notebookKey: string;
  stats: SessionStats;
  diagnostics: Diagnostic[];
  /** Variables bound at the end of the session (for `--var` and the variable picker). */
  bindings: Binding[];
  /** The `lineapy.get` calls that read an artifact from the catalog, resolved at ingest. */
  catalogReads?: CatalogRead[];
  /** How the previous version's artifacts were re-derived on this one (docs/DESIGN.md "History"). */
  followed?: FollowOutcome[];
  /**
   * Notebooks: the headings of the markdown cells, in order, as plain text (capped: see
   * core/notebook/outline.ts). Absent in sessions stored before it existed, and when there are none.
   */
  outline?: OutlineHeading[];
}

/** One markdown heading of a notebook: the cell it sits in (index among all cells), level 1–6, plain text. */
export interface OutlineHeading {
  cellIndex: number;
  level: number;
  text: string;
}

/** A `lineapy.get` call linked at ingest to the stored artifact version it reads. */
export interface CatalogRead {
  /** The `lineapy.get` call. */
  nodeId: string;
  name: string;
  version: number;
  artifactId: string;
}

export interface SourceCode {
  id: string;
  sessionId: string;
  code: string;
  /** Index of the cell among all notebook cells (markdown included); absent for scripts. */
  cellIndex?: number;
  executionCount?: number | null;
  path?: string;
  /**
   * Position of this source code in its session (0, 1, 2 …). Set by the store at ingest
   * when absent, so scripts without `cellIndex` keep their cell order after a reload.
   */
  order?: number;
}

export type ExecutionMode = 'static' | 'run';
/**
 * `interrupted`: the run was still `running` when its tab closed or reloaded (marked by the
 * start-up sweep, src/store/runs.ts `sweepInterruptedRuns`).
 */
export type ExecutionStatus = 'ok' | 'error' | 'cancelled' | 'running' | 'interrupted';

export interface Execution {
  id: string;
  sessionId: string;
  startedAt: number;
  endedAt?: number;
  mode: ExecutionMode;
  status: ExecutionStatus;
  /** For failed runs: a user-facing account of the error (cell, line, traceback). */
  error?: string;
  /**
   * While `running`: the name of the Web Lock the running tab holds for its whole life, so a
   * start-up sweep in another tab can tell a live run from one whose tab was closed.
   */
  lease?: string;
}

export type NodeValueType = 'value' | 'dataset' | 'chart' | 'array' | 'code';

export interface NodeValue {
  nodeId: string;
  executionId: string;
  /** repr or text/plain output; for `image/png`, base64 data. Never rendered as HTML. */
  value: string;
  mime: string;
  valueType: NodeValueType;
  /** Python type name when known (runs). */
  typeName?: string;
  truncated?: boolean;
  startedAt?: number;
  endedAt?: number;
}

export interface ArtifactTag {
  key: string;
  value: string;
}

export interface Artifact {
  id: string;
  name: string;
  /** 0 for a new name, otherwise highest existing version + 1 (across sessions). */
  version: number;
  nodeId: string;
  executionId: string;
  sessionId: string;
  createdAt: number;
  author: string;
  description: string;
  tags: ArtifactTag[];
  /** Distinct tag keys, kept in step with `tags` (multi-entry index `*tagKeys`). */
  tagKeys: string[];
  /** SHA-256 hex of the slice text. */
  sliceDigest: string;
  /** The last "Verify slice" of this version: original and slice run in fresh namespaces, reprs compared. */
  verification?: ArtifactVerification;
  /** Where it came from: a `lineapy.save` at ingest, or named in the UI (absent on older records). */
  origin?: 'save' | 'named';
  /** How to find it in a new version of its notebook (src/core/history/anchor.ts); computed from its session when absent. */
  anchor?: ArtifactAnchor;
  /** Imported from the team catalog: which team version it is, who shared it and when. */
  fromTeam?: TeamProvenance;
}

/** Where an artifact imported from the team catalog came from. */
export interface TeamProvenance {
  /** The team catalog's id of the share. */
  teamId: string;
  name: string;
  version: number;
  sharedBy: string;
  sharedAt: number;
  /** When it was imported here. */
  importedAt: number;
}

export interface ArtifactVerification {
  /** True when the artifact's repr is the same after running the original session and the slice. */
  verified: boolean;
  /** repr in the original session (cut for display), or what went wrong. */
  original: string;
  /** repr after running the slice (cut for display), or what went wrong. */
  slice: string;
  /** Epoch milliseconds. */
  at: number;
  /** Which slice was run: the fine one or the whole-block one (absent on records written before this was kept). */
  mode?: 'fine' | 'whole';
}

/** An artifact declared in code by `lineapy.save(x, "name")`. */
export interface ArtifactDeclaration {
  name: string;
  nodeId: string;
  location?: SourceLocation;
}

/**
 * `lineapy.delete(name, version=…)` in code: LineaPy's catalog drops that version (an int,
 * the latest, or all) of the name. Applied at ingest, between the declarations it follows.
 */
export interface ArtifactDeletion {
  name: string;
  version: number | 'latest' | 'all';
  /** How many of the program's `artifacts` were declared before this call. */
  after: number;
  location?: SourceLocation;
}

/**
 * `lineapy.get(name[, version])` with no earlier `lineapy.save` of the name in the same
 * program: it reads from the catalog, so the store resolves it at ingest. `version` is
 * absent for the latest.
 */
export interface CatalogGet {
  nodeId: string;
  name: string;
  version?: number;
  location?: SourceLocation;
}

/** The graph of one session: what slicing, dataflow and the graph view work on. */
export interface SessionGraph {
  sourceCodes: SourceCode[];
  nodes: LineageNode[];
  /** The session's outline, when the view groups cells by heading (Session.outline). */
  outline?: OutlineHeading[];
}

/**
 * Everything one ingest writes, produced by `src/core` (in a Worker or in Node) and
 * written by `src/store` in one read-write transaction. Artifact versions are assigned
 * by the store at write time.
 */
export interface IngestPlan {
  session: Session;
  sourceCodes: SourceCode[];
  nodes: LineageNode[];
  execution: Execution;
  nodeValues: NodeValue[];
  /** From `lineapy.save`; each becomes an artifact version at write time. */
  artifacts: Array<ArtifactDeclaration & { sliceDigest: string }>;
  /** From `lineapy.delete`, in order among `artifacts` (see ArtifactDeletion). */
  artifactDeletions?: ArtifactDeletion[];
  /** `lineapy.get` calls that read from the catalog (see CatalogGet). */
  catalogGets?: CatalogGet[];
}

/** The minimal code that reproduces one or more artifacts (docs/DESIGN.md "Slicing and the self-check"). */
export interface SliceResult {
  /** Ids of every node in the slice, in creation order. */
  nodeIds: string[];
  /** Selected lines per source code, in cell order then line order (1-based). */
  lines: Array<{ sourceCodeId: string; lines: number[] }>;
  /** The slice text: whole original lines, verbatim. */
  code: string;
  /** What the static self-check found (absent when nothing): see src/core/slice/check.ts. */
  diagnostics?: SliceDiagnostic[];
}

/**
 * `slice-incomplete` (warning): the analyser's slice read names it never bound; the
 * statements that bind them were added (the safety net). `slice-star-import` (info): names
 * the slice reads that only a `from m import *` may bind. `slice-reads-undefined` (info):
 * names the slice reads that the whole program never binds either (not a slice gap).
 */
export interface SliceDiagnostic extends Diagnostic {
  code: 'slice-incomplete' | 'slice-star-import' | 'slice-reads-undefined';
  names: string[];
  /** slice-incomplete: names still unbound after the net (no earlier statement binds them). */
  unresolved?: string[];
}

/** One stored output of a notebook code cell (nbformat 4 `outputs[]`, simplified). */
export interface CellOutput {
  /** `stream`, `execute_result`, `display_data` or `error`. */
  outputType: string;
  /** mime → text (for `image/png`, base64). Streams use `text/plain`. */
  data: Record<string, string>;
}

/** One code unit to analyse: a notebook code cell, or a whole script (or a `# %%` cell). */
export interface ProgramCell {
  code: string;
  /** Index among all notebook cells (markdown included); absent for a plain script. */
  cellIndex?: number;
  executionCount?: number | null;
  outputs?: CellOutput[];
}

/** What the notebook/script reader produces from a file, before analysis. */
export interface ProgramInput {
  kind: SessionKind;
  cells: ProgramCell[];
  /** Cells of any type in the file (notebooks), for stats. */
  totalCells: number;
  pythonVersion?: string;
  /** Problems found while reading (e.g. out-of-order execution counts). */
  diagnostics: Diagnostic[];
  /** The markdown headings, when the file has any (notebooks and `# %% [markdown]` cells). */
  outline?: OutlineHeading[];
}

/** What the analyser produces for one session. */
export interface AnalysisOutput {
  sourceCodes: SourceCode[];
  nodes: LineageNode[];
  diagnostics: Diagnostic[];
  /** Variables bound at the end, in first-binding order. */
  bindings: Binding[];
  /** `lineapy.save(x, "name")` calls, in source order. */
  artifacts: ArtifactDeclaration[];
  /** `lineapy.delete(name, version=…)` calls, in source order. */
  artifactDeletions?: ArtifactDeletion[];
  /** `lineapy.get` calls that no earlier save in the program satisfies, in source order. */
  catalogGets?: CatalogGet[];
  /**
   * Per source code: the node that a cell's stored outputs attach to (the last expression
   * statement's node, or the last binding when the cell ends in an assignment).
   */
  cellResultNodes: Record<string, string>;
}
