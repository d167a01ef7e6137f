import { useEffect, useId, useState } from 'react';
import { useSettings } from '../hooks/queries';
import { useUpdateSettings } from '../hooks/mutations';
import { ErrorMessage } from './ErrorMessage';
import { parseNumberSetting, rangeText, type NumberSettingSpec } from '../../store';

/**
 * One whole-number setting: says the range it accepts, refuses anything else with a sentence
 * (nothing is stored), and confirms what it stored.
 */
export function NumberSetting({ spec, label, help, testId }: { spec: NumberSettingSpec; label: string; help: string; testId: string }) {
  const settings = useSettings();
  const update = useUpdateSettings();
  const id = useId();
  const stored = settings.data?.[spec.key];
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  useEffect(() => {
    if (stored !== undefined) setValue(String(stored));
  }, [stored]);
  const range = `Accepts ${rangeText(spec)}; the default is ${spec.default.toLocaleString('en')}.`;
  return (
    <form
      className="setting"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        update.reset();
        const parsed = parseNumberSetting(spec, value);
        if (!parsed.ok) return setMessage({ ok: false, text: parsed.message });
        setMessage(undefined);
        update.mutate(
          { [spec.key]: parsed.value },
          { onSuccess: (s) => setMessage({ ok: true, text: `Saved. ${spec.what} is now ${s[spec.key].toLocaleString('en')} ${spec.unit}.` }) },
        );
      }}
    >
      <label htmlFor={id}>{label}</label>
      <p className="muted small" id={`${id}-help`}>
        {help} {range}
      </p>
      <div className="row">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={value}
          aria-describedby={`${id}-help${message ? ` ${id}-message` : ''}`}
          aria-invalid={message && !message.ok ? true : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setMessage(undefined);
          }}
          data-testid={`${testId}-input`}
        />
        <button type="submit" className="button primary" disabled={update.isPending} data-testid={`${testId}-save`}>
          Save
        </button>
      </div>
      {message ? (
        <p
          id={`${id}-message`}
          className={message.ok ? 'status field-message success' : 'alert field-message'}
          role={message.ok ? 'status' : 'alert'}
          data-testid={`${testId}-message`}
        >
          {message.text}
        </p>
      ) : null}
      {update.isError ? <ErrorMessage error={update.error} /> : null}
    </form>
  );
}
