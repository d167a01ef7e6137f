/**
 * The Team tab of the catalog: what everyone shared through `threadline serve`, filtered,
 * sorted and paged by the server (SQL), refreshed every few seconds while open. Each row can be
 * imported into this workspace (the bundle rules: names you have get a new local version).
 * Filter (the local catalog's syntax, ./teamFilter.ts), view, sort and page live in the URL
 * (`tq`, `tby`, `tview`, `tsort`, `tpage`).
 */
import { Link, useSearchParams } from 'react-router-dom';
import type { TeamArtifact, TeamListQuery, TeamSort } from '../../core/team/api';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { SortableHeader } from '../components/SortableHeader';
import { Pager } from '../catalog/Pager';
import { nextSearchParams } from '../catalog/catalogModel';
import { formatDate, plural, visibleName } from '../format';
import { useImportTeamArtifact, useOutbox, useTeamCatalog, useTeamStatus, useTeamToken } from '../hooks/useTeam';
import { teamErrorText } from '../lib/team-client';
import { teamFilter } from './teamFilter';
import './team.css';

export const TEAM_PAGE_SIZE = 50;
const SORTS: TeamSort[] = ['sharedAt', 'name', 'sharedBy', 'version'];

function readSort(v: string | null): { sort: TeamSort; dir: 'asc' | 'desc' } {
  const [key, dir] = (v ?? '').split(':');
  if (SORTS.includes(key as TeamSort) && (dir === 'asc' || dir === 'desc')) return { sort: key as TeamSort, dir };
  return { sort: 'sharedAt', dir: 'desc' };
}

function SortHeader({ label, column, sort, dir, onSort }: { label: string; column: TeamSort; sort: TeamSort; dir: 'asc' | 'desc'; onSort: (s: string | undefined) => void }) {
  const active = sort === column;
  const next = active ? (dir === 'asc' ? 'desc' : 'asc') : column === 'sharedAt' ? 'desc' : 'asc';
  // The default order (newest shared first) has no parameter in the URL.
  const onClick = () => onSort(column === 'sharedAt' && next === 'desc' ? undefined : `${column}:${next}`);
  return <SortableHeader label={label} direction={active ? dir : undefined} onClick={onClick} testId={`team-sort-${column}`} />;
}

