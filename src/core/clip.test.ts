import { describe, expect, it } from 'vitest';
import { clipFolded, clipText } from './clip';

describe('clipFolded', () => {
  it('keeps short text whole', () => {
    expect(clipFolded('(1, 2, 3)', 3)).toBe('(1, 2, 3)');
  });

  it('shows the first 200 characters and how many elements are left out', () => {
    const n = 1_700_000;
    const text = `(${Array.from({ length: n }, (_, i) => i).join(', ')})`;
    const shown = clipFolded(text, n);
    // "(0, 1, …, 51, 5" : 52 elements end before character 200.
    expect(shown).toBe(`${text.slice(0, 200)}… 1,699,948 more elements`);
    expect(shown.length).toBeLessThan(240);
  });

  it('counts elements at the display level only (not inside nested displays or strings)', () => {
    const text = `{${Array.from({ length: 100 }, (_, i) => `"k,${i}": (${i}, ${i})`).join(', ')}}`;
    const shown = clipFolded(text, 100, 40);
    // `{"k,0": (0, 0), "k,1": (1, 1), "k,2": (2` → two elements ended.
    expect(shown).toBe(`${text.slice(0, 40)}… 98 more elements`);
  });
});

describe('clipText', () => {
  it('cuts long text and says how much is left', () => {
    expect(clipText('abcdef', 4)).toBe('abcd… 2 more characters');
    expect(clipText('abc', 4)).toBe('abc');
  });
});
