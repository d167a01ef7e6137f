/** The artifact's short id (shortest unambiguous prefix, ≥ 7 characters) with a copy button. */
import { useMemo, useState } from 'react';
import { shortId } from '../../core/shortid';
import type { Artifact } from '../../core/model';
import { useArtifacts } from '../hooks/queries';
import './catalog.css';

export function ShortIdButton({ artifact }: { artifact: Artifact }) {
  const all = useArtifacts({});
  const short = useMemo(() => shortId(artifact.id, (all.data ?? []).map((a) => a.id)), [artifact.id, all.data]);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="button"
      title={`Artifact id ${artifact.id}. Any search box accepts the short id.`}
      aria-label={`Copy the short id ${short}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(short);
          setState('copied');
        } catch {
          setState('failed');
        }
        window.setTimeout(() => setState('idle'), 1500);
      }}
      data-testid="copy-short-id"
      data-short-id={short}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy blocked' : <>id <span className="short-id">{short}</span></>}
    </button>
  );
}
