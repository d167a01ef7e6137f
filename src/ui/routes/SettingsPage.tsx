import { useEffect, useId, useState } from 'react';
import { useRowCounts, useSettings, useStorageEstimate } from '../hooks/queries';
import { useUpdateSettings } from '../hooks/mutations';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatBytes } from '../format';
import { useTheme, type ThemeChoice } from '../theme';
import { IngestLimitSetting } from '../components/IngestLimitSetting';
import { BundleSection } from '../bundles/BundleSection';
import { TeamSection } from '../team/TeamSection';
import { PersistStorage } from '../bundles/PersistStorage';
import { FineSliceSwitch } from '../artifacts/FineSliceSwitch';

export default function SettingsPage() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const rows = useRowCounts();
  const { choice, setChoice } = useTheme();
  const estimate = useStorageEstimate();
  const [author, setAuthor] = useState('');
  const [saved, setSaved] = useState(false);
  const authorId = useId();
  useEffect(() => {
    if (settings.data) setAuthor(settings.data.author);
  }, [settings.data]);

  return (
    <div className="page narrow">
      <h1>Settings</h1>
      <section className="card">
        <h2>Profile</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ author }, { onSuccess: () => setSaved(true) });
          }}
        >
          <label htmlFor={authorId}>Author name</label>
          <p className="muted small">Recorded on the artifacts you name.</p>
          <div className="row">
            <input id={authorId} type="text" value={author} onChange={(e) => { setAuthor(e.target.value); setSaved(false); }} data-testid="author-input" />
            <button type="submit" className="button primary" disabled={update.isPending}>
              Save
            </button>
          </div>
          {saved ? <p className="status success" role="status">Saved.</p> : null}
          {update.isError ? <ErrorMessage error={update.error} /> : null}
        </form>
      </section>
      <section className="card">
        <h2>Appearance</h2>
        <fieldset className="radio-row">
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((t) => (
            <label key={t} className="check">
              <input type="radio" name="theme" value={t} checked={choice === t} onChange={() => setChoice(t)} />
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
      </section>
      <IngestLimitSetting />
      <section className="card">
        <h2>Slices</h2>
        <FineSliceSwitch testId="settings-fine-slice" />
        <p className="muted small">
          Off: a slice keeps every <code>if</code>, <code>for</code> and <code>while</code> block it needs whole, as LineaPy does. On: it keeps a block’s
          header and only the statements inside that the value needs. The artifact page and the graph toolbar have the same switch.
        </p>
      </section>
      <section className="card">
        <h2>Runs</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.data?.allowPackageDownloads ?? false}
            disabled={!settings.data || update.isPending}
            onChange={(e) => update.mutate({ allowPackageDownloads: e.target.checked })}
            data-testid="allow-package-downloads"
          />
          Allow package downloads from the Pyodide CDN
        </label>
        <p className="muted small">
          Off: runs use only Python’s standard library, served by this site, and nothing is fetched from elsewhere. On: a notebook that imports
          numpy, pandas or another package Pyodide has fetches it from cdn.jsdelivr.net. Takes effect from the next run.
        </p>
      </section>
      <TeamSection />
      <BundleSection />
      <section className="card">
        <h2>Storage</h2>
        {estimate.data ? (
          <p>
            Using {formatBytes(estimate.data.usage ?? 0)} of about {formatBytes(estimate.data.quota ?? 0)} available to this site.
          </p>
        ) : (
          <p className="muted">This browser does not report a storage estimate.</p>
        )}
        <PersistStorage />
        {rows.data ? (
          <dl className="fields" data-testid="row-counts">
            {Object.entries(rows.data).map(([table, n]) => (
              <div key={table}>
                <dt>{table}</dt>
                <dd>{n.toLocaleString('en')}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </section>
    </div>
  );
}
