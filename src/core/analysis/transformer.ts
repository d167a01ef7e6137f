/**
 * Python source → LineaPy-style lineage graph (DESIGN.md §3).
 *
 * Walks each cell's lezer tree in source order, keeping a binding table (name → value
 * node), a latest-version map (value → newest Mutate node) and view sets. Compound
 * statements and some expressions are opaque units (one Call with the unit's text).
 */
import type { SyntaxNode } from '@lezer/common';
import type {
  AnalysisOutput,
  ArtifactDeclaration,
  Binding,
  CallArg,
  CallKwarg,
  CallNode,
  Diagnostic,
  LineageNode,
  LiteralNode,
  LiteralValue,
  LookupNode,
  MutateNode,
  ProgramInput,
  SourceCode,
  SourceLocation,
} from '../model';
import { blankIPython } from '../python/ipython';
import { blankStatementAt, findSyntaxErrors, findTooDeepNesting, LineIndex, MAX_BRACKET_DEPTH, topLevelStarts, type Tree } from '../python/parse';
import { parsePython3 } from '../python/print-mask';
import { functionRules, methodRules, normaliseQualname, type ArgRef, type CallRule, type PseudoValue } from './rules/index';
import { DATAFRAME } from './rules/pandas';
import { MPL_OBJECT } from './rules/matplotlib';
import { NDARRAY } from './rules/ml';
import { analyseComprehensionRange, analyseUnit, type FunctionFacts, type UnitFacts } from './scopes';
import { ViewSets } from './views';

export interface AnalyseOptions {
  sessionId: string;
  newId?: () => string;
}

const OPERATORS: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '@': 'matmul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow',
  '<<': 'lshift', '>>': 'rshift', '&': 'and_', '|': 'or_', '^': 'xor',
  '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne', '<>': 'ne',
  is: 'is_', 'is not': 'is_not', in: 'contains', 'not in': 'not_contains', and: 'l_and', or: 'l_or',
};
const UNARY: Record<string, string> = { '-': 'neg', '+': 'pos', '~': 'invert', not: 'not_' };

/** Types whose elements/slices keep the type (for rules on `df[...]`, `axes[0]`). */
const ELEMENT_KEEPS_TYPE = new Set([DATAFRAME, MPL_OBJECT, NDARRAY]);
/** pandas accessors that are views of the frame. */
const FRAME_VIEW_ATTRS = new Set(['loc', 'iloc', 'at', 'iat', 'values', 'str', 'dt', 'cat', 'T', 'index', 'columns']);

const OPAQUE_STATEMENTS = new Set([
  'IfStatement', 'WhileStatement', 'ForStatement', 'TryStatement', 'WithStatement', 'FunctionDefinition', 'ClassDefinition',
  'DecoratedStatement', 'MatchStatement', 'UpdateStatement', 'PrintStatement', 'RaiseStatement', 'YieldStatement', 'TypeDefinition',
]);
/** Opaque statements that always bind what they write (no read of the previous binding). */
const DEFINITIONS = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement', 'TypeDefinition']);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NodeInit = DistributiveOmit<LineageNode, 'id' | 'sessionId' | 'seq' | 'names'>;

interface CellState {
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
  result?: string;
}

interface StarImport {
  callId: string;
  module: string;
}

export class Transformer {
  private readonly nodes: LineageNode[] = [];
  /**
   * id → node, filled lazily by `node()`: most nodes are never asked for, and a big hash
   * map insert per node was one of the analyser's hot spots.
   */
  private readonly byId = new Map<string, LineageNode>();
  /** Every node before this index of `nodes` is in `byId`. */
  private indexed = 0;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly sourceCodes: SourceCode[] = [];
  private readonly artifacts: ArtifactDeclaration[] = [];
  private readonly saved = new Map<string, string>();
  /** Prototype-less: V8 keeps it a hash table (thousands of cell ids as keys). */
  private readonly cellResults: Record<string, string> = Object.create(null) as Record<string, string>;
  /** name → root value node. */
  private readonly scope = new Map<string, string>();
  private readonly bindingOrder: string[] = [];
  private readonly bindingSeen = new Set<string>();
  /** root → latest version (Mutate) id. */
  private readonly latest = new Map<string, string>();
  /** Mutate id → root. */
  private readonly versionRoot = new Map<string, string>();
  private readonly views = new ViewSets();
  /**
   * Containers known to hold only immutable values (displays of literals), as long as no
   * mutation may have put a mutable value in. Their elements are not views of them.
   */
  private readonly flat = new Set<string>();
  /**
   * Displays not yet tied to their possibly mutable elements: the union waits until the
   * display is bound, unpacked or indexed, so `f([df1, df2])` does not make df1 and df2
   * views of each other.
   */
  private readonly pendingContain = new Map<string, string[]>();
  /** root → inferred type. */
  private readonly types = new Map<string, string>();
  /** node → qualified name (modules, functions, classes reached through imports). */
  private readonly quals = new Map<string, string>();
  /** root → facts of a user function/lambda/class. */
  private readonly functions = new Map<string, FunctionFacts>();
  private readonly classes = new Set<string>();
  /** root of an instance of a user class → the class's facts. */
  private readonly instances = new Map<string, FunctionFacts>();
  private readonly stars: StarImport[] = [];
  private readonly pseudo = new Map<PseudoValue, string>();
  private seq = 0;
  private cell!: CellState;
  private loc: SourceLocation | undefined;
  private readonly newId: () => string;
  private readonly sessionId: string;

  constructor(opts: AnalyseOptions) {
    this.sessionId = opts.sessionId;
    this.newId = opts.newId ?? (() => globalThis.crypto.randomUUID());
  }

  // ---------------------------------------------------------------------------------
  // Driver

  private kind: ProgramInput['kind'] = 'script';

  run(input: ProgramInput): AnalysisOutput {
    this.kind = input.kind;
    const many = input.cells.length > 1 || input.kind === 'notebook';
    input.cells.forEach((cell, i) => {
      const id = this.newId();
      const sc: SourceCode = { id, sessionId: this.sessionId, code: cell.code };
      if (cell.cellIndex !== undefined) sc.cellIndex = cell.cellIndex;
      if (cell.executionCount !== undefined) sc.executionCount = cell.executionCount;
      this.sourceCodes.push(sc);
      const cellIndex = cell.cellIndex ?? (many ? i : undefined);
      try {
        this.analyseCell(sc, cellIndex);
      } catch (e) {
        // Last line of defence (e.g. a parser stack overflow): a diagnostic, never a crash.
        this.diagnostics.push({
          severity: 'error',
          code: 'internal-error',
          message: `Threadline could not analyse ${cellIndex === undefined ? 'the script' : `cell ${cellIndex + 1}`} (${e instanceof Error ? e.message : String(e)}); it was skipped.`,
          cellIndex,
          sourceCodeId: sc.id,
        });
      }
    });
    const bindings: Binding[] = [];
    for (const name of this.bindingOrder) {
      const root = this.scope.get(name);
      if (root !== undefined) bindings.push({ name, nodeId: this.latestOf(root) });
    }
    return {
      sourceCodes: this.sourceCodes,
      nodes: this.nodes,
      diagnostics: this.diagnostics,
      bindings,
      artifacts: this.artifacts,
      cellResultNodes: this.cellResults,
    };
  }

  private where(cellIndex: number | undefined, line: number): string {
    return cellIndex === undefined ? `line ${line}` : `cell ${cellIndex + 1}, line ${line}`;
  }

