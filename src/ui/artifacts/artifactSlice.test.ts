/** Both slices of an artifact (fine and whole-block) from a real analysis, and their line counts. */
import { describe, expect, it } from 'vitest';
import { analyseCells } from '../../core/slice/testing/prove';
import { createSlicer } from '../../core/slice';
import { artifactSlices, keptNodeIds, lineCount } from './artifactSlice';

const LOOP = 'n = 10\ntotal = 0\nsquares = 0\nfor i in range(n):\n    total += i\n    squares += i * i\n    if i % 3 == 0:\n        print("step", i)\n';

function slicesOf(code: string, name: string) {
  const out = analyseCells([code]);
  const nodeId = out.bindings.find((b) => b.name === name)!.nodeId;
  return artifactSlices({ sourceCodes: out.sourceCodes, nodes: out.nodes }, nodeId);
}

describe('artifactSlices', () => {
  it('the fine slice drops the other accumulator and the branch; the whole-block slice keeps the loop whole', () => {
    const s = slicesOf(LOOP, 'total');
    if ('error' in s) throw new Error(s.error);
    expect(s.whole.code).toBe(LOOP);
    expect(s.fine.code).toBe('n = 10\ntotal = 0\nfor i in range(n):\n    total += i\n');
    expect([s.fine.lines, s.whole.lines]).toEqual([4, 8]);
    expect(s.fine.notes).toEqual([]);
  });

  it('without blocks both slices are the same', () => {
    const s = slicesOf('a = 1\nb = a + 1\nc = 3\n', 'b');
    if ('error' in s) throw new Error(s.error);
    expect(s.fine.code).toBe(s.whole.code);
    expect(s.fine.code).toBe('a = 1\nb = a + 1\n');
  });

  it('an unknown node is a sentence, not a throw', () => {
    const out = analyseCells(['a = 1\n']);
    const s = artifactSlices({ sourceCodes: out.sourceCodes, nodes: out.nodes }, 'nope');
    expect(s).toMatchObject({ error: expect.stringContaining('nope') });
  });
});

describe('lineCount', () => {
  it('counts lines of text, the trailing newline starts none', () => {
    expect([lineCount(''), lineCount('a\n'), lineCount('a\nb\n'), lineCount('a\n\nb\n')]).toEqual([0, 1, 2, 3]);
  });
});

describe('keptNodeIds', () => {
  it('drops the nodes of the statements the fine slice cuts, keeps the rest', () => {
    const out = analyseCells([LOOP]);
    const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
    const nodeId = out.bindings.find((b) => b.name === 'total')!.nodeId;
    const whole = slicer.slice([nodeId]);
    const fine = slicer.slice([nodeId], { fine: true, names: ['total'] });
    const line = (id: string) => out.nodes.find((n) => n.id === id)?.location?.line;
    const wholeLines = new Set(keptNodeIds(out, whole).map(line));
    const fineLines = new Set(keptNodeIds(out, fine).map(line));
    expect(wholeLines.has(3)).toBe(true); // squares = 0
    expect(fineLines.has(3)).toBe(false);
    for (const l of [1, 2, 4]) expect(fineLines.has(l)).toBe(true); // n, total, the loop header
    expect(keptNodeIds(out, whole)).toEqual(whole.nodeIds);
  });
});
