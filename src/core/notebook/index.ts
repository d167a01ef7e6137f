/**
 * File bytes → ProgramInput. Reads Jupyter notebooks (nbformat 4, and 3) and Python
 * scripts (with or without `# %%` percent cells). Every problem is an InputError whose
 * message a user understands.
 */
import { InputError } from '../errors';
import type { CellOutput, Diagnostic, ProgramCell, ProgramInput } from '../model';
import { OutlineBuilder } from './outline';

export { blankIPython } from '../python/ipython';

const SCRIPT_EXTENSIONS = ['.py', '.pyw', '.ipy'];

export function readSourceFile(name: string, bytes: Uint8Array): ProgramInput {
  const lower = name.toLowerCase();
  const isNotebook = lower.endsWith('.ipynb');
  const isScript = SCRIPT_EXTENSIONS.some((e) => lower.endsWith(e));
  if (!isNotebook && !isScript) {
    throw new InputError(`"${name}" is not a file Threadline can read: use a Jupyter notebook (.ipynb) or a Python script (.py).`);
  }
  const text = decodeText(name, bytes);
  return isNotebook ? readNotebook(name, text) : readScript(text);
}

/** Bytes → text, refusing empty, binary, UTF-16 and non-UTF-8 input. Strips a UTF-8 BOM. */
export function decodeText(name: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError(`"${name}" is empty.`);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InputError(`"${name}" is saved as UTF-16. Save it as UTF-8 and try again.`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new InputError(`"${name}" looks like a binary file (it contains a NUL byte at offset ${nul}), not a notebook or Python script.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const place = at ? `line ${at.line}, column ${at.col}` : undefined;
    throw new InputError(
      `"${name}" is not valid UTF-8 text${place ? ` (first bad byte at ${place})` : ''}; it may be a binary file or use another encoding. Save it as UTF-8 and try again.`,
      place,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Line and (1-based, in characters) column of the first byte that is not valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; col: number } | undefined {
  let line = 1;
  let col = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let need: number;
    let min = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { offset: i, line, col };
    let cp = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, line, col };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (need > 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return { offset: i, line, col };
    if (b === 10) {
      line++;
      col = 1;
    } else col += cp > 0xffff ? 2 : 1;
    i += need + 1;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Scripts

const PERCENT_CELL = /^#\s?%%(.*)$/;

export function readScript(text: string): ProgramInput {
  const lines = text.split('\n');
  const markers: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.charCodeAt(0) === 35 /* # */ && PERCENT_CELL.test(l.endsWith('\r') ? l.slice(0, -1) : l)) markers.push(i);
  }
  if (markers.length === 0) {
    return { kind: 'script', cells: [{ code: text }], totalCells: 1, diagnostics: [] };
  }
  const cells: ProgramCell[] = [];
  const outline = new OutlineBuilder();
  let index = 0;
  let total = 0;
  const head = lines.slice(0, markers[0]).join('\n');
  if (head.trim() !== '') {
    cells.push({ code: head, cellIndex: index });
    index++;
    total++;
  }
  for (let m = 0; m < markers.length; m++) {
    const start = markers[m];
    const end = m + 1 < markers.length ? markers[m + 1] : lines.length;
    const marker = lines[start];
    const info = (PERCENT_CELL.exec(marker.replace(/\r$/, ''))?.[1] ?? '').trim().toLowerCase();
    total++;
    const isMarkdown = /^(.*\s)?\[(markdown|md|raw)\]/.test(info) || info.startsWith('[markdown') || info.startsWith('[md');
    if (!isMarkdown) {
      cells.push({ code: lines.slice(start, end).join('\n'), cellIndex: index });
    } else {
      // A markdown cell is its run of comment lines; code after it (sphinx-gallery style,
      // no `# %%` of its own) is a code cell, not text.
      let j = start + 1;
      while (j < end && (lines[j].trim() === '' || lines[j].trimStart().startsWith('#'))) j++;
      outline.addMarkdown(index, lines.slice(start + 1, j).map((l) => l.replace(/^\s*#\s?/, '')).join('\n'));
      if (j < end) {
        index++;
        total++;
        cells.push({ code: lines.slice(j, end).join('\n'), cellIndex: index });
      }
    }
    index++;
  }
  return { kind: 'script', cells, totalCells: total, diagnostics: [], ...(outline.headings.length > 0 ? { outline: outline.headings } : {}) };
}

// ---------------------------------------------------------------------------------------
// Notebooks

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function joinText(v: Json | undefined, where: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    let s = '';
    for (const part of v) {
      if (typeof part !== 'string') throw new InputError(`The notebook is malformed: ${where} should be text.`, where);
      s += part;
    }
    return s;
  }
  throw new InputError(`The notebook is malformed: ${where} should be text.`, where);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

const KEPT_MIMES = ['text/plain', 'text/html', 'image/png', 'image/jpeg', 'image/svg+xml'];

function readOutputs(raw: Json | undefined, where: string, v3: boolean): CellOutput[] {
  if (!Array.isArray(raw)) return [];
  const outputs: CellOutput[] = [];
  raw.forEach((o, i) => {
    const w = `${where}.outputs[${i}]`;
    if (!isObject(o)) return;
    let type = typeof o.output_type === 'string' ? o.output_type : '';
    if (v3) {
      if (type === 'pyout') type = 'execute_result';
      if (type === 'pyerr') type = 'error';
    }
    const data: Record<string, string> = {};
    if (type === 'stream') {
      data['text/plain'] = stripAnsi(joinText(o.text, `${w}.text`));
    } else if (type === 'error') {
      const ename = typeof o.ename === 'string' ? o.ename : 'Error';
      const evalue = typeof o.evalue === 'string' ? o.evalue : '';
      const tb = Array.isArray(o.traceback) ? o.traceback.filter((t): t is string => typeof t === 'string').join('\n') : '';
      data['text/plain'] = stripAnsi(`${ename}: ${evalue}${tb ? `\n${tb}` : ''}`);
    } else if (type === 'execute_result' || type === 'display_data') {
      const d = v3 ? v3Data(o) : isObject(o.data) ? o.data : {};
      for (const mime of KEPT_MIMES) {
        if (d[mime] !== undefined) {
          const text = joinText(d[mime], `${w}.data["${mime}"]`);
          data[mime] = mime === 'text/plain' ? stripAnsi(text) : text;
        }
      }
    } else {
      return;
    }
    outputs.push({ outputType: type, data });
  });
  return outputs;
}

function v3Data(o: JsonObject): JsonObject {
  const map: Record<string, string> = { text: 'text/plain', html: 'text/html', png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };
  const d: JsonObject = {};
  for (const [k, mime] of Object.entries(map)) if (o[k] !== undefined) d[mime] = o[k];
  return d;
}

export function readNotebook(name: string, text: string): ProgramInput {
  if (text.trim() === '') throw new InputError(`"${name}" is empty.`);
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (e) {
    let detail = e instanceof Error ? e.message : String(e);
    let where = 'JSON';
    const pos = /at position (\d+)/.exec(detail);
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const col = offset - before.lastIndexOf('\n');
      where = `JSON line ${line}, column ${col}`;
      detail = `${detail.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')} at line ${line}, column ${col}`;
    }
    throw new InputError(`"${name}" is not a valid notebook: its JSON does not parse (${detail}).`, where);
  }
  if (!isObject(doc)) throw new InputError(`"${name}" is not a Jupyter notebook: the JSON is not an object with a "cells" list.`, '(top level)');
  let rawCells: Json[];
  let v3 = false;
  if (Array.isArray(doc.cells)) {
    rawCells = doc.cells;
  } else if (Array.isArray(doc.worksheets)) {
    v3 = true;
    rawCells = [];
    for (const ws of doc.worksheets) if (isObject(ws) && Array.isArray(ws.cells)) rawCells.push(...ws.cells);
  } else {
    throw new InputError(`"${name}" is not a Jupyter notebook: the JSON has no "cells" list.`, 'cells');
  }
  if (typeof doc.nbformat === 'number' && (doc.nbformat < 3 || doc.nbformat >= 5)) {
    throw new InputError(
      `"${name}" uses nbformat ${doc.nbformat}, which Threadline does not know; it reads nbformat 3 and 4. Save it with a current Jupyter and try again.`,
      'nbformat',
    );
  }
  const cells: ProgramCell[] = [];
  const outline = new OutlineBuilder();
  const unknownTypes: Array<{ index: number; type: string }> = [];
  rawCells.forEach((c, index) => {
    const where = `cells[${index}]`;
    if (!isObject(c)) throw new InputError(`The notebook is malformed: ${where} is not an object.`, where);
    if (typeof c.cell_type !== 'string') {
      throw new InputError(`The notebook is malformed: ${where} has no "cell_type" (it should be "code", "markdown" or "raw").`, `${where}.cell_type`);
    }
    // "CODE", "code " …: read as code. Known text cells are skipped; anything else is named.
    const cellType = c.cell_type.trim().toLowerCase();
    if (cellType !== 'code') {
      if (!TEXT_CELL_TYPES.has(cellType)) unknownTypes.push({ index, type: c.cell_type });
      // Headings only: a malformed markdown source is skipped, never an error.
      else if (cellType === 'markdown' && (typeof c.source === 'string' || Array.isArray(c.source))) {
        outline.addMarkdown(index, Array.isArray(c.source) ? c.source.filter((p) => typeof p === 'string').join('') : c.source);
      } else if (cellType === 'heading' && typeof c.level === 'number') {
        const source = Array.isArray(c.source) ? c.source.filter((p) => typeof p === 'string').join('') : typeof c.source === 'string' ? c.source : '';
        outline.addHeadingCell(index, c.level, source);
      }
      return;
    }
    const code = joinText(v3 ? c.input : c.source, `${where}.source`);
    const countRaw = v3 ? c.prompt_number : c.execution_count;
    const executionCount = typeof countRaw === 'number' ? countRaw : null;
    cells.push({ code, cellIndex: index, executionCount, outputs: readOutputs(c.outputs, where, v3) });
  });
  const diagnostics: Diagnostic[] = [];
  // One diagnostic per unknown type (a notebook of 20,000 odd cells gives a few lines, not 20,000).
  const byType = new Map<string, number[]>();
  for (const u of unknownTypes) {
    const list = byType.get(u.type);
    if (list) list.push(u.index);
    else byType.set(u.type, [u.index]);
  }
  for (const [type, indexes] of byType) {
    const shown = JSON.stringify(type.length > 40 ? `${type.slice(0, 40)}…` : type);
    const cellsText = indexes.length === 1 ? `Cell ${indexes[0] + 1} has` : `${indexes.length.toLocaleString('en')} cells (the first is cell ${indexes[0] + 1}) have`;
    diagnostics.push({
      severity: 'warning',
      code: 'unknown-cell-type',
      message: `${cellsText} the unknown cell type ${shown} (Threadline reads "code" cells and skips "markdown" and "raw"); ${indexes.length === 1 ? 'it was' : 'they were'} skipped.`,
      cellIndex: indexes[0],
    });
  }
  const ooo = findOutOfOrder(cells);
  if (ooo) diagnostics.push(ooo);
  let pythonVersion: string | undefined;
  const meta = doc.metadata;
  if (isObject(meta) && isObject(meta.language_info) && typeof meta.language_info.version === 'string') {
    pythonVersion = meta.language_info.version;
  }
  return {
    kind: 'notebook',
    cells,
    totalCells: rawCells.length,
    pythonVersion,
    diagnostics,
    ...(outline.headings.length > 0 ? { outline: outline.headings } : {}),
  };
}

/** Cell types that hold no code (nbformat 3 also has "heading"). */
const TEXT_CELL_TYPES = new Set(['markdown', 'raw', 'heading']);

function findOutOfOrder(cells: ProgramCell[]): Diagnostic | undefined {
  let prev: { count: number; cell: number } | undefined;
  for (const cell of cells) {
    const count = cell.executionCount;
    if (typeof count !== 'number') continue;
    if (prev && count < prev.count) {
      return {
        severity: 'warning',
        code: 'out-of-order',
        message: `The notebook ran out of order: cell ${(cell.cellIndex ?? 0) + 1} has execution count ${count} but comes after cell ${prev.cell + 1} with count ${prev.count}. The graph follows notebook order, which may differ from what produced the stored outputs.`,
        cellIndex: cell.cellIndex,
      };
    }
    prev = { count, cell: cell.cellIndex ?? 0 };
  }
  return undefined;
}
