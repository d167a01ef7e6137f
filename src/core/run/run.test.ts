import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { runSession, verifySlice, runToRecords, TRUNCATION_MARKER, type PyodideLike, type RunCell } from './index';

let py: PyodideAPI;

beforeAll(async () => {
  py = await loadPyodide();
  py.setStdout({ batched: () => {} });
  py.setStderr({ batched: () => {} });
});

const cells = (...codes: string[]): RunCell[] => codes.map((code, i) => ({ sourceCodeId: `sc${i}`, code }));

describe('runSession', () => {
  it('accepts the real Pyodide API as PyodideLike', () => {
    const like: PyodideLike = py;
    expect(typeof like.runPython).toBe('function');
  });

  it('runs a stdlib-only multi-cell notebook and records values after their final cell', async () => {
    const nb = cells(
      'import collections, json\n%matplotlib inline\nwords = "a b a c b a".split()',
      'counts = collections.Counter(words)\n!echo hi\ntop = counts.most_common(1)[0]',
      'words.append("z")\nprint("hello")\ntotal = sum(counts.values())',
      'import math\nratio = total / len(words)\ndef f(x):\n    return x + 1\nencoded = json.dumps({"t": total})',
    );
    const progress: string[] = [];
    const result = await runSession(py, nb, {
      targets: [
        { nodeId: 'n-words', name: 'words', sourceCodeId: 'sc2' },
        { nodeId: 'n-counts', name: 'counts', sourceCodeId: 'sc1' },
        { nodeId: 'n-top', name: 'top', sourceCodeId: 'sc1' },
        { nodeId: 'n-total', name: 'total', sourceCodeId: 'sc2' },
        { nodeId: 'n-ratio', name: 'ratio', sourceCodeId: 'sc3' },
        { nodeId: 'n-f', name: 'f', sourceCodeId: 'sc3' },
        { nodeId: 'n-enc', name: 'encoded', sourceCodeId: 'sc3' },
        { nodeId: 'n-unbound', name: 'never_bound', sourceCodeId: 'sc3' },
      ],
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(result.status).toBe('ok');
    expect(result.error).toBeUndefined();
    expect(progress).toEqual(['0/4', '1/4', '2/4', '3/4', '4/4']);
    const byId = Object.fromEntries(result.values.map((v) => [v.nodeId, v]));
    expect(byId['n-counts']).toMatchObject({ value: "Counter({'a': 3, 'b': 2, 'c': 1})", typeName: 'collections.Counter' });
    expect(byId['n-top'].value).toBe("('a', 3)");
    expect(byId['n-words'].value).toBe("['a', 'b', 'a', 'c', 'b', 'a', 'z']");
    expect(byId['n-total']).toMatchObject({ value: '6', typeName: 'int' });
    expect(byId['n-ratio']).toMatchObject({ value: String(6 / 7), typeName: 'float' });
    expect(byId['n-f'].typeName).toBe('function');
    expect(byId['n-f'].value).toMatch(/^<function f at 0x/);
    expect(byId['n-enc'].value).toBe(`'{"t": 6}'`);
    expect(byId['n-unbound']).toBeUndefined();
    expect(result.values.every((v) => v.startedAt <= v.endedAt && !v.truncated)).toBe(true);
    expect(result.cells.map((c) => c.output ?? '')).toEqual(['', '', 'hello\n', '']);
    expect(result.cells[2].startedAt).toBeGreaterThanOrEqual(result.cells[1].endedAt);

    const { execution, nodeValues } = runToRecords(result, { executionId: 'e1', sessionId: 's1' });
    expect(execution).toMatchObject({ mode: 'run', status: 'ok', sessionId: 's1' });
    expect(nodeValues.find((v) => v.nodeId === 'n-total')).toMatchObject({ executionId: 'e1', mime: 'text/plain', typeName: 'int', valueType: 'value' });
  });

  it('runs each session in a fresh namespace', async () => {
    await runSession(py, cells('leak = 1'), { targets: [] });
    const r = await runSession(py, cells('x = "leak" in globals()', 'name = __name__'), {
      targets: [
        { nodeId: 'x', name: 'x', sourceCodeId: 'sc0' },
        { nodeId: 'n', name: 'name', sourceCodeId: 'sc1' },
      ],
    });
    expect(r.values.map((v) => v.value)).toEqual(['False', "'__main__'"]);
  });

  it('records lineapy.save values at the save point, with a stub lineapy', async () => {
    const r = await runSession(py, cells('import lineapy\nx = [1]\nlineapy.save(x + [2], "pair")\nx.append(9)', 'y = lineapy.get("pair").get_value()'), {
      targets: [
        { nodeId: 'art', name: 'pair', sourceCodeId: 'sc0', kind: 'save' },
        { nodeId: 'y', name: 'y', sourceCodeId: 'sc1' },
      ],
    });
    expect(r.status).toBe('ok');
    expect(r.values.map((v) => [v.nodeId, v.value])).toEqual([
      ['art', '[1, 2]'],
      ['y', '[1, 2]'],
    ]);
  });

  it('stops at a raising cell with the cell, the line in the cell and the traceback; earlier values kept', async () => {
    const nb = cells('a = 1', 'def boom(d):\n    return 1 / d\n', 'b = a + 1\n\nc = boom(0)\nd = 5', 'never = 1');
    const result = await runSession(py, nb, {
      targets: [
        { nodeId: 'a', name: 'a', sourceCodeId: 'sc0' },
        { nodeId: 'b', name: 'b', sourceCodeId: 'sc2' },
        { nodeId: 'never', name: 'never', sourceCodeId: 'sc3' },
      ],
    });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'python', cellIndex: 2, sourceCodeId: 'sc2', line: 3, exceptionType: 'ZeroDivisionError' });
    expect(result.error!.message).toBe('Cell 3, line 3: ZeroDivisionError: division by zero');
    expect(result.error!.traceback).toContain('File "<cell 3>", line 3');
    expect(result.error!.traceback).toContain('c = boom(0)');
    expect(result.error!.traceback).toContain('File "<cell 2>", line 2, in boom');
    expect(result.error!.traceback).not.toContain('threadline-run');
    expect(result.values.map((v) => v.nodeId)).toEqual(['a']);
    expect(result.cells).toHaveLength(3);
  });

  it('reports a syntax error with its line', async () => {
    const result = await runSession(py, cells('x = 1', 'y = 2\nz = (\n'), { targets: [] });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ cellIndex: 1, exceptionType: 'SyntaxError', line: 2 });
  });

  it('stops with a clear message naming a package that is not available, before running anything', async () => {
    const result = await runSession(py, cells('x = 1', 'import json\nimport threadline_no_such_pkg as t'), {
      targets: [{ nodeId: 'x', name: 'x', sourceCodeId: 'sc0' }],
    });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'package', cellIndex: 1, line: 2, packages: ['threadline_no_such_pkg'] });
    expect(result.error!.message).toMatch(/^Cell 2, line 2 imports “threadline_no_such_pkg”\. .*not in Pyodide's package index/);
    expect(result.cells).toHaveLength(0);
  });

  it('offline, a package from the Pyodide index fails fast with a message naming it', async () => {
    const t0 = performance.now();
    const result = await runSession(py, cells('import numpy as np\nx = np.arange(3)'), { targets: [], packageTimeoutMs: 20_000 });
    expect(performance.now() - t0).toBeLessThan(25_000);
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'package', packages: ['numpy'], cellIndex: 0, line: 1 });
    expect(result.error!.message).toMatch(/“numpy” could not be loaded: Pyodide fetches this package over the network, and (the download failed|loading timed out)/);
  });

  it('says so when package downloads are turned off', async () => {
    const result = await runSession(py, cells('x = 1', 'import pandas\nimport threadline_no_such_pkg'), { targets: [], packageDownloads: 'disabled' });
    expect(result.error).toMatchObject({ kind: 'package', cellIndex: 1, line: 1, packages: ['pandas', 'threadline_no_such_pkg'] });
    expect(result.error!.message).toContain('imports “pandas” and “threadline_no_such_pkg”.');
    expect(result.error!.message).toContain('“pandas” is in Pyodide\'s package index, but package downloads are turned off');
    expect(result.error!.message).toContain('“threadline_no_such_pkg” is not available');
  });

  it('a guarded optional import does not stop the run', async () => {
    const result = await runSession(py, cells('try:\n    import threadline_no_such_pkg\nexcept ImportError:\n    ok = True'), {
      targets: [{ nodeId: 'ok', name: 'ok', sourceCodeId: 'sc0' }],
    });
    expect(result.status).toBe('ok');
    expect(result.values[0].value).toBe('True');
  });

  it('cancels between cells when the signal aborts, keeping values so far', async () => {
    const controller = new AbortController();
    const nb = cells('a = 1', 'b = 2', 'c = 3', 'd = 4');
    const result = await runSession(py, nb, {
      targets: nb.map((c, i) => ({ nodeId: `n${i}`, name: 'abcd'[i], sourceCodeId: c.sourceCodeId })),
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    expect(result.status).toBe('cancelled');
    expect(result.values.map((v) => v.value)).toEqual(['1', '2']);
    expect(result.error).toBeUndefined();
  });

  it('cancels a cell stuck in a loop through the interrupt buffer (as the worker does)', async () => {
    const sab = new SharedArrayBuffer(4);
    const buffer = new Int32Array(sab);
    py.setInterruptBuffer(buffer);
    try {
      // Another thread writes SIGINT (2) after 300 ms, like the UI thread does in the browser.
      const interrupter = new Worker(
        `const { workerData } = require('node:worker_threads');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
         Atomics.store(new Int32Array(workerData), 0, 2);`,
        { eval: true, workerData: sab },
      );
      const result = await runSession(py, cells('a = 1', 'while True:\n    pass', 'b = 2'), {
        targets: [
          { nodeId: 'a', name: 'a', sourceCodeId: 'sc0' },
          { nodeId: 'b', name: 'b', sourceCodeId: 'sc2' },
        ],
      });
      await interrupter.terminate();
      expect(result.status).toBe('cancelled');
      expect(result.values.map((v) => v.nodeId)).toEqual(['a']);
      // The interpreter is still usable afterwards.
      const again = await runSession(py, cells('z = 40 + 2'), { targets: [{ nodeId: 'z', name: 'z', sourceCodeId: 'sc0' }] });
      expect(again.values[0].value).toBe('42');
    } finally {
      py.setInterruptBuffer(undefined as unknown as Int32Array);
    }
  });

  it('truncates long reprs with a visible marker', async () => {
    const result = await runSession(py, cells('s = "x" * 15000\nsmall = "ok"\nfor i in range(3000): print(i)'), {
      targets: [
        { nodeId: 's', name: 's', sourceCodeId: 'sc0' },
        { nodeId: 'small', name: 'small', sourceCodeId: 'sc0' },
      ],
    });
    const s = result.values.find((v) => v.nodeId === 's')!;
    expect(s.truncated).toBe(true);
    expect(s.fullLength).toBe(15002);
    expect(s.value.startsWith(`'${'x'.repeat(9999)}`)).toBe(true);
    expect(s.value).toContain(`${TRUNCATION_MARKER} 15,002 characters in full]`);
    expect(s.value.length).toBeLessThan(10_100);
    expect(result.values.find((v) => v.nodeId === 'small')!.truncated).toBeUndefined();
    expect(result.cells[0].outputTruncated).toBe(true);
    expect(result.cells[0].output).toContain(TRUNCATION_MARKER);
  });

  it('cuts big containers while building their repr, giving an exact prefix', async () => {
    const code = [
      'nums = list(range(5000))',
      'table = {f"k{i}": [i] * 3 for i in range(3000)}',
      'nested = [list(range(50)) for _ in range(400)]',
      'tup = tuple(str(i) for i in range(4000))',
      'fs = frozenset(range(3000))',
      'loop = list(range(40)); loop.append(loop)',
      'medium = list(range(100))',
      'mtup = tuple(range(70)); mdict = {i: str(i) for i in range(70)}; mset = set(range(70)); mfs = frozenset(range(70))',
      'exact = ["x" * 96] * 100; exact_plus = ["x" * 97] * 100; exact_minus = ["x" * 95] * 100',
      'mixed = [1.5, "é", (1,), {2: [3]}, None] * 900',
      String.raw`long_s = "ab'c" * 9000`,
      String.raw`long_dq = "x" * 30000 + "\"'"`,
      String.raw`long_sq = "y" * 30000 + "'"`,
    ].join('\n');
    const names = ['nums', 'table', 'nested', 'tup', 'fs', 'loop', 'medium', 'mtup', 'mdict', 'mset', 'mfs', 'exact', 'exact_plus', 'exact_minus', 'mixed', 'long_s', 'long_dq', 'long_sq'];
    const result = await runSession(py, cells(code), { targets: names.map((name) => ({ nodeId: name, name, sourceCodeId: 'sc0' })) });
    const ns = py.runPython('dict()') as PyProxy;
    py.runPython(code, { globals: ns });
    for (const name of names) {
      const full = String(py.runPython(`repr(${name})`, { globals: ns }));
      const v = result.values.find((x) => x.nodeId === name)!;
      if (full.length <= 10_000) {
        expect(v.value, name).toBe(full);
        expect(v.truncated, name).toBeUndefined();
      } else {
        expect(v.truncated, name).toBe(true);
        const kept = v.value.slice(0, v.value.indexOf(`\n${TRUNCATION_MARKER}`));
        expect(kept.length, name).toBe(10_000);
        expect(full.startsWith(kept), name).toBe(true);
        expect(v.value, name).toMatch(/(more than 10,000|[\d,]+) characters in full\]$/);
      }
    }
    ns.destroy();
  });

  it('keeps a value whose repr fails, saying so', async () => {
    const result = await runSession(py, cells('class Bad:\n    def __repr__(self):\n        raise ValueError("no")\nb = Bad()'), {
      targets: [{ nodeId: 'b', name: 'b', sourceCodeId: 'sc0' }],
    });
    expect(result.status).toBe('ok');
    expect(result.values[0]).toMatchObject({ value: '<repr failed: ValueError: no>', typeName: 'Bad' });
  });
});

