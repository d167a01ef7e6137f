import { describe, expect, it } from 'vitest';
import { isotonicPlace, layeredLayout } from './layered';

function overlaps(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('layeredLayout', () => {
  it('puts inputs above their users (top to bottom)', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ id, width: 100, height: 40 }));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'b', target: 'd' },
      { source: 'c', target: 'd' },
    ];
    const { positions } = layeredLayout(nodes, edges);
    expect(positions.a.y).toBeLessThan(positions.b.y);
    expect(positions.b.y).toBe(positions.c.y);
    expect(positions.c.y).toBeLessThan(positions.d.y);
  });

  it('never overlaps nodes of different sizes, and survives cycles', () => {
    const nodes = Array.from({ length: 60 }, (_, i) => ({ id: `n${i}`, width: 80 + ((i * 37) % 200), height: 40 + (i % 3) * 10 }));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${(i * 7) % (i + 1)}`, target: n.id }));
    edges.push({ source: 'n10', target: 'n2' }, { source: 'n2', target: 'n10' });
    for (const direction of ['TB', 'LR'] as const) {
      const { positions } = layeredLayout(nodes, edges, { direction });
      const boxes = nodes.map((n) => ({ ...positions[n.id], w: n.width, h: n.height }));
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    }
  });

  it('lays out 5,000 nodes quickly', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => ({ id: `n${i}`, width: 160, height: 50 }));
    const edges = nodes.slice(1).flatMap((n, i) => [
      { source: `n${Math.floor(i / 2)}`, target: n.id },
      { source: `n${Math.max(0, i - 3)}`, target: n.id },
    ]);
    const t = performance.now();
    const { positions } = layeredLayout(nodes, edges);
    expect(Object.keys(positions)).toHaveLength(5000);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

describe('isotonicPlace', () => {
  it('keeps order and gaps while staying close to the wishes', () => {
    expect(isotonicPlace([0, 0], [0, 10])).toEqual([-5, 5]);
    expect(isotonicPlace([0, 100], [0, 10])).toEqual([0, 100]);
  });
});
