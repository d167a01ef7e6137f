/**
 * A layered (Sugiyama-style) layout, small and fast enough for thousands of nodes:
 * cycle breaking → longest-path ranks (sources pulled down to their users) → dummy
 * nodes on long edges → barycentre ordering sweeps → coordinates by isotonic
 * regression (each node as close as possible to its neighbours' centre, never overlapping).
 * Every edge comes back with a route (`routes`): through its dummy nodes' columns, or (very
 * long edges) down a lane outside the graph, bending only in the gaps between ranks, so no
 * edge passes under a node box (`routes.test.ts`).
 * Nodes may carry a band (the cells view's notebook sections): bands take disjoint runs of
 * ranks in band order, with room for a label before each, and come back as rectangles.
 * Pure: runs in the layout Worker and in unit tests.
 */
export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
  /** Bands stack in increasing order along the rank axis; absent counts as band 0. */
  band?: number;
}
export interface LayoutEdgeInput {
  source: string;
  target: string;
}
export interface LayoutOptions {
  direction?: 'TB' | 'LR';
  /** Gap between nodes in one rank. */
  nodeSep?: number;
  /** Gap between ranks. */
  rankSep?: number;
  sweeps?: number;
  /** Edges spanning more ranks than this get no dummy nodes. */
  maxDummySpan?: number;
  /** Extra room before each band's first rank, for its label (bands only). */
  bandHead?: number;
}
/** The rectangle of one band around its nodes, with `bandHead` room for a label along its top. */
export interface LayoutBand {
  band: number;
  x: number;
  y: number;
  width: number;
  height: number;
}
/** How one edge is drawn: from its source's side to its target's, and where its label sits. */
export interface EdgeRoute {
  points: Array<{ x: number; y: number }>;
  label: { x: number; y: number };
}
export interface LayoutResult {
  /** Top-left corner of each node. */
  positions: Record<string, { x: number; y: number }>;
  /** One route per input edge, in input order (undefined for a self loop or an unknown end). */
  routes?: Array<EdgeRoute | undefined>;
  width: number;
  height: number;
  /** One rectangle per band, in band order, when the nodes carry two or more bands. */
  bands?: LayoutBand[];
}

interface Item {
  id: string;
  /** Extent along the rank (width for TB). */
  breadth: number;
  /** Extent across ranks (height for TB). */
  depth: number;
  rank: number;
  order: number;
  pos: number;
  up: number[];
  down: number[];
  dummy: boolean;
}