describe('verifySlice', () => {
  const original = cells(
    'import random\nrows = [3, 1, 2]\nnoise = [random.random() for _ in range(3)]',
    'rows.sort()\nlabel = "sorted"\ntotal = sum(rows)',
    'rows.append(100)',
  );

  it('is true when the slice reproduces the value at the artifact cell', async () => {
    const r = await verifySlice(py, original, 'rows = [3, 1, 2]\nrows.sort()\ntotal = sum(rows)', 'rows', { sourceCodeId: 'sc1' });
    expect(r).toEqual({ verified: true, original: '[1, 2, 3]', slice: '[1, 2, 3]' });
  });

  it('is false, with both values, when the slice misses a mutation', async () => {
    const r = await verifySlice(py, original, 'rows = [3, 1, 2]', 'rows', { sourceCodeId: 'sc1' });
    expect(r.verified).toBe(false);
    expect(r.original).toBe('[1, 2, 3]');
    expect(r.slice).toBe('[3, 1, 2]');
    expect(r.problem).toBeUndefined();
  });

  it('compares objects whose repr holds a memory address', async () => {
    const code = 'class P:\n    pass\np = P()';
    const r = await verifySlice(py, cells(code), code, 'p');
    expect(r.verified).toBe(true);
  });

  it('runs the original and the slice in separate interpreters when given two, so module state set by the original cannot make a wrong slice pass', async () => {
    const fresh = await loadPyodide();
    fresh.setStdout({ batched: () => {} });
    fresh.setStderr({ batched: () => {} });
    const leaky = cells('import sys\nsys.threadline_marker = 41\nv = sys.threadline_marker + 1');
    const wrongSlice = 'import sys\nv = sys.threadline_marker + 1';
    const r = await verifySlice({ original: py, slice: fresh }, leaky, wrongSlice, 'v');
    expect(r.verified).toBe(false);
    expect(r.problem).toMatch(/AttributeError/);
  }, 60_000);

  it('is false with a problem when the slice raises or lacks the variable', async () => {
    const r1 = await verifySlice(py, original, 'rows = undefined_name', 'rows', { sourceCodeId: 'sc1' });
    expect(r1.verified).toBe(false);
    expect(r1.problem).toMatch(/The slice failed: Slice, line 1: NameError/);
    const r2 = await verifySlice(py, original, 'other = 1', 'rows', { sourceCodeId: 'sc1' });
    expect(r2).toMatchObject({ verified: false, problem: 'The slice does not define rows.' });
    // A wrong slice is not "could not run".
    expect(r1.couldNotRun).toBeUndefined();
    expect(r2.couldNotRun).toBeUndefined();
  });

  it('says "could not run" when the original fails, or the slice cannot load a package', async () => {
    const broken = cells('import no_such_module_anywhere\nrows = [1]', 'n = len(rows)');
    const r1 = await verifySlice(py, broken, 'rows = [1]', 'rows', { sourceCodeId: 'sc0' });
    expect(r1.verified).toBe(false);
    expect(r1.couldNotRun).toMatch(/The original session failed: Cell 1, line 1 imports “no_such_module_anywhere”/);
    const r2 = await verifySlice(py, original, 'import no_such_module_anywhere\nrows = [3, 1, 2]', 'rows', { sourceCodeId: 'sc1' });
    expect(r2.couldNotRun).toMatch(/The slice failed: .*no_such_module_anywhere/);
  });
});
