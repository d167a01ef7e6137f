/** Delete this version or every version of an artifact, after a confirmation dialog. */
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Artifact } from '../../core/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { useModalDialog } from '../components/useModalDialog';
import { useDeleteArtifact } from '../hooks/mutations';
import './catalog.css';

interface Props {
  artifact: Artifact;
  /** All versions of the name, newest first. */
  versions: Artifact[];
}

export function DeleteArtifactButton({ artifact, versions }: Props) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'version' | 'all'>('version');
  const ref = useModalDialog(open);
  const titleId = useId();
  const del = useDeleteArtifact();
  const navigate = useNavigate();
  const count = Math.max(versions.length, 1);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await del.mutateAsync({ name: artifact.name, version: scope === 'all' ? undefined : artifact.version });
    } catch {
      return; // shown in the dialog
    }
    setOpen(false);
    const remaining = scope === 'all' ? [] : versions.filter((v) => v.version !== artifact.version);
    if (remaining.length > 0) navigate(`/a/${encodeURIComponent(artifact.name)}/${remaining[0].version}`, { replace: true });
    else navigate('/artifacts', { replace: true });
  };

  return (
    <>
      <button
        type="button"
        className="button danger-outline"
        onClick={() => {
          setScope('version');
          del.reset();
          setOpen(true);
        }}
        data-testid="delete-artifact"
      >
        Delete…
      </button>
      <dialog
        ref={ref}
        className="dialog"
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        data-testid="delete-dialog"
      >
        <form onSubmit={submit}>
          <h2 id={titleId}>Delete {artifact.name}?</h2>
          <p className="muted">The session and its graph stay. Values recorded only for what you delete go with it. This cannot be undone.</p>
          <fieldset>
            <legend className="visually-hidden">What to delete</legend>
            <label className="check">
              <input type="radio" name="delete-scope" checked={scope === 'version'} onChange={() => setScope('version')} />
              Only version {artifact.version}
            </label>
            <br />
            <label className="check">
              <input type="radio" name="delete-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="delete-all-versions" />
              {count === 1 ? 'All versions (there is only this one)' : `All ${count} versions of ${artifact.name}`}
            </label>
          </fieldset>
          {del.isError ? <ErrorMessage error={del.error} /> : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="button danger" disabled={del.isPending} data-testid="confirm-delete">
              {scope === 'all' ? `Delete ${count === 1 ? 'it' : `all ${count}`}` : `Delete v${artifact.version}`}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
