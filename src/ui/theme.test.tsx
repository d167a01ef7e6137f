// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ThemeModule from './theme';

// React's act() environment flag for a non-Jest runner.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const KEY = 'threadline.theme';

/** A prefers-color-scheme: dark query whose answer the test flips, firing `change` like the browser. */
class FakeDarkQuery extends EventTarget {
  readonly media = '(prefers-color-scheme: dark)';
  constructor(public matches: boolean) {
    super();
  }
  set(dark: boolean): void {
    this.matches = dark;
    this.dispatchEvent(Object.assign(new Event('change'), { matches: dark }));
  }
}

let os: FakeDarkQuery;
const windowListeners: [string, EventListenerOrEventListenerObject][] = [];
let root: Root | undefined;
let host: HTMLElement | undefined;

/** A fresh copy of the theme module (it starts following the OS at import) with the OS set to `dark`. */
async function loadTheme(dark: boolean): Promise<typeof ThemeModule> {
  os = new FakeDarkQuery(dark);
  vi.spyOn(window, 'matchMedia').mockImplementation(() => os as unknown as MediaQueryList);
  vi.resetModules();
  return import('./theme');
}

const shown = () => document.documentElement.dataset.theme;

beforeEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  // Each fresh module adds a window `storage` listener: note them so they can go after the test.
  const add = window.addEventListener.bind(window);
  vi.spyOn(window, 'addEventListener').mockImplementation((type: string, l: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) => {
    windowListeners.push([type, l]);
    add(type, l, o);
  });
});

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  host?.remove();
  vi.restoreAllMocks();
  for (const [type, l] of windowListeners.splice(0)) window.removeEventListener(type, l);
});

describe('theme', () => {
  it('in system mode, <html> carries the resolved theme and follows a change of the OS setting', async () => {
    await loadTheme(false);
    expect(shown()).toBe('light');
    os.set(true);
    expect(shown()).toBe('dark');
    os.set(false);
    expect(shown()).toBe('light');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('an explicit choice overrides the OS setting; "system" follows it again', async () => {
    const theme = await loadTheme(true);
    expect(shown()).toBe('dark');

    theme.setThemeChoice('light');
    expect(shown()).toBe('light');
    expect(localStorage.getItem(KEY)).toBe('light');
    os.set(false);
    os.set(true);
    expect(shown()).toBe('light');

    theme.setThemeChoice('system');
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(shown()).toBe('dark');
    os.set(false);
    expect(shown()).toBe('light');
  });

  it('applies a stored choice at import, whatever the OS says', async () => {
    localStorage.setItem(KEY, 'dark');
    await loadTheme(false);
    expect(shown()).toBe('dark');
    os.set(true);
    os.set(false);
    expect(shown()).toBe('dark');
  });

  it('follows a choice made in another tab', async () => {
    await loadTheme(false);
    localStorage.setItem(KEY, 'dark');
    window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue: 'dark' }));
    expect(shown()).toBe('dark');
    localStorage.removeItem(KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue: null }));
    expect(shown()).toBe('light');
  });

  it('useTheme re-renders on an OS change in system mode, and the toggle stores the opposite of what is shown', async () => {
    const { useTheme } = await loadTheme(true);
    function Probe() {
      const { choice, resolved, toggle } = useTheme();
      return (
        <button type="button" onClick={toggle}>
          {choice}/{resolved}
        </button>
      );
    }
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => root!.render(<Probe />));
    const button = host.querySelector('button')!;
    expect(button.textContent).toBe('system/dark');

    act(() => os.set(false));
    expect(button.textContent).toBe('system/light');

    act(() => button.click());
    expect(button.textContent).toBe('dark/dark');
    expect(localStorage.getItem(KEY)).toBe('dark');
    expect(shown()).toBe('dark');

    act(() => os.set(false));
    expect(button.textContent).toBe('dark/dark');
    act(() => button.click());
    expect(button.textContent).toBe('light/light');
    expect(shown()).toBe('light');
  });
});

describe('public/theme-init.js (runs before the first paint)', () => {
  const script = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../public/theme-init.js'), 'utf8');
  const run = (dark: boolean) => {
    os = new FakeDarkQuery(dark);
    vi.spyOn(window, 'matchMedia').mockImplementation(() => os as unknown as MediaQueryList);
    new Function(script)();
  };

  it('sets the resolved theme: the OS setting when no choice is stored', () => {
    run(true);
    expect(shown()).toBe('dark');
    run(false);
    expect(shown()).toBe('light');
  });

  it('sets the stored choice over the OS setting', () => {
    localStorage.setItem(KEY, 'light');
    run(true);
    expect(shown()).toBe('light');
    localStorage.setItem(KEY, 'dark');
    run(false);
    expect(shown()).toBe('dark');
  });
});
