/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { layeredLayout, type LayoutEdgeInput, type LayoutNodeInput, type LayoutOptions, type LayoutResult } from '../core/graph/layered';

const api = {
  layout(nodes: LayoutNodeInput[], edges: LayoutEdgeInput[], opts: LayoutOptions): LayoutResult {
    return layeredLayout(nodes, edges, opts);
  },
};

export type LayoutWorkerApi = typeof api;
Comlink.expose(api);