  private analyseCell(sc: SourceCode, cellIndex: number | undefined): void {
    const blanked = blankIPython(sc.code);
    if (blanked.skippedCellMagic !== undefined) {
      this.diagnostics.push({
        severity: 'info',
        code: 'cell-magic',
        message: `${cellIndex === undefined ? 'The script' : `Cell ${cellIndex + 1}`} is a %%${blanked.skippedCellMagic} cell magic, not Python; it was skipped.`,
        cellIndex,
        sourceCodeId: sc.id,
        line: 1,
      });
      return;
    }
    let text = blanked.text;
    // Too deeply nested for Python (and for lezer's tree builder): a diagnostic, never a stack overflow.
    for (let deep = findTooDeepNesting(text); deep !== undefined; deep = findTooDeepNesting(text)) {
      const at = new LineIndex(text);
      const line = at.lineOf(deep);
      const scriptLike = cellIndex === undefined || this.kind === 'script';
      this.diagnostics.push({
        severity: 'error',
        code: 'too-deeply-nested',
        message: `At ${this.where(cellIndex, line)}, column ${at.colOf(deep, line) + 1}, brackets are nested more than ${MAX_BRACKET_DEPTH} levels deep, which Python itself refuses; ${scriptLike ? 'that statement was skipped' : 'this cell was not analysed'}.`,
        cellIndex,
        sourceCodeId: sc.id,
        line,
        col: at.colOf(deep, line),
      });
      if (!scriptLike) return;
      text = blankStatementAt(text, deep);
    }
    // parsePython3: `print = 5` & co. are names, not Python 2 print statements. The tree's
    // offsets refer to `text`, which stays the text every name is read from.
    const tree = parsePython3(text);
    const lines = new LineIndex(text);
    let chunks: Array<{ tree: Tree; base: number; text: string }> = [{ tree, base: 0, text }];
    let errorAt: number | undefined;
    const errors = findSyntaxErrors(tree);
    if (errors.length > 0) {
      // lezer sometimes reports errors in long valid texts: re-parse statement by statement
      // (binary splitting), and only trust errors that persist in a single statement.
      const split = this.reparse(text);
      chunks = split.chunks;
      errorAt = split.errorAt;
    }
    if (errorAt !== undefined && blanked.cellMagic !== undefined) {
      this.diagnostics.push({
        severity: 'info',
        code: 'cell-magic',
        message: `Cell ${(cellIndex ?? 0) + 1} uses the %%${blanked.cellMagic} cell magic and its body is not plain Python; it was skipped.`,
        cellIndex,
        sourceCodeId: sc.id,
        line: 1,
      });
      return;
    }
    const partial = cellIndex === undefined || this.kind === 'script';
    if (errorAt !== undefined) {
      const line = lines.lineOf(errorAt);
      const col = lines.colOf(errorAt, line);
      const snippet = lines.lineText(line).trim().slice(0, 60);
      const place = this.where(cellIndex, line);
      this.diagnostics.push({
        severity: 'error',
        code: 'syntax-error',
        message: `Syntax error at ${place}, column ${col + 1}${snippet ? ` (\`${snippet}\`)` : ''}; ${partial ? 'that statement was skipped' : 'this cell was not analysed'}.`,
        cellIndex,
        sourceCodeId: sc.id,
        line,
        col,
      });
      if (!partial) return;
    }
    for (const chunk of chunks) {
      this.cell = { sourceCodeId: sc.id, text: chunk.text, base: chunk.base, lines, cellIndex, blanked: blanked.blankedLines, floats: blanked.floatNumbers, result: this.cell?.sourceCodeId === sc.id ? this.cell.result : undefined };
      for (let stmt = chunk.tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) this.topStatement(stmt);
    }
    if (this.cell?.sourceCodeId === sc.id && this.cell.result !== undefined) this.cellResults[sc.id] = this.cell.result;
  }

  /** Parse a text in statement chunks; chunks that still fail alone are real syntax errors. */
  private reparse(text: string): { chunks: Array<{ tree: Tree; base: number; text: string }>; errorAt?: number } {
    const starts = topLevelStarts(text);
    const chunks: Array<{ tree: Tree; base: number; text: string }> = [];
    let errorAt: number | undefined;
    const bound = (k: number): number => (k < starts.length ? starts[k] : text.length);
    const visit = (i: number, j: number): void => {
      const from = i === 0 ? 0 : bound(i);
      const to = bound(j);
      const piece = text.slice(from, to);
      const tree = parsePython3(piece);
      const errs = findSyntaxErrors(tree);
      if (errs.length === 0) {
        chunks.push({ tree, base: from, text: piece });
        return;
      }
      if (j - i <= 1) {
        if (errorAt === undefined) errorAt = from + errs[0];
        return;
      }
      const mid = (i + j) >> 1;
      visit(i, mid);
      visit(mid, j);
    };
    if (starts.length === 0) {
      const errs = findSyntaxErrors(parsePython3(text));
      return { chunks, errorAt: errs[0] ?? 0 };
    }
    visit(0, starts.length);
    return { chunks, errorAt };
  }

  private topStatement(stmt: SyntaxNode): void {
    if (stmt.name === 'Comment') return;
    if (stmt.name === 'StatementGroup') {
      for (let c = stmt.firstChild; c; c = c.nextSibling) if (c.name !== ';') this.topStatement(c);
      return;
    }
    const startLine = this.cell.lines.lineOf(stmt.from + this.cell.base);
    if (this.cell.blanked.has(startLine) && (stmt.name === 'PassStatement' || stmt.name === 'ExpressionStatement')) return;
    this.loc = this.locationOf(stmt);
    try {
      this.statement(stmt);
    } catch (e) {
      const line = this.loc.line;
      this.diagnostics.push({
        severity: 'error',
        code: 'internal-error',
        message: `Threadline could not analyse the statement at ${this.where(this.cell.cellIndex, line)}: ${e instanceof Error ? e.message : String(e)}.`,
        cellIndex: this.cell.cellIndex,
        sourceCodeId: this.cell.sourceCodeId,
        line,
      });
    }
  }

  private locationOf(node: SyntaxNode): SourceLocation {
    const text = this.cell.text;
    let end = node.to;
    while (end > node.from) {
      const ch = text.charCodeAt(end - 1);
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 12) end--;
      else break;
    }
    const base = this.cell.base;
    const lines = this.cell.lines;
    const from = node.from + base;
    const line = lines.lineOf(from);
    const endAbs = end + base;
    const endLine = end <= node.from ? line : lines.lineOf(endAbs);
    return {
      sourceCodeId: this.cell.sourceCodeId,
      line,
      col: lines.colOf(from, line),
      endLine,
      endCol: end <= node.from ? lines.colOf(from, line) : lines.colOf(endAbs, endLine),
    };
  }

  private src(node: SyntaxNode): string {
    return this.cell.text.slice(node.from, node.to);
  }

  /** Original (un-blanked) text of a node: blanking keeps offsets, so slice the cell code. */
  private originalText(node: SyntaxNode): string {
    const sc = this.sourceCodes[this.sourceCodes.length - 1];
    return sc.code.slice(node.from + this.cell.base, node.to + this.cell.base).trimEnd();
  }

  // ---------------------------------------------------------------------------------
  // Node construction

  /** Completes `node` in place (callers pass a fresh literal): no per-node copy. */
  private add<T extends NodeInit>(node: T, withLocation = true): Extract<LineageNode, { kind: T['kind'] }> {
    const full = node as unknown as Extract<LineageNode, { kind: T['kind'] }>;
    full.id = this.newId();
    full.sessionId = this.sessionId;
    full.seq = this.seq++;
    full.names = NO_NAMES;
    if (withLocation && this.loc) full.location = this.loc;
    this.nodes.push(full);
    return full;
  }

  private push<N extends LineageNode>(node: N): N {
    this.nodes.push(node);
    return node;
  }

  /** The node with this id (see `byId`). */
  private node(id: string): LineageNode | undefined {
    const found = this.byId.get(id);
    if (found !== undefined) return found;
    const nodes = this.nodes;
    // Usually the node asked for was made in the current statement: look back a little.
    const stop = Math.max(this.indexed, nodes.length - 64);
    for (let i = nodes.length - 1; i >= stop; i--) {
      if (nodes[i].id === id) {
        this.byId.set(id, nodes[i]);
        return nodes[i];
      }
    }
    if (stop === this.indexed) return undefined;
    for (let i = this.indexed; i < nodes.length; i++) this.byId.set(nodes[i].id, nodes[i]);
    this.indexed = nodes.length;
    return this.byId.get(id);
  }

  // The frequent kinds are built as whole literals (one shape each, no later property
  // additions): node creation is a hot path.

  private literal(value: LiteralValue, valueType: string): string {
    const id = this.newId();
    const location = this.loc;
    const seq = this.seq++;
    const sessionId = this.sessionId;
    this.push<LiteralNode>(
      location
        ? { id, sessionId, kind: 'Literal', seq, location, names: NO_NAMES, value, valueType }
        : { id, sessionId, kind: 'Literal', seq, names: NO_NAMES, value, valueType },
    );
    return id;
  }

  private lookup(name: string): string {
    const id = this.newId();
    const location = this.loc;
    const seq = this.seq++;
    const sessionId = this.sessionId;
    this.push<LookupNode>(location ? { id, sessionId, kind: 'Lookup', seq, location, names: NO_NAMES, name } : { id, sessionId, kind: 'Lookup', seq, names: NO_NAMES, name });
    return id;
  }

  private mutateNode(sourceId: string, callId: string): MutateNode {
    const id = this.newId();
    const location = this.loc;
    const seq = this.seq++;
    const sessionId = this.sessionId;
    return this.push<MutateNode>(
      location ? { id, sessionId, kind: 'Mutate', seq, location, names: NO_NAMES, sourceId, callId } : { id, sessionId, kind: 'Mutate', seq, names: NO_NAMES, sourceId, callId },
    );
  }

  private call(functionId: string, args: CallArg[], kwargs: CallKwarg[] = NO_KWARGS, extra: Partial<Pick<CallNode, 'globalReads' | 'implicitDeps' | 'blackBox'>> = {}): CallNode {
    const id = this.newId();
    const location = this.loc;
    const seq = this.seq++;
    const sessionId = this.sessionId;
    const globalReads = extra.globalReads ?? NO_READS;
    const implicitDeps = extra.implicitDeps ?? NO_IDS;
    const node: CallNode = location
      ? { id, sessionId, kind: 'Call', seq, location, names: NO_NAMES, functionId, args, kwargs, globalReads, implicitDeps }
      : { id, sessionId, kind: 'Call', seq, names: NO_NAMES, functionId, args, kwargs, globalReads, implicitDeps };
    if (extra.blackBox !== undefined) node.blackBox = extra.blackBox;
    return this.push(node);
  }

  private helper(name: string, args: string[]): string {
    return this.call(this.lookup(name), args.map((id) => ({ id, starred: false }))).id;
  }

  // ---------------------------------------------------------------------------------
  // Versions, views and bindings

  private rootOf(id: string): string {
    return this.versionRoot.get(id) ?? id;
  }

  private latestOf(root: string): string {
    return this.latest.get(root) ?? root;
  }

  private bind(name: string, valueId: string): void {
    const root = this.rootOf(valueId);
    if (this.pendingContain.size > 0) this.settle(root);
    this.scope.set(name, root);
    if (!this.bindingSeen.has(name)) {
      this.bindingSeen.add(name);
      this.bindingOrder.push(name);
    }
    const node = this.node(root);
    if (node) addName(node, name);
    const latest = this.latest.get(root);
    if (latest !== undefined) {
      const v = this.node(latest);
      if (v) addName(v, name);
    }
  }

  /** Mutate the value `id` (any version) and every view of it. Returns the roots touched. */
  private mutate(id: string, callId: string, done?: Set<string>): void {
    const root = this.rootOf(id);
    for (const member of this.views.viewsOf(root)) {
      if (done) {
        if (done.has(member)) continue;
        done.add(member);
      }
      const source = this.latestOf(member);
      if (source === callId) continue;
      if (this.flat.has(member) && !this.keepsFlat(callId, member)) this.flat.delete(member);
      const memberNode = this.node(member);
      const m = this.mutateNode(source, callId);
      if (memberNode && memberNode.names.length > 0) m.names = [...memberNode.names];
      this.latest.set(member, m.id);
      this.versionRoot.set(m.id, member);
    }
  }

  /** Can the call `callId`, mutating `member`, have put a mutable value into it? No if all its other inputs are immutable. */
  private keepsFlat(callId: string, member: string): boolean {
    const call = this.node(callId);
    if (!call || call.kind !== 'Call' || call.blackBox !== undefined || this.functions.has(this.rootOf(call.functionId))) return false;
    for (const a of call.args) {
      const r = this.rootOf(a.id);
      if (r !== member && !this.isImmutableElement(r)) return false;
    }
    for (const k of call.kwargs) {
      const r = this.rootOf(k.id);
      if (r !== member && !this.isImmutableElement(r)) return false;
    }
    return true;
  }

  /** A value that is never changed in place, nor holds anything that is: literals, builtins, tuples of those. */
  private isImmutableElement(root: string): boolean {
    const node = this.node(root);
    if (!node) return false;
    if (node.kind === 'Literal' || node.kind === 'Lookup') return true;
    return this.flat.has(root) && this.types.get(root) === 'tuple';
  }

  /** Can an element taken out of `root` be mutable (and so shared with the container)? */
  private mayHoldMutable(root: string): boolean {
    if (this.flat.has(root)) return false;
    const node = this.node(root);
    if (node && (node.kind === 'Literal' || node.kind === 'Import')) return false;
    const t = this.types.get(root);
    return t === undefined || !ELEMENT_KEEPS_TYPE.has(t);
  }

  /** Containment (conservative): a display is in the view set of each element that may be mutable. */
  private contain(displayId: string, items: ReadonlyArray<{ id: string; starred: boolean }>): void {
    let pending: string[] | undefined;
    for (const item of items) {
      const r = this.rootOf(item.id);
      // `*xs` / `**m` spread the elements: fine when xs holds only immutable values.
      if (this.isImmutableElement(r) || (item.starred && this.flat.has(r))) continue;
      (pending ??= []).push(r);
    }
    if (pending) this.pendingContain.set(displayId, pending);
    else this.flat.add(displayId);
  }

  /** `container` now holds `value` (or its elements): one view set, unless nothing there can change. */
  private hold(container: string, value: string, elementsOnly: boolean): void {
    if (container === value || this.isImmutableElement(value)) return;
    const t = this.types.get(container);
    if (t !== undefined && ELEMENT_KEEPS_TYPE.has(t)) return;
    this.settle(value);
    if (elementsOnly && !this.mayHoldMutable(value)) return;
    this.views.union(container, value);
  }

  /** The display `root` is used as a value: tie it to its (nested) mutable elements. */
  private settle(root: string): void {
    const pending = this.pendingContain.get(root);
    if (pending === undefined) return;
    this.pendingContain.delete(root);
    for (const r of pending) {
      this.views.union(r, root);
      this.settle(r);
    }
  }

  private pseudoValue(which: PseudoValue): string {
    let id = this.pseudo.get(which);
    if (id === undefined) {
      // Pseudo-values have no location: they stand for the outside world, not a line.
      id = this.add({ kind: 'Lookup', name: which }, false).id;
      this.pseudo.set(which, id);
    }
    return id;
  }

  /** Qualified name of a value; a mutated module (a block called into it) keeps its name. */
  private qualOf(id: string): string | undefined {
    return this.quals.get(id) ?? this.quals.get(this.rootOf(id));
  }

  private typeOf(id: string): string | undefined {
    return this.types.get(this.rootOf(id));
  }

  // ---------------------------------------------------------------------------------
  // Names

  private readName(name: string): string {
    const root = this.scope.get(name);
    if (root !== undefined) return this.latestOf(root);
    if (this.stars.length > 0 && !BUILTIN_NAMES.has(name)) {
      const star = this.stars[this.stars.length - 1];
      const id = this.helper('getattr', [this.latestOf(star.callId), this.literal(name, 'str')]);
      this.quals.set(id, `${star.module}.${name}`);
      return id;
    }
    const id = this.lookup(name);
    this.quals.set(id, `builtins.${name}`);
    return id;
  }

  /**
   * Resolve a name for an opaque unit's globalReads: names the program bound, else (after
   * `from m import *`, for a non-builtin) the star-imported module, as plain reads do.
   */
  private boundRead(name: string): string | undefined {
    const root = this.scope.get(name);
    return root !== undefined ? this.latestOf(root) : undefined;
  }

  private resolveRead(name: string): string | undefined {
    const root = this.scope.get(name);
    if (root !== undefined) return this.latestOf(root);
    if (this.stars.length > 0 && !BUILTIN_NAMES.has(name)) return this.latestOf(this.stars[this.stars.length - 1].callId);
    return undefined;
  }

  // ---------------------------------------------------------------------------------
  // Statements

  private statement(stmt: SyntaxNode): void {
    switch (stmt.name) {
      case 'ExpressionStatement': {
        const id = this.expressionList(stmt.firstChild, null);
        if (id !== undefined) this.cell.result = id;
        return;
      }
      case 'AssignStatement':
        return this.assignStatement(stmt);
      case 'ImportStatement':
        return this.importStatement(stmt);
      case 'DeleteStatement':
        return this.deleteStatement(stmt);
      case 'AssertStatement': {
        const args: string[] = [];
        for (let c = stmt.firstChild?.nextSibling ?? null; c; c = c.nextSibling) if (c.name !== ',') args.push(this.ev(c));
        this.cell.result = undefined;
        this.helper('l_assert', args);
        return;
      }
      case 'ReturnStatement':
        this.diagnostics.push({
          severity: 'warning',
          code: 'top-level-return',
          message: `\`return\` outside a function at ${this.where(this.cell.cellIndex, this.loc?.line ?? 1)}; it was ignored.`,
          cellIndex: this.cell.cellIndex,
          sourceCodeId: this.cell.sourceCodeId,
          line: this.loc?.line,
        });
        return;
      case 'PassStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ScopeStatement':
        return;
      default:
        if (stmt.name === 'UpdateStatement') return this.updateStatement(stmt);
        if (OPAQUE_STATEMENTS.has(stmt.name)) {
          this.cell.result = this.opaque(stmt, analyseUnit(stmt, this.cell.text), 'l_exec_statement', !DEFINITIONS.has(stmt.name));
          return;
        }
        // Anything else (unexpected node): treat as opaque so nothing is lost.
        this.cell.result = this.opaque(stmt, analyseUnit(stmt, this.cell.text), 'l_exec_statement', true);
    }
  }

