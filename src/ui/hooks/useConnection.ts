/**
 * The state of this tab's database connection, for the "reload to update" banner: `outdated`
 * once another tab opened a newer schema (this tab then refuses reads and writes), `blocked`
 * while our own upgrade waits for an older tab to close.
 */
import { useEffect, useState } from 'react';
import { watchConnection } from '../../store';
import { appDb } from '../lib/db';

export type ConnectionState = 'ok' | 'outdated' | 'blocked';

export function useConnectionState(): ConnectionState {
  const [state, setState] = useState<ConnectionState>(() => (appDb().outdated ? 'outdated' : 'ok'));
  useEffect(
    () =>
      watchConnection(appDb(), {
        onOutdated: () => setState('outdated'),
        onBlocked: () => setState((s) => (s === 'outdated' ? s : 'blocked')),
      }),
    [],
  );
  return state;
}
