/** Description and tags of one artifact version: shown, and edited in place. */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Artifact } from '../../core/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { parseTagsText, tagText, tagsToText } from './catalogModel';
import { useUpdateArtifact } from './hooks';
import './catalog.css';

export function ArtifactMetaEditor({ artifact }: { artifact: Artifact }) {
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState(artifact.description);
  const [tags, setTags] = useState(tagsToText(artifact.tags));
  const update = useUpdateArtifact();
  const id = useId();

  const start = () => {
    setDescription(artifact.description);
    setTags(tagsToText(artifact.tags));
    update.reset();
    setEditing(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: artifact.id, description, tags: parseTagsText(tags) }, { onSuccess: () => setEditing(false) });
  };

  if (!editing) {
    return (
      <div className="meta-editor" data-testid="artifact-meta">
        {artifact.description ? <p data-testid="artifact-description">{artifact.description}</p> : null}
        <div className="meta-tags" data-testid="artifact-tags">
          {artifact.tags.map((t) => (
            <Link
              key={`${t.key}=${t.value}`}
              className="tag"
              to={`/artifacts?q=${encodeURIComponent(/\s/.test(tagText(t)) ? `tag:"${tagText(t)}"` : `tag:${tagText(t)}`)}`}
              title={`All artifacts tagged ${tagText(t)}`}
            >
              {tagText(t)}
            </Link>
          ))}
          <button type="button" className="button small" onClick={start} data-testid="edit-meta">
            {artifact.description || artifact.tags.length > 0 ? 'Edit description and tags' : 'Add a description or tags'}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="meta-editor card" data-testid="artifact-meta">
      <form onSubmit={submit} aria-label="Edit description and tags">
        <label htmlFor={`${id}-desc`}>Description</label>
        <input id={`${id}-desc`} type="text" value={description} onChange={(e) => setDescription(e.target.value)} data-testid="meta-description" />
        <label htmlFor={`${id}-tags`}>Tags</label>
        <p className="muted small" id={`${id}-tags-hint`} style={{ margin: 0 }}>
          One per line (or separated by commas), as <code>key=value</code> or just <code>key</code>. A key may repeat.
        </p>
        <textarea
          id={`${id}-tags`}
          rows={Math.max(3, tags.split('\n').length + 1)}
          value={tags}
          spellCheck={false}
          aria-describedby={`${id}-tags-hint`}
          onChange={(e) => setTags(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
          data-testid="meta-tags"
        />
        {update.isError ? <ErrorMessage error={update.error} /> : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={update.isPending} data-testid="save-meta">
            Save
          </button>
        </div>
      </form>
    </div>
  );
}
