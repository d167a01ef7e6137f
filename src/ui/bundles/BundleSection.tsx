/** Settings → Data: export the whole store as a bundle, import one (with progress), clear everything. */
import { useId, useRef, useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage';
import { useModalDialog } from '../components/useModalDialog';
import { plural } from '../format';
import { useClearAllData, useExportBundle, useImportBundle } from '../catalog/hooks';
import '../catalog/catalog.css';

export function BundleSection() {
  const exporter = useExportBundle();
  const importer = useImportBundle();
  const clearer = useClearAllData();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
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
    importer.mutate(
      { file, onProgress: (done, total) => setProgress({ done, total }) },
      {
        onSettled: () => {
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
        names you already have get new versions, and sessions you already have are not duplicated.
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
      {importer.isPending && progress ? (
        <div>
          <label htmlFor={progressId} className="small">
            Importing {progress.done.toLocaleString('en')} of {progress.total.toLocaleString('en')} rows
          </label>
          <progress id={progressId} className="progress" value={progress.done} max={Math.max(progress.total, 1)} />
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
            Every session, graph, recorded value and artifact in this browser is deleted. Settings stay. Export a bundle first if you may want
            them back.
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
