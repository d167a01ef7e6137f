/**
 * A small badge for an artifact version's last "Verify slice" result (none when never verified):
 * green "verified ✓", grey "could not run" (nothing was compared; the reason in its title), or
 * red "not verified" (the slice gave a different value, raised, or left the name unbound).
 */
import type { Artifact } from '../../core/model';
import { checkedSlice, verdictOf } from '../../core/run/verdict';
import { isoDate } from '../format';
import '../runs/runs.css';

export function VerifiedBadge({ artifact }: { artifact: Pick<Artifact, 'verification'> }) {
  const v = artifact.verification;
  if (!v) return null;
  const verdict = verdictOf(v);
  const which = checkedSlice(v.mode);
  const ofSlice = which ? ` (${which})` : '';
  if (verdict.kind === 'same') {
    return (
      <span className="badge verified" title={`Slice verified on ${isoDate(v.at)}${ofSlice}: same value as the session`} data-testid="verified-badge">
        verified ✓
      </span>
    );
  }
  if (verdict.kind === 'could-not-run') {
    return (
      <span className="badge could-not-run" title={`Verify could not run on ${isoDate(v.at)}: ${verdict.reason}`} data-testid="could-not-run-badge">
        could not run
      </span>
    );
  }
  return (
    <span className="badge unverified" title={`Slice checked on ${isoDate(v.at)}${ofSlice}: the slice gives a different value`} data-testid="unverified-badge">
      not verified
    </span>
  );
}
