/** Above the artifact page's slice: the "Fine slice" switch and both slices' line counts. */
import { plural } from '../format';
import type { ArtifactSlices } from './artifactSlice';
import { FineSliceSwitch } from './FineSliceSwitch';
import './fine.css';

export function SliceModeBar({ both }: { both: ArtifactSlices | undefined }) {
  return (
    <div className="slice-mode">
      <FineSliceSwitch />
      {both ? (
        <span className="muted small" data-testid="slice-counts">
          fine: {plural(both.fine.lines, 'line')} · whole-block: {plural(both.whole.lines, 'line')}
        </span>
      ) : null}
    </div>
  );
}
