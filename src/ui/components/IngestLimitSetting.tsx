import { useEffect, useId, useState } from 'react';
import { useSettings } from '../hooks/queries';
import { useUpdateSettings } from '../hooks/mutations';
import { ErrorMessage } from './ErrorMessage';
import { DEFAULT_MAX_INGEST_MB, MAX_INGEST_MB_CEILING } from '../../store';

/** Settings card: the ingest size limit (files above it are refused before they are read). */
export function IngestLimitSetting() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const id = useId();
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setValue(String(settings.data.maxIngestMB));
  }, [settings.data]);
  return (
    <section className="card">
      <h2>Ingest</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ maxIngestMB: Number(value) }, { onSuccess: () => setSaved(true) });
        }}
      >
        <label htmlFor={id}>Size limit (MB)</label>
        <p className="muted small">
          Larger files are refused before they are read. Default {DEFAULT_MAX_INGEST_MB} MB, at most {MAX_INGEST_MB_CEILING} MB.
        </p>
        <div className="row">
          <input
            id={id}
            type="number"
            min={1}
            max={MAX_INGEST_MB_CEILING}
            step={1}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setSaved(false);
            }}
            data-testid="ingest-limit-input"
          />
          <button type="submit" className="button primary" disabled={update.isPending} data-testid="ingest-limit-save">
            Save
          </button>
        </div>
        {saved ? (
          <p className="status success" role="status">
            Saved.
          </p>
        ) : null}
        {update.isError ? <ErrorMessage error={update.error} /> : null}
      </form>
    </section>
  );
}
