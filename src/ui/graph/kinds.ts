import { NODE_KINDS, type NodeKind } from '../../core/model';

export interface KindStyle {
  /** Short label used in the legend and on nodes. */
  label: string;
  /** A one-character icon. */
  icon: string;
  description: string;
}

/** Each node kind has its own colour, icon and shape (colours and shapes: styles.css `--k-*`, kinds.css). */
export const KIND_STYLE: Record<NodeKind, KindStyle> = {
  Import: { label: 'Import', icon: '⇣', description: 'a module import' },
  Call: { label: 'Call', icon: 'ƒ', description: 'a function or method call' },
  Literal: { label: 'Literal', icon: '#', description: 'a constant' },
  Lookup: { label: 'Lookup', icon: '⌕', description: 'a builtin or unknown name' },
  Mutate: { label: 'Mutate', icon: '✎', description: 'a value changed in place' },
  Global: { label: 'Global', icon: '◉', description: 'a name bound inside a block' },
};

export interface KindColours {
  fill: string;
  stroke: string;
}

/** The colours of a graph drawing (SVG, PNG, DOT and the minimap), as the page shows them now. */
export interface GraphPalette {
  background: string;
  ink: string;
  edge: string;
  kinds: Record<NodeKind, KindColours>;
}

/**
 * Reads the palette from the CSS variables on <html> (styles.css holds the only copy of the
 * colours, for both themes), so exports always match the screen.
 */
export function readPalette(style: Pick<CSSStyleDeclaration, 'getPropertyValue'> = getComputedStyle(document.documentElement)): GraphPalette {
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const kinds = {} as Record<NodeKind, KindColours>;
  for (const k of NODE_KINDS) {
    const key = k.toLowerCase();
    kinds[k] = { fill: v(`--k-${key}-fill`, 'white'), stroke: v(`--k-${key}-stroke`, 'gray') };
  }
  return { background: v('--surface', 'white'), ink: v('--ink', 'black'), edge: v('--edge', 'gray'), kinds };
}
