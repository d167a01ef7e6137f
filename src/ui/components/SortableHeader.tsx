/** A table column header that sorts: a button with ▲/▼ on the active column, and `aria-sort` on the cell. */
export function SortableHeader({ label, direction, onClick, testId, className }: { label: string; direction: 'asc' | 'desc' | undefined; onClick: () => void; testId: string; className?: string }) {
  return (
    <th scope="col" className={className} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="sort-button" onClick={onClick} data-testid={testId}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
        </span>
      </button>
    </th>
  );
}
