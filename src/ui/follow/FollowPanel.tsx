/**
 * "Follow a notebook…" / "Follow a folder…" and the list of what is followed: per file, whether
 * its latest save is stored ("updated 10 s ago"), waiting for a complete save, or refused; per
 * follow, "Resume following" after a reload (the browser asks again) and "Stop following".
 * Text only: file names and messages are never rendered as HTML.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { agoText } from '../../core/follow/rules';
import { userMessage } from '../../core/errors';
import type { FollowedFile } from '../../store';
import { useFollows } from '../hooks/useFollows';
import type { FollowStatus } from '../lib/follow';
import { canFollowFiles, pickFolder, pickNotebook } from './pickers';
import './follow.css';

/** Files listed per follow before "and N more". */
const SHOWN_FILES = 8;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

function fileLine(file: FollowedFile, now: number): { text: string; tone: 'ok' | 'wait' | 'bad' } {
  switch (file.state) {
    case 'current':
      return { text: file.updatedAt ? `updated ${agoText(now - file.updatedAt)}` : 'up to date', tone: 'ok' };
    case 'waiting':
      return { text: 'waiting for a complete save', tone: 'wait' };
    case 'too-big':
      return { text: 'over the size limit, not read', tone: 'bad' };
    case 'refused':
      return { text: 'could not be read', tone: 'bad' };
  }
}

function FollowItem({ status, now, onResume, onStop }: { status: FollowStatus; now: number; onResume: () => void; onStop: () => void }) {
  // Files with something to say first, then the rest by path.
  const files = [...status.files].sort((a, b) => Number(a.state === 'current') - Number(b.state === 'current') || a.path.localeCompare(b.path));
  const shown = files.slice(0, SHOWN_FILES);
  const label = status.kind === 'folder' ? `folder ${status.name}` : status.name;
  return (
    <li className="follow-item" data-testid="follow-item" data-follow-name={status.name}>
      <div className="follow-head">
        <span className="follow-kind" aria-hidden="true">
          {status.kind === 'folder' ? 'folder' : 'file'}
        </span>
        <strong className="follow-name" title={status.name}>
          {status.name}
        </strong>
        <span className="muted small" data-testid="follow-summary">
          {status.permission !== 'granted'
            ? 'paused: the browser needs your permission again'
            : status.analysing
              ? `analysing ${status.analysing}…`
              : `followed · ${status.kind === 'folder' ? `${status.files.length} ${status.files.length === 1 ? 'file' : 'files'} · ` : ''}looked ${status.lookedAt ? agoText(now - status.lookedAt) : 'just now'}`}
        </span>
        <span className="follow-actions">
          {status.permission !== 'granted' ? (
            <button type="button" className="button small primary" onClick={onResume} aria-label={`Resume following ${label}`}>
              Resume following
            </button>
          ) : null}
          <button type="button" className="button small ghost" onClick={onStop} aria-label={`Stop following ${label}`}>
            Stop following
          </button>
        </span>
      </div>
      {status.problem ? (
        <p className="follow-problem" role="alert">
          {status.problem}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="follow-files">
          {shown.map((file) => {
            const line = fileLine(file, now);
            return (
              <li key={file.path} data-testid="followed-file" data-path={file.path} data-state={file.state}>
                {file.sessionId ? (
                  <Link to={`/s/${file.sessionId}`} className="follow-path" title={file.path}>
                    {file.path}
                  </Link>
                ) : (
                  <span className="follow-path" title={file.path}>
                    {file.path}
                  </span>
                )}
                <span className={`follow-state ${line.tone}`}>{line.text}</span>
                {file.message ? <span className="follow-message small muted">{file.message}</span> : null}
              </li>
            );
          })}
          {files.length > shown.length ? <li className="muted small">and {files.length - shown.length} more, all up to date</li> : null}
        </ul>
      ) : status.permission === 'granted' && status.kind === 'folder' && status.lookedAt ? (
        <p className="muted small">No notebooks or scripts in this folder yet; new ones are picked up as they appear.</p>
      ) : null}
    </li>
  );
}

/** The follow buttons (where the browser can follow files) and the followed items. */
export function FollowPanel() {
  const { follows, loop } = useFollows();
  const now = useNow(5_000);
  const [error, setError] = useState<string>();
  const supported = canFollowFiles();
  const act = (what: () => Promise<unknown>) => {
    setError(undefined);
    what().catch((e: unknown) => setError(userMessage(e)));
  };
  if (!supported && follows.length === 0) return null;
  return (
    <section className="follow-panel" aria-label="Followed on disk" data-testid="follow-panel">
      {supported ? (
        <div className="follow-buttons">
          <button type="button" className="button" onClick={() => act(async () => { const h = await pickNotebook(); if (h) await loop.follow(h); })}>
            Follow a notebook…
          </button>
          <button type="button" className="button" onClick={() => act(async () => { const h = await pickFolder(); if (h) await loop.follow(h); })}>
            Follow a folder…
          </button>
          <span className="muted small">Threadline reads the file again each time you save it; it never writes to it.</span>
        </div>
      ) : null}
      {error ? (
        <p className="follow-problem" role="alert">
          {error}
        </p>
      ) : null}
      {follows.length > 0 ? (
        <ul className="follow-list" aria-label="Followed files and folders">
          {follows.map((status) => (
            <FollowItem key={status.id} status={status} now={now} onResume={() => act(() => loop.resume(status.id))} onStop={() => act(() => loop.unfollow(status.id))} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
