/**
 * Node-only test support: runs Python programs with the `pyodide` npm package, fully
 * offline (stdlib only), to prove slices by running them.
 *
 * One interpreter is reused; each run is isolated: a fresh globals dict, a fresh empty
 * working directory (removed afterwards, and the cwd restored), and the `sys.modules` entries
 * and `sys.path` entries the run created are dropped, so a module the program imports (and
 * any state it sets on it) does not leak into the next run. Modules the harness itself
 * preloads (json, os, base64, shutil, lineapy …) are shared: programs must not set state on
 * them (the generated ones do not; `isolation.test.ts` checks the rest).
 *
 * Files: after the run the harness returns every file under the run's directory (name →
 * bytes, base64) and, for each name, the history of its contents: an audit hook snapshots
 * the directory at every `open` (so each version a later open sees is recorded), plus the
 * final state.
 *
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

const HARNESS = `
import base64, builtins, json, os, shutil, sys

_state = {'on': False, 'root': None, 'hist': {}, 'busy': False, 'modules': None, 'path': None, 'home': None, 'n': 0}

def _snapshot():
    root = _state['root']
    out = {}
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(dirpath, name)
            with builtins.open(p, 'rb') as fh:
                out[os.path.relpath(p, root)] = base64.b64encode(fh.read()).decode()
    return out

def _record():
    for name, data in _snapshot().items():
        h = _state['hist'].setdefault(name, [])
        if data not in h:
            h.append(data)

def _hook(event, args):
    if event == 'open' and _state['on'] and not _state['busy']:
        _state['busy'] = True
        try:
            _record()
        finally:
            _state['busy'] = False

sys.addaudithook(_hook)

def begin():
    _state['n'] += 1
    root = '/threadline_runs/run%d' % _state['n']
    os.makedirs(root)
    _state['home'] = os.getcwd()
    os.chdir(root)
    _state.update(root=root, hist={}, modules=set(sys.modules), path=list(sys.path), on=True)

def end():
    _state['on'] = False
    files = _snapshot()
    for name, data in files.items():
        h = _state['hist'].setdefault(name, [])
        if data not in h:
            h.append(data)
    os.chdir(_state['home'])
    shutil.rmtree(_state['root'])
    for name in [m for m in sys.modules if m not in _state['modules']]:
        del sys.modules[name]
    sys.path[:] = _state['path']
    return json.dumps({'files': files, 'history': _state['hist']})
`;

export interface RunOutcome {
  /** Python error (type and message) when the program raised; the reprs are then absent. */
  error?: string;
  /** repr() of each requested expression after the program ran, or an error text. */
  reprs: Record<string, string>;
  /** `lineapy.save` calls: name → repr at the save point. */
  saved: Record<string, string>;
  /** Files under the run's directory at the end: relative name → bytes (base64). */
  files: Record<string, string>;
  /** Each file's contents over the run (base64, in order first seen), the final one included. */
  history: Record<string, string[]>;
}

export interface PythonRunner {
  /** Runs `code` in a fresh namespace and directory, then evaluates `repr(expr)` for each of `exprs`. */
  run(code: string, exprs?: readonly string[]): RunOutcome;
  readonly pyodide: PyodideAPI;
}

export async function createPythonRunner(): Promise<PythonRunner> {
  const pyodide = await loadPyodide();
  pyodide.setStdout({ batched: () => {} });
  pyodide.setStderr({ batched: () => {} });
  pyodide.FS.mkdirTree('/threadline_fake');
  pyodide.FS.mkdirTree('/threadline_runs');
  pyodide.FS.writeFile('/threadline_fake/lineapy.py', FAKE_LINEAPY);
  pyodide.FS.writeFile('/threadline_fake/_threadline_harness.py', HARNESS);
  pyodide.runPython('import sys\nsys.path.insert(0, "/threadline_fake")\nimport lineapy, _threadline_harness');
  const dictType = pyodide.globals.get('dict') as PyCallable;
  const makeDict = (): PyDict => dictType() as PyDict;

  return {
    pyodide,
    run(code, exprs = []) {
      pyodide.runPython('import lineapy, _threadline_harness\nlineapy.saved.clear()\n_threadline_harness.begin()');
      const globals = makeDict();
      globals.set('__name__', '__main__');
      const reprs: Record<string, string> = {};
      let error: string | undefined;
      let ended = false;
      const end = (): { files: Record<string, string>; history: Record<string, string[]> } => {
        ended = true;
        return JSON.parse(String(pyodide.runPython('import _threadline_harness\n_threadline_harness.end()'))) as {
          files: Record<string, string>;
          history: Record<string, string[]>;
        };
      };
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
        const { files, history } = end();
        const saved = JSON.parse(String(pyodide.runPython('import json, lineapy\njson.dumps(lineapy.saved)'))) as Record<string, string>;
        return { ...(error !== undefined ? { error } : {}), reprs, saved, files, history };
      } finally {
        if (!ended) end();
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
