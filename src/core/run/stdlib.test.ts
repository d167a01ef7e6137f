import { describe, expect, it } from 'vitest';
import { loadPyodide } from 'pyodide';
import { PYODIDE_OWN_MODULES, PYODIDE_STDLIB } from './stdlib';

describe('PYODIDE_STDLIB', () => {
  it('is exactly the standard-library modules a fresh Pyodide can import', async () => {
    const py = await loadPyodide();
    const found = JSON.parse(
      String(
        py.runPython(`
import sys, importlib.util, json
ok = []
for n in sorted(sys.stdlib_module_names):
    try:
        if importlib.util.find_spec(n) is not None:
            ok.append(n)
    except Exception:
        pass
json.dumps(ok)
`),
      ),
    ) as string[];
    expect([...PYODIDE_STDLIB].sort()).toEqual(found);
    expect(PYODIDE_STDLIB.has('json')).toBe(true);
    expect(PYODIDE_STDLIB.has('tkinter')).toBe(false);
    const own = JSON.parse(String(py.runPython(`import importlib.util, json\njson.dumps([importlib.util.find_spec(n) is not None for n in ${JSON.stringify([...PYODIDE_OWN_MODULES])}])`))) as boolean[];
    expect(own).toEqual([...PYODIDE_OWN_MODULES].map(() => true));
  }, 60_000);
});
