/**
 * `<name>_requirements.txt`: one line per third-party top-level package that the exported
 * code imports. Stdlib modules (./stdlib.ts) and lineapy are left out; common import names
 * are mapped to the name of the distribution that provides them.
 */
import { STDLIB_MODULES } from './stdlib';

/** Import name → distribution name, where they differ. Data, not code. */
export const DISTRIBUTION_NAMES: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
  cv2: 'opencv-python',
  PIL: 'pillow',
  yaml: 'pyyaml',
  bs4: 'beautifulsoup4',
  skimage: 'scikit-image',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  Crypto: 'pycryptodome',
  OpenSSL: 'pyopenssl',
  attr: 'attrs',
  docx: 'python-docx',
  pptx: 'python-pptx',
  jwt: 'pyjwt',
  serial: 'pyserial',
  usb: 'pyusb',
  magic: 'python-magic',
  Levenshtein: 'python-levenshtein',
  psycopg2: 'psycopg2-binary',
  MySQLdb: 'mysqlclient',
  fitz: 'pymupdf',
  Bio: 'biopython',
  gi: 'pygobject',
  win32api: 'pywin32',
  wx: 'wxpython',
  zmq: 'pyzmq',
  mpl_toolkits: 'matplotlib',
};

/** Modules never listed: stdlib, lineapy (removed from the code), IPython-only helpers. */
const NEVER = new Set(['lineapy', '__future__']);

export function isStdlib(module: string): boolean {
  return STDLIB_MODULES.has(module);
}

/** Distribution names for the given top-level import names: sorted, deduplicated. */
export function requirementsFor(modules: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const m of modules) {
    const top = m.split('.')[0];
    if (!top || NEVER.has(top) || isStdlib(top)) continue;
    out.add(DISTRIBUTION_NAMES[top] ?? top);
  }
  return [...out].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

export function requirementsText(modules: Iterable<string>): string {
  const list = requirementsFor(modules);
  return list.length > 0 ? `${list.join('\n')}\n` : '';
}