  /**
   * `a += …` (opaque). On a value that may be mutable (list, dict, set, unknown) the
   * operator works in place: the new binding joins the old value's view set, so later
   * mutations of `a` still reach its aliases.
   */
  private updateStatement(stmt: SyntaxNode): void {
    const target = stmt.firstChild;
    const name = target && target.name === 'VariableName' ? this.src(target) : undefined;
    const before = name !== undefined ? this.scope.get(name) : undefined;
    this.cell.result = this.opaque(stmt, analyseUnit(stmt, this.cell.text), 'l_exec_statement', true);
    if (name === undefined || before === undefined) return;
    const after = this.scope.get(name);
    if (after === undefined || after === before || this.isImmutable(before)) return;
    this.views.union(before, after);
    const t = this.types.get(before);
    if (t !== undefined) this.types.set(after, t);
  }

  /** A value known to be immutable: a literal, or a tuple/str-typed value. */
  private isImmutable(root: string): boolean {
    const node = this.node(root);
    if (node && (node.kind === 'Literal' || node.kind === 'Import')) return true;
    const t = this.types.get(root);
    return t === 'tuple' || t === 'str';
  }

  /**
   * One Call node for an opaque unit: reads its free names, mutates what it mutates,
   * and binds a Global node per name it writes.
   */
  private opaque(node: SyntaxNode, facts: UnitFacts, helper: string, readsPrevious: boolean, resultFacts?: FunctionFacts): string {
    const globalReads: Record<string, string> = {};
    const mutated = new Set<string>(facts.mutated);
    for (const name of facts.mutatedElements) {
      const root = this.scope.get(name);
      if (root !== undefined && this.mayHoldMutable(root)) mutated.add(name);
    }
    const globalWrites: string[] = [];
    const expand = (name: string, seen: Set<string>, bound = false): void => {
      if (seen.has(name)) return;
      seen.add(name);
      // A written name's previous value counts only if the program bound it.
      const id = bound ? this.boundRead(name) : this.resolveRead(name);
      if (id === undefined) return;
      globalReads[name] = id;
      const fn = this.functions.get(this.rootOf(id));
      if (!fn) return;
      for (const f of fn.free) expand(f, seen);
      for (const m of fn.mutatedGlobals) mutated.add(m);
      for (const w of fn.globalWrites) globalWrites.push(w);
    };
    const seen = new Set<string>();
    for (const name of facts.reads) expand(name, seen);
    for (const name of mutated) expand(name, seen);
    if (readsPrevious) for (const name of facts.writes) if (!facts.definite.has(name)) expand(name, seen, true);
    const callNode = this.call(this.lookup(helper), [], [], { globalReads, blackBox: this.originalText(node) });
    const callId = callNode.id;
    for (const name in globalReads) {
      const q = this.qualOf(globalReads[name]);
      if (q === 'lineapy' || q === 'lineapy.save') {
        this.reportBlockSaves(node);
        break;
      }
    }
    const done = new Set<string>();
    for (const name of mutated) {
      const root = this.scope.get(name);
      if (root !== undefined) this.mutate(root, callId, done);
    }
    for (const name of [...facts.writes, ...globalWrites]) {
      const g = this.add({ kind: 'Global', name, callId });
      const fn = facts.functions.get(name);
      if (fn) {
        this.functions.set(g.id, fn);
        if (this.isClassDef(node, name)) this.classes.add(g.id);
      }
      this.bind(name, g.id);
    }
    if (resultFacts) this.functions.set(callId, resultFacts);
    return callId;
  }

