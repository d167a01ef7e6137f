/**
 * The browser's file and folder pickers (File System Access API, Chromium). Where the API is
 * missing the follow buttons are not shown and the drop flow stays. A cancelled picker is `null`.
 */
import type { FollowHandle } from '../lib/follow';

interface PickerWindow {
  showOpenFilePicker?: (opts: unknown) => Promise<FollowHandle[]>;
  showDirectoryPicker?: (opts: unknown) => Promise<FollowHandle>;
}

const picker = () => window as unknown as PickerWindow;

export function canFollowFiles(): boolean {
  return typeof picker().showOpenFilePicker === 'function' && typeof picker().showDirectoryPicker === 'function';
}

function cancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export async function pickNotebook(): Promise<FollowHandle | null> {
  try {
    const [handle] = await picker().showOpenFilePicker!({
      multiple: false,
      types: [{ description: 'Notebooks and Python scripts', accept: { 'application/x-ipynb+json': ['.ipynb'], 'text/x-python': ['.py'] } }],
    });
    return handle ?? null;
  } catch (error) {
    if (cancelled(error)) return null;
    throw error;
  }
}

export async function pickFolder(): Promise<FollowHandle | null> {
  try {
    return await picker().showDirectoryPicker!({ mode: 'read' });
  } catch (error) {
    if (cancelled(error)) return null;
    throw error;
  }
}
