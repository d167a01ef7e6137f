/**
 * Node-only test support: runs Python programs with the `pyodide` npm package, fully
 * offline (stdlib only), to prove slices by running them.
 *
 * Each program runs in a fresh globals dict, so programs do not leak into each other; with
 * `inDir`, also in a fresh empty working directory, whose files are returned after the run.
 * A small stand-in `lineapy` module is on sys.path (FAKE_LINEAPY) with a fresh catalog per
 * run: `save` records `repr(x)` at the save point, keeps a copy of the value and returns
 * `x` (real LineaPy returns an artifact object); `get`
 * returns an artifact whose `get_value()` is that copy; `delete` drops versions as LineaPy's
 * catalog does; `file_system`, `db`, `artifact_store`, `catalog` and `to_pipeline` exist.
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

export interface RunOutcome {
  /** Python error (type and message) when the program raised; the reprs are then absent. */
  error?: string;
  /** repr() of each requested expression after the program ran, or an error text. */
  reprs: Record<string, string>;
  /** `lineapy.save` calls: name → repr at the save point. */
  saved: Record<string, string>;
  /** With `inDir`: the files in the working directory after the run, path → bytes as hex. */
  files?: Record<string, string>;
}

export interface RunOptions {
  /** Run in a fresh empty working directory and return its files. */
  inDir?: boolean;
}

export interface PythonRunner {
  /** Runs `code` in a fresh namespace, then evaluates `repr(expr)` for each of `exprs`. */
  run(code: string, exprs?: readonly string[], opts?: RunOptions): RunOutcome;
  readonly pyodide: PyodideAPI;
}

export async function createPythonRunner(): Promise<PythonRunner> {
  const pyodide = await loadPyodide();
  pyodide.setStdout({ batched: () => {} });
  pyodide.setStderr({ batched: () => {} });
  pyodide.FS.mkdirTree('/threadline_fake');
  pyodide.FS.writeFile('/threadline_fake/lineapy.py', FAKE_LINEAPY);
  pyodide.runPython('import sys\nsys.path.insert(0, "/threadline_fake")\nimport lineapy');
  pyodide.runPython(IPYTHON_STANDIN);
  let dirs = 0;
  const dictType = pyodide.globals.get('dict') as PyCallable;
  const makeDict = (): PyDict => dictType() as PyDict;

  return {
    pyodide,
    run(code, exprs = [], opts = {}) {
      pyodide.runPython('import lineapy\nlineapy._reset()');
      const dir = opts.inDir ? `/tmp/threadline-run-${++dirs}` : undefined;
      if (dir) pyodide.runPython(`import os\nos.makedirs(${JSON.stringify(dir)})\nos.chdir(${JSON.stringify(dir)})`);
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
        const files = dir ? (JSON.parse(String(pyodide.runPython(LIST_FILES))) as Record<string, string>) : undefined;
        return { ...(error !== undefined ? { error } : {}), reprs, saved, ...(files ? { files } : {}) };
      } finally {
        globals.destroy();
        if (dir) pyodide.runPython('import os\nos.chdir("/home/pyodide")');
      }
    },
  };
}

/** Files under the working directory: relative path → bytes as hex (directories as "<dir>"). */
const LIST_FILES = `
import os, json
_out = {}
for _root, _dirs, _files in os.walk("."):
    _dirs[:] = [d for d in _dirs if d != "__pycache__"]
    for _d in _dirs:
        _out[os.path.relpath(os.path.join(_root, _d))] = "<dir>"
    for _f in _files:
        with open(os.path.join(_root, _f), "rb") as _fh:
            _out[os.path.relpath(os.path.join(_root, _f))] = _fh.read().hex()
json.dumps(_out, sort_keys=True)
`;

function lastLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.trim().split('\n');
  return lines[lines.length - 1];
}
