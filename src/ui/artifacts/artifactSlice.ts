/**
 * The artifact page's slice in both modes (issue 18.1): the whole-block slice (what LineaPy
 * users compare against) and the fine slice, which cuts inside `if`/`for`/`while`. Both are
 * computed once per graph, so the "Fine slice" switch only picks one; the page counts both
 * slices' lines, and Copy, Download and Verify use the one shown. Pure: artifactSlice.test.ts.
 */
import { createSlicer } from '../../core/slice';
import type { SessionGraph, SliceResult } from '../../core/model';
import { userMessage } from '../../core/errors';
import { addedLines, sliceNotes, type SliceNote } from './sliceNotes';

export interface ShownSlice {
  code: string;
  notes: SliceNote[];
  /** Lines of text (the count the page shows). */
  lines: number;
}

export interface ArtifactSlices {
  whole: ShownSlice;
  fine: ShownSlice;
}

/** Lines of a slice's text (its trailing newline ends the last line, it starts none). */
export function lineCount(code: string): number {
  return code === '' ? 0 : code.replace(/\n$/, '').split('\n').length;
}

/** Both slices of `nodeId`. A slicer error is a sentence. */
export function artifactSlices(graph: Pick<SessionGraph, 'sourceCodes' | 'nodes'>, nodeId: string): ArtifactSlices | { error: string } {
  try {
    const slicer = createSlicer({ sourceCodes: graph.sourceCodes, nodes: graph.nodes });
    const names = graph.nodes.find((n) => n.id === nodeId)?.names ?? [];
    const one = (fine: boolean): ShownSlice => {
      const opts = fine ? { fine, names } : {};
      const full = slicer.slice([nodeId], opts);
      // The lines the self-check's safety net added: the slice without the net, compared.
      const added = full.diagnostics?.some((d) => d.code === 'slice-incomplete') ? addedLines(full, slicer.slice([nodeId], { ...opts, selfCheck: false })) : [];
      return { code: full.code, notes: sliceNotes(full.diagnostics, { what: 'slice', added, sources: graph.sourceCodes }), lines: lineCount(full.code) };
    };
    return { whole: one(false), fine: one(true) };
  } catch (e) {
    return { error: userMessage(e) };
  }
}

/**
 * The slice's node ids whose statement starts on a line the slice keeps (nodes without a
 * place stay): a fine slice drops the nodes of the statements it cuts, so the slice graph
 * draws what the code shows.
 */
export function keptNodeIds(graph: Pick<SessionGraph, 'nodes'>, slice: Pick<SliceResult, 'nodeIds' | 'lines'>): string[] {
  const kept = new Map(slice.lines.map((b) => [b.sourceCodeId, new Set(b.lines)]));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return slice.nodeIds.filter((id) => {
    const at = byId.get(id)?.location;
    return !at || kept.get(at.sourceCodeId)?.has(at.line) === true;
  });
}
