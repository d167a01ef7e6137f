/// <reference lib="webworker" />
/** The layout worker: our layered layout off the UI thread, answering over the bridge (./bridge.ts). */
import { layeredLayout, type LayoutEdgeInput, type LayoutNodeInput, type LayoutOptions, type LayoutResult } from '../core/graph/layered';
import { serve } from './bridge';

const api = {
  layout({ nodes, edges, opts }: { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[]; opts: LayoutOptions }): LayoutResult {
    return layeredLayout(nodes, edges, opts);
  },
};

export type LayoutWorkerApi = typeof api;
serve(api, self);
