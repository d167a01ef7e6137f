/** The "Saved" notice after naming from the graph: links to the artifact's page. */
import { Link } from 'react-router-dom';

export function SavedNotice({ name, version }: { name: string; version: number }) {
  return (
    <>
      Saved{' '}
      <Link to={`/a/${encodeURIComponent(name)}/${version}`} data-testid="saved-link">
        {name}:{version}
      </Link>
      .
    </>
  );
}
