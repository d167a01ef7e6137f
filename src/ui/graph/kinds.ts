import type { NodeKind } from '../../core/model';

export interface KindStyle {
  /** Short label used in the legend and on nodes. */
  label: string;
  /** A one-character icon. */
  icon: string;
  fill: string;
  darkFill: string;
  stroke: string;
  description: string;
}

/** Each node kind has its own colour, icon and shape (see styles.css `.kind-*`). */
export const KIND_STYLE: Record<NodeKind, KindStyle> = {
  Import: { label: 'Import', icon: '⇣', fill: '#e8f0fe', darkFill: '#1f2d4a', stroke: '#4a78d6', description: 'a module import' },
  Call: { label: 'Call', icon: 'ƒ', fill: '#eef6ee', darkFill: '#1e3324', stroke: '#3f9a57', description: 'a function or method call' },
  Literal: { label: 'Literal', icon: '#', fill: '#fdf4e3', darkFill: '#3a2f1a', stroke: '#c38b1d', description: 'a constant' },
  Lookup: { label: 'Lookup', icon: '⌕', fill: '#f1effa', darkFill: '#2b2742', stroke: '#7a68c9', description: 'a builtin or unknown name' },
  Mutate: { label: 'Mutate', icon: '✎', fill: '#fdecee', darkFill: '#45222a', stroke: '#cc4b5f', description: 'a value changed in place' },
  Global: { label: 'Global', icon: '◉', fill: '#e6f5f6', darkFill: '#1a3638', stroke: '#2c9aa3', description: 'a name bound inside a block' },
};
