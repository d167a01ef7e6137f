import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { readSourceFile } from './index';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const nb = (cells: unknown[], extra: Record<string, unknown> = {}): Uint8Array =>
  enc(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { language_info: { name: 'python', version: '3.11.4' } }, cells, ...extra }));
const code = (source: string | string[], count: number | null = 1, outputs: unknown[] = []): unknown => ({ cell_type: 'code', source, execution_count: count, outputs, metadata: {} });
const md = (source: string): unknown => ({ cell_type: 'markdown', source, metadata: {} });

describe('readSourceFile: notebooks', () => {
  it('reads code cells only, with their index among all cells', () => {
    const input = readSourceFile('a.ipynb', nb([md('# hi'), code('x = 1', 1), md('t'), code(['y = x\n', 'z = y'], 2)]));
    expect(input.kind).toBe('notebook');
    expect(input.totalCells).toBe(4);
    expect(input.cells.map((c) => [c.cellIndex, c.code, c.executionCount])).toEqual([[1, 'x = 1', 1], [3, 'y = x\nz = y', 2]]);
    expect(input.pythonVersion).toBe('3.11.4');
    expect(input.diagnostics).toEqual([]);
  });
  it('keeps outputs: text/plain, image/png, html, streams, and errors without ANSI codes', () => {
    const input = readSourceFile('a.ipynb', nb([
      code('x', 1, [
        { output_type: 'execute_result', data: { 'text/plain': ['1'], 'text/html': '<b>1</b>', 'application/json': {} }, execution_count: 1, metadata: {} },
        { output_type: 'display_data', data: { 'image/png': 'iVBOR' }, metadata: {} },
        { output_type: 'stream', name: 'stdout', text: ['a\n', 'b'] },
        { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['\u001b[0;31mTraceback\u001b[0m', 'line'] },
      ]),
    ]));
    const outs = input.cells[0].outputs ?? [];
    expect(outs[0]).toEqual({ outputType: 'execute_result', data: { 'text/plain': '1', 'text/html': '<b>1</b>' } });
    expect(outs[1].data['image/png']).toBe('iVBOR');
    expect(outs[2]).toEqual({ outputType: 'stream', data: { 'text/plain': 'a\nb' } });
    expect(outs[3].data['text/plain']).toBe('ValueError: bad\nTraceback\nline');
  });
  it('warns when execution counts run out of order', () => {
    const input = readSourceFile('a.ipynb', nb([code('a', 3), code('b', 1), code('c', null)]));
    expect(input.diagnostics).toMatchObject([{ code: 'out-of-order', severity: 'warning', cellIndex: 1 }]);
  });
  it('does not warn for constant or missing counts', () => {
    expect(readSourceFile('a.ipynb', nb([code('a', 0), code('b', 0)])).diagnostics).toEqual([]);
    expect(readSourceFile('a.ipynb', nb([code('a', null), code('b', null)])).diagnostics).toEqual([]);
  });
  it('reads an nbformat 3 notebook', () => {
    const v3 = enc(JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'code', input: ['x = 1'], prompt_number: 4, outputs: [{ output_type: 'pyout', text: ['1'] }] }] }] }));
    const input = readSourceFile('old.ipynb', v3);
    expect(input.cells).toMatchObject([{ code: 'x = 1', executionCount: 4, outputs: [{ outputType: 'execute_result', data: { 'text/plain': '1' } }] }]);
  });
  it('a notebook without code cells is fine', () => {
    expect(readSourceFile('a.ipynb', nb([md('only text')])).cells).toEqual([]);
  });
  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...nb([code('x = 1')])]);
    expect(readSourceFile('a.ipynb', bytes).cells).toHaveLength(1);
  });
});

describe('readSourceFile: errors', () => {
  const fails = (name: string, bytes: Uint8Array, pattern: RegExp): void => {
    expect(() => readSourceFile(name, bytes)).toThrow(InputError);
    expect(() => readSourceFile(name, bytes)).toThrow(pattern);
  };
  it('invalid JSON', () => fails('a.ipynb', enc('{"cells": ['), /not a valid notebook: its JSON does not parse/));
  it('JSON that is not a notebook', () => fails('a.ipynb', enc('{"hello": 1}'), /not a Jupyter notebook/));
  it('a JSON array is not a notebook', () => fails('a.ipynb', enc('[1, 2]'), /not a Jupyter notebook/));
  it('malformed cell source', () => fails('a.ipynb', nb([{ cell_type: 'code', source: 5 }]), /malformed: cells\[0\]\.source/));
  it('an empty file', () => fails('a.py', new Uint8Array(), /is empty/));
  it('a whitespace-only notebook', () => fails('a.ipynb', enc('  \n'), /is empty/));
  it('a binary file (NUL bytes)', () => fails('a.ipynb', new Uint8Array([0x7b, 0x00, 0x01]), /binary file/));
  it('invalid UTF-8', () => fails('a.py', new Uint8Array([0x78, 0x20, 0xff, 0xfe, 0x41]), /not valid UTF-8/));
  it('UTF-16 with a BOM', () => fails('a.py', new Uint8Array([0xff, 0xfe, 0x78, 0x00]), /UTF-16/));
  it('an unsupported extension', () => fails('data.csv', enc('a,b'), /\.ipynb.*\.py/));
});

