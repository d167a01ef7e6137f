import { useCallback, useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'threadline.theme';

const listeners = new Set<() => void>();
const media = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function readChoice(): ThemeChoice {
  const t = localStorage.getItem(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

function apply(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function setThemeChoice(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(THEME_KEY);
  else localStorage.setItem(THEME_KEY, choice);
  apply(choice);
  listeners.forEach((l) => l());
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  media?.addEventListener('change', cb);
  const onStorage = (e: StorageEvent) => {
    if (e.key === THEME_KEY) {
      apply(readChoice());
      cb();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(cb);
    media?.removeEventListener('change', cb);
    window.removeEventListener('storage', onStorage);
  };
}

/** The theme choice and the theme actually shown (system resolved). */
export function useTheme(): { choice: ThemeChoice; resolved: 'light' | 'dark'; setChoice: (c: ThemeChoice) => void; toggle: () => void } {
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'system' as const);
  const systemDark = useSyncExternalStore(subscribe, () => media?.matches ?? false, () => false);
  const resolved = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => apply(choice), [choice]);
  const toggle = useCallback(() => setThemeChoice(resolved === 'dark' ? 'light' : 'dark'), [resolved]);
  return { choice, resolved, setChoice: setThemeChoice, toggle };
}
