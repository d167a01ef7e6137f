import { visibleText } from '../core/names';

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** `2026-11-22`, as used in `name:version created on <date>`. */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * A file, session or artifact name as it should be shown: bidi controls (a right-to-left
 * override can fake an extension: `report⟨U+202E⟩fdp.exe.py`), invisible spaces and control
 * characters appear as `⟨U+202E⟩` markers. Use it wherever such a name is shown as text.
 */
export function visibleName(name: string): string {
  return visibleText(name);
}
