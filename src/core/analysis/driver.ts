/**
 * The walk over a program: cells in order, IPython blanking, the nesting guard, syntax-error
 * recovery (statement-by-statement re-parse), and one top-level statement at a time.
 */
import type { SyntaxNode } from '@lezer/common';
import type { AnalysisOutput, Binding, ProgramInput, SourceCode, SourceLocation } from '../model';
import { blankIPython } from '../python/ipython';
import { blankStatementAt, findSyntaxErrors, findTooDeepNesting, LineIndex, MAX_BRACKET_DEPTH, topLevelStarts, type Tree } from '../python/parse';
import { parsePython3 } from '../python/print-mask';
import { InputError } from '../errors';
import { AnalysisCancelledError, ProgressReporter } from './limits';
import { type AnalyseOptions, type AnalysisContext, createContext, placeOf } from './context';
import { latestOf } from './values';
import { statement } from './statements';
import { writefileCell } from './effects';

/** Analyse a whole program (every cell, in order) into one lineage graph. */
export function analyse(input: ProgramInput, opts: AnalyseOptions): AnalysisOutput {
  return analyseCells(createContext(opts), input);
}

function analyseCells(ctx: AnalysisContext, input: ProgramInput): AnalysisOutput {
  ctx.kind = input.kind;
  const many = input.cells.length > 1 || input.kind === 'notebook';
  // Notebooks report cells; a script (one text) reports characters.
  const cellProgress = many ? new ProgressReporter(ctx.onProgress, input.cells.length) : undefined;
  if (!many) ctx.charProgress = new ProgressReporter(ctx.onProgress, input.cells[0]?.code.length ?? 0);
  input.cells.forEach((cell, i) => {
    checkCancelled(ctx);
    const id = ctx.newId();
    const sc: SourceCode = { id, sessionId: ctx.sessionId, code: cell.code };
    if (cell.cellIndex !== undefined) sc.cellIndex = cell.cellIndex;
    if (cell.executionCount !== undefined) sc.executionCount = cell.executionCount;
    ctx.sourceCodes.push(sc);
    const cellIndex = cell.cellIndex ?? (many ? i : undefined);
    try {
      analyseCell(ctx, sc, cellIndex);
    } catch (e) {
      // The node budget and cancel stop the whole analysis.
      if (e instanceof InputError) throw e;
      // Last line of defence (e.g. a parser stack overflow): a diagnostic, never a crash.
      ctx.diagnostics.push({
        severity: 'error',
        code: 'internal-error',
        message: `Threadline could not analyse ${cellIndex === undefined ? 'the script' : `cell ${cellIndex + 1}`} (${e instanceof Error ? e.message : String(e)}); it was skipped.`,
        cellIndex,
        sourceCodeId: sc.id,
      });
    }
    cellProgress?.report(i + 1);
  });
  ctx.charProgress?.report(input.cells[0]?.code.length ?? 0);
  const bindings: Binding[] = [];
  for (const name of ctx.bindingOrder) {
    const root = ctx.scope.get(name);
    if (root !== undefined) bindings.push({ name, nodeId: latestOf(ctx, root) });
  }
  return {
    sourceCodes: ctx.sourceCodes,
    nodes: ctx.nodes,
    diagnostics: ctx.diagnostics,
    bindings,
    artifacts: ctx.artifacts,
    artifactDeletions: ctx.artifactDeletions,
    catalogGets: ctx.catalogGets,
    cellResultNodes: ctx.cellResults,
  };
}

