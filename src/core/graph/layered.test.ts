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

describe('layeredLayout: bands', () => {
  // Three bands of three nodes; edges within bands, forward between bands, and one back.
  const nodes = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, width: 120 + (i % 3) * 30, height: 60, band: Math.floor(i / 3) + 1 }));
  const edges = [
    { source: 'n0', target: 'n1' },
    { source: 'n1', target: 'n2' },
    { source: 'n0', target: 'n5' },
    { source: 'n3', target: 'n4' },
    { source: 'n2', target: 'n8' },
    { source: 'n6', target: 'n7' },
    { source: 'n7', target: 'n3' },
  ];

  for (const direction of ['TB', 'LR'] as const) {
    it(`stacks bands in order with disjoint rectangles that hold their nodes (${direction})`, () => {
      const { positions, bands } = layeredLayout(nodes, edges, { direction, bandHead: 36 });
      expect(bands?.map((b) => b.band)).toEqual([1, 2, 3]);
      const across = (id: string) => (direction === 'TB' ? positions[id].y : positions[id].x);
      for (const [a, b] of [[0, 3], [3, 6]]) {
        const lastOfEarlier = Math.max(...[a, a + 1, a + 2].map((i) => across(`n${i}`)));
        const firstOfLater = Math.min(...[b, b + 1, b + 2].map((i) => across(`n${i}`)));
        expect(firstOfLater).toBeGreaterThan(lastOfEarlier);
      }
      for (const band of bands!) {
        for (const n of nodes.filter((x) => x.band === band.band)) {
          const p = positions[n.id];
          expect(p.x).toBeGreaterThanOrEqual(band.x);
          expect(p.y).toBeGreaterThanOrEqual(band.y + 36);
          expect(p.x + n.width).toBeLessThanOrEqual(band.x + band.width);
          expect(p.y + n.height).toBeLessThanOrEqual(band.y + band.height);
        }
      }
      const r = bands!.map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height }));
      for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) expect(overlaps(r[i], r[j])).toBe(false);
    });
  }

  it('keeps the order inside a band and returns no bands when every node has the same band', () => {
    const { positions } = layeredLayout(nodes, edges);
    expect(positions.n0.y).toBeLessThan(positions.n1.y);
    expect(positions.n6.y).toBeLessThan(positions.n7.y);
    expect(layeredLayout(nodes.map((n) => ({ ...n, band: 2 })), edges).bands).toBeUndefined();
    expect(layeredLayout(nodes.map(({ band: _b, ...n }) => n), edges).bands).toBeUndefined();
  });

  it('treats nodes without a band as band 0, before the first band', () => {
    const mixed = [{ id: 'pre', width: 100, height: 40 }, ...nodes];
    const { positions, bands } = layeredLayout(mixed, [{ source: 'n0', target: 'pre' }]);
    expect(bands?.map((b) => b.band)).toEqual([0, 1, 2, 3]);
    expect(positions.pre.y).toBeLessThan(positions.n0.y);
  });
});

describe('isotonicPlace', () => {
  it('keeps order and gaps while staying close to the wishes', () => {
    expect(isotonicPlace([0, 0], [0, 10])).toEqual([-5, 5]);
    expect(isotonicPlace([0, 100], [0, 10])).toEqual([0, 100]);
  });
});
