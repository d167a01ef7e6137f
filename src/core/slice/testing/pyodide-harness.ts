/**
 * Node-only test support: runs Python programs with the `pyodide` npm package, fully
 * offline (stdlib only), to prove slices by running them.
 *
 * Each program runs in a fresh globals dict, so programs do not leak into each other.
 * A tiny fake `lineapy` module is on sys.path: `lineapy.save(x, name)` records
 * `repr(x)` at the save point (and returns x); `lineapy.get(name).get_value()` returns the
 * value last saved under that name, in this run or an earlier one (like lineapy's artifact
 * store, it persists across runs).
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import type { PyCallable, PyDict } from 'pyodide/ffi';

const FAKE_LINEAPY = `
saved = {}

values = {}

class Artifact:
    def __init__(self, value):
        self._value = value

    def get_value(self):
        return self._value

def save(reference, name):
    saved[name] = repr(reference)
    values[name] = reference
    return reference

def get(name):
    return Artifact(values[name])
`;

export interface RunOutcome {
  /** Python error (type and message) when the program raised; the reprs are then absent. */
  error?: string;
  /** repr() of each requested expression after the program ran, or an error text. */
  reprs: Record<string, string>;
  /** `lineapy.save` calls: name → repr at the save point. */
  saved: Record<string, string>;
}

export interface PythonRunner {
  /** Runs `code` in a fresh namespace, then evaluates `repr(expr)` for each of `exprs`. */
  run(code: string, exprs?: readonly string[]): RunOutcome;
  readonly pyodide: PyodideAPI;
}

export async function createPythonRunner(): Promise<PythonRunner> {
  const pyodide = await loadPyodide();
  pyodide.setStdout({ batched: () => {} });
  pyodide.setStderr({ batched: () => {} });
  pyodide.FS.mkdirTree('/threadline_fake');
  pyodide.FS.writeFile('/threadline_fake/lineapy.py', FAKE_LINEAPY);
  pyodide.runPython('import sys\nsys.path.insert(0, "/threadline_fake")\nimport lineapy');
  const dictType = pyodide.globals.get('dict') as PyCallable;
  const makeDict = (): PyDict => dictType() as PyDict;

  return {
    pyodide,
    run(code, exprs = []) {
      pyodide.runPython('import lineapy\nlineapy.saved.clear()');
      const globals = makeDict();
      globals.set('__name__', '__main__');
      const reprs: Record<string, string> = {};
      let error: string | undefined;
      try {
        try {
          pyodide.runPython(code, { globals });
        } catch (e) {
          error = lastLine(e);
        }
        if (error === undefined) {
          for (const expr of exprs) {
            try {
              reprs[expr] = String(pyodide.runPython(`repr(${expr})`, { globals }));
            } catch (e) {
              reprs[expr] = `<error: ${lastLine(e)}>`;
            }
          }
        }
        const saved = JSON.parse(String(pyodide.runPython('import json, lineapy\njson.dumps(lineapy.saved)'))) as Record<string, string>;
        return { ...(error !== undefined ? { error } : {}), reprs, saved };
      } finally {
        globals.destroy();
      }
    },
  };
}

function lastLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.trim().split('\n');
  return lines[lines.length - 1];
}
