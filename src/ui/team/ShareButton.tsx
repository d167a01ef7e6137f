/**
 * "Share with the team" (an artifact page, the catalog selection) and what became of a share.
 * Hidden when this page is not served by `threadline serve` (then the app is exactly the local
 * one); without a token it points to Settings → Team. Sharing only queues: the outbox sends.
 */
import { Link } from 'react-router-dom';
import { plural } from '../format';
import { useOutbox, useRetryShare, useShareArtifacts, useTeamStatus, useTeamToken } from '../hooks/useTeam';
import type { OutboxEntry } from '../../store';

/** Is there (or may there be, when offline) a team server behind this page? */
export function useTeamAvailable(): { available: boolean; hasToken: boolean } {
  const status = useTeamStatus();
  const token = useTeamToken();
  const kind = status.data?.health.kind;
  return { available: kind !== undefined && kind !== 'absent', hasToken: Boolean(token.data) };
}

export function ShareButton({ artifactIds, small = false, testId = 'share-team' }: { artifactIds: readonly string[]; small?: boolean; testId?: string }) {
  const { available, hasToken } = useTeamAvailable();
  const share = useShareArtifacts();
  if (!available) return null;
  const cls = `button${small ? ' small' : ''}`;
  if (!hasToken) {
    return (
      <Link to="/settings#team" className={cls} title="Sharing needs a team token: add it in Settings → Team" data-testid={testId}>
        Share with the team…
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={cls}
      disabled={artifactIds.length === 0 || share.isPending}
      title={artifactIds.length > 1 ? `Shares ${plural(artifactIds.length, 'artifact version')} with the team catalog` : 'Shares this version, its slice and its session with the team catalog'}
      onClick={() => share.mutate(artifactIds)}
      data-testid={testId}
    >
      Share with the team{artifactIds.length > 1 ? ` (${artifactIds.length.toLocaleString('en')})` : ''}
    </button>
  );
}

/** One line on what happened to the latest share of one artifact version. */
export function ShareStatus({ artifactId }: { artifactId: string }) {
  const outbox = useOutbox();
  const retry = useRetryShare();
  const entries = (outbox.data ?? []).filter((e) => e.artifactId === artifactId);
  const latest = entries.at(-1);
  if (!latest) return null;
  return (
    <p className={`share-status ${latest.state}`} role="status" data-testid="share-status">
      <ShareText entry={latest} />
      {latest.state === 'refused' ? (
        <button type="button" className="link-button link small" onClick={() => retry.mutate(latest.id)} data-testid="share-retry">
          Try again
        </button>
      ) : null}
    </p>
  );
}

export function ShareText({ entry }: { entry: OutboxEntry }) {
  if (entry.state === 'sent' && entry.unchanged) return <>Already on the team server as {entry.artifactName}:{entry.teamVersion}, unchanged: no new version.</>;
  if (entry.state === 'sent') return <>Shared with the team as {entry.artifactName}:{entry.teamVersion}.</>;
  if (entry.state === 'refused') return <>The team server refused this share: {entry.message}</>;
  if (entry.attempts === 0) return <>Sending to the team…</>;
  return <>Waiting in the outbox: {entry.message ?? 'the team server cannot be reached.'} It is sent when the server is back.</>;
}
