/** Node sizes from label lengths, measured before layout so labels never overlap. */
import type { ViewNode } from '../../core/graph/view';

export const LABEL_FONT = '500 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';
export const META_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Horizontal chrome of a node: the widest padding (a Literal pill), icon, gap and the widest borders (see kinds.css). */
export const NODE_CHROME = 16 + 22 + 8 + 20 + 8;
export const NODE_HEIGHT = 54;
export const MIN_NODE_WIDTH = 140;

let ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;

function context() {
  if (ctx !== undefined) return ctx;
  try {
    ctx = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d') : document.createElement('canvas').getContext('2d');
  } catch {
    ctx = null;
  }
  return ctx;
}

export function textWidth(text: string, font: string, fallbackCharWidth: number): number {
  const c = context();
  if (!c) return text.length * fallbackCharWidth;
  c.font = font;
  return c.measureText(text).width;
}

export function nodeSize(node: Pick<ViewNode, 'label' | 'where' | 'kind'>): { width: number; height: number } {
  const label = textWidth(node.label, LABEL_FONT, 7.8);
  const meta = textWidth(`${node.kind} · ${node.where}`, META_FONT, 6.4);
  // A few pixels of slack: fonts differ slightly between the canvas and the DOM.
  const width = Math.ceil(Math.max(MIN_NODE_WIDTH, Math.max(label, meta) * 1.04 + NODE_CHROME));
  return { width, height: NODE_HEIGHT };
}
