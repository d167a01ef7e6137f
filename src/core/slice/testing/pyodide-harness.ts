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
 * A small stand-in `lineapy` module is on sys.path (FAKE_LINEAPY) with a fresh catalog per
 * run: `save` records `repr(x)` at the save point, keeps a copy of the value and returns
 * `x` (real LineaPy returns an artifact object); `get` returns an artifact whose
 * `get_value()` is that copy; `delete` drops versions as LineaPy's catalog does;
 * `file_system`, `db`, `artifact_store`, `catalog` and `to_pipeline` exist.
 * `get_ipython().run_cell_magic("writefile", …)` writes its file (the converted form of a
 * `%%writefile` cell, see ./ipython-convert.ts).
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import type { PyCallable, PyDict } from 'pyodide/ffi';

const FAKE_LINEAPY = `
import copy as _copy

saved = {}
_catalog = {}


class _ExternalState:
    def __init__(self, name):
        self.external_state = name

    def __repr__(self):
        return "lineapy." + self.external_state


file_system = _ExternalState("file_system")
db = _ExternalState("db")


class LineaArtifact:
    def __init__(self, name, version, value):
        self.name = name
        self.version = version
        self._value = value

    def get_value(self):
        return _copy.deepcopy(self._value)

    def get_code(self):
        return ""


def _reset():
    saved.clear()
    _catalog.clear()


def save(reference, name, *args, **kwargs):
    saved[name] = repr(reference)
    versions = _catalog.setdefault(name, {})
    version = max(versions) + 1 if versions else 0
    try:
        value = _copy.deepcopy(reference)
    except Exception:
        value = reference
    versions[version] = value
    # Real LineaPy returns a LineaArtifact; the stand-ins return the value, as some proof
    # programs (and the app's run stub) expect.
    return reference


def get(artifact_name, version=None):
    versions = _catalog.get(artifact_name) or {}
    if not versions:
        raise NameError(artifact_name + " not found")
    v = max(versions) if version is None else version
    return LineaArtifact(artifact_name, v, versions[v])


def delete(artifact_name, version):
    versions = _catalog.get(artifact_name) or {}
    if version == "all":
        drop = list(versions)
    elif version == "latest":
        drop = [max(versions)] if versions else []
    else:
        drop = [int(version)] if int(version) in versions else []
    if not drop:
        raise NameError(artifact_name + ":" + str(version) + " not found")
    for v in drop:
        del versions[v]


class _Store:
    def __len__(self):
        return sum(len(v) for v in _catalog.values())

    def __repr__(self):
        return "\\n".join(n + ":" + str(v) for n, vs in sorted(_catalog.items()) for v in sorted(vs))


def artifact_store():
    return _Store()


catalog = artifact_store


def to_pipeline(artifacts, framework="SCRIPT", pipeline_name=None, output_dir=".", **kwargs):
    # The stand-in writes no pipeline files.
    return output_dir
`;

const IPYTHON_STANDIN = `
import builtins as _b

class _IPythonStandIn:
    def run_cell_magic(self, name, line, cell):
        if name != "writefile":
            raise NotImplementedError(name)
        words = line.split()
        path = [w for w in words if not w.startswith("-")][0]
        with open(path, "a" if "-a" in words else "w") as f:
            f.write(cell)

_b.get_ipython = lambda: _IPythonStandIn()
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
    dirs = sorted(os.path.relpath(os.path.join(p, d), _state['root']) for p, ds, _ in os.walk(_state['root']) for d in ds if d != '__pycache__')
    os.chdir(_state['home'])
    shutil.rmtree(_state['root'])
    for name in [m for m in sys.modules if m not in _state['modules']]:
        del sys.modules[name]
    sys.path[:] = _state['path']
    return json.dumps({'files': files, 'history': _state['hist'], 'dirs': dirs})
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
  /** Folders under the run's directory at the end (relative names). */
  dirs: string[];
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
  pyodide.runPython(IPYTHON_STANDIN);
  const dictType = pyodide.globals.get('dict') as PyCallable;
  const makeDict = (): PyDict => dictType() as PyDict;

  return {
    pyodide,
    run(code, exprs = []) {
      pyodide.runPython('import lineapy, _threadline_harness\nlineapy._reset()\n_threadline_harness.begin()');
      const globals = makeDict();
      globals.set('__name__', '__main__');
      const reprs: Record<string, string> = {};
      let error: string | undefined;
      let ended = false;
      const end = (): Pick<RunOutcome, 'files' | 'history' | 'dirs'> => {
        ended = true;
        return JSON.parse(String(pyodide.runPython('import _threadline_harness\n_threadline_harness.end()'))) as Pick<RunOutcome, 'files' | 'history' | 'dirs'>;
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
        const { files, history, dirs } = end();
        const saved = JSON.parse(String(pyodide.runPython('import json, lineapy\njson.dumps(lineapy.saved)'))) as Record<string, string>;
        return { ...(error !== undefined ? { error } : {}), reprs, saved, files, history, dirs };
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