describe('readSourceFile: scripts', () => {
  it('a plain script is one cell without an index', () => {
    const input = readSourceFile('a.py', enc('x = 1\ny = 2\n'));
    expect(input).toMatchObject({ kind: 'script', totalCells: 1, cells: [{ code: 'x = 1\ny = 2\n' }] });
    expect(input.cells[0].cellIndex).toBeUndefined();
  });
  it('percent cells split the script; markdown cells are skipped', () => {
    const input = readSourceFile('a.py', enc('"""doc"""\n# %%\nx = 1\n# %% [markdown]\n# text\n#%% Load\ny = x\n'));
    expect(input.cells.map((c) => [c.cellIndex, c.code])).toEqual([
      [0, '"""doc"""'],
      [1, '# %%\nx = 1'],
      [3, '#%% Load\ny = x\n'],
    ]);
    expect(input.totalCells).toBe(4);
  });
  it('code right after a markdown comment block is a code cell (sphinx-gallery style)', () => {
    const text = '# %%\nx = 1\n# %% [markdown]\n# Over-sampling\n# -----\n#\n\nfrom m import Sampler\ns = Sampler(x)\n# %%\ny = s\n';
    const input = readSourceFile('a.py', enc(text));
    expect(input.cells.map((c) => [c.cellIndex, c.code])).toEqual([
      [0, '# %%\nx = 1'],
      [2, 'from m import Sampler\ns = Sampler(x)'],
      [3, '# %%\ny = s\n'],
    ]);
    expect(input.totalCells).toBe(4);
  });
  it('a markdown cell of comments and blank lines only stays text', () => {
    const input = readSourceFile('a.py', enc('# %% [markdown]\n# text\n\n#   more\n# %%\ny = 1\n'));
    expect(input.cells.map((c) => c.code)).toEqual(['# %%\ny = 1\n']);
  });
  it('CRLF scripts keep their text', () => {
    expect(readSourceFile('a.py', enc('x = 1\r\ny = x\r\n')).cells[0].code).toBe('x = 1\r\ny = x\r\n');
  });
});

describe('readSourceFile: cell types', () => {
  it('"CODE" and "code " are code cells', () => {
    const input = readSourceFile('a.ipynb', nb([{ ...(code('x = 1') as object), cell_type: 'CODE' }, { ...(code('y = x') as object), cell_type: 'code ' }]));
    expect(input.cells.map((c) => [c.cellIndex, c.code])).toEqual([[0, 'x = 1'], [1, 'y = x']]);
    expect(input.diagnostics).toEqual([]);
  });
  it('unknown cell types get a diagnostic naming the cell and the type; markdown, raw and heading do not', () => {
    const input = readSourceFile('a.ipynb', nb([
      md('# t'),
      { cell_type: 'raw', source: 'r', metadata: {} },
      { cell_type: 'heading', source: 'h', metadata: {} },
      { cell_type: 'sql', source: 'select 1', metadata: {} },
      code('x = 1'),
      { cell_type: 'Visualization', source: 'v', metadata: {} },
      { cell_type: 'Visualization', source: 'v', metadata: {} },
    ]));
    expect(input.cells).toHaveLength(1);
    expect(input.diagnostics).toEqual([
      { severity: 'warning', code: 'unknown-cell-type', cellIndex: 3, message: 'Cell 4 has the unknown cell type "sql" (Threadline reads "code" cells and skips "markdown" and "raw"); it was skipped.' },
      { severity: 'warning', code: 'unknown-cell-type', cellIndex: 5, message: '2 cells (the first is cell 6) have the unknown cell type "Visualization" (Threadline reads "code" cells and skips "markdown" and "raw"); they were skipped.' },
    ]);
  });
});
