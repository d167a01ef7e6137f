import { describe, expect, it } from 'vitest';
import { sideBySide, sliceDiff } from './SliceDiff';

describe('sliceDiff', () => {
  it('marks added and removed lines', () => {
    expect(sliceDiff('a = 1\nb = a\n', 'a = 2\nb = a\n')).toEqual([
      { kind: 'removed', text: 'a = 1' },
      { kind: 'added', text: 'a = 2' },
      { kind: 'same', text: 'b = a' },
    ]);
  });
});

describe('sideBySide', () => {
  it('faces same lines, pairs a removed run with the added run after it, and pads the shorter side', () => {
    const rows = sideBySide(sliceDiff('a = 0\nfor i in r:\n    a += i\n    b += i\nprint(a)\n', 'a = 0\nfor i in r:\n    a += i\nprint(a)\n'));
    expect(rows).toEqual([
      { left: { kind: 'same', text: 'a = 0' }, right: { kind: 'same', text: 'a = 0' } },
      { left: { kind: 'same', text: 'for i in r:' }, right: { kind: 'same', text: 'for i in r:' } },
      { left: { kind: 'same', text: '    a += i' }, right: { kind: 'same', text: '    a += i' } },
      { left: { kind: 'removed', text: '    b += i' }, right: { kind: 'filler' } },
      { left: { kind: 'same', text: 'print(a)' }, right: { kind: 'same', text: 'print(a)' } },
    ]);
  });

  it('an emptied body: the removed lines face the inserted pass', () => {
    const rows = sideBySide(sliceDiff('if c:\n    x = 1\n    y = 2\n', 'if c:\n    pass\n'));
    expect(rows.map((r) => [r.left.kind, r.right.kind])).toEqual([
      ['same', 'same'],
      ['removed', 'added'],
      ['removed', 'filler'],
    ]);
    expect(rows[1].right).toEqual({ kind: 'added', text: '    pass' });
  });
});
