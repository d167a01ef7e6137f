/**
 * A deterministic, lineage-like DAG for layout benchmarks: nodes are created in program
 * order; most inputs come from recent nodes (a notebook's local flow), a few from "hub"
 * nodes (imports and early data frames used everywhere), and widths follow code-like labels.
 */
import { seededRandom } from '../random';

export interface BenchDag {
  nodes: Array<{ id: string; width: number; height: number }>;
  edges: Array<{ source: string; target: string }>;
}

export function lineageDag(count: number, seed = 7): BenchDag {
  const r = seededRandom(seed);
  const nodes: BenchDag['nodes'] = [];
  const edges: BenchDag['edges'] = [];
  const hubs: number[] = [];
  for (let i = 0; i < count; i++) {
    // Labels of 12–64 characters at ~7.8 px a character, plus the node chrome.
    const chars = 12 + Math.floor(r() * r() * 52);
    nodes.push({ id: `n${i}`, width: Math.max(140, Math.round(chars * 7.8 + 56)), height: 54 });
    if (i < 3 || r() < 0.02) {
      hubs.push(i);
      if (i < 3) continue;
    }
    const inputs = new Set<number>();
    const k = 1 + Math.floor(r() * 2.6);
    for (let j = 0; j < k; j++) {
      const local = r() < 0.8;
      const src = local ? i - 1 - Math.floor(r() * Math.min(i, 12)) : hubs[Math.floor(r() * hubs.length)];
      if (src >= 0 && src < i) inputs.add(src);
    }
    for (const s of inputs) edges.push({ source: `n${s}`, target: `n${i}` });
  }
  return { nodes, edges };
}
