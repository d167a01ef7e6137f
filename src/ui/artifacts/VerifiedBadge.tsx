/** A small badge for an artifact version's last "Verify slice" result (none when never verified). */
import type { Artifact } from '../../core/model';
import { isoDate } from '../format';
import '../runs/runs.css';

export function VerifiedBadge({ artifact }: { artifact: Pick<Artifact, 'verification'> }) {
  const v = artifact.verification;
  if (!v) return null;
  return v.verified ? (
    <span className="badge verified" title={`Slice verified on ${isoDate(v.at)}: same value as the session`} data-testid="verified-badge">
      verified ✓
    </span>
  ) : (
    <span className="badge unverified" title={`Slice checked on ${isoDate(v.at)}: the value differs or could not be computed`} data-testid="unverified-badge">
      not verified
    </span>
  );
}
