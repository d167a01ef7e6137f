/**
 * Before a run starts: which of the code's imports can this Pyodide not provide right now?
 * A module is available when it is in the standard library as Pyodide ships it, is one of
 * Pyodide's own (`js`, `pyodide` …), or is `lineapy` (the run provides a stand-in). Otherwise it needs a package from Pyodide's index
 * (the lockfile shipped with the pyodide npm package), fetched from Pyodide's CDN: possible
 * only with package downloads allowed and a network. A module in neither is not available
 * at all. The answer comes at once, instead of after Python has started and the load failed.
 */
import { importSites, type ImportSite } from './imports';
import { PYODIDE_OWN_MODULES, PYODIDE_STDLIB } from './stdlib';

/** The part of `pyodide-lock.json` read here. */
export interface PyodideLockfile {
  packages: Record<string, { name?: string; imports?: string[]; package_type?: string }>;
}

/** Import name → the package of Pyodide's index that provides it. */
export type PackageIndex = ReadonlyMap<string, string>;

export function packageIndex(lock: PyodideLockfile): PackageIndex {
  const index = new Map<string, string>();
  for (const [key, pkg] of Object.entries(lock.packages)) {
    if (pkg.package_type !== undefined && pkg.package_type !== 'package') continue;
    for (const name of pkg.imports ?? []) if (!index.has(name)) index.set(name, pkg.name ?? key);
  }
  return index;
}

/** Modules a run can import without the network. */
export function isBundledModule(module: string): boolean {
  return PYODIDE_STDLIB.has(module) || PYODIDE_OWN_MODULES.has(module) || module === 'lineapy';
}

export interface MissingImport extends ImportSite {
  /** The package of Pyodide's index that would provide it; undefined when none does. */
  package?: string;
}

export interface PreflightInput {
  packageDownloads: 'allowed' | 'disabled';
  /** The browser's idea of the network (`navigator.onLine`). */
  online: boolean;
}

export type Preflight =
  | { ok: true }
  | {
      ok: false;
      /** What blocks the run: downloads are off, the browser is offline, or no package provides a module. */
      reason: 'downloads-off' | 'offline' | 'unknown';
      missing: MissingImport[];
      /** One sentence naming the modules and why. */
      message: string;
      /** The one thing that fixes it, when there is one. */
      action?: 'allow-downloads' | 'go-online';
    };

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Where the first of `missing` is imported, in the words of the run's own messages. */
function firstSite(missing: MissingImport[], labels?: readonly string[]): string {
  const m = missing[0];
  return `${labels?.[m.cellIndex] ?? `Cell ${m.cellIndex + 1}`}, line ${m.line}`;
}

/**
 * Checks `codes` (one entry per cell, in run order) against `index` and the settings.
 * `labels` names the cells in the message (default "Cell n").
 */
export function preflightImports(codes: readonly string[], index: PackageIndex, input: PreflightInput, labels?: readonly string[]): Preflight {
  const missing: MissingImport[] = [];
  for (const site of importSites(codes)) {
    if (isBundledModule(site.module)) continue;
    const pkg = index.get(site.module);
    missing.push(pkg ? { ...site, package: pkg } : site);
  }
  if (missing.length === 0) return { ok: true };
  const unknown = missing.filter((m) => m.package === undefined);
  const fetchable = missing.filter((m) => m.package !== undefined);
  const names = (ms: MissingImport[]) => list(ms.map((m) => m.module));
  const verb = (ms: MissingImport[]) => (ms.length === 1 ? 'is' : 'are');
  const where = firstSite(missing, labels);
  if (unknown.length > 0) {
    const also = fetchable.length > 0 && input.packageDownloads === 'disabled' ? ` (${names(fetchable)} would also need package downloads)` : '';
    return {
      ok: false,
      reason: 'unknown',
      missing,
      message: `${names(unknown)} ${verb(unknown)} not available in this browser: not in Python's standard library as Pyodide ships it, and not in Pyodide's package index${also}. First import: ${firstSite(unknown, labels)}.`,
    };
  }
  if (input.packageDownloads === 'disabled') {
    return {
      ok: false,
      reason: 'downloads-off',
      missing,
      message: `${names(fetchable)} ${verb(fetchable)} not available offline: ${fetchable.length === 1 ? 'it is a package' : 'they are packages'} from Pyodide's index, and package downloads are turned off. First import: ${where}.`,
      action: 'allow-downloads',
    };
  }
  if (!input.online) {
    return {
      ok: false,
      reason: 'offline',
      missing,
      message: `${names(fetchable)} ${verb(fetchable)} not available offline, and this browser is offline: ${fetchable.length === 1 ? 'it is fetched' : 'they are fetched'} from Pyodide's CDN. First import: ${where}.`,
      action: 'go-online',
    };
  }
  return { ok: true };
}
