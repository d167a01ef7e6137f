import { useState } from 'react';
import type { LatestCheck } from '../../core/graph/versions';

interface Props {
  /** The node the dialog will name. */
  nodeId: string;
  /** The check for `nodeId` (undefined: it is its variable's latest version, or has no bound name). */
  check: LatestCheck | undefined;
  /** Name another node instead (the latest version, or back to the earlier one). */
  onSwitch: (nodeId: string) => void;
}

/**
 * In the name dialog: a warning when the chosen node is not its variable's latest version,
 * with a one-click switch to the latest; after the switch, a line that says what is named
 * now and a way back.
 */
export function LatestVersionNotice({ nodeId, check, onSwitch }: Props) {
  const [switched, setSwitched] = useState<{ from: string; check: LatestCheck }>();
  if (check) {
    return (
      <div className="version-warning" role="alert" data-testid="latest-warning">
        <p>
          <code>{check.name}</code> changes after this:{' '}
          {check.changes.map((c, i) => (
            <span key={i}>
              {i > 0 ? '; ' : ''}
              {c.where} <code>{c.code}</code>
            </span>
          ))}
          {check.moreChanges > 0 ? ` and ${check.moreChanges} more` : ''}. Name the latest instead?
        </p>
        <button
          type="button"
          className="button small"
          data-testid="name-latest"
          onClick={() => {
            setSwitched({ from: nodeId, check });
            onSwitch(check.latestId);
          }}
        >
          Name the latest ({check.latestWhere})
        </button>
      </div>
    );
  }
  if (switched && switched.check.latestId === nodeId) {
    return (
      <div className="version-switched" role="status" data-testid="latest-switched">
        Naming the latest version of <code>{switched.check.name}</code>: {switched.check.latestWhere} <code>{switched.check.latestCode}</code>.{' '}
        <button type="button" className="link-button" onClick={() => onSwitch(switched.from)}>
          {switched.check.where ? `Back to ${switched.check.where}` : 'Back to the earlier version'}
        </button>
      </div>
    );
  }
  return null;
}