  /** `lineapy.save(...)` inside an opaque unit cannot be pinned statically: say so. */
  private reportBlockSaves(unit: SyntaxNode): void {
    const cursor = unit.cursor();
    const end = unit.to;
    do {
      if (cursor.from >= end) break;
      if (cursor.name !== 'CallExpression') continue;
      const callee = cursor.node.firstChild;
      let isSave = false;
      if (callee?.name === 'VariableName') {
        const root = this.scope.get(this.src(callee));
        isSave = root !== undefined && this.qualOf(root) === 'lineapy.save';
      } else if (callee?.name === 'MemberExpression') isSave = this.isLineapy(callee, 'save');
      if (!isSave) continue;
      const line = this.cell.lines.lineOf(cursor.from + this.cell.base);
      this.diagnostics.push({
        severity: 'info',
        code: 'lineapy-save-in-block',
        message: `The lineapy save at ${this.where(this.cell.cellIndex, line)} is inside a block; a lineapy save inside a block is not tracked as an artifact.`,
        cellIndex: this.cell.cellIndex,
        sourceCodeId: this.cell.sourceCodeId,
        line,
      });
    } while (cursor.next());
  }

  private isClassDef(node: SyntaxNode, name: string): boolean {
    let n: SyntaxNode | null = node;
    if (n.name === 'DecoratedStatement') n = n.lastChild;
    if (!n || n.name !== 'ClassDefinition') return false;
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === 'VariableName') return this.src(c) === name;
    return false;
  }

  /** Evaluate a comma-separated expression list starting at `first` (up to `end`). */
  private expressionList(first: SyntaxNode | null, end: SyntaxNode | null): string | undefined {
    const items: CallArg[] = [];
    let sawComma = false;
    for (let c = first; c && before(c, end); c = c.nextSibling) {
      if (c.name === ',') {
        sawComma = true;
        continue;
      }
      if (c.name === '*') {
        const next = c.nextSibling;
        if (next && before(next, end)) {
          items.push({ id: this.ev(next), starred: true });
          c = next;
        }
        continue;
      }
      items.push({ id: this.ev(c), starred: false });
    }
    if (items.length === 0) return undefined;
    if (items.length === 1 && !sawComma && !items[0].starred) return items[0].id;
    const id = this.call(this.lookup('l_tuple'), items).id;
    this.types.set(id, 'tuple');
    this.contain(id, items);
    return id;
  }

  private assignStatement(stmt: SyntaxNode): void {
    const groups: SyntaxNode[][] = [[]];
    for (let c = stmt.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') groups.push([]);
      else if (c.name !== 'TypeDef') groups[groups.length - 1].push(c);
    }
    if (groups.length === 1) return; // `x: int` — an annotation binds nothing.
    const valueGroup = groups[groups.length - 1];
    let value: string;
    const single = valueGroup.length === 1 ? unparen(valueGroup[0]) : null;
    const bareTargets = groups.slice(0, -1).every((grp) => grp.length === 1 && unparen(grp[0]).name === 'VariableName');
    if (single && single.name === 'VariableName' && bareTargets) {
      // `x = y`: an alias call, so the two names stay distinct views of one object.
      const source = this.readName(this.src(single));
      value = this.helper('l_alias', [source]);
      this.views.union(this.rootOf(source), value);
      const t = this.typeOf(source);
      if (t) this.types.set(value, t);
      const q = this.quals.get(source);
      if (q) this.quals.set(value, q);
      const fn = this.functions.get(this.rootOf(source));
      if (fn) this.functions.set(value, fn);
      const inst = this.instances.get(this.rootOf(source));
      if (inst) this.instances.set(value, inst);
      if (this.classes.has(this.rootOf(source))) this.classes.add(value);
    } else if (valueGroup.length === 1 && valueGroup[0].name === 'YieldExpression') {
      value = this.opaqueExpr(valueGroup[0]);
    } else {
      value = this.expressionList(valueGroup[0] ?? null, null) ?? this.literal(null, 'NoneType');
    }
    for (let i = 0; i < groups.length - 1; i++) this.bindTargetList(groups[i], value);
    this.cell.result = this.latestOf(this.rootOf(value));
  }

  /** Bind a target group (may be `a, b` or `a, *b`). */
  private bindTargetList(group: SyntaxNode[], value: string): void {
    const targets = group.filter((n) => n.name !== ',');
    const hasComma = group.some((n) => n.name === ',');
    if (targets.length === 1 && !hasComma && targets[0].name !== '*') {
      this.bindTarget(targets[0], value);
      return;
    }
    this.unpack(group, value);
  }

  private unpack(items: SyntaxNode[], value: string): void {
    const targets: Array<{ node: SyntaxNode; starred: boolean }> = [];
    for (let i = 0; i < items.length; i++) {
      const c = items[i];
      if (c.name === ',' || c.name === '(' || c.name === ')' || c.name === '[' || c.name === ']') continue;
      if (c.name === '*') {
        const next = items[i + 1];
        if (next) targets.push({ node: next, starred: true });
        i++;
        continue;
      }
      targets.push({ node: c, starred: false });
    }
    const starAt = targets.findIndex((t) => t.starred);
    const n = targets.length;
    const unpacked =
      starAt >= 0
        ? this.helper('l_unpack_ex', [value, this.literal(starAt, 'int'), this.literal(n - starAt - 1, 'int')])
        : this.helper('l_unpack_sequence', [value, this.literal(n, 'int')]);
    const t = this.typeOf(value);
    this.settle(this.rootOf(value));
    const shared = this.mayHoldMutable(this.rootOf(value));
    targets.forEach((target, i) => {
      const el = this.helper('getitem', [unpacked, this.literal(i, 'int')]);
      if (t && ELEMENT_KEEPS_TYPE.has(t)) this.types.set(el, t);
      else if (shared) this.views.union(this.rootOf(value), el);
      this.bindTarget(target.node, el);
    });
  }

  private bindTarget(target: SyntaxNode, value: string): void {
    switch (target.name) {
      case 'VariableName':
        this.bind(this.src(target), value);
        return;
      case 'ParenthesizedExpression': {
        const inner = target.firstChild?.nextSibling;
        if (inner && inner.name !== ')') this.bindTarget(inner, value);
        return;
      }
      case 'TupleExpression':
      case 'ArrayExpression': {
        const items: SyntaxNode[] = [];
        for (let c = target.firstChild; c; c = c.nextSibling) items.push(c);
        this.unpack(items, value);
        return;
      }
      case 'MemberExpression': {
        const obj = target.firstChild;
        if (!obj) return;
        const objId = this.ev(obj);
        const second = obj.nextSibling;
        let callId: string;
        if (second && second.name === '.') {
          const prop = target.lastChild;
          callId = this.helper('setattr', [objId, this.literal(prop ? this.src(prop) : '', 'str'), value]);
        } else {
          const key = this.subscriptKey(second, target.lastChild);
          callId = this.helper('setitem', [objId, key, value]);
        }
        this.mutateChain(objId, obj, callId);
        // After the mutation: the container holds the value from now on.
        if (second && second.name !== '.') this.hold(this.rootOf(objId), this.rootOf(value), false);
        return;
      }
      default:
        // Not a valid target (e.g. a call); evaluate for its reads.
        this.ev(target);
    }
  }

  /** Mutate a value and, when it was reached through `a.b[c]…`, the base variable too. */
  private mutateChain(objId: string, objNode: SyntaxNode, callId: string): void {
    const done = new Set<string>();
    this.mutate(objId, callId, done);
    let n: SyntaxNode | null = objNode;
    while (n && n.name === 'MemberExpression') n = n.firstChild;
    if (n && n.name === 'VariableName' && n !== objNode) {
      const root = this.scope.get(this.src(n));
      if (root !== undefined) this.mutate(root, callId, done);
    }
  }

  private deleteStatement(stmt: SyntaxNode): void {
    for (let c = stmt.firstChild?.nextSibling ?? null; c; c = c.nextSibling) this.deleteTarget(c);
  }

  private deleteTarget(c: SyntaxNode): void {
    if (c.name === 'VariableName') {
      this.scope.delete(this.src(c));
    } else if (c.name === 'MemberExpression') {
      const obj = c.firstChild;
      if (!obj) return;
      const objId = this.ev(obj);
      const second = obj.nextSibling;
      let callId: string;
      if (second && second.name === '.') {
        const prop = c.lastChild;
        callId = this.helper('delattr', [objId, this.literal(prop ? this.src(prop) : '', 'str')]);
      } else {
        callId = this.helper('delitem', [objId, this.subscriptKey(second, c.lastChild)]);
      }
      this.mutateChain(objId, obj, callId);
    } else if (c.name === 'TupleExpression' || c.name === 'ArrayExpression' || c.name === 'ParenthesizedExpression') {
      for (let d = c.firstChild; d; d = d.nextSibling) this.deleteTarget(d);
    }
  }

  // ---------------------------------------------------------------------------------
  // Imports

  private importStatement(stmt: SyntaxNode): void {
    const first = stmt.firstChild;
    if (!first) return;
    if (first.name === 'import') {
      // import a.b.c [as d], e
      let parts: string[] = [];
      let alias: string | undefined;
      const flush = (): void => {
        if (parts.length > 0) this.importModule(parts.join('.'), alias);
        parts = [];
        alias = undefined;
      };
      for (let c = first.nextSibling; c; c = c.nextSibling) {
        if (c.name === 'VariableName') {
          if (c.prevSibling?.name === 'as') alias = this.src(c);
          else parts.push(this.src(c));
        } else if (c.name === ',') flush();
      }
      flush();
      return;
    }
    // from [.]*m import names | *
    let level = 0;
    const parts: string[] = [];
    let c = first.nextSibling;
    for (; c && c.name !== 'import'; c = c.nextSibling) {
      // Only dots before the first name are relative levels; later ones join a dotted name.
      if (c.name === '.') {
        if (parts.length === 0) level++;
      } else if (c.name === 'Ellipsis') {
        if (parts.length === 0) level += 3;
      }
      else if (c.name === 'VariableName') parts.push(this.src(c));
    }
    const module = '.'.repeat(level) + parts.join('.');
    const names: Array<{ name: string; alias?: string }> = [];
    let star = false;
    for (c = c?.nextSibling ?? null; c; c = c.nextSibling) {
      if (c.name === '*') star = true;
      else if (c.name === 'VariableName') {
        if (c.prevSibling?.name === 'as') names[names.length - 1].alias = this.src(c);
        else names.push({ name: this.src(c) });
      }
    }
    const callId = this.importCall(module);
    if (star) {
      this.stars.push({ callId, module });
      return;
    }
    for (const { name, alias } of names) {
      const id = this.helper('getattr', [callId, this.literal(name, 'str')]);
      this.quals.set(id, `${module}.${name}`);
      this.bind(alias ?? name, id);
    }
  }

  /** The Import node and the `l_import` call for one module; returns the call id. */
  private importCall(module: string, extraArgs: string[] = []): string {
    const packageName = module.replace(/^\.+/, '').split('.')[0] || module;
    const imp = this.add({ kind: 'Import', name: module, packageName });
    const callId = this.call(
      this.lookup('l_import'),
      [this.literal(module, 'str'), ...extraArgs].map((id) => ({ id, starred: false })),
      [],
      { implicitDeps: [imp.id] },
    ).id;
    this.quals.set(callId, module);
    return callId;
  }

  private importModule(module: string, alias: string | undefined): void {
    if (alias !== undefined) {
      this.bind(alias, this.importCall(module));
      return;
    }
    const top = module.split('.')[0];
    const existing = this.scope.get(top);
    if (module.includes('.') && existing !== undefined && this.quals.get(existing) === top) {
      // `import a.b` after `import a`: loads a submodule into `a` (a mutation of a).
      const callId = this.importCall(module, [this.latestOf(existing)]);
      this.quals.set(callId, top);
      this.mutate(existing, callId);
      return;
    }
    const callId = this.importCall(module);
    this.quals.set(callId, top);
    this.bind(top, callId);
  }

  // ---------------------------------------------------------------------------------
  // Expressions

  private ev(node: SyntaxNode): string {
    switch (node.name) {
      case 'VariableName':
        return this.readName(this.src(node));
      case 'Number':
        if (this.cell.floats.has(node.from + this.cell.base)) return this.literal(Number(this.src(node).replace(/_/g, '')), 'float');
        return this.number(this.src(node));
      case 'String': {
        const [value, type] = decodeString(this.src(node));
        return this.literal(value, type);
      }
      case 'ContinuedString': {
        let value = '';
        let type = 'str';
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'FormatString') return this.opaqueExpr(node);
          const [v, t] = decodeString(this.src(c));
          value += String(v);
          type = t;
        }
        return this.literal(value, type);
      }
      case 'Boolean':
        return this.literal(this.src(node) === 'True', 'bool');
      case 'None':
        return this.literal(null, 'NoneType');
      case 'Ellipsis':
        return this.literal('...', 'ellipsis');
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling;
        if (!inner || inner.name === ')') return this.literal(null, 'NoneType');
        if (inner.name === 'YieldExpression') return this.opaqueExpr(node);
        if (inner.name === '*') return inner.nextSibling ? this.ev(inner.nextSibling) : this.literal(null, 'NoneType');
        return this.ev(inner);
      }
      case 'TupleExpression': {
        const id = this.display('l_tuple', node);
        this.types.set(id, 'tuple');
        return id;
      }
      case 'ArrayExpression': {
        const id = this.display('l_list', node);
        this.types.set(id, 'list');
        return id;
      }
      case 'DictionaryExpression':
        return this.dict(node);
      case 'MemberExpression':
        return this.member(node);
      case 'CallExpression':
        return this.callExpr(node);
      case 'BinaryExpression':
        return this.binary(node);
      case 'UnaryExpression': {
        const op = node.firstChild;
        const operand = op?.nextSibling;
        if (!op || !operand) return this.opaqueExpr(node);
        const name = UNARY[this.src(op)] ?? 'pos';
        return this.helper(name, [this.ev(operand)]);
      }
      case 'NamedExpression': {
        const target = node.firstChild;
        const valueNode = target?.nextSibling?.nextSibling;
        if (!target || !valueNode) return this.opaqueExpr(node);
        const value = this.ev(valueNode);
        if (target.name === 'VariableName') this.bind(this.src(target), value);
        return value;
      }
      default:
        // Comprehensions, generators, lambdas, f-strings, sets, conditionals, await, yield.
        return this.opaqueExpr(node);
    }
  }

  private opaqueExpr(node: SyntaxNode): string {
    const facts = analyseUnit(node, this.cell.text);
    return this.opaque(node, facts, 'l_exec_expr', false, facts.lambda);
  }

  private number(text: string): string {
    const t = text.replace(/_/g, '');
    const last = t[t.length - 1];
    if (last === 'j' || last === 'J') return this.literal(text, 'complex');
    if (/^0[xob]/i.test(t)) {
      const big = BigInt(t);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) ? this.literal(Number(big), 'int') : this.literal(text, 'int');
    }
    if (/[.eE]/.test(t)) return this.literal(Number(t), 'float');
    const n = Number(t);
    if (Number.isSafeInteger(n)) return this.literal(n, 'int');
    return this.literal(text, 'int');
  }

  private display(helper: string, node: SyntaxNode): string {
    const args: CallArg[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const n = c.name;
      if (n === '(' || n === ')' || n === '[' || n === ']' || n === ',') continue;
      if (n === '*') {
        const next = c.nextSibling;
        if (next) {
          args.push({ id: this.ev(next), starred: true });
          c = next;
        }
        continue;
      }
      args.push({ id: this.ev(c), starred: false });
    }
    const id = this.call(this.lookup(helper), args).id;
    this.contain(id, args);
    return id;
  }

  private dict(node: SyntaxNode): string {
    const args: CallArg[] = [];
    const kwargs: CallKwarg[] = [];
    let expectValue = false;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const n = c.name;
      if (n === '{' || n === '}' || n === ',') continue;
      if (n === ':') {
        expectValue = true;
        continue;
      }
      if (n === '**') {
        const next = c.nextSibling;
        if (next) {
          kwargs.push({ key: '**', id: this.ev(next), starred: true });
          c = next;
        }
        continue;
      }
      args.push({ id: this.ev(c), starred: false });
      expectValue = false;
    }
    void expectValue;
    const id = this.call(this.lookup('l_dict'), args, kwargs).id;
    this.types.set(id, 'dict');
    this.contain(id, args.length === 0 ? kwargs : kwargs.length === 0 ? args : [...args, ...kwargs]);
    return id;
  }

  private member(node: SyntaxNode): string {
    const obj = node.firstChild;
    if (!obj) return this.opaqueExpr(node);
    const objId = this.ev(obj);
    const second = obj.nextSibling;
    if (second && second.name === '.') {
      const prop = node.lastChild;
      return this.getattr(objId, prop && prop.name === 'PropertyName' ? this.src(prop) : '');
    }
    const key = this.subscriptKey(second, node.lastChild);
    const id = this.helper('getitem', [objId, key]);
    const t = this.typeOf(objId);
    if (t && ELEMENT_KEEPS_TYPE.has(t)) {
      this.types.set(id, t);
      if (t === NDARRAY) this.views.union(this.rootOf(objId), id);
    } else if (this.mayHoldMutable(this.rootOf(objId))) {
      this.settle(this.rootOf(objId));
      // The element may be a mutable value shared with the container.
      this.views.union(this.rootOf(objId), id);
    }
    return id;
  }

  private getattr(objId: string, attr: string): string {
    const id = this.helper('getattr', [objId, this.literal(attr, 'str')]);
    const q = this.qualOf(objId);
    if (q !== undefined) this.quals.set(id, `${q}.${attr}`);
    const t = this.typeOf(objId);
    if (t === DATAFRAME && FRAME_VIEW_ATTRS.has(attr)) {
      this.types.set(id, DATAFRAME);
      this.views.union(this.rootOf(objId), id);
    }
    return id;
  }

  /** The key of `o[...]`: between `open` ("[") and `close` ("]"). Slices become `slice(...)`. */
  private subscriptKey(open: SyntaxNode | null, close: SyntaxNode | null): string {
    const items: string[] = [];
    let group: SyntaxNode[] = [];
    const flush = (): void => {
      if (group.length === 0) return;
      if (group.some((g) => g.name === ':')) {
        const parts: Array<string | undefined> = [undefined, undefined, undefined];
        let k = 0;
        for (const g of group) {
          if (g.name === ':') k++;
          else if (k < 3) parts[k] = this.ev(g);
        }
        const args = [parts[0], parts[1], parts[2]].slice(0, Math.max(2, k + 1)).map((p) => p ?? this.literal(null, 'NoneType'));
        items.push(this.helper('slice', args));
      } else if (group.length >= 2 && group[0].name === '*') {
        items.push(this.ev(group[1]));
      } else {
        items.push(this.ev(group[0]));
      }
      group = [];
    };
    let sawComma = false;
    for (let c = open?.nextSibling ?? null; c && before(c, close); c = c.nextSibling) {
      if (c.name === ',') {
        sawComma = true;
        flush();
      } else group.push(c);
    }
    flush();
    if (items.length === 1 && !sawComma) return items[0];
    return this.helper('l_tuple', items);
  }

  private binary(node: SyntaxNode): string {
    const left = node.firstChild;
    const right = node.lastChild;
    if (!left || !right || left.from === right.from) return this.opaqueExpr(node);
    let op = '';
    for (let c = left.nextSibling; c && before(c, right); c = c.nextSibling) op += (op ? ' ' : '') + this.src(c);
    const name = OPERATORS[op];
    if (!name) return this.opaqueExpr(node);
    const l = this.ev(left);
    const r = this.ev(right);
    if (name === 'contains') return this.helper('contains', [r, l]);
    if (name === 'not_contains') return this.helper('not_', [this.helper('contains', [r, l])]);
    return this.helper(name, [l, r]);
  }

  private args(argList: SyntaxNode | null): { args: CallArg[]; kwargs: CallKwarg[]; firstLiteral?: string } {
    const args: CallArg[] = [];
    const kwargs: CallKwarg[] = [];
    if (!argList) return { args, kwargs };
    let start: SyntaxNode | null = argList.firstChild?.nextSibling ?? null;
    for (let c = start; c; c = c.nextSibling) {
      if (c.name !== ',' && c.name !== ')') continue;
      const end = c;
      const first = start;
      start = c.nextSibling;
      if (!first || !before(first, end)) continue;
      let isGenerator = false;
      for (let d: SyntaxNode | null = first; d && before(d, end); d = d.nextSibling) if (d.name === 'for') isGenerator = true;
      if (isGenerator) {
        const facts = analyseComprehensionRange(first, end, this.cell.text);
        const blackBox = this.sourceCodes[this.sourceCodes.length - 1].code.slice(first.from + this.cell.base, end.from + this.cell.base).trim();
        args.push({ id: this.opaqueRange(facts, blackBox), starred: false });
        continue;
      }
      if (first.name === '*' || first.name === '**') {
        const v = first.nextSibling;
        if (!v || !before(v, end)) continue;
        if (first.name === '*') args.push({ id: this.ev(v), starred: true });
        else kwargs.push({ key: '**', id: this.ev(v), starred: true });
        continue;
      }
      const op = first.nextSibling;
      if (first.name === 'VariableName' && op && before(op, end) && op.name === 'AssignOp') {
        const v = op.nextSibling;
        if (!v || !before(v, end)) continue;
        if (this.src(op) === ':=') {
          const value = this.ev(v);
          this.bind(this.src(first), value);
          args.push({ id: value, starred: false });
        } else {
          kwargs.push({ key: this.src(first), id: this.ev(v), starred: false });
        }
        continue;
      }
      args.push({ id: this.ev(first), starred: false });
    }
    return { args, kwargs };
  }

  private opaqueRange(facts: UnitFacts, blackBox: string): string {
    const globalReads: Record<string, string> = {};
    for (const name of facts.reads) {
      const id = this.resolveRead(name);
      if (id !== undefined) globalReads[name] = id;
    }
    const callId = this.call(this.lookup('l_exec_expr'), [], [], { globalReads, blackBox }).id;
    const done = new Set<string>();
    for (const name of facts.mutated) {
      const root = this.scope.get(name);
      if (root !== undefined) this.mutate(root, callId, done);
    }
    for (const name of facts.writes) this.bind(name, this.add({ kind: 'Global', name, callId }).id);
    return callId;
  }

  private isLineapy(node: SyntaxNode | null, attr: string): boolean {
    if (!node || node.name !== 'MemberExpression') return false;
    const obj = node.firstChild;
    const prop = node.lastChild;
    if (!obj || !prop || prop.name !== 'PropertyName' || this.src(prop) !== attr) return false;
    if (obj.name !== 'VariableName') return false;
    const root = this.scope.get(this.src(obj));
    return root !== undefined && this.qualOf(root) === 'lineapy';
  }

  private stringArg(argList: SyntaxNode | null, index: number, keyword: string): string | undefined {
    if (!argList) return undefined;
    let i = 0;
    for (let c = argList.firstChild?.nextSibling ?? null; c && c.name !== ')'; c = c.nextSibling) {
      if (c.name === ',') {
        i++;
        continue;
      }
      if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
        if (this.src(c) === keyword) {
          const v = c.nextSibling.nextSibling;
          if (v && v.name === 'String') return String(decodeString(this.src(v))[0]);
        }
        c = c.nextSibling;
        continue;
      }
      if (i === index && c.name === 'String') return String(decodeString(this.src(c))[0]);
    }
    return undefined;
  }

  private callExpr(node: SyntaxNode): string {
    const callee = node.firstChild;
    const argList = node.lastChild && node.lastChild.name === 'ArgList' ? node.lastChild : null;
    if (!callee) return this.opaqueExpr(node);

    // lineapy.get("name") (and `.get_value()` on it) resolve to the saved node.
    if (this.isLineapy(callee, 'get')) {
      const name = this.stringArg(argList, 0, 'artifact_name');
      if (name !== undefined) {
        const saved = this.saved.get(name);
        if (saved !== undefined) return saved;
      }
    }
    if (callee.name === 'MemberExpression' && callee.lastChild && this.src(callee.lastChild) === 'get_value') {
      const inner = callee.firstChild;
      if (inner && inner.name === 'CallExpression' && this.isLineapy(inner.firstChild, 'get')) {
        const name = this.stringArg(inner.lastChild, 0, 'artifact_name');
        const saved = name !== undefined ? this.saved.get(name) : undefined;
        if (saved !== undefined) return saved;
      }
    }

    let receiverId: string | undefined;
    let receiverNode: SyntaxNode | null = null;
    let method: string | undefined;
    let fnId: string;
    if (callee.name === 'MemberExpression' && callee.firstChild?.nextSibling?.name === '.') {
      receiverNode = callee.firstChild;
      receiverId = this.ev(receiverNode);
      const prop = callee.lastChild;
      method = prop && prop.name === 'PropertyName' ? this.src(prop) : '';
      fnId = this.getattr(receiverId, method);
    } else {
      fnId = this.ev(callee);
    }
    const { args, kwargs } = this.args(argList);
    const callNode = this.call(fnId, args, kwargs);
    const callId = callNode.id;
    const rawQual = this.qualOf(fnId);
    const qual = rawQual !== undefined ? normaliseQualname(rawQual) : undefined;

    if (qual === 'lineapy.save') {
      const target = args[0]?.id ?? kwargs.find((k) => k.key === 'reference')?.id;
      const name = this.stringArg(argList, 1, 'name');
      if (target !== undefined && name !== undefined) {
        this.artifacts.push({ name, nodeId: target, ...(this.loc ? { location: this.loc } : {}) });
        this.saved.set(name, target);
      }
      return callId;
    }

    // User functions, lambdas and classes.
    const fnRoot = this.rootOf(fnId);
    const facts = this.functions.get(fnRoot);
    if (facts) {
      this.applyUserCall(callNode, facts, args, kwargs, undefined);
      if (this.classes.has(fnRoot)) this.instances.set(callId, facts);
    } else if (receiverId !== undefined && method !== undefined && qual === undefined) {
      const inst = this.instances.get(this.rootOf(receiverId));
      if (inst) {
        this.applyUserCall(callNode, inst, args, kwargs, receiverId);
        this.mutateChain(receiverId, receiverNode as SyntaxNode, callId);
      }
    }

    // Library rules.
    let rules: CallRule[] = [];
    if (qual !== undefined) rules = functionRules(qual);
    else if (method !== undefined && receiverId !== undefined) rules = methodRules(method, this.typeOf(receiverId));
    if (rules.length > 0) this.applyRules(rules, callNode, args, kwargs, receiverId, receiverNode, argList);
    return callId;
  }

  private applyUserCall(callNode: CallNode, facts: FunctionFacts, args: CallArg[], kwargs: CallKwarg[], receiverId: string | undefined): void {
    const mutated = new Set<string>();
    const writes: string[] = [];
    const seen = new Set<string>();
    const expand = (f: FunctionFacts): void => {
      for (const m of f.mutatedGlobals) mutated.add(m);
      for (const w of f.globalWrites) writes.push(w);
      for (const name of f.free) {
        if (seen.has(name)) continue;
        seen.add(name);
        const id = this.resolveRead(name);
        if (id === undefined) continue;
        if (callNode.globalReads === NO_READS) callNode.globalReads = {};
        callNode.globalReads[name] = id;
        const inner = this.functions.get(this.rootOf(id));
        if (inner) expand(inner);
      }
    };
    expand(facts);
    const done = new Set<string>();
    for (const name of mutated) {
      const root = this.scope.get(name);
      if (root !== undefined) this.mutate(root, callNode.id, done);
    }
    // Parameters the body mutates: the matching arguments are mutated.
    const offset = receiverId !== undefined ? 1 : 0;
    for (const p of facts.mutatedParams) {
      const pos = facts.params.indexOf(p) - offset;
      const arg = pos >= 0 && pos < args.length && !args[pos].starred ? args[pos] : kwargs.find((k) => k.key === p);
      if (arg) this.mutate(arg.id, callNode.id, done);
    }
    for (const name of writes) this.bind(name, this.add({ kind: 'Global', name, callId: callNode.id }).id);
  }

  private argOf(ref: ArgRef, args: CallArg[], kwargs: CallKwarg[], receiverId: string | undefined): string | undefined {
    if (ref === 'self') return receiverId;
    if (typeof ref === 'number') return args[ref] && !args[ref].starred ? args[ref].id : undefined;
    const kw = kwargs.find((k) => k.key === ref.kw);
    if (kw) return kw.id;
    return ref.pos !== undefined && args[ref.pos] ? args[ref.pos].id : undefined;
  }

  private applyRules(
    rules: CallRule[],
    callNode: CallNode,
    args: CallArg[],
    kwargs: CallKwarg[],
    receiverId: string | undefined,
    receiverNode: SyntaxNode | null,
    argList: SyntaxNode | null,
  ): void {
    const callId = callNode.id;
    const done = new Set<string>();
    let holding: CallRule[] | undefined;
    for (const rule of rules) {
      if (rule.when && !this.kwargIs(argList, rule.when.kw, rule.when.equals)) continue;
      if (rule.reads) {
        const dep = this.latestOf(this.pseudoValue(rule.reads));
        if (!callNode.implicitDeps.includes(dep)) callNode.implicitDeps = [...callNode.implicitDeps, dep];
      }
      for (const ref of rule.mutates ?? []) {
        const id = this.argOf(ref, args, kwargs, receiverId);
        if (id === undefined) continue;
        if (ref === 'self' && receiverNode) this.mutateChain(id, receiverNode, callId);
        else this.mutate(id, callId, done);
      }
      if (rule.writes) this.mutate(this.pseudoValue(rule.writes), callId, done);
      if (receiverId !== undefined && (rule.holds || rule.holdsElementsOf)) (holding ??= []).push(rule);
      for (const ref of rule.viewOf ?? []) {
        const id = this.argOf(ref, args, kwargs, receiverId);
        if (id !== undefined) this.views.union(this.rootOf(id), callId);
      }
      if (rule.returns) this.types.set(callId, rule.returns);
    }
    // Containment after the mutations: the receiver holds its new contents from now on.
    if (holding && receiverId !== undefined) {
      const container = this.rootOf(receiverId);
      for (const rule of holding) {
        for (const ref of rule.holds ?? []) {
          const id = this.argOf(ref, args, kwargs, receiverId);
          if (id !== undefined) this.hold(container, this.rootOf(id), false);
        }
        for (const ref of rule.holdsElementsOf ?? []) {
          const id = this.argOf(ref, args, kwargs, receiverId);
          if (id !== undefined) this.hold(container, this.rootOf(id), true);
        }
      }
    }
  }

  /** Is keyword `kw` given as the literal `value` in this argument list? */
  private kwargIs(argList: SyntaxNode | null, kw: string, value: boolean | string | number): boolean {
    if (!argList) return false;
    for (let c = argList.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp' && this.src(c) === kw) {
        const v = c.nextSibling.nextSibling;
        if (!v) return false;
        const text = this.src(v);
        if (typeof value === 'boolean') return text === (value ? 'True' : 'False');
        if (typeof value === 'number') return Number(text) === value;
        return v.name === 'String' && decodeString(text)[0] === value;
      }
    }
    return false;
  }
}

