/** Settings → Data: export the whole store as a bundle, import one (in the bundle worker, with progress and cancel), clear everything. */
import { useId, useRef, useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage';
import { useModalDialog } from '../components/useModalDialog';
import { plural } from '../format';
import { useClearAllData, useExportBundle, useImportBundle } from '../hooks/mutations';
import { InvalidBundleError } from '../../store';
import type { BundleProgress } from '../lib/bundle-worker';
import '../catalog/catalog.css';

export function BundleSection() {
  const exporter = useExportBundle();
  const importer = useImportBundle();
  const clearer = useClearAllData();
  const [progress, setProgress] = useState<BundleProgress>();
  const abortRef = useRef<AbortController>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const dialogRef = useModalDialog(confirming);
  const titleId = useId();
  const progressId = useId();

  const onFile = (file: File | undefined) => {
    if (!file) return;
    setProgress(undefined);
    setCleared(false);
    exporter.reset();
    const abort = new AbortController();
    abortRef.current = abort;
    importer.mutate(
      { file, signal: abort.signal, onProgress: setProgress },
      {
        onSettled: () => {
          abortRef.current = undefined;
          if (fileRef.current) fileRef.current.value = '';
        },
      },
    );
  };

  return (
    <section className="card bundle-section" aria-labelledby={`${titleId}-h`} data-testid="bundle-section">
      <h2 id={`${titleId}-h`}>Data</h2>
      <p className="muted small settings-card-text">
        A bundle is one JSON file with every session, graph, recorded value and artifact. Importing one checks the whole file first; artifact
        names you already have get new versions, sessions you already have are not duplicated, and a session with the id of one of yours but other content is refused.
      </p>
      <div className="bundle-actions">
        <button
          type="button"
          className="button"
          disabled={exporter.isPending}
          onClick={() => {
            importer.reset();
            setCleared(false);
            exporter.mutate();
          }}
          data-testid="export-bundle"
        >
          {exporter.isPending ? 'Exporting…' : 'Export bundle'}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => onFile(e.target.files?.[0])}
          data-testid="import-bundle-input"
        />
        <button type="button" className="button" disabled={importer.isPending} onClick={() => fileRef.current?.click()} data-testid="import-bundle">
          {importer.isPending ? 'Importing…' : 'Import bundle…'}
        </button>
        <button
          type="button"
          className="button danger-outline"
          onClick={() => {
            clearer.reset();
            setConfirming(true);
          }}
          data-testid="clear-data"
        >
          Clear all data…
        </button>
      </div>
      {importer.isPending ? (
        <div className="bundle-progress" data-testid="import-progress">
          <label htmlFor={progressId} className="small">
            {progressLabel(progress)}
          </label>
          {progress && 'done' in progress ? (
            <progress id={progressId} className="progress" value={progress.done} max={Math.max(progress.total, 1)} />
          ) : (
            <progress id={progressId} className="progress" />
          )}
          <button type="button" className="button" onClick={() => abortRef.current?.abort()} data-testid="cancel-import">
            Cancel import
          </button>
        </div>
      ) : null}
      {exporter.isSuccess ? (
        <p className="status success" role="status">
          Saved {exporter.data}.
        </p>
      ) : null}
      {exporter.isError ? <ErrorMessage error={exporter.error} /> : null}
      {importer.isSuccess ? (
        <p className="status success" role="status" data-testid="import-result">
          Imported {plural(importer.data.sessions, 'new session')} and {plural(importer.data.artifacts, 'artifact version')}.
        </p>
      ) : null}
      {importer.isError ? <ErrorMessage error={importer.error} /> : null}
      {importer.error instanceof InvalidBundleError && importer.error.problems.length > 1 ? (
        <details className="small" data-testid="bundle-problems">
          <summary>
            {importer.error.stopped ? `The first ${importer.error.problems.length} problems` : `All ${importer.error.problems.length} problems`}
          </summary>
          <ul>
            {importer.error.problems.map((p, i) => (
              <li key={i}>
                <code>{p.text}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {cleared ? (
        <p className="status success" role="status">
          All data was deleted. Your settings stay.
        </p>
      ) : null}
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={titleId}
        onClose={() => setConfirming(false)}
        onCancel={(e) => {
          e.preventDefault();
          setConfirming(false);
        }}
        data-testid="clear-dialog"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            importer.reset();
            exporter.reset();
            clearer.mutate(undefined, {
              onSuccess: () => {
                setConfirming(false);
                setCleared(true);
              },
            });
          }}
        >
          <h2 id={titleId}>Delete all data?</h2>
          <p className="muted">
            Every session, graph, recorded value and artifact in this browser is deleted, and so are shares still waiting in the team outbox
            (what the team catalog already has stays there). Settings stay. Export a bundle first if you may want them back.
          </p>
          {clearer.isError ? <ErrorMessage error={clearer.error} /> : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="submit" className="button danger" disabled={clearer.isPending} data-testid="confirm-clear">
              Delete everything
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}

function progressLabel(p: BundleProgress | undefined): string {
  if (!p || p.phase === 'reading') return 'Reading the file…';
  const n = (x: number) => x.toLocaleString('en');
  return p.phase === 'checking' ? `Checking ${n(p.done)} of ${n(p.total)} records` : `Writing ${n(p.done)} of ${n(p.total)} records`;
}