function ImportButton({ share }: { share: TeamArtifact }) {
  const importer = useImportTeamArtifact();
  const local = importer.data?.local;
  if (local) {
    return (
      <span className="team-imported" role="status" data-testid="team-imported">
        In your workspace as{' '}
        <Link to={`/a/${encodeURIComponent(local.name)}/${local.version}`} data-testid="team-imported-link">
          {visibleName(local.name)}:{local.version}
        </Link>
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={importer.isPending}
        onClick={() => importer.mutate({ id: share.id, name: share.name, version: share.version, sharedBy: share.sharedBy, sharedAt: share.sharedAt })}
        title="Copies this artifact with its slice and its session's graph into this browser's catalog"
        data-testid="team-import"
      >
        {importer.isPending ? 'Importing…' : 'Import to my workspace'}
      </button>
      {importer.isError ? <p className="alert small">{teamErrorText(importer.error)}</p> : null}
    </>
  );
}

export default function TeamCatalog() {
  const [params, setParams] = useSearchParams();
  const token = useTeamToken();
  const status = useTeamStatus();
  const outbox = useOutbox();
  const text = params.get('tq') ?? '';
  const by = params.get('tby') ?? '';
  const everyVersion = params.get('tview') === 'versions';
  const { sort, dir } = readSort(params.get('tsort'));
  const page = Math.max(1, Number.parseInt(params.get('tpage') ?? '1', 10) || 1);
  const setParam = (key: string, value: string | undefined, push = false) => setParams((p) => nextSearchParams(p, key, value, 'tpage'), { replace: !push });
  const hasToken = Boolean(token.data);
  const query: TeamListQuery = { ...teamFilter(text), sharedBy: by, latest: !everyVersion, sort, dir, offset: (page - 1) * TEAM_PAGE_SIZE, limit: TEAM_PAGE_SIZE };
  const list = useTeamCatalog(query, hasToken);
  const waiting = (outbox.data ?? []).filter((e) => e.state === 'pending').length;
  const pageCount = Math.max(1, Math.ceil((list.data?.total ?? 0) / TEAM_PAGE_SIZE));

  if (token.isSuccess && !hasToken) {
    return (
      <div className="empty" data-testid="team-no-token">
        <h2>Add your team token to see the team catalog</h2>
        <p className="muted">
          Ask whoever runs <code>threadline serve</code> for a token, then paste it in <Link to="/settings#team">Settings → Team</Link>.
        </p>
      </div>
    );
  }
  const rows = list.data?.items ?? [];
  const noun = everyVersion ? 'version' : 'name';
  return (
    <div data-testid="team-catalog">
      <div className="catalog-tools team-tools">
        <input
          type="search"
          className="filter"
          placeholder="name, tag:key=value, author:…"
          aria-label="Filter the team catalog"
          title="Words match the name, description and tags; tag:key=value and author:name as in your own catalog"
          value={text}
          onChange={(e) => setParam('tq', e.target.value || undefined)}
          data-testid="team-filter"
        />
        <input
          type="search"
          className="filter short"
          placeholder="shared by"
          aria-label="Shared by"
          value={by}
          onChange={(e) => setParam('tby', e.target.value || undefined)}
          data-testid="team-shared-by"
        />
        <div className="segmented" role="group" aria-label="Team rows">
          <button type="button" aria-pressed={!everyVersion} onClick={() => setParam('tview', undefined)}>
            Latest per name
          </button>
          <button type="button" aria-pressed={everyVersion} onClick={() => setParam('tview', 'versions')} data-testid="team-view-versions">
            Every version
          </button>
        </div>
      </div>
      <p className="muted small" aria-live="polite" data-testid="team-count">
        {list.data ? `${plural(list.data.total, `shared ${noun}`)}${text || by ? ' match' : ''}` : ''}
        {status.data?.me ? ` · you are ${status.data.me.user} (${status.data.me.role})` : ''}
        {waiting > 0 ? (
          <>
            {' · '}
            <Link to="/settings#team" data-testid="team-waiting">
              {plural(waiting, 'share')} waiting in your outbox
            </Link>
          </>
        ) : null}
      </p>
      {list.isLoading ? <Loading what="the team catalog" /> : null}
      {list.isError ? <ErrorMessage error={new Error(teamErrorText(list.error))} /> : null}
      {list.data && rows.length === 0 ? (
        <div className="empty" data-testid="team-empty">
          <h2>{text || by ? 'Nothing shared matches' : 'Nothing shared yet'}</h2>
          <p className="muted">Open one of your artifacts and press “Share with the team”; it appears here for everyone with a token.</p>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <>
          <table className="table team-table" data-testid="team-list">
            <thead>
              <tr>
                <SortHeader label="Name" column="name" sort={sort} dir={dir} onSort={(v) => setParam('tsort', v)} />
                <SortHeader label="Team version" column="version" sort={sort} dir={dir} onSort={(v) => setParam('tsort', v)} />
                <SortHeader label="Shared by" column="sharedBy" sort={sort} dir={dir} onSort={(v) => setParam('tsort', v)} />
                <SortHeader label="Shared" column="sharedAt" sort={sort} dir={dir} onSort={(v) => setParam('tsort', v)} />
                <th scope="col">From</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="team-row" data-name={s.name} data-version={s.version}>
                  <td>
                    <strong>{visibleName(s.name)}</strong>
                    {s.description ? <div className="muted small">{s.description}</div> : null}
                    {s.tags.length > 0 ? (
                      <div className="small muted">
                        {s.tags.slice(0, 6).map((t) => `${t.key}=${t.value}`).join(' · ')}
                        {s.tags.length > 6 ? ` · +${s.tags.length - 6} more` : ''}
                      </div>
                    ) : null}
                  </td>
                  <td className="num" data-testid="team-version">{s.version}</td>
                  <td className="who">{visibleName(s.sharedBy)}</td>
                  <td className="when" title={new Date(s.sharedAt).toISOString()}>
                    {formatDate(s.sharedAt)}
                  </td>
                  <td className="small">
                    {visibleName(s.sessionName)}
                    <div className="muted">
                      their v{s.localVersion} · {plural(s.nodes, 'node')}
                    </div>
                  </td>
                  <td className="actions">
                    <ImportButton share={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="list-foot">
            <Pager page={Math.min(page, pageCount)} pageCount={pageCount} onPage={(p) => setParam('tpage', String(p), true)} label="Team catalog pages" testId="team-pager" />
          </div>
        </>
      ) : null}
    </div>
  );
}
