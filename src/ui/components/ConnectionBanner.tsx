/**
 * "Reload to update": shown when another tab opened a newer Threadline schema (this tab has
 * closed its connection and refuses further reads and writes), or while our own upgrade
 * waits for an older tab to close. The connection state comes from the hooks layer.
 */
import { useConnectionState } from '../hooks/useConnection';

export function ConnectionBanner() {
  const state = useConnectionState();
  if (state === 'ok') return null;
  return (
    <div className="alert banner" role="alert" data-testid="connection-banner">
      {state === 'outdated'
        ? 'Threadline was updated in another tab. Reload to update; until then this tab does not read or change your data.'
        : 'Another Threadline tab is using an older version of the database. Close or reload it to continue.'}{' '}
      <button type="button" className="button small" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
