import { describe, expect, it } from 'vitest';
import { boundingBox, centreOn, clampToContent, clampZoom, firstFocus, firstView, fit, neighbourhoodCentre, placedBoxes, readableZoom, visibleCount, type Box, type Viewport } from './viewport';
import type { GraphView, ViewNode } from './view';

/** Where graph point `p` lands on screen under viewport `v`. */
const toScreen = (v: Viewport, p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });

describe('boundingBox', () => {
  it('holds every box, including negative coordinates', () => {
    const boxes: Box[] = [
      { x: 10, y: 20, width: 100, height: 50 },
      { x: -30, y: 200, width: 40, height: 10 },
      { x: 300, y: -5, width: 20, height: 20 },
    ];
    expect(boundingBox(boxes)).toEqual({ x: -30, y: -5, width: 350, height: 215 });
  });

  it('is undefined for no boxes, and the box itself for one', () => {
    expect(boundingBox([])).toBeUndefined();
    expect(boundingBox([{ x: 1, y: 2, width: 3, height: 4 }])).toEqual({ x: 1, y: 2, width: 3, height: 4 });
  });
});

describe('placedBoxes', () => {
  it('joins positions and sizes, for chosen ids, skipping what is not placed or not measured', () => {
    const positions = new Map([['a', { x: 0, y: 0 }], ['b', { x: 5, y: 6 }], ['c', { x: 9, y: 9 }]]);
    const sizes = new Map([['a', { width: 10, height: 20 }], ['b', { width: 1, height: 2 }]]);
    expect(placedBoxes(positions, sizes)).toEqual([{ x: 0, y: 0, width: 10, height: 20 }, { x: 5, y: 6, width: 1, height: 2 }]);
    expect(placedBoxes(positions, sizes, ['b', 'missing'])).toEqual([{ x: 5, y: 6, width: 1, height: 2 }]);
  });
});

describe('fit', () => {
  it('centres the box and fills the limiting side minus the padding', () => {
    const box = { x: 100, y: 100, width: 400, height: 100 };
    const size = { width: 1000, height: 800 };
    const v = fit(box, size, { padding: 0.05 });
    // Width limits: 90 % of 1000 px over 400 units.
    expect(v.zoom).toBeCloseTo(2.25);
    const centre = toScreen(v, { x: 300, y: 150 });
    expect(centre.x).toBeCloseTo(500);
    expect(centre.y).toBeCloseTo(400);
    expect(toScreen(v, { x: 100, y: 100 }).x).toBeCloseTo(50);
  });

  it('keeps within the zoom bounds', () => {
    const size = { width: 1000, height: 800 };
    expect(fit({ x: 0, y: 0, width: 10, height: 10 }, size, { maxZoom: 1 }).zoom).toBe(1);
    expect(fit({ x: 0, y: 0, width: 1e6, height: 10 }, size, { minZoom: 0.05 }).zoom).toBe(0.05);
    // Clamped, the box is still centred.
    const v = fit({ x: 0, y: 0, width: 10, height: 10 }, size, { maxZoom: 1 });
    expect(toScreen(v, { x: 5, y: 5 })).toEqual({ x: 500, y: 400 });
  });

  it('fits a box of no height by its width, and a point by the largest zoom', () => {
    const size = { width: 1000, height: 800 };
    expect(fit({ x: 0, y: 0, width: 500, height: 0 }, size).zoom).toBe(2);
    expect(fit({ x: 3, y: 4, width: 0, height: 0 }, size, { maxZoom: 1.5 }).zoom).toBe(1.5);
  });
});

describe('centreOn', () => {
  it('puts the point in the middle of the viewport at the given zoom', () => {
    const v = centreOn({ x: 250, y: -40 }, { width: 800, height: 600 }, 0.5);
    expect(v.zoom).toBe(0.5);
    expect(toScreen(v, { x: 250, y: -40 })).toEqual({ x: 400, y: 300 });
  });

  it('clampZoom bounds either side', () => {
    expect(clampZoom(3, { maxZoom: 2 })).toBe(2);
    expect(clampZoom(0.01, { minZoom: 0.05 })).toBe(0.05);
    expect(clampZoom(0.7)).toBe(0.7);
  });
});

describe('readableZoom', () => {
  it('is the zoom at which the font renders at the wanted screen size', () => {
    expect(readableZoom(12.5, 11)).toBeCloseTo(0.88);
    expect(readableZoom(11)).toBe(1);
    expect(readableZoom(22)).toBe(0.5);
  });

  it('refuses a font size that is not positive', () => {
    expect(() => readableZoom(0)).toThrow(RangeError);
    expect(() => readableZoom(Number.NaN)).toThrow(RangeError);
  });
});

