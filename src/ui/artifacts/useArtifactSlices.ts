/** The artifact page's slices (./artifactSlice.ts) and the one the "Fine slice" setting shows. */
import { useMemo } from 'react';
import type { SessionGraph } from '../../core/model';
import { artifactSlices } from './artifactSlice';
import { useFineSlices } from './FineSliceSwitch';

export function useArtifactSlices(graph: SessionGraph | undefined, nodeId: string | undefined) {
  const fine = useFineSlices();
  const both = useMemo(() => (graph && nodeId !== undefined ? artifactSlices(graph, nodeId) : undefined), [graph, nodeId]);
  const shown = both && !('error' in both) ? (fine ? both.fine : both.whole) : undefined;
  return { fine, both: both && !('error' in both) ? both : undefined, shown, error: both && 'error' in both ? both.error : undefined };
}
