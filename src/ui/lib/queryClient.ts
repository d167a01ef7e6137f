/**
 * The app's TanStack Query client. Nearly every read and write is the browser's own IndexedDB,
 * which works offline, so queries and mutations run whatever the network state
 * (`networkMode: 'always'`): under the default ('online') a tab that goes offline pauses every
 * store read and write until the network is back. The team calls see the network themselves
 * and say "cannot be reached".
 */
import { QueryClient } from '@tanstack/react-query';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false, retry: 1, networkMode: 'always' },
      mutations: { networkMode: 'always' },
    },
  });
}
