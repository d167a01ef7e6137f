/**
 * "Name as artifact" for the graph's selection: the value the selected statement binds (or,
 * with `write`, what the statement writes: its side effects). Each opening mounts a fresh
 * dialog (a new key), so its fields start from the selection, never from a previous opening.
 */
import { useState } from 'react';
import type { Artifact, LineageNode } from '../../core/model';
import type { createSlicer } from '../../core/slice';
import { latestCheck, type Versions } from '../../core/graph/versions';
import { namedValues } from '../../core/graph/view';
import { DEFAULT_SETTINGS } from '../../store';
import { useSettings } from '../hooks/queries';
import { NameArtifactDialog } from './NameArtifactDialog';
import type { Selection } from './useSelection';

export function useNaming() {
  const [state, setState] = useState({ open: false, write: false, key: 0 });
  return {
    ...state,
    start: (write: boolean) => setState((n) => ({ open: true, write, key: n.key + 1 })),
    close: () => setState((n) => ({ ...n, open: false })),
  };
}

interface Props {
  naming: ReturnType<typeof useNaming>;
  sessionId: string;
  selection: Selection;
  nodesById: ReadonlyMap<string, LineageNode>;
  slicer: ReturnType<typeof createSlicer>;
  versions: Versions;
  onNamed: (artifact: Artifact) => void;
}

export function NameSelectionDialog({ naming, sessionId, selection, nodesById, slicer, versions, onNamed }: Props) {
  const { node, viewNode, writeTarget } = selection;
  const settings = useSettings();
  const write = naming.write && writeTarget !== undefined;
  return (
    <NameArtifactDialog
      key={naming.key}
      open={naming.open}
      onClose={naming.close}
      nodeId={write ? writeTarget.nodeId : node.id}
      sessionId={sessionId}
      suggestedName={write ? writeTarget.suggestedName : (node.names[0] ?? '')}
      candidates={!naming.write && viewNode ? namedValues(viewNode, nodesById) : []}
      author={settings.data?.author ?? DEFAULT_SETTINGS.author}
      sliceCode={(id) => slicer.slice([id]).code}
      latestCheck={(id) => latestCheck(versions, id)}
      onNamed={onNamed}
    />
  );
}
