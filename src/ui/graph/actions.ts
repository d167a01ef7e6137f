/**
 * The graph page's keyboard actions: one declaration per action holds what it does, the key
 * that runs it and the words that describe it. The keyboard hook dispatches from this list and
 * the "Keyboard shortcuts" dialog prints it, so the two cannot drift apart.
 */
import { neighbour } from '../../core/graph/highlight';
import type { GraphView } from '../../core/graph/view';
import type { Point } from '../../core/graph/viewport';

type Step = 'up' | 'down' | 'left' | 'right';

/** What an action may read and do on the graph page (the page builds it afresh each render). */
export interface GraphActionContext {
  view: GraphView;
  direction: 'TB' | 'LR';
  selectedId: string | undefined;
  /** Top-left corners of the laid-out nodes, once a layout has arrived. */
  positions: ReadonlyMap<string, Point> | undefined;
  select(id: string | undefined): void;
  centreOn(id: string): void;
  openPanel(): void;
  focusSearch(): void;
  openShortcuts(): void;
  fitSelection(): void;
}

export interface GraphAction {
  name: string;
  /** The `KeyboardEvent.key` that runs it (no Ctrl, Alt or Meta). */
  key: string;
  /** How the key is written in the shortcuts list. */
  keyLabel: string;
  /** What it does, as the shortcuts list says it. */
  label: string;
  /**
   * `page`: from anywhere on the page. `graph`: only while the focus is inside the graph page
   * (the canvas, a node, the toolbar), as the arrows must not steal keys from elsewhere.
   */
  scope: 'page' | 'graph';
  /** Stop the browser's own handling of the key (scrolling, for the arrows). Default true. */
  preventDefault?: boolean;
  /** When false, the key is left alone (the browser and the focused control get it). */
  enabled?: (ctx: GraphActionContext) => boolean;
  perform: (ctx: GraphActionContext) => void;
}

/** Spatial arrow → step along the layout: in a left-to-right layout, left and right follow edges. */
function logicalStep(step: Step, direction: 'TB' | 'LR'): Step {
  if (direction === 'TB') return step;
  return ({ up: 'left', down: 'right', left: 'up', right: 'down' } as const)[step];
}

/** Move the selection to the neighbour in `step`; with nothing selected, select the first node. */
function move(ctx: GraphActionContext, step: Step): void {
  if (!ctx.positions) return;
  const current = ctx.selectedId ?? ctx.view.nodes[0]?.id;
  if (!current) return;
  const next = ctx.selectedId ? neighbour(ctx.view, current, logicalStep(step, ctx.direction), ctx.positions) : current;
  if (next) {
    ctx.select(next);
    ctx.centreOn(next);
  }
}

function arrow(step: Step, key: string, keyLabel: string, label: string): GraphAction {
  return { name: `select-${step}`, key, keyLabel, label, scope: 'graph', perform: (ctx) => move(ctx, step) };
}

export const GRAPH_ACTIONS: readonly GraphAction[] = [
  { name: 'focus-search', key: '/', keyLabel: '/', label: 'Search names, code or ids', scope: 'page', perform: (ctx) => ctx.focusSearch() },
  { name: 'show-shortcuts', key: '?', keyLabel: '?', label: 'Show these keyboard shortcuts', scope: 'page', perform: (ctx) => ctx.openShortcuts() },
  arrow('up', 'ArrowUp', '↑', 'Select the neighbour above'),
  arrow('down', 'ArrowDown', '↓', 'Select the neighbour below'),
  arrow('left', 'ArrowLeft', '←', 'Select the neighbour to the left'),
  arrow('right', 'ArrowRight', '→', 'Select the neighbour to the right'),
  {
    name: 'open-panel',
    key: 'Enter',
    keyLabel: 'Enter',
    label: 'Open the side panel of the selected node',
    scope: 'graph',
    preventDefault: false,
    enabled: (ctx) => ctx.selectedId !== undefined,
    perform: (ctx) => ctx.openPanel(),
  },
  {
    name: 'fit-selection',
    key: 'f',
    keyLabel: 'F',
    label: 'Fit the selection and its relatives in view',
    scope: 'graph',
    enabled: (ctx) => ctx.selectedId !== undefined,
    perform: (ctx) => ctx.fitSelection(),
  },
  { name: 'clear-selection', key: 'Escape', keyLabel: 'Esc', label: 'Clear the selection', scope: 'graph', preventDefault: false, perform: (ctx) => ctx.select(undefined) },
];

/** Is the key going into a text field or a control that reads keys itself? */
function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/**
 * The action a key press runs, if any: never while typing, inside a dialog, with Ctrl, Alt or
 * Meta held, or once something else has handled the key; `graph` actions only when `inGraph`.
 */
export function actionFor(
  e: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'altKey' | 'metaKey' | 'defaultPrevented'>,
  inGraph: boolean,
  ctx: GraphActionContext,
  actions: readonly GraphAction[] = GRAPH_ACTIONS,
): GraphAction | undefined {
  if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || typingInto(e.target)) return undefined;
  const el = e.target as Element | null;
  if (el && typeof el.closest === 'function' && el.closest('dialog')) return undefined;
  const action = actions.find((a) => a.key === e.key);
  if (!action) return undefined;
  if (action.scope === 'graph' && !inGraph) return undefined;
  if (action.enabled && !action.enabled(ctx)) return undefined;
  return action;
}
