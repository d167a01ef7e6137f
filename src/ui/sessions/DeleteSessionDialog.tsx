/**
 * "Delete this session?": the app's confirmation, listing what goes with the session (its
 * artifact versions by name and version, and how many runs) before anything is deleted.
 * The delete itself is the store's one transaction (`deleteSession`).
 */
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useSessionDependents } from '../hooks/queries';
import { useDeleteSession } from '../hooks/mutations';
import { plural, visibleName } from '../format';
import type { NotebookGroup, SessionVersion } from './sessionGroups';

/** More than this many artifact versions are summarised as "and N more". */
const LISTED = 12;

interface Props {
  version: SessionVersion;
  group: NotebookGroup;
  onDone: () => void;
}

export function DeleteSessionDialog({ version, group, onDone }: Props) {
  const s = version.session;
  const name = visibleName(s.name);
  const dependents = useSessionDependents(s.id);
  const remove = useDeleteSession();
  const artifacts = [...(dependents.artifacts ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  const runs = dependents.runCount ?? 0;
  const many = group.versions.length > 1;
  const known = dependents.artifacts !== undefined && dependents.runCount !== undefined;
  return (
    <ConfirmDialog
      open
      danger
      title={`Delete ${name}?`}
      description={
        many
          ? `This deletes version ${version.version} of ${group.versions.length}, with its lineage graph and stored outputs. The other versions stay.`
          : 'This deletes the session, with its lineage graph and stored outputs.'
      }
      confirmLabel={remove.isPending ? 'Deleting…' : 'Delete'}
      busy={!known || remove.isPending}
      onCancel={onDone}
      onConfirm={() => remove.mutate(s.id, { onSuccess: onDone })}
      testId="delete-session-dialog"
    >
      {dependents.error ? <ErrorMessage error={dependents.error} /> : null}
      {known ? (
        <div className="delete-dependents" data-testid="delete-dependents">
          {artifacts.length > 0 ? (
            <>
              <p>
                It also deletes {artifacts.length === 1 ? 'this artifact version' : `these ${artifacts.length} artifact versions`}:
              </p>
              <ul className="dependents-list" data-testid="delete-artifacts">
                {artifacts.slice(0, LISTED).map((a) => (
                  <li key={a.id}>
                    <code>{visibleName(a.name)}</code> version {a.version}
                  </li>
                ))}
                {artifacts.length > LISTED ? <li className="muted">and {artifacts.length - LISTED} more</li> : null}
              </ul>
            </>
          ) : (
            <p data-testid="delete-artifacts-none">No artifact was named from it.</p>
          )}
          <p data-testid="delete-runs">{runs > 0 ? `It also deletes ${plural(runs, 'run')} and their values.` : 'It has no runs.'}</p>
        </div>
      ) : (
        <p className="muted">Looking up its artifacts and runs…</p>
      )}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
    </ConfirmDialog>
  );
}
