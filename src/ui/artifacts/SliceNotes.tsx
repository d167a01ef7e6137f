import type { SliceNote } from './sliceNotes';

/** The self-check's notes above a slice's code; nothing at all when there are none. */
export function SliceNotes({ notes }: { notes: ReadonlyArray<SliceNote & { key?: string }> }) {
  if (notes.length === 0) return null;
  return (
    <div className="slice-notes" data-testid="slice-notes">
      {notes.map((n) => (
        <p key={n.key ?? n.code} className={n.severity === 'warning' ? 'version-warning' : 'slice-info'} role="note" data-testid="slice-note" data-code={n.code}>
          {n.text}
        </p>
      ))}
    </div>
  );
}
