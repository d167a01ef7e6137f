/**
 * The run preflight in the app: the package index comes from the lockfile we serve with the
 * Pyodide runtime (`/pyodide/pyodide-lock.json`, the one shipped in the pyodide npm package),
 * fetched once; the checking itself is `preflightImports` (src/core/run/preflight.ts). When
 * the lockfile cannot be read the check passes, and the run reports any package it cannot load.
 */
import { packageIndex, preflightImports, type PackageIndex, type Preflight, type PyodideLockfile } from '../../core/run/preflight';
import type { RunCell } from '../../core/run/types';

let index: Promise<PackageIndex | undefined> | undefined;

function loadIndex(): Promise<PackageIndex | undefined> {
  index ??= fetch(`${import.meta.env.BASE_URL}pyodide/pyodide-lock.json`)
    .then((res) => (res.ok ? (res.json() as Promise<PyodideLockfile>) : undefined))
    .then((lock) => (lock?.packages ? packageIndex(lock) : undefined))
    .catch(() => undefined);
  return index;
}

/** Which imports of `cells` cannot load now, with the settings and the network as they are. */
export async function preflightRun(cells: readonly RunCell[], allowPackageDownloads: boolean): Promise<Preflight> {
  const packages = await loadIndex();
  if (!packages) return { ok: true };
  return preflightImports(
    cells.map((c) => c.code),
    packages,
    { packageDownloads: allowPackageDownloads ? 'allowed' : 'disabled', online: typeof navigator === 'undefined' || navigator.onLine },
    cells.map((c, i) => (c.label ? c.label.charAt(0).toUpperCase() + c.label.slice(1) : `Cell ${i + 1}`)),
  );
}
