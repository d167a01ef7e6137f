import { describe, expect, it } from 'vitest';
import { sliceDiff } from './SliceDiff';

describe('sliceDiff', () => {
  it('marks added and removed lines', () => {
    expect(sliceDiff('a = 1\nb = a\n', 'a = 2\nb = a\n')).toEqual([
      { kind: 'removed', text: 'a = 1' },
      { kind: 'added', text: 'a = 2' },
      { kind: 'same', text: 'b = a' },
    ]);
  });
});
