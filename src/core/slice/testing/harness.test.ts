/**
 * The proof harness itself: runs share one interpreter but no state (namespace, modules,
 * sys.path, cwd, files), the file history is recorded, and the file rule and the NameError
 * class judge what they should.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileProblems, raised } from './prove';
import { createPythonRunner, type PythonRunner, type RunOutcome } from './pyodide-harness';

let runner: PythonRunner;
beforeAll(async () => {
  runner = await createPythonRunner();
});

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('runs are isolated', () => {
  it('state set on a module the program imports does not reach the next run', () => {
    expect(runner.run('import fractions\nfractions.LEAK = 1\nx = 1').error).toBeUndefined();
    expect(runner.run('import fractions\nx = hasattr(fractions, "LEAK")', ['x']).reprs.x).toBe('False');
  });
  it('sys.path entries and the cwd are restored', () => {
    expect(runner.run('import os, sys\nsys.path.insert(0, "/elsewhere")\nos.chdir("/")').error).toBeUndefined();
    const next = runner.run('import os, sys\nx = "/elsewhere" in sys.path\ny = os.listdir(".")\nopen("here.txt", "w").close()', ['x', 'y']);
    expect(next.reprs).toEqual({ x: 'False', y: '[]' });
    expect(Object.keys(next.files)).toEqual(['here.txt']);
  });
  it('files of one run are not seen by the next, and names do not leak', () => {
    const first = runner.run('with open("a.txt", "w") as fh:\n    fh.write("one")\nv = 1');
    expect(first.files).toEqual({ 'a.txt': b64('one') });
    const second = runner.run('import os\nx = os.path.exists("a.txt")\ny = "v" in dir()', ['x', 'y']);
    expect(second.reprs).toEqual({ x: 'False', y: 'False' });
    expect(second.files).toEqual({});
  });
  it('records each version of a file: at every open, and at the end', () => {
    const ran = runner.run('import pathlib\npathlib.Path("a.txt").write_text("1")\nwith open("a.txt", "w") as fh:\n    fh.write("2")\npathlib.Path("a.txt").write_text("3")');
    expect(ran.history['a.txt']).toEqual([b64('1'), b64('2'), b64('3')]);
    expect(ran.files['a.txt']).toBe(b64('3'));
  });
  it('a program that raises still cleans up', () => {
    expect(runner.run('open("z.txt", "w").write("x")\nraise ValueError("boom")').error).toBe('ValueError: boom');
    expect(runner.run('import os\nx = os.listdir(".")', ['x']).reprs.x).toBe('[]');
  });
});

describe('the file rule', () => {
  const outcome = (files: Record<string, string>, history: Record<string, string[]> = {}): RunOutcome => ({
    reprs: {},
    saved: {},
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, b64(v)])),
    history: Object.fromEntries(Object.entries(history).map(([k, vs]) => [k, vs.map(b64)])),
    dirs: [],
  });
  const whole = outcome({ 'a.txt': '2', 'b.txt': 'x' }, { 'a.txt': ['1', '2'], 'b.txt': ['x'] });
  it('a variable slice may write an earlier version, or fewer files', () => {
    expect(fileProblems(whole, outcome({ 'a.txt': '1' }), false)).toEqual([]);
  });
  it('a variable slice may not write bytes the program never wrote there, nor a file it never wrote', () => {
    expect(fileProblems(whole, outcome({ 'a.txt': '' }), false).map((p) => p.cls)).toEqual(['file-mismatch']);
    expect(fileProblems(whole, outcome({ 'c.txt': 'x' }), false).map((p) => p.cls)).toEqual(['file-mismatch']);
  });
  it('the file-system slice must end with exactly the program’s files', () => {
    expect(fileProblems(whole, outcome({ 'a.txt': '2', 'b.txt': 'x' }), true)).toEqual([]);
    expect(fileProblems(whole, outcome({ 'a.txt': '1', 'b.txt': 'x' }), true)).toHaveLength(1);
    expect(fileProblems(whole, outcome({ 'a.txt': '2' }), true)).toHaveLength(1);
  });
  it('NameError is its own class', () => {
    expect(raised("NameError: name 'w' is not defined", 'slice').cls).toBe('name-error');
    expect(raised('FileNotFoundError: a.txt', 'slice').cls).toBe('slice-raised');
  });
});
