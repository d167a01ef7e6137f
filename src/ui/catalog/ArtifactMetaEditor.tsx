/** Description and tags of one artifact version: shown, and edited in place. */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Artifact } from '../../core/model';
import { ErrorMessage } from '../components/ErrorMessage';
import { MAX_TAGS_PER_ARTIFACT } from '../../core/tags';
import { plural } from '../format';
import { parseTagsText, shownTags, tagText, tagsToText } from './catalogModel';
import { useUpdateArtifact } from '../hooks/mutations';
import './catalog.css';

/** Tags shown on the artifact page; older bundles may hold many more (they are counted, not drawn). */
const SHOWN_TAGS = MAX_TAGS_PER_ARTIFACT;

/** The catalog filter that finds artifacts with `t`. */
function tagFilter(text: string): string {
  return /\s/.test(text) ? `tag:"${text}"` : `tag:${text}`;
}

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
    const { shown, hidden } = shownTags(artifact.tags, SHOWN_TAGS);
    return (
      <div className="meta-editor" data-testid="artifact-meta">
        {artifact.description ? <p data-testid="artifact-description">{artifact.description}</p> : null}
        <div className="meta-tags" data-testid="artifact-tags">
          {shown.map((t, i) => (
            <Link
              key={i}
              className="tag"
              to={`/artifacts?q=${encodeURIComponent(tagFilter(tagText(t)))}`}
              title={`All artifacts tagged ${tagText(t)}`}
              data-testid="meta-tag"
            >
              {tagText(t)}
            </Link>
          ))}
          {hidden > 0 ? (
            <span className="muted small" data-testid="more-tags">
              +{hidden.toLocaleString('en')} more
            </span>
          ) : null}
          <button type="button" className="button small" onClick={start} data-testid="edit-meta">
            {artifact.description || artifact.tags.length > 0 ? 'Edit description and tags' : 'Add a description or tags'}
          </button>
        </div>
      </div>
    );
  }
  // Non-blank lines: one tag each (an upper bound: the store drops exact duplicates).
  const lineCount = tags.split('\n').reduce((n, line) => (line.trim() === '' ? n : n + 1), 0);
  return (
    <div className="meta-editor card" data-testid="artifact-meta">
      <form onSubmit={submit} aria-label="Edit description and tags">
        <label htmlFor={`${id}-desc`}>Description</label>
        <input id={`${id}-desc`} type="text" value={description} onChange={(e) => setDescription(e.target.value)} data-testid="meta-description" />
        <label htmlFor={`${id}-tags`}>Tags</label>
        <p className="muted small" id={`${id}-tags-hint`} style={{ margin: 0 }}>
          One tag per line, as <code>key=value</code> or just <code>key</code>. Everything after the first <code>=</code> is the value, so
          commas and spaces stay in it (<code>owner=Smith, John</code> is one tag). For a line break or leading spaces, put the value in
          double quotes with <code>\n</code> (<code>note="line one\nline two"</code>). A key may repeat; at most {MAX_TAGS_PER_ARTIFACT} tags.
        </p>
        <textarea
          id={`${id}-tags`}
          rows={Math.min(12, Math.max(3, lineCount + 1))}
          value={tags}
          spellCheck={false}
          aria-describedby={`${id}-tags-hint`}
          onChange={(e) => setTags(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
          data-testid="meta-tags"
        />
        <p className={lineCount > MAX_TAGS_PER_ARTIFACT ? 'field-error small' : 'muted small'} data-testid="tag-count" style={{ margin: 0 }}>
          {lineCount > MAX_TAGS_PER_ARTIFACT
            ? `${plural(lineCount, 'tag')}: an artifact can have at most ${MAX_TAGS_PER_ARTIFACT}, so remove ${(lineCount - MAX_TAGS_PER_ARTIFACT).toLocaleString('en')} before saving.`
            : `${plural(lineCount, 'tag')} of at most ${MAX_TAGS_PER_ARTIFACT}.`}
        </p>
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