export function layeredLayout(nodes: LayoutNodeInput[], edges: LayoutEdgeInput[], opts: LayoutOptions = {}): LayoutResult {
  const dir = opts.direction ?? 'TB';
  const nodeSep = opts.nodeSep ?? 28;
  const rankSep = opts.rankSep ?? 56;
  const sweeps = opts.sweeps ?? 6;
  const maxDummySpan = opts.maxDummySpan ?? 6;
  const bandHead = opts.bandHead ?? 36;
  const bandOf = nodes.map((nd) => nd.band ?? 0);
  const banded = bandOf.some((b) => b !== bandOf[0]);
  const index = new Map<string, number>();
  const items: Item[] = nodes.map((n, i) => {
    index.set(n.id, i);
    return {
      id: n.id,
      breadth: dir === 'TB' ? n.width : n.height,
      depth: dir === 'TB' ? n.height : n.width,
      rank: 0,
      order: i,
      pos: 0,
      up: [],
      down: [],
      dummy: false,
    };
  });
  const n = items.length;
  if (n === 0) return { positions: {}, width: 0, height: 0 };

  // Edges as index pairs, without self loops or duplicates.
  const out: number[][] = items.map(() => []);
  const seen = new Set<string>();
  for (const e of edges) {
    let s = index.get(e.source);
    let t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    // Between bands, edges point to the later band (reading back up is drawn as an up edge).
    if (banded && bandOf[s] > bandOf[t]) [s, t] = [t, s];
    const key = `${s}:${t}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[s].push(t);
  }
  // Break cycles: iterative DFS, reverse back edges.
  const state = new Uint8Array(n);
  const dag: number[][] = items.map(() => []);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, i] = top;
      if (i < out[v].length) {
        top[1]++;
        const w = out[v][i];
        if (state[w] === 1) dag[w].push(v);
        else {
          dag[v].push(w);
          if (state[w] === 0) {
            state[w] = 1;
            stack.push([w, 0]);
          }
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  const preds: number[][] = items.map(() => []);
  for (let v = 0; v < n; v++) for (const w of dag[v]) preds[w].push(v);

  // Longest-path ranks in topological order.
  const indeg = preds.map((p) => p.length);
  let topo: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) topo.push(v);
  for (let i = 0; i < topo.length; i++) {
    const v = topo[i];
    for (const w of dag[v]) {
      items[w].rank = Math.max(items[w].rank, items[v].rank + 1);
      if (--indeg[w] === 0) topo.push(w);
    }
  }
  // Bands: edges between bands only go forward, so the topological order sorted by band is
  // still one; each band starts on the rank after the previous band's last.
  const bandLast = new Map<number, number>();
  if (banded) {
    topo = topo.map((v, i) => [v, i]).sort((a, b) => bandOf[a[0]] - bandOf[b[0]] || a[1] - b[1]).map(([v]) => v);
    let floor = 0;
    let current = bandOf[topo[0]];
    let last = -1;
    for (const v of topo) {
      if (bandOf[v] !== current) {
        bandLast.set(current, last);
        current = bandOf[v];
        floor = last + 1;
      }
      let r = floor;
      for (const p of preds[v]) r = Math.max(r, items[p].rank + 1);
      items[v].rank = r;
      last = Math.max(last, r);
    }
    bandLast.set(current, last);
  }
  // Pull nodes down towards their users (reverse topological order) when it shortens edges,
  // never past the last rank of their band.
  for (let i = topo.length - 1; i >= 0; i--) {
    const v = topo[i];
    if (dag[v].length === 0) continue;
    let minUser = Infinity;
    for (const w of dag[v]) minUser = Math.min(minUser, items[w].rank);
    if (banded) minUser = Math.min(minUser, bandLast.get(bandOf[v])! + 1);
    if (minUser - 1 > items[v].rank) items[v].rank = minUser - 1;
  }

  // Dummy nodes for edges that span several ranks; each DAG edge's chain of dummies (none for
  // adjacent ranks; undefined for a long edge that goes down an outside lane).
  const all: Item[] = items;
  const chains = new Map<string, number[] | undefined>();
  for (let v = 0; v < n; v++) {
    for (const w of dag[v]) {
      let prev = v;
      if (items[w].rank - items[v].rank > maxDummySpan) {
        // Very long edges (e.g. an import used everywhere) get no dummies: they would
        // swamp the graph. They still pull their ends together during ordering.
        all[v].down.push(w);
        all[w].up.push(v);
        chains.set(`${v}:${w}`, undefined);
        continue;
      }
      const chain: number[] = [];
      for (let r = items[v].rank + 1; r < items[w].rank; r++) {
        const d: Item = { id: '', breadth: 6, depth: 0, rank: r, order: 0, pos: 0, up: [prev], down: [], dummy: true };
        all.push(d);
        all[prev].down.push(all.length - 1);
        prev = all.length - 1;
        chain.push(prev);
      }
      chains.set(`${v}:${w}`, chain);
      all[prev].down.push(w);
      all[w].up.push(prev);
    }
  }
  let rankCount = 0;
  for (const it of all) rankCount = Math.max(rankCount, it.rank + 1);
  const layers: number[][] = Array.from({ length: rankCount }, () => []);
  // Initial order: DFS from roots so that connected nodes start close together.
  const placed = new Uint8Array(all.length);
  const visit = (start: number) => {
    const stack = [start];
    while (stack.length) {
      const v = stack.pop()!;
      if (placed[v]) continue;
      placed[v] = 1;
      layers[all[v].rank].push(v);
      for (let k = all[v].down.length - 1; k >= 0; k--) stack.push(all[v].down[k]);
    }
  };
  for (let v = 0; v < n; v++) if (all[v].up.length === 0) visit(v);
  for (let v = 0; v < all.length; v++) if (!placed[v]) visit(v);
  const setOrder = () => layers.forEach((layer) => layer.forEach((v, i) => (all[v].order = i)));
  setOrder();

  const bary = (v: number, side: 'up' | 'down'): number => {
    const nb = all[v][side];
    if (nb.length === 0) return all[v].order;
    let s = 0;
    for (const w of nb) s += all[w].order;
    return s / nb.length;
  };
  for (let s = 0; s < sweeps; s++) {
    const downward = s % 2 === 0;
    const ranks = downward ? layers.keys() : [...layers.keys()].reverse();
    for (const r of ranks) {
      const layer = layers[r];
      const key = new Map(layer.map((v) => [v, bary(v, downward ? 'up' : 'down')]));
      layer.sort((a, b) => key.get(a)! - key.get(b)! || all[a].order - all[b].order);
      layer.forEach((v, i) => (all[v].order = i));
    }
  }

  // Coordinates along the rank: start packed, then pull towards neighbours.
  for (const layer of layers) {
    let x = 0;
    for (const v of layer) {
      all[v].pos = x + all[v].breadth / 2;
      x += all[v].breadth + nodeSep;
    }
  }
  const gapBetween = (a: number, b: number) => all[a].breadth / 2 + nodeSep + all[b].breadth / 2;
  for (let s = 0; s < 8; s++) {
    const downward = s % 2 === 0;
    const ranks = downward ? [...layers.keys()] : [...layers.keys()].reverse();
    for (const r of ranks) {
      const layer = layers[r];
      if (layer.length === 0) continue;
      const desired = layer.map((v) => {
        const nb = [...all[v][downward ? 'up' : 'down'], ...(s >= 4 ? all[v][downward ? 'down' : 'up'] : [])];
        if (nb.length === 0) return all[v].pos;
        let sum = 0;
        for (const w of nb) sum += all[w].pos;
        return sum / nb.length;
      });
      const placedPos = isotonicPlace(desired, layer.map((v, i) => (i === 0 ? 0 : gapBetween(layer[i - 1], v))));
      layer.forEach((v, i) => (all[v].pos = placedPos[i]));
    }
  }

  // Rank coordinates; a band's first rank gets room for its label first.
  const rankDepth = layers.map((layer) => layer.reduce((m, v) => Math.max(m, all[v].depth), 0));
  const firstOfBand = new Set<number>();
  if (banded) {
    let prevLast = -1;
    for (const last of [...bandLast.values()].sort((a, b) => a - b)) {
      firstOfBand.add(prevLast + 1);
      prevLast = last;
    }
  }
  const rankStart: number[] = [];
  let acc = 0;
  for (let r = 0; r < rankCount; r++) {
    if (firstOfBand.has(r)) acc += bandHead;
    rankStart.push(acc);
    acc += rankDepth[r] + rankSep;
  }
  let minPos = Infinity;
  let maxPos = -Infinity;
  for (let v = 0; v < n; v++) {
    minPos = Math.min(minPos, all[v].pos - all[v].breadth / 2);
    maxPos = Math.max(maxPos, all[v].pos + all[v].breadth / 2);
  }
  const positions: LayoutResult['positions'] = {};
  for (let v = 0; v < n; v++) {
    const it = all[v];
    const along = it.pos - it.breadth / 2 - minPos;
    const across = rankStart[it.rank] + (rankDepth[it.rank] - it.depth) / 2;
    positions[it.id] = dir === 'TB' ? { x: along, y: across } : { x: across, y: along };
  }
  const extentAlong = maxPos - minPos;
  const extentAcross = acc - rankSep;
  const routes = routeEdges({ edges, index, bandOf, banded, all, n, chains, rankStart, rankDepth, rankSep, nodeSep, minPos, dir });
  return {
    positions,
    routes,
    width: dir === 'TB' ? extentAlong : extentAcross,
    height: dir === 'TB' ? extentAcross : extentAlong,
    ...(banded ? { bands: bandRects(nodes, bandOf, positions, bandHead, rankSep) } : {}),
  };
}

/**
 * Each band's rectangle: its nodes' bounding box, grown by a margin (less than half the rank
 * gap, so neighbouring bands never overlap) and by `head` above for the label. In TB the head
 * is the room the ranks left before the band; in LR, above a column of its own ranks.
 */
function bandRects(
  nodes: LayoutNodeInput[],
  bandOf: number[],
  positions: LayoutResult['positions'],
  head: number,
  rankSep: number,
): LayoutBand[] {
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  nodes.forEach((nd, i) => {
    const p = positions[nd.id];
    const b = boxes.get(bandOf[i]);
    if (!b) boxes.set(bandOf[i], { x0: p.x, y0: p.y, x1: p.x + nd.width, y1: p.y + nd.height });
    else {
      b.x0 = Math.min(b.x0, p.x);
      b.y0 = Math.min(b.y0, p.y);
      b.x1 = Math.max(b.x1, p.x + nd.width);
      b.y1 = Math.max(b.y1, p.y + nd.height);
    }
  });
  const margin = Math.min(16, Math.floor(rankSep / 2) - 4);
  return [...boxes.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([band, b]) => ({ band, x: b.x0 - margin, y: b.y0 - head, width: b.x1 - b.x0 + 2 * margin, height: b.y1 - b.y0 + head + margin }));
}

/**
 * Positions p[i] minimising Σ(p[i] − desired[i])² subject to p[i] − p[i−1] ≥ gap[i]:
 * shift by the cumulative gaps, then pool adjacent violators (isotonic regression).
 */
export function isotonicPlace(desired: number[], gap: number[]): number[] {
  const offset: number[] = [];
  let c = 0;
  for (let i = 0; i < desired.length; i++) {
    c += gap[i];
    offset.push(c);
  }
  const blocks: Array<{ sum: number; count: number; start: number }> = [];
  for (let i = 0; i < desired.length; i++) {
    blocks.push({ sum: desired[i] - offset[i], count: 1, start: i });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.count <= b.sum / b.count) break;
      a.sum += b.sum;
      a.count += b.count;
      blocks.pop();
    }
  }
  const result = new Array<number>(desired.length);
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    const end = k + 1 < blocks.length ? blocks[k + 1].start : desired.length;
    for (let i = b.start; i < end; i++) result[i] = b.sum / b.count + offset[i];
  }
  return result;
}

interface RouteInputs {
  edges: LayoutEdgeInput[];
  index: Map<string, number>;
  bandOf: number[];
  banded: boolean;
  all: Item[];
  n: number;
  chains: Map<string, number[] | undefined>;
  rankStart: number[];
  rankDepth: number[];
  rankSep: number;
  nodeSep: number;
  minPos: number;
  dir: 'TB' | 'LR';
}

/**
 * The route of every input edge, in (along, across) coordinates turned into (x, y). Each goes
 * straight out of its upper end to the end of that rank, crosses rank gaps diagonally, runs
 * down its dummies' columns (clear of every box: the ordering keeps `nodeSep` around them) or,
 * for a long edge without dummies, down a lane beside the whole graph, and enters its lower
 * end straight from the start of that rank. Edges that point up (cycles) run the same way, reversed.
 */
function routeEdges(r: RouteInputs): Array<EdgeRoute | undefined> {
  const { all, n, rankStart, rankDepth, minPos, dir } = r;
  const pt = (along: number, across: number) => (dir === 'TB' ? { x: along - minPos, y: across } : { x: across, y: along - minPos });
  const top = (v: number) => rankStart[all[v].rank] + (rankDepth[all[v].rank] - all[v].depth) / 2;
  let lo = Infinity;
  let hi = -Infinity;
  for (const it of all) {
    lo = Math.min(lo, it.pos - it.breadth / 2);
    hi = Math.max(hi, it.pos + it.breadth / 2);
  }
  const middle = (lo + hi) / 2;
  const lanes = { left: 0, right: 0 };
  const laneStep = 6;
  const maxLanes = 24;
  const cache = new Map<string, EdgeRoute>();
  const down = (u: number, w: number): EdgeRoute => {
    const key = `${u}:${w}`;
    const known = cache.get(key);
    if (known) return known;
    const ru = all[u].rank;
    const rw = all[w].rank;
    const pts: Array<[number, number]> = [[all[u].pos, top(u) + all[u].depth]];
    const rankEnd = (rk: number) => rankStart[rk] + rankDepth[rk];
    pts.push([all[u].pos, rankEnd(ru)]);
    const chain = r.chains.get(key);
    // The label sits in the middle gap the edge crosses.
    const gaps: Array<[number, number]> = [];
    if (chain) {
      for (const d of chain) {
        gaps.push([pts.length - 1, pts.length]);
        pts.push([all[d].pos, rankStart[all[d].rank]], [all[d].pos, rankEnd(all[d].rank)]);
      }
    } else {
      const side = (all[u].pos + all[w].pos) / 2 <= middle ? 'left' : 'right';
      const k = lanes[side]++ % maxLanes;
      const lane = side === 'left' ? lo - r.nodeSep - k * laneStep : hi + r.nodeSep + k * laneStep;
      const below = rankEnd(ru) + r.rankSep / 2;
      const above = rankStart[rw] - r.rankSep / 2;
      pts.push([lane, below], [lane, above]);
      gaps.push([pts.length - 2, pts.length - 1]);
    }
    gaps.push([pts.length - 1, pts.length]);
    pts.push([all[w].pos, rankStart[rw]], [all[w].pos, top(w)]);
    const [a, b] = gaps[Math.floor((gaps.length - 1) / 2)];
    const label = pt((pts[a][0] + pts[b][0]) / 2, (pts[a][1] + pts[b][1]) / 2);
    // Drop repeated points (a node as deep as its rank starts or ends on the rank line).
    const points = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]).map(([al, ac]) => pt(al, ac));
    const route = { points, label };
    cache.set(key, route);
    return route;
  };
  const dagEdge = (u: number, w: number) => r.chains.has(`${u}:${w}`);
  return r.edges.map((e) => {
    const s = r.index.get(e.source);
    const t = r.index.get(e.target);
    if (s === undefined || t === undefined || s === t || s >= n || t >= n) return undefined;
    if (dagEdge(s, t)) return down(s, t);
    if (dagEdge(t, s)) {
      const route = down(t, s);
      return { points: [...route.points].reverse(), label: route.label };
    }
    return undefined;
  });
}
