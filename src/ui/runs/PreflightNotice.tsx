/**
 * What the import check found before a run or verify started (src/core/run/preflight.ts): the
 * modules that cannot load now, why, and the one action that fixes it. "Allow package downloads"
 * turns the setting on (Settings shows the same switch) and starts again at once; it names the
 * one other host the run sandbox may then reach. Shown for this visit only: nothing is stored.
 */
import type { Preflight } from '../../core/run/preflight';
import { PYODIDE_CDN } from '../../workers/sandbox-protocol';
import { useUpdateSettings } from '../hooks/mutations';
import { ErrorMessage } from '../components/ErrorMessage';

export interface PreflightNoticeProps {
  preflight: Extract<Preflight, { ok: false }>;
  /** Start again (after the setting changed). */
  onRetry: (allowPackageDownloads: boolean) => void;
}

const CDN_HOST = new URL(PYODIDE_CDN).host;

export function PreflightNotice({ preflight, onRetry }: PreflightNoticeProps) {
  const update = useUpdateSettings();
  return (
    <div className="run-preflight" role="alert" data-testid="run-preflight" data-reason={preflight.reason}>
      <p className="run-preflight-message">{preflight.message}</p>
      {preflight.action === 'allow-downloads' ? (
        <p className="run-preflight-fix">
          <button
            type="button"
            className="button small primary"
            disabled={update.isPending}
            data-testid="preflight-allow-downloads"
            onClick={() => update.mutate({ allowPackageDownloads: true }, { onSuccess: () => onRetry(true) })}
          >
            Allow package downloads and try again
          </button>
          <span className="muted small">
            Pyodide then fetches {preflight.missing.length === 1 ? 'it' : 'these packages'} from <code>{CDN_HOST}</code> (Pyodide&apos;s CDN), the only other host a run may reach. You can turn
            it off in Settings.
          </span>
        </p>
      ) : preflight.action === 'go-online' ? (
        <p className="muted small">Connect to the network, then try again: the packages come from {CDN_HOST}.</p>
      ) : (
        <p className="muted small">No setting adds these modules: Pyodide can only load its own packages and the standard library.</p>
      )}
      {update.isError ? <ErrorMessage error={update.error} title="The setting could not be saved." /> : null}
    </div>
  );
}
