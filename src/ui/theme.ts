/**
 * The colour theme. The user's choice (system / light / dark) is stored; the page always
 * carries the *resolved* theme on <html data-theme="light|dark">, so the CSS defines the dark
 * palette once, under [data-theme='dark']. In "system" mode the attribute follows the OS
 * setting live (matchMedia change events), and a choice made in another tab follows along.
 *
 * public/theme-init.js sets the same attribute before the first paint (a classic script in
 * <head>, since the CSP forbids inline scripts); this module keeps it right from then on.
 * main.tsx imports it first, so the listeners are in place before React renders.
 */
import { useCallback, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';
export const THEME_KEY = 'threadline.theme';

const listeners = new Set<() => void>();
const media = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function readChoice(): ThemeChoice {
  const t = localStorage.getItem(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

// The OS setting, read once and then taken from change events only. Reading media.matches
// again (say in a render) lets Chromium take in the new value there and then skip the change
// event for this list, and the page would miss the switch.
let osDark = media?.matches ?? false;

/** The theme shown for a choice: "system" resolves to the OS setting. */
function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

function readResolved(): ResolvedTheme {
  return resolveTheme(readChoice(), osDark);
}

/** Put the resolved theme on <html> and tell the subscribed components. */
function update(): void {
  document.documentElement.dataset.theme = readResolved();
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') {
  media?.addEventListener('change', (e: MediaQueryListEvent) => {
    osDark = e.matches;
    update();
  });
  window.addEventListener('storage', (e: StorageEvent) => {
    // key null: another tab cleared the storage (back to "system").
    if (e.key === THEME_KEY || e.key === null) update();
  });
  update();
}

export function setThemeChoice(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(THEME_KEY);
  else localStorage.setItem(THEME_KEY, choice);
  update();
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => {
    listeners.delete(cb);
  };
}

/** The theme choice and the theme actually shown (system resolved). */
export function useTheme(): { choice: ThemeChoice; resolved: ResolvedTheme; setChoice: (c: ThemeChoice) => void; toggle: () => void } {
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'system' as const);
  const resolved = useSyncExternalStore(subscribe, readResolved, () => 'light' as const);
  const toggle = useCallback(() => setThemeChoice(resolved === 'dark' ? 'light' : 'dark'), [resolved]);
  return { choice, resolved, setChoice: setThemeChoice, toggle };
}