describe('firstView', () => {
  const size = { width: 1000, height: 600 };
  const grid = (n: number): Box[] => Array.from({ length: n }, (_, i) => ({ x: (i % 4) * 200, y: Math.floor(i / 4) * 100, width: 160, height: 54 }));

  it('fits a graph that stays readable', () => {
    const v = firstView(grid(8), [], size, { readable: 1, maxZoom: 1.25 })!;
    expect(v.zoom).toBeGreaterThanOrEqual(1);
    expect(visibleCount(grid(8), v, size)).toBe(8);
  });

  it('centres a big graph on its focus at the readable zoom, never smaller', () => {
    const all = grid(200);
    const focus = [all[101]];
    const v = firstView(all, focus, size, { readable: 1, maxZoom: 1.25 })!;
    expect(v.zoom).toBe(1);
    const c = { x: focus[0].x + 80, y: focus[0].y + 27 };
    expect(c.x * v.zoom + v.x).toBeCloseTo(500);
    expect(c.y * v.zoom + v.y).toBeCloseTo(300);
    expect(visibleCount(all, v, size)).toBeLessThan(all.length);
  });

  it('centres on the first focus box when the focus does not fit, and keeps the graph over the viewport', () => {
    const all = grid(200);
    const last = all[all.length - 1];
    const v = firstView(all, [last, all[0]], size, { readable: 1, maxZoom: 1.25 })!;
    // The last node sits at the bottom of the graph: the view shifts up so no empty canvas shows below it.
    const bottom = (last.y + last.height) * v.zoom + v.y;
    expect(bottom).toBeLessThanOrEqual(size.height);
    expect(bottom).toBeGreaterThan(size.height - 60);
    expect(visibleCount([last], v, size)).toBe(1);
  });

  it('has no view for no boxes', () => {
    expect(firstView([], [], size, { readable: 1, maxZoom: 1 })).toBeUndefined();
  });
});

describe('clampToContent', () => {
  it('leaves a small content alone and pulls a big one over the viewport', () => {
    const size = { width: 100, height: 100 };
    expect(clampToContent({ x: 5, y: 5, zoom: 1 }, { x: 0, y: 0, width: 10, height: 10 }, size)).toEqual({ x: 5, y: 5, zoom: 1 });
    const v = clampToContent({ x: 500, y: -5000, zoom: 1 }, { x: 0, y: 0, width: 1000, height: 1000 }, size, 0);
    expect(v).toEqual({ x: 0, y: -900, zoom: 1 });
  });
});

describe('firstFocus', () => {
  const node = (id: string, code: string | undefined): ViewNode => ({ id, kind: 'Call', label: id, title: id, memberIds: [id, `${id}-member`], names: [], where: '', isBlock: false, seq: 0, ...(code ? { location: { sourceCodeId: code, line: 1, col: 0, endLine: 1, endCol: 1 } } : {}) });
  const view: GraphView = {
    mode: 'statement',
    nodes: [node('a', 'c1'), node('b', 'c2'), node('c', 'c3'), node('d', 'c3'), node('e', undefined)],
    edges: [],
    groupOf: new Map(['a', 'b', 'c', 'd', 'e'].flatMap((id) => [[id, id], [`${id}-member`, id]] as Array<[string, string]>)),
  };
  const codes = ['c1', 'c2', 'c3'];

  it('prefers the selection, then the artifacts (latest first), then the last cell', () => {
    expect(firstFocus(view, codes, { selectedId: 'b', artifactNodeIds: ['a-member'] })).toEqual(['b']);
    expect(firstFocus(view, codes, { selectedId: 'gone', artifactNodeIds: ['a-member', 'b'] })).toEqual(['b', 'a']);
    expect(firstFocus(view, codes, {})).toEqual(['d', 'c']);
  });

  it('skips display-only nodes when it looks for the last cell', () => {
    expect(firstFocus(view, codes, { skip: new Set(['c', 'd']) })).toEqual(['b']);
  });

  it('puts what the last cell binds before its other statements', () => {
    const named: GraphView = { ...view, nodes: view.nodes.map((n) => (n.id === 'c' ? { ...n, names: ['model'] } : n)) };
    expect(firstFocus(named, codes, {})).toEqual(['c', 'd']);
  });
});

describe('neighbourhoodCentre', () => {
  const node = (id: string, code: string, names: string[] = []): ViewNode => ({ id, kind: 'Call', label: id, title: id, memberIds: [id], names, where: '', isBlock: false, seq: 0, location: { sourceCodeId: code, line: 1, col: 0, endLine: 1, endCol: 1 } });
  // c1: df = …; c2: model = …, print(model); c3: print(df) (display-only), model.fit() (binds nothing)
  const view: GraphView = {
    mode: 'statement',
    nodes: [node('df', 'c1', ['df']), node('model', 'c2', ['model']), node('show', 'c2'), node('print', 'c3'), node('fit', 'c3')],
    edges: [],
    groupOf: new Map(['df', 'model', 'show', 'print', 'fit'].map((id) => [id, id])),
  };
  const codes = ['c1', 'c2', 'c3'];
  const skip = new Set(['show', 'print']);

  it('is the selection, else the latest artifact, else the last statement that binds a name', () => {
    expect(neighbourhoodCentre(view, codes, { selectedId: 'df', skip })).toBe('df');
    expect(neighbourhoodCentre(view, codes, { artifactNodeIds: ['df'], skip })).toBe('df');
    expect(neighbourhoodCentre(view, codes, { skip })).toBe('model');
  });

  it('is never the trailing display statement, and falls back to the last cell when nothing binds a name', () => {
    expect(neighbourhoodCentre(view, codes, { skip })).not.toBe('print');
    const unnamed: GraphView = { ...view, nodes: view.nodes.map((n) => ({ ...n, names: [] })) };
    expect(neighbourhoodCentre(unnamed, codes, { skip })).toBe('fit');
    expect(neighbourhoodCentre({ ...view, nodes: [] }, codes, {})).toBeUndefined();
  });
});
