/** Previous / Next paging for a long list (the catalog, the sessions list). Renders nothing for one page. */
import './pager.css';

interface Props {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  /** Names the landmark; two pagers on one page need different labels. */
  label: string;
  testId?: string;
}

export function Pager({ page, pageCount, onPage, label, testId }: Props) {
  if (pageCount <= 1) return null;
  const first = page <= 1;
  const last = page >= pageCount;
  return (
    <nav className="pager" aria-label={label} data-testid={testId}>
      <button type="button" className="button small" disabled={first} onClick={() => onPage(1)} title="First page" aria-label="First page" data-testid="page-first">
        «
      </button>
      <button type="button" className="button small" disabled={first} onClick={() => onPage(page - 1)} data-testid="page-previous">
        ‹ Previous
      </button>
      <span className="pager-status small" data-testid="page-status">
        Page {page.toLocaleString('en')} of {pageCount.toLocaleString('en')}
      </span>
      <button type="button" className="button small" disabled={last} onClick={() => onPage(page + 1)} data-testid="page-next">
        Next ›
      </button>
      <button type="button" className="button small" disabled={last} onClick={() => onPage(pageCount)} title="Last page" aria-label="Last page" data-testid="page-last">
        »
      </button>
    </nav>
  );
}
