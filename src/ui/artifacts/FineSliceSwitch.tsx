/**
 * The "Fine slice" switch (issue 18.1): one stored setting (`fineSlices`, off by default), so
 * the artifact page and the graph toolbar always agree, across tabs and reloads.
 */
import { DEFAULT_SETTINGS } from '../../store';
import { useSettings } from '../hooks/queries';
import { useUpdateSettings } from '../hooks/mutations';

/** Whether slices are fine (the stored setting; off while it loads). */
export function useFineSlices(): boolean {
  return useSettings().data?.fineSlices ?? DEFAULT_SETTINGS.fineSlices;
}

export function FineSliceSwitch({ testId = 'fine-slice' }: { testId?: string }) {
  const settings = useSettings();
  const update = useUpdateSettings();
  // While the write is on its way the box shows what was asked (the stored row follows).
  const on = (update.isPending ? update.variables.fineSlices : undefined) ?? settings.data?.fineSlices ?? DEFAULT_SETTINGS.fineSlices;
  return (
    <label className="check" title="Cut inside if/for/while blocks: keep only the statements the value needs. Off: whole blocks, as LineaPy slices.">
      <input type="checkbox" checked={on} disabled={settings.isLoading || update.isPending} onChange={(e) => update.mutate({ fineSlices: e.target.checked })} data-testid={testId} />
      Fine slice
    </label>
  );
}
