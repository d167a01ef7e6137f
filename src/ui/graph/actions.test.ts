import { describe, expect, it, vi } from 'vitest';
import type { GraphView, ViewNode } from '../../core/graph/view';
import { actionFor, GRAPH_ACTIONS, type GraphActionContext } from './actions';

function node(id: string): ViewNode {
  return { id, kind: 'Call', label: id, title: id, memberIds: [id], names: [], where: '', isBlock: false, seq: 0 };
}

/** a → b, a → c; b and c share a rank (same y). */
const view: GraphView = {
  mode: 'statement',
  nodes: [node('a'), node('b'), node('c')],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'ac', source: 'a', target: 'c' },
  ],
  groupOf: new Map([['a', 'a'], ['b', 'b'], ['c', 'c']]),
};
const positions = new Map([['a', { x: 100, y: 0 }], ['b', { x: 0, y: 100 }], ['c', { x: 200, y: 100 }]]);

function context(over: Partial<GraphActionContext> = {}): GraphActionContext {
  return {
    view,
    direction: 'TB',
    selectedId: undefined,
    positions,
    select: vi.fn(),
    centreOn: vi.fn(),
    openPanel: vi.fn(),
    focusSearch: vi.fn(),
    openShortcuts: vi.fn(),
    fitSelection: vi.fn(),
    ...over,
  };
}

/** A stand-in for an event target: its tag, and whether it sits inside a `<dialog>`. */
function target(tagName: string, inDialog = false) {
  return { tagName, isContentEditable: false, closest: (sel: string) => (sel === 'dialog' && inDialog ? {} : null) } as unknown as EventTarget;
}

function key(k: string, over: Partial<KeyboardEvent> = {}) {
  return { key: k, target: target('DIV'), ctrlKey: false, altKey: false, metaKey: false, defaultPrevented: false, ...over };
}

describe('the graph action registry', () => {
  it('gives every action its own key, its own name, a key label and a label', () => {
    const keys = GRAPH_ACTIONS.map((a) => a.key);
    const names = GRAPH_ACTIONS.map((a) => a.name);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(names).size).toBe(names.length);
    for (const a of GRAPH_ACTIONS) {
      expect(a.label.trim().length, a.name).toBeGreaterThan(5);
      expect(a.keyLabel.trim().length, a.name).toBeGreaterThan(0);
    }
  });

  it('keeps the shortcuts the graph page had: / ? arrows Enter Escape', () => {
    for (const k of ['/', '?', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape']) expect(GRAPH_ACTIONS.some((a) => a.key === k), k).toBe(true);
  });
});

describe('actionFor', () => {
  it('finds the action of a key, page-wide or inside the graph by its scope', () => {
    const ctx = context();
    expect(actionFor(key('/'), false, ctx)?.name).toBe('focus-search');
    expect(actionFor(key('?'), false, ctx)?.name).toBe('show-shortcuts');
    expect(actionFor(key('Escape'), true, ctx)?.name).toBe('clear-selection');
    // Graph actions wait for the focus to be inside the graph page.
    expect(actionFor(key('Escape'), false, ctx)).toBeUndefined();
    expect(actionFor(key('q'), true, ctx)).toBeUndefined();
  });

  it('leaves keys alone while typing, inside a dialog, with a modifier, or once handled', () => {
    const ctx = context();
    expect(actionFor(key('/', { target: target('INPUT') }), true, ctx)).toBeUndefined();
    expect(actionFor(key('?', { target: target('TEXTAREA') }), true, ctx)).toBeUndefined();
    expect(actionFor(key('ArrowDown', { target: target('SELECT') }), true, ctx)).toBeUndefined();
    expect(actionFor(key('Escape', { target: target('BUTTON', true) }), true, ctx)).toBeUndefined();
    expect(actionFor(key('f', { ctrlKey: true }), true, context({ selectedId: 'a' }))).toBeUndefined();
    expect(actionFor(key('/', { metaKey: true }), true, ctx)).toBeUndefined();
    expect(actionFor(key('/', { defaultPrevented: true }), true, ctx)).toBeUndefined();
  });

  it('Enter and F need a selection', () => {
    expect(actionFor(key('Enter'), true, context())).toBeUndefined();
    expect(actionFor(key('f'), true, context())).toBeUndefined();
    expect(actionFor(key('Enter'), true, context({ selectedId: 'a' }))?.name).toBe('open-panel');
    expect(actionFor(key('f'), true, context({ selectedId: 'a' }))?.name).toBe('fit-selection');
  });
});

describe('the arrow actions', () => {
  const run = (k: string, ctx: GraphActionContext) => GRAPH_ACTIONS.find((a) => a.key === k)!.perform(ctx);

  it('select the first node when nothing is selected, then follow edges and ranks (top to bottom)', () => {
    const first = context();
    run('ArrowDown', first);
    expect(first.select).toHaveBeenCalledWith('a');
    expect(first.centreOn).toHaveBeenCalledWith('a');

    const fromA = context({ selectedId: 'a' });
    run('ArrowDown', fromA);
    expect(fromA.select).toHaveBeenCalledTimes(1);
    expect(['b', 'c']).toContain(vi.mocked(fromA.select).mock.calls[0][0]);

    const fromB = context({ selectedId: 'b' });
    run('ArrowRight', fromB);
    expect(fromB.select).toHaveBeenCalledWith('c');
    const up = context({ selectedId: 'c' });
    run('ArrowUp', up);
    expect(up.select).toHaveBeenCalledWith('a');
  });

  it('in a left-to-right layout, left and right follow the edges', () => {
    const lr = context({ selectedId: 'b', direction: 'LR' });
    run('ArrowLeft', lr);
    expect(lr.select).toHaveBeenCalledWith('a');
    const tb = context({ selectedId: 'b', direction: 'TB' });
    run('ArrowLeft', tb);
    expect(tb.select).not.toHaveBeenCalled();
  });

  it('do nothing before a layout has arrived', () => {
    const ctx = context({ positions: undefined });
    run('ArrowDown', ctx);
    expect(ctx.select).not.toHaveBeenCalled();
  });
});
