import type { GraphView } from '../../core/graph/view';
import { toDot, toMermaid, toSvg, type PlacedNode } from './export';
import { readPalette } from './kinds';
import { downloadBlob, safeFileName } from '../lib/download';

interface Props {
  view: GraphView;
  placed: { positions: Map<string, { x: number; y: number }>; sizes: Map<string, { width: number; height: number }> } | undefined;
  title: string;
}

function placedNodes(props: Props): Map<string, PlacedNode> {
  const out = new Map<string, PlacedNode>();
  for (const n of props.view.nodes) {
    const p = props.placed?.positions.get(n.id);
    const s = props.placed?.sizes.get(n.id);
    if (p && s) out.set(n.id, { id: n.id, ...p, ...s });
  }
  return out;
}

async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = Math.min(2, 16000 / Math.max(img.width, img.height, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.width * scale));
    canvas.height = Math.max(1, Math.round(img.height * scale));
    const c = canvas.getContext('2d');
    if (!c) throw new Error('this browser cannot draw images');
    c.scale(scale, scale);
    c.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image is too large to export'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The export formats: menu label, file extension, and how to make the file. */
const FORMATS: ReadonlyArray<{ id: string; label: string; ext: string; make: (props: Props) => Blob | Promise<Blob> }> = [
  { id: 'png', label: 'PNG image', ext: 'png', make: (p) => svgToPng(toSvg(p.view, placedNodes(p), readPalette())) },
  { id: 'svg', label: 'SVG image', ext: 'svg', make: (p) => new Blob([toSvg(p.view, placedNodes(p), readPalette())], { type: 'image/svg+xml' }) },
  { id: 'dot', label: 'DOT (Graphviz)', ext: 'dot', make: (p) => new Blob([toDot(p.view, readPalette(), p.title)], { type: 'text/vnd.graphviz' }) },
  { id: 'mermaid', label: 'Mermaid', ext: 'mmd', make: (p) => new Blob([toMermaid(p.view, readPalette())], { type: 'text/plain' }) },
];

/** Export the current (filtered) view: PNG, SVG, DOT, Mermaid, in the colours on screen. */
export function ExportMenu(props: Props) {
  const base = safeFileName(props.title.replace(/\.(ipynb|py)$/i, '')) || 'lineage';
  const close = (e: React.MouseEvent) => (e.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
  return (
    <details className="menu">
      <summary className="button small">Export</summary>
      <div className="menu-body" role="group" aria-label="Export the graph">
        {FORMATS.map((f) => (
          <button
            key={f.id}
            type="button"
            className="menu-item"
            data-testid={`export-${f.id}`}
            onClick={async (e) => {
              close(e);
              downloadBlob(await f.make(props), `${base}.${f.ext}`);
            }}
          >
            {f.label}
          </button>
        ))}
      </div>
    </details>
  );
}
