/** The sessions list's search box: filters by name as you type (the text lives in the URL, `?q=`). */
import { useId } from 'react';

export function SessionSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="session-search" role="search">
      <label htmlFor={id} className="visually-hidden">
        Search sessions by name
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search by name"
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        data-testid="sessions-search"
      />
    </div>
  );
}
