/**
 * "Export pipeline": name, target (Script or Airflow), a highlighted preview of every
 * generated file, and the .zip download. The "Fine slice" switch (the same stored setting as
 * the artifact page's) exports fine slices: blocks trimmed to what the artifacts need. Loaded lazily with the pipeline core, so neither
 * is in the main chunk.
 */
import { lazy, Suspense, useId, useMemo, useState, type FormEvent } from 'react';
import { buildPipeline, slugify, zipFiles, type Pipeline, type PipelineFramework } from '../../core/export/index';
import type { Artifact } from '../../core/model';
import { downloadBlob } from '../lib/download';
import { useSessionGraphs } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { ModalDialog } from '../components/ModalDialog';
import { Loading } from '../components/Loading';
import { useTheme } from '../theme';
import { SliceNotes } from '../artifacts/SliceNotes';
import { sliceNotes } from '../artifacts/sliceNotes';
import { joinedNames, pipelineInputs, type LoadedGraph } from './pipelineInputs';
import { FineSliceSwitch, useFineSlices } from '../artifacts/FineSliceSwitch';

const CodeView = lazy(() => import('../components/CodeView'));

interface Props {
  artifacts: Artifact[];
  onClose: () => void;
}

export default function PipelineExportDialog({ artifacts, onClose }: Props) {
  const panelId = useId();
  const nameId = useId();
  const { resolved } = useTheme();
  const defaultName = useMemo(() => slugify(joinedNames(artifacts)), [artifacts]);
  const [name, setName] = useState(defaultName);
  const [framework, setFramework] = useState<PipelineFramework>('script');
  const [shown, setShown] = useState(0);
  const [downloaded, setDownloaded] = useState<string>();
  const fine = useFineSlices();

  const sessionIds = useMemo(() => [...new Set(artifacts.map((a) => a.sessionId))], [artifacts]);
  const graphs = useSessionGraphs(sessionIds);
  const loading = graphs.some((g) => g.isLoading);
  const graphError = graphs.find((g) => g.isError)?.error;
  const graphData = graphs.map((g) => g.data);

  const built = useMemo((): { pipeline?: Pipeline; error?: unknown; skipped: Artifact[] } | undefined => {
    if (graphData.some((g) => g === undefined)) return undefined;
    const byId = new Map<string, LoadedGraph>(graphData.map((g) => [g!.session.id, g!]));
    const { inputs, skipped } = pipelineInputs(artifacts, byId);
    try {
      return { pipeline: buildPipeline({ name, framework, artifacts: inputs, fine }), skipped };
    } catch (error) {
      return { error, skipped };
    }
    // graphData is a fresh array each render; its items are stable query results.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [artifacts, name, framework, fine, ...graphData]);

  const files = built?.pipeline?.files ?? [];
  const notes = useMemo(() => {
    const pipeline = built?.pipeline;
    if (!pipeline) return [];
    const sources = graphData.flatMap((g) => g?.sourceCodes ?? []);
    return pipeline.artifacts.flatMap((a) =>
      sliceNotes(a.diagnostics, { what: 'pipeline', sources }).map((n) => ({ ...n, key: `${a.name}-${n.code}`, text: `${a.functionName}: ${n.text}` })),
    );
    // graphData items are stable query results (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [built, ...graphData]);
  const current = files[Math.min(shown, Math.max(0, files.length - 1))];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pipeline = built?.pipeline;
    if (!pipeline) return;
    const fileName = `${pipeline.name}.zip`;
    downloadBlob(new Blob([zipFiles(pipeline.files) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName);
    setDownloaded(fileName);
  };

  return (
    <ModalDialog
      open
      onClose={onClose}
      className="wide"
      title="Export pipeline"
      description={
        <>
          Turns {artifacts.length === 1 ? 'this artifact' : `these ${artifacts.length} artifacts`} into runnable Python: one <code>get_…</code>{' '}
          function per artifact, shared code factored out, <code>lineapy</code> calls removed.
        </>
      }
      onSubmit={submit}
      testId="pipeline-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={files.length === 0} data-testid="pipeline-download">
            Download .zip
          </button>
        </>
      }
    >
      <div className="pipeline-options">
        <div className="pipeline-name">
          <label htmlFor={nameId}>Pipeline name</label>
          <input
            id={nameId}
            type="text"
            value={name}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setName(e.target.value);
              setDownloaded(undefined);
            }}
            data-testid="pipeline-name"
          />
        </div>
        <fieldset className="radio-row">
          <legend>Target</legend>
          {(['script', 'airflow'] as const).map((f) => (
            <label key={f} className="check">
              <input
                type="radio"
                name="pipeline-framework"
                value={f}
                checked={framework === f}
                onChange={() => {
                  setFramework(f);
                  setDownloaded(undefined);
                }}
              />
              {f === 'script' ? 'Script (module + requirements)' : 'Airflow (adds a DAG)'}
            </label>
          ))}
        </fieldset>
        <div className="pipeline-fine">
          <FineSliceSwitch testId="pipeline-fine-slice" />
        </div>
      </div>
      {built && built.skipped.length > 0 ? (
        <p className="muted small" role="note">
          Only one version per name can be exported; skipped {built.skipped.map((a) => `${a.name}:${a.version}`).join(', ')}.
        </p>
      ) : null}
      {loading ? <Loading what="the session graphs" /> : null}
      {graphError ? <ErrorMessage error={graphError} /> : null}
      {built?.error !== undefined ? <ErrorMessage error={built.error} /> : null}
      <SliceNotes notes={notes} />
      {files.length > 0 && current ? (
        <div className="pipeline-preview">
          <div role="tablist" aria-label="Generated files" className="file-tabs">
            {files.map((f, i) => (
              <button
                key={f.path}
                type="button"
                role="tab"
                aria-selected={f === current}
                aria-controls={panelId}
                onClick={() => setShown(i)}
                data-testid="pipeline-file-tab"
              >
                {f.path}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={panelId} aria-label={current.path} data-testid="pipeline-file" data-path={current.path}>
            <Suspense fallback={<pre className="source">{current.content}</pre>}>
              <CodeView code={current.content.replace(/\n$/, '')} dark={resolved === 'dark'} label={`Preview of ${current.path}`} />
            </Suspense>
          </div>
        </div>
      ) : null}
      {downloaded ? (
        <p className="status success" role="status">
          Downloaded {downloaded}.
        </p>
      ) : null}
    </ModalDialog>
  );
}
