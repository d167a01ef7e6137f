import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isBundledModule, packageIndex, preflightImports, type PyodideLockfile } from './preflight';

// The lockfile the app serves at /pyodide/pyodide-lock.json.
const lock = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('pyodide/pyodide-lock.json'), 'utf8')) as PyodideLockfile;
const index = packageIndex(lock);
const off = { packageDownloads: 'disabled' as const, online: true };
const on = { packageDownloads: 'allowed' as const, online: true };

describe('packageIndex', () => {
  it('maps import names to the packages of the shipped lockfile', () => {
    expect(index.get('numpy')).toBe('numpy');
    expect(index.get('pandas')).toBe('pandas');
    expect(index.get('sklearn')).toBe('scikit-learn');
    expect(index.get('yaml')).toBe('pyyaml');
    expect(index.get('libopenblas')).toBeUndefined(); // a shared library, not importable
  });

  it('reads a minimal lockfile', () => {
    const small = packageIndex({ packages: { 'beautifulsoup4': { name: 'beautifulsoup4', imports: ['bs4'] }, libx: { package_type: 'shared_library' } } });
    expect([...small]).toEqual([['bs4', 'beautifulsoup4']]);
  });
});

describe('preflightImports', () => {
  it('passes a standard-library notebook, and lineapy (the run stubs it)', () => {
    expect(preflightImports(['import collections, json\nimport lineapy', 'from math import pi'], index, off)).toEqual({ ok: true });
    expect(isBundledModule('sqlite3')).toBe(true);
    // Pyodide's own modules (the hostile e2e notebook imports them).
    expect(preflightImports(['import js\nimport pyodide_js\nfrom pyodide.ffi import to_js'], index, off)).toEqual({ ok: true });
  });

  it('names the packages that need downloads, where they are first imported, and the fix', () => {
    const result = preflightImports(['x = 1', 'import numpy as np\nimport pandas as pd\nimport json'], index, off);
    expect(result).toMatchObject({ ok: false, reason: 'downloads-off', action: 'allow-downloads' });
    if (result.ok) throw new Error('unreachable');
    expect(result.missing.map((m) => [m.module, m.package, m.cellIndex, m.line])).toEqual([
      ['numpy', 'numpy', 1, 1],
      ['pandas', 'pandas', 1, 2],
    ]);
    expect(result.message).toBe("numpy and pandas are not available offline: they are packages from Pyodide's index, and package downloads are turned off. First import: Cell 2, line 1.");
  });

  it('with downloads allowed: passes online, stops offline', () => {
    expect(preflightImports(['import numpy'], index, on)).toEqual({ ok: true });
    const offline = preflightImports(['import numpy'], index, { ...on, online: false });
    expect(offline).toMatchObject({ ok: false, reason: 'offline', action: 'go-online' });
  });

  it('a module no package provides has no fix, whatever the settings', () => {
    for (const settings of [on, off]) {
      const result = preflightImports(['import numpy\nimport my_private_lib'], index, settings, ['cell 4']);
      expect(result).toMatchObject({ ok: false, reason: 'unknown' });
      if (result.ok) throw new Error('unreachable');
      expect(result.action).toBeUndefined();
      expect(result.message).toContain('my_private_lib is not available in this browser');
      expect(result.message).toContain('First import: cell 4, line 2.');
    }
  });

  it('ignores conditional and relative imports', () => {
    expect(preflightImports(['try:\n    import numpy\nexcept ImportError:\n    pass\nfrom . import x'], index, off)).toEqual({ ok: true });
  });
});
