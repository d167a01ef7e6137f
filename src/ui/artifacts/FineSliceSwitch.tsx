/**
 * The "Fine slice" switch (issue 18.1): one stored setting (`fineSlices`, off by default), so
 * the artifact page, the graph toolbar and Settings always agree, across tabs and reloads.
 */
import { useState } from 'react';
import { DEFAULT_SETTINGS } from '../../store';
import { userMessage } from '../../core/errors';
import { useSettings } from '../hooks/queries';
import { useUpdateSettings } from '../hooks/mutations';

/** Whether slices are fine (the stored setting; off while it loads). */
export function useFineSlices(): boolean {
  return useSettings().data?.fineSlices ?? DEFAULT_SETTINGS.fineSlices;
}

export function FineSliceSwitch({ testId = 'fine-slice' }: { testId?: string }) {
  const settings = useSettings();
  const update = useUpdateSettings();
  // While the write is on its way the box shows what was asked; then the stored row again.
  const [asked, setAsked] = useState<boolean>();
  const on = asked ?? settings.data?.fineSlices ?? DEFAULT_SETTINGS.fineSlices;
  return (
    <>
      <label className="check" title="Cut inside if/for/while blocks: keep only the statements the value needs. Off: whole blocks, as LineaPy slices.">
        <input
          type="checkbox"
          checked={on}
          disabled={settings.isLoading}
          onChange={(e) => {
            const value = e.target.checked;
            setAsked(value);
            update.mutate({ fineSlices: value }, { onSettled: () => setAsked(undefined) });
          }}
          data-testid={testId}
        />
        Fine slice
      </label>
      {update.isError ? (
        <span className="small" role="alert">
          {userMessage(update.error)}
        </span>
      ) : null}
    </>
  );
}
