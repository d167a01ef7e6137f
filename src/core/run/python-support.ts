/**
 * Python side of a run, installed once per interpreter as the module `_threadline_run`
 * (from a string: no file system needed). Everything crosses to JS as JSON text, so the
 * FFI carries one string per cell.
 *
 * - Each run has its own fresh namespace dict (`begin`/`end`).
 * - `run_cell` compiles the cell under its own file name (registered in `linecache`, so
 *   tracebacks show the cell's lines), captures stdout/stderr, and records the named
 *   variables after the cell.
 * - A stub `lineapy` module (only when no real one is importable) records `lineapy.save`
 *   values at the save point, and `lineapy.get` returns values saved earlier in the run.
 * - `display()` is added to builtins when missing, as IPython does.
 */
export const RUNNER_MODULE = '_threadline_run';
export const RUNNER_FILENAME = '<threadline-run>';

export const RUNNER_SOURCE = String.raw`
import ast, builtins, contextlib, hashlib, importlib, importlib.util, io, itertools, json, linecache, re, sys, time, traceback, types

_namespaces = {}
_state = {"saves": None, "save_names": (), "limit": 10000, "digest": False, "saved_objects": None}
_ADDR = re.compile(r" at 0x[0-9A-Fa-f]+")
_SELF = ${JSON.stringify(RUNNER_FILENAME)}


def _type_name(value):
    t = type(value)
    module = getattr(t, "__module__", None)
    qual = getattr(t, "__qualname__", None) or t.__name__
    return qual if module in (None, "builtins", "__main__") else module + "." + qual


_OPEN_CLOSE = {list: ("[", "]"), tuple: ("(", ")"), dict: ("{", "}"), set: ("{", "}"), frozenset: ("frozenset({", "})")}


def _repr_items(value, t, start, stop):
    """repr() of items [start, stop) of a builtin container, without brackets: the text
    repr(value) has between them (in C, item by item)."""
    if t is list:
        return repr(value[start:stop])[1:-1]
    if t is tuple:
        return repr(list(value[start:stop]))[1:-1]
    if t is dict:
        return repr(dict(itertools.islice(value.items(), start, stop)))[1:-1]
    return repr(list(itertools.islice(value, start, stop)))[1:-1]


def _bounded_repr(value, limit):
    """(repr(value), its length), or for a big builtin container an exact prefix longer
    than limit and None. A big container is repr'd in chunks sized from the items seen so
    far, so only a little more than limit characters of items are ever built.
    (A big container that holds itself shows one more level than repr() would.)"""
    t = type(value)
    if t is str and len(value) > 2 * limit:
        # repr() picks its quote from the whole string; keep the prefix only if it picks the same.
        whole = "'" if ("'" not in value or '"' in value) else '"'
        head = repr(value[:limit])
        if head[0] == whole:
            return head[:-1], None
    if t not in _OPEN_CLOSE or len(value) <= 64:
        text = repr(value)
        return text, len(text)
    n = len(value)
    opener, closer = _OPEN_CLOSE[t]
    parts = [opener]
    size = len(opener)
    done = 0
    step = 16
    while done < n:
        stop = min(n, done + step)
        chunk = _repr_items(value, t, done, stop)
        if done:
            parts.append(", ")
            size += 2
        parts.append(chunk)
        size += len(chunk)
        done = stop
        if size > limit:
            return "".join(parts), None
        # The items so far give the average width. Far from the limit, aim a little short
        # (widths drift: ids grow a digit); near it, aim just past it.
        per_item = max(1.0, (size - len(opener)) / done)
        missing = limit - size
        step = max(8, int(missing / per_item * (0.9 if missing > limit // 5 else 1.02)) + 2)
    parts.append(closer)
    text = "".join(parts)
    return text, len(text)


def _describe_value(value, limit, want_digest):
    try:
        if want_digest:
            text = repr(value)
            length = len(text) if isinstance(text, str) else None
        else:
            text, length = _bounded_repr(value, limit)
    except Exception as e:
        text = "<repr failed: " + type(e).__name__ + ": " + str(e) + ">"
        length = len(text)
    if not isinstance(text, str):
        text = str(text)
        length = len(text)
    out = {"repr": text if len(text) <= limit else text[:limit], "len": length, "type": _type_name(value)}
    if want_digest:
        out["digest"] = hashlib.sha256(_ADDR.sub(" at 0x…", text).encode("utf-8", "surrogatepass")).hexdigest()
    return out


def begin(run_id):
    ns = {"__name__": "__main__", "__builtins__": builtins}
    _namespaces[run_id] = ns
    _state["saved_objects"] = {}


def end(run_id):
    ns = _namespaces.pop(run_id, None)
    if ns is not None:
        ns.clear()
    _state["saved_objects"] = None


def _on_save(reference, name):
    saved = _state["saved_objects"]
    if saved is not None:
        saved[name] = reference
    if _state["saves"] is not None and name in _state["save_names"]:
        rec = _describe_value(reference, _state["limit"], _state["digest"])
        rec["name"] = name
        _state["saves"].append(rec)


def _saved_value(name):
    saved = _state["saved_objects"]
    if saved is None or name not in saved:
        raise LookupError("lineapy.get(" + repr(name) + "): only artifacts saved earlier in the same run are available here")
    return saved[name]


def _strip_runner_frames(tb):
    while tb is not None and tb.tb_frame.f_code.co_filename == _SELF:
        tb = tb.tb_next
    return tb


def _describe_error(e, filename):
    tb = _strip_runner_frames(e.__traceback__)
    line = None
    if isinstance(e, SyntaxError) and e.filename == filename and tb is None:
        line = e.lineno
    else:
        t = tb
        while t is not None:
            if t.tb_frame.f_code.co_filename == filename:
                line = t.tb_lineno
                break
            t = t.tb_next
    try:
        e.__traceback__ = tb
        text = "".join(traceback.format_exception(e))
    except Exception:
        text = type(e).__name__ + ": " + str(e)
    try:
        detail = str(e)
    except Exception:
        detail = ""
    if isinstance(e, SyntaxError) and e.msg:
        detail = e.msg
    return {"type": type(e).__name__, "message": detail, "line": line, "traceback": text}


def run_cell(run_id, source, filename, names_json, save_names_json, limit, want_digest, out_limit):
    ns = _namespaces[run_id]
    names = json.loads(names_json)
    _state["saves"] = []
    _state["save_names"] = frozenset(json.loads(save_names_json))
    _state["limit"] = limit
    _state["digest"] = want_digest
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    out = io.StringIO()
    error = None
    started = time.time() * 1000
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = compile(source, filename, "exec", dont_inherit=True)
            exec(code, ns)
    except BaseException as e:
        error = _describe_error(e, filename)
    ended = time.time() * 1000
    values = []
    if error is None:
        for name in names:
            if name in ns:
                rec = _describe_value(ns[name], limit, want_digest)
                rec["name"] = name
                values.append(rec)
    saves = _state["saves"]
    _state["saves"] = None
    output = out.getvalue()
    result = {"started": started, "ended": ended, "values": values, "saves": saves, "error": error}
    if output:
        result["output"] = output[:out_limit]
        result["output_len"] = len(output)
    # ASCII reprs (nearly all) travel after the JSON, unescaped: "repr" holds their length.
    raw = []
    for rec in itertools.chain(saves, values):
        text = rec["repr"]
        if text.isascii():
            rec["repr"] = len(text)
            raw.append(text)
    return json.dumps(result) + "\0" + "".join(raw)


def _top_level_imports(tree):
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def scan_imports(cells_json):
    """Unconditional top-level imports that are not importable now: [[cell, line, name]]."""
    importlib.invalidate_caches()
    found = []
    seen = {}
    for index, source in enumerate(json.loads(cells_json)):
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        for name, line in _top_level_imports(tree):
            if name not in seen:
                try:
                    seen[name] = name in sys.modules or importlib.util.find_spec(name) is not None
                except (ImportError, ValueError):
                    seen[name] = False
            if not seen[name]:
                found.append([index, line, name])
    return json.dumps(found)


def importable(names_json):
    importlib.invalidate_caches()
    result = {}
    for name in json.loads(names_json):
        try:
            result[name] = name in sys.modules or importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            result[name] = False
    return json.dumps(result)


def _install_lineapy_stub():
    try:
        if importlib.util.find_spec("lineapy") is not None:
            return
    except (ImportError, ValueError):
        pass
    stub = types.ModuleType("lineapy")
    stub.__doc__ = "Threadline's stand-in for LineaPy during runs: save() records the value."

    class _Artifact:
        def __init__(self, name):
            self.name = name

        def get_value(self):
            return _saved_value(self.name)

    def save(reference, name, *args, **kwargs):
        _on_save(reference, name)
        return reference

    def get(name, version=None):
        _saved_value(name)
        return _Artifact(name)

    class _ExternalState:
        def __init__(self, name):
            self.external_state = name

        def __repr__(self):
            return "lineapy." + self.external_state

    def delete(artifact_name, version=None):
        saved = _state["saved_objects"]
        if saved is not None and version in ("all", "latest"):
            saved.pop(artifact_name, None)

    def artifact_store():
        saved = _state["saved_objects"] or {}
        return sorted(saved)

    def to_pipeline(artifacts, *args, **kwargs):
        return kwargs.get("output_dir", ".")

    stub.save = save
    stub.get = get
    stub.delete = delete
    stub.file_system = _ExternalState("file_system")
    stub.db = _ExternalState("db")
    stub.artifact_store = artifact_store
    stub.catalog = artifact_store
    stub.to_pipeline = to_pipeline
    sys.modules["lineapy"] = stub


def _display(*objs, **kwargs):
    for obj in objs:
        print(repr(obj))


_install_lineapy_stub()
if not hasattr(builtins, "display"):
    builtins.display = _display
`;

/** Installs the runner module (idempotent) and returns it as a PyProxy. */
export const INSTALL_RUNNER = `
import sys, types
if ${JSON.stringify(RUNNER_MODULE)} not in sys.modules:
    _m = types.ModuleType(${JSON.stringify(RUNNER_MODULE)})
    exec(compile(${JSON.stringify(RUNNER_SOURCE)}, ${JSON.stringify(RUNNER_FILENAME)}, "exec"), _m.__dict__)
    sys.modules[${JSON.stringify(RUNNER_MODULE)}] = _m
    del _m
sys.modules[${JSON.stringify(RUNNER_MODULE)}]
`;