/**
 * Shared empty values for node fields (most nodes have no names, reads, deps or kwargs):
 * fewer allocations on a hot path. Frozen; the transformer replaces them before adding.
 */
const NO_NAMES = Object.freeze([]) as unknown as string[];
const NO_IDS = Object.freeze([]) as unknown as string[];
const NO_KWARGS = Object.freeze([]) as unknown as CallKwarg[];
const NO_READS = Object.freeze({}) as Record<string, string>;

function addName(node: LineageNode, name: string): void {
  if (node.names === NO_NAMES) node.names = [name];
  else if (!node.names.includes(name)) node.names.push(name);
}

function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenthesizedExpression') {
    const inner = n.firstChild?.nextSibling;
    if (!inner || inner.name === ')' || inner.nextSibling?.name !== ')') break;
    n = inner;
  }
  return n;
}

/** Decode a Python string literal: [value, type]. Bytes keep their source text. */
export function decodeString(text: string): [LiteralValue, string] {
  let i = 0;
  let raw = false;
  let bytes = false;
  while (i < text.length && text[i] !== '"' && text[i] !== "'") {
    const ch = text[i].toLowerCase();
    if (ch === 'r') raw = true;
    if (ch === 'b') bytes = true;
    i++;
  }
  if (bytes) return [text, 'bytes'];
  const q = text.startsWith('"""', i) || text.startsWith("'''", i) ? 3 : 1;
  const body = text.slice(i + q, Math.max(i + q, text.length - q));
  if (raw || !body.includes('\\')) return [body, 'str'];
  let out = '';
  for (let k = 0; k < body.length; k++) {
    const ch = body[k];
    if (ch !== '\\' || k + 1 >= body.length) {
      out += ch;
      continue;
    }
    const n = body[++k];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\n': break;
      case 'x': out += String.fromCharCode(parseInt(body.slice(k + 1, k + 3), 16) || 0); k += 2; break;
      case 'u': out += String.fromCharCode(parseInt(body.slice(k + 1, k + 5), 16) || 0); k += 4; break;
      case 'U': {
        const cp = parseInt(body.slice(k + 1, k + 9), 16);
        out += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
        k += 8;
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          let digits = n;
          while (digits.length < 3 && body[k + 1] >= '0' && body[k + 1] <= '7') digits += body[++k];
          out += String.fromCharCode(parseInt(digits, 8));
        } else out += '\\' + n;
    }
  }
  return [out, 'str'];
}

const BUILTIN_NAMES = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile',
  'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'filter', 'float', 'format', 'frozenset',
  'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter', 'len',
  'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property',
  'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple',
  'type', 'vars', 'zip', 'Exception', 'ValueError', 'TypeError', 'KeyError', 'IndexError', 'display', 'get_ipython',
]);

export function analyse(input: ProgramInput, opts: AnalyseOptions): AnalysisOutput {
  return new Transformer(opts).run(input);
}

/** Is sibling `c` before `end` (lezer creates fresh node objects: compare positions)? */
function before(c: SyntaxNode, end: SyntaxNode | null): boolean {
  return end === null || c.from < end.from;
}
