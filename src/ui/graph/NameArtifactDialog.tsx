import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { validateArtifactName } from '../../core/names';
import { InputError, userMessage } from '../../core/errors';
import { sha256Hex } from '../../core/digest';
import type { Artifact } from '../../core/model';
import { useNextVersion } from '../hooks/queries';
import { useModalDialog } from '../components/useModalDialog';
import { useNameArtifact } from '../hooks/mutations';
import { LatestVersionNotice } from './LatestVersionNotice';
import type { LatestCheck } from '../../core/graph/versions';

interface Props {
  open: boolean;
  onClose: () => void;
  nodeId: string;
  sessionId: string;
  suggestedName: string;
  /** The named values of the statement; when there are several, the user picks one. */
  candidates?: Array<{ name: string; nodeId: string }>;
  author: string;
  /** Computes the slice text of a node (the digest is taken of it). */
  sliceCode: (nodeId: string) => string;
  onNamed?: (artifact: Artifact) => void;
  /** Is a node its variable's latest version? Undefined result: yes, or it has no bound name. */
  latestCheck?: (nodeId: string) => LatestCheck | undefined;
}

/** "Name as artifact": shows the next version, validates inline, Enter confirms, Escape cancels. */
export function NameArtifactDialog({ open, onClose, nodeId, sessionId, suggestedName, candidates = [], author, sliceCode, onNamed, latestCheck }: Props) {
  // The parent mounts a fresh dialog (new key) for each opening, so the fields start from the props.
  const ref = useModalDialog(open);
  const [name, setName] = useState(suggestedName);
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const [target, setTarget] = useState(nodeId);
  const next = useNextVersion(name);
  const mutation = useNameArtifact();
  const nameId = useId();
  const errorId = useId();

  // The rules that need no store run as you type; a look-alike of a stored name comes back
  // from the next-version query (the store refuses it the same way on save).
  let validation: string | undefined;
  let clean = name.trim();
  try {
    clean = validateArtifactName(name);
  } catch (e) {
    validation = userMessage(e);
  }
  if (!validation && next.error instanceof InputError) validation = next.error.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (validation || mutation.isPending) return;
    try {
      const sliceDigest = await sha256Hex(sliceCode(target));
      const artifact = await mutation.mutateAsync({ name, nodeId: target, sessionId, sliceDigest, author, description });
      onNamed?.(artifact);
      onClose();
    } catch {
      // shown below
    }
  };

  const showError = (touched || next.error instanceof InputError) && validation;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${nameId}-title`}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="name-dialog"
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${nameId}-title`}>Name as artifact</h2>
        <p className="muted">The artifact keeps this value as it is at this point in the notebook, with the code that builds it.</p>
        <LatestVersionNotice nodeId={target} check={latestCheck?.(target)} onSwitch={setTarget} />
        {candidates.length > 1 ? (
          <fieldset className="radio-row">
            <legend>Value</legend>
            {candidates.map((c) => (
              <label key={c.nodeId} className="check">
                <input
                  type="radio"
                  name="artifact-value"
                  checked={target === c.nodeId}
                  onChange={() => {
                    setTarget(c.nodeId);
                    if (!touched || name === '') setName(c.name);
                  }}
                />
                <code>{c.name}</code>
              </label>
            ))}
          </fieldset>
        ) : null}
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-invalid={showError ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
          }}
          data-testid="artifact-name-input"
        />
        <div id={errorId} className="field-hint" aria-live="polite">
          {showError ? (
            <span className="field-error" data-testid="name-refusal">
              {validation}
            </span>
          ) : next.data !== undefined && name.trim() ? (
            <span data-testid="next-version">
              Will be saved as <code>{clean}:{next.data}</code>
              {next.data === 0 ? ' (a new name)' : ` (version ${next.data})`}
            </span>
          ) : (
            <span>&nbsp;</span>
          )}
        </div>
        <label htmlFor={`${nameId}-desc`}>
          Description <span className="muted">(optional)</span>
        </label>
        <input id={`${nameId}-desc`} type="text" value={description} onChange={(e) => setDescription(e.target.value)} />
        {mutation.isError ? (
          <div className="alert" role="alert">
            {userMessage(mutation.error)}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={mutation.isPending} data-testid="confirm-name">
            {mutation.isPending ? 'Saving…' : 'Save artifact'}
          </button>
        </div>
        <p className="muted small">
          Enter saves, Escape cancels. See all on the <Link to="/artifacts">artifacts page</Link>.
        </p>
      </form>
    </dialog>
  );
}
