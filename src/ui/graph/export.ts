/** Text exports of the current (filtered) graph view: DOT, Mermaid and SVG. Pure functions. */
import type { GraphView } from '../../core/graph/view';
import type { GraphPalette } from './kinds';

/**
 * Control characters made visible as Unicode control pictures (ESC → ␛, BEL → ␇, VT → ␋,
 * FF → ␌, DEL → ␡); C1 controls, noncharacters U+FFFE/U+FFFF and lone surrogates become
 * U+FFFD. Line breaks are left to each format. Labels come from notebooks, so they can hold
 * anything; XML 1.0 forbids most of these, and a PNG is drawn from the SVG.
 */
export function visibleControls(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
      .replace(/[\u0080-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

function dotString(s: string): string {
  const escaped = visibleControls(s)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\t/g, ' ');
  return `"${escaped}"`;
}

export function toDot(view: GraphView, palette: GraphPalette, title = 'lineage'): string {
  const lines = [
    `digraph ${dotString(title)} {`,
    `  rankdir=TB; bgcolor=${dotString(palette.background)};`,
    `  node [shape=box, style="rounded,filled", fontname="monospace", fontcolor=${dotString(palette.ink)}];`,
    `  edge [color=${dotString(palette.edge)}];`,
  ];
  for (const n of view.nodes) {
    const c = palette.kinds[n.kind];
    lines.push(`  ${dotString(n.id)} [label=${dotString(n.label)}, fillcolor=${dotString(c.fill)}, color=${dotString(c.stroke)}, tooltip=${dotString(n.kind)}];`);
  }
  for (const e of view.edges) lines.push(`  ${dotString(e.source)} -> ${dotString(e.target)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function mermaidText(s: string): string {
  // Mermaid quoted labels: `#` first (it starts entity codes), then quotes and angle brackets
  // as entity codes; a line break would end the statement, so it becomes <br>.
  return visibleControls(s)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\t/g, ' ')
    .replace(/\r\n|\r|\n/g, '<br>');
}

export function toMermaid(view: GraphView, palette: GraphPalette): string {
  const ids = new Map(view.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart TD'];
  for (const n of view.nodes) lines.push(`  ${ids.get(n.id)}["${mermaidText(n.label)}"]`);
  for (const e of view.edges) {
    const s = ids.get(e.source);
    const t = ids.get(e.target);
    if (s && t) lines.push(`  ${s} --> ${t}`);
  }
  for (const [kind, style] of Object.entries(palette.kinds)) {
    lines.push(`  classDef ${kind.toLowerCase()} fill:${style.fill},stroke:${style.stroke},color:${palette.ink}`);
  }
  for (const n of view.nodes) lines.push(`  class ${ids.get(n.id)} ${n.kind.toLowerCase()}`);
  return `${lines.join('\n')}\n`;
}

function xml(s: string): string {
  return visibleControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A standalone SVG drawing of the view at the given positions. */
export function toSvg(view: GraphView, placed: ReadonlyMap<string, PlacedNode>, palette: GraphPalette): string {
  const boxes = view.nodes.map((n) => placed.get(n.id)).filter((p): p is PlacedNode => p !== undefined);
  const pad = 24;
  const minX = Math.min(0, ...boxes.map((b) => b.x)) - pad;
  const minY = Math.min(0, ...boxes.map((b) => b.y)) - pad;
  const maxX = Math.max(0, ...boxes.map((b) => b.x + b.width)) + pad;
  const maxY = Math.max(0, ...boxes.map((b) => b.y + b.height)) + pad;
  const w = Math.ceil(maxX - minX);
  const h = Math.ceil(maxY - minY);
  const { background: bg, ink, edge: edgeInk } = palette;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${minX} ${minY} ${w} ${h}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    `<rect x="${minX}" y="${minY}" width="${w}" height="${h}" fill="${xml(bg)}"/>`,
  ];
  for (const e of view.edges) {
    const s = placed.get(e.source);
    const t = placed.get(e.target);
    if (!s || !t) continue;
    const x1 = s.x + s.width / 2;
    const y1 = s.y + s.height;
    const x2 = t.x + t.width / 2;
    const y2 = t.y;
    const my = (y1 + y2) / 2;
    out.push(`<path d="M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}" fill="none" stroke="${xml(edgeInk)}" stroke-width="1.2"/>`);
  }
  for (const n of view.nodes) {
    const p = placed.get(n.id);
    if (!p) continue;
    const style = palette.kinds[n.kind];
    out.push(
      `<g><title>${xml(n.kind)}</title><rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="8" fill="${xml(style.fill)}" stroke="${xml(style.stroke)}"/>` +
        `<text x="${p.x + 12}" y="${p.y + p.height / 2 + 4}" fill="${xml(ink)}">${xml(n.label)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