function analyseCell(ctx: AnalysisContext, sc: SourceCode, cellIndex: number | undefined): void {
  const blanked = blankIPython(sc.code);
  if (blanked.skippedCellMagic === 'writefile' && writefileCell(ctx, sc, cellIndex)) return;
  if (blanked.skippedCellMagic !== undefined) {
    ctx.diagnostics.push({
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
    const scriptLike = cellIndex === undefined || ctx.kind === 'script';
    ctx.diagnostics.push({
      severity: 'error',
      code: 'too-deeply-nested',
      message: `At ${placeOf(cellIndex, line)}, column ${at.colOf(deep, line) + 1}, brackets are nested more than ${MAX_BRACKET_DEPTH} levels deep, which Python itself refuses; ${scriptLike ? 'that statement was skipped' : 'this cell was not analysed'}.`,
      cellIndex,
      sourceCodeId: sc.id,
      line,
      col: at.colOf(deep, line),
    });
    if (!scriptLike) return;
    text = blankStatementAt(text, deep);
  }
  const lines = new LineIndex(text);
  const partial = cellIndex === undefined || ctx.kind === 'script';
  const cell = { sc, cellIndex, lines, blanked: blanked.blankedLines, floats: blanked.floatNumbers };
  // A big script is parsed and walked one piece at a time: memory stays bounded, and the
  // node budget, progress and cancel act before the rest is even parsed.
  if (partial && blanked.cellMagic === undefined && text.length > PIECE_CHARS) {
    let reported = false;
    for (const [from, to] of statementPieces(text, PIECE_CHARS)) {
      const { chunks, errorAt } = parsePiece(ctx, text, from, to);
      if (errorAt !== undefined && !reported) {
        reported = true;
        reportSyntaxError(ctx, cell, errorAt, true);
      }
      walkChunks(ctx, cell, chunks, text.length);
    }
    finishCell(ctx, sc);
    return;
  }
  const { chunks, errorAt } = parsePiece(ctx, text, 0, text.length);
  if (errorAt !== undefined && blanked.cellMagic !== undefined) {
    ctx.diagnostics.push({
      severity: 'info',
      code: 'cell-magic',
      message: `Cell ${(cellIndex ?? 0) + 1} uses the %%${blanked.cellMagic} cell magic and its body is not plain Python; it was skipped.`,
      cellIndex,
      sourceCodeId: sc.id,
      line: 1,
    });
    return;
  }
  if (errorAt !== undefined) {
    reportSyntaxError(ctx, cell, errorAt, partial);
    if (!partial) return;
  }
  walkChunks(ctx, cell, chunks, text.length);
  finishCell(ctx, sc);
}

/** Scripts longer than this are parsed in pieces of about this many characters. */
const PIECE_CHARS = 1 << 20;

interface CellWalk {
  sc: SourceCode;
  cellIndex: number | undefined;
  lines: LineIndex;
  blanked: Set<number>;
  floats: Set<number>;
}

type Chunk = { tree: Tree; base: number; text: string };

/**
 * Parse `text[from, to)`. parsePython3: `print = 5` & co. are names, not Python 2 print
 * statements. lezer sometimes reports errors in long valid texts: then re-parse statement
 * by statement (binary splitting), and only trust errors that persist in a single statement.
 */
function parsePiece(ctx: AnalysisContext, text: string, from: number, to: number): { chunks: Chunk[]; errorAt?: number } {
  const piece = from === 0 && to === text.length ? text : text.slice(from, to);
  const tree = parsePython3(piece);
  if (findSyntaxErrors(tree).length === 0) return { chunks: [{ tree, base: from, text: piece }] };
  const split = reparseByStatements(ctx, piece);
  return {
    chunks: split.chunks.map((c) => ({ ...c, base: c.base + from })),
    errorAt: split.errorAt === undefined ? undefined : split.errorAt + from,
  };
}

/** Top-level statement boundaries cutting `text` into pieces of about `size` characters. */
function statementPieces(text: string, size: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let from = 0;
  for (const s of topLevelStarts(text)) {
    if (s - from >= size) {
      pieces.push([from, s]);
      from = s;
    }
  }
  pieces.push([from, text.length]);
  return pieces;
}

function reportSyntaxError(ctx: AnalysisContext, cell: CellWalk, errorAt: number, partial: boolean): void {
  const { lines, cellIndex, sc } = cell;
  const line = lines.lineOf(errorAt);
  const col = lines.colOf(errorAt, line);
  const snippet = lines.lineText(line).trim().slice(0, 60);
  const place = placeOf(cellIndex, line);
  ctx.diagnostics.push({
    severity: 'error',
    code: 'syntax-error',
    message: `Syntax error at ${place}, column ${col + 1}${snippet ? ` (\`${snippet}\`)` : ''}; ${partial ? 'that statement was skipped' : 'this cell was not analysed'}.`,
    cellIndex,
    sourceCodeId: sc.id,
    line,
    col,
  });
}

function walkChunks(ctx: AnalysisContext, cell: CellWalk, chunks: Chunk[], total: number): void {
  const { sc, cellIndex, lines } = cell;
  for (const chunk of chunks) {
    ctx.cell = { sourceCodeId: sc.id, text: chunk.text, base: chunk.base, lines, cellIndex, blanked: cell.blanked, floats: cell.floats, result: ctx.cell.sourceCodeId === sc.id ? ctx.cell.result : undefined };
    for (let stmt = chunk.tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
      checkCancelled(ctx);
      topStatement(ctx, stmt);
      if (ctx.charProgress) ctx.charProgress.report(Math.min(total, chunk.base + stmt.to));
    }
  }
}

function finishCell(ctx: AnalysisContext, sc: SourceCode): void {
  if (ctx.cell.sourceCodeId === sc.id && ctx.cell.result !== undefined) ctx.cellResults[sc.id] = ctx.cell.result;
}

function checkCancelled(ctx: AnalysisContext): void {
  if (ctx.signal?.aborted) throw new AnalysisCancelledError(ctx.fileName);
}

/** Parse a text in statement chunks; chunks that still fail alone are real syntax errors. */
function reparseByStatements(ctx: AnalysisContext, text: string): { chunks: Array<{ tree: Tree; base: number; text: string }>; errorAt?: number } {
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

function topStatement(ctx: AnalysisContext, stmt: SyntaxNode): void {
  if (stmt.name === 'Comment') return;
  if (stmt.name === 'StatementGroup') {
    for (let c = stmt.firstChild; c; c = c.nextSibling) if (c.name !== ';') topStatement(ctx, c);
    return;
  }
  const startLine = ctx.cell.lines.lineOf(stmt.from + ctx.cell.base);
  if (ctx.cell.blanked.has(startLine) && (stmt.name === 'PassStatement' || stmt.name === 'ExpressionStatement')) return;
  ctx.loc = locationOf(ctx, stmt);
  try {
    statement(ctx, stmt);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const line = ctx.loc.line;
    ctx.diagnostics.push({
      severity: 'error',
      code: 'internal-error',
      message: `Threadline could not analyse the statement at ${placeOf(ctx.cell.cellIndex, line)}: ${e instanceof Error ? e.message : String(e)}.`,
      cellIndex: ctx.cell.cellIndex,
      sourceCodeId: ctx.cell.sourceCodeId,
      line,
    });
  }
}

function locationOf(ctx: AnalysisContext, node: SyntaxNode): SourceLocation {
  const text = ctx.cell.text;
  let end = node.to;
  while (end > node.from) {
    const ch = text.charCodeAt(end - 1);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 12) end--;
    else break;
  }
  const base = ctx.cell.base;
  const lines = ctx.cell.lines;
  const from = node.from + base;
  const line = lines.lineOf(from);
  const endAbs = end + base;
  const endLine = end <= node.from ? line : lines.lineOf(endAbs);
  return {
    sourceCodeId: ctx.cell.sourceCodeId,
    line,
    col: lines.colOf(from, line),
    endLine,
    endCol: end <= node.from ? lines.colOf(from, line) : lines.colOf(endAbs, endLine),
  };
}
