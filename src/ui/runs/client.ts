/**
 * The app's one run client (one Pyodide worker, started on the first run or verify).
 * Changing "Allow package downloads" starts a new worker for the next run, once the
 * current one is idle.
 */
import { createRunClient, type RunClient } from '../../workers/run-client';

let current: { client: RunClient; allow: boolean } | undefined;
let busy = 0;

export function runClient(allowPackageDownloads: boolean): RunClient {
  if (current && current.allow !== allowPackageDownloads && busy === 0) {
    current.client.dispose();
    current = undefined;
  }
  current ??= { client: createRunClient({ allowPackageDownloads }), allow: allowPackageDownloads };
  return current.client;
}

/** Runs `task` with the client, counting it as busy (so a settings change waits for it). */
export async function withRunClient<T>(allowPackageDownloads: boolean, task: (client: RunClient) => Promise<T>): Promise<T> {
  const client = runClient(allowPackageDownloads);
  busy += 1;
  try {
    return await task(client);
  } finally {
    busy -= 1;
  }
}

/** Stops whatever the worker is running (a run or a verify). */
export function cancelRun(): void {
  current?.client.cancel();
}
