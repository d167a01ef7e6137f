/**
 * Several files at once: each is added or refused on its own, in order, and one summary says
 * what happened to every file. Pure logic (the page supplies the ingest call), so it is unit-tested.
 */
import { userMessage } from '../../core/errors';
import type { FollowOutcome } from '../../core/history/anchor';
import type { IngestProgressEvent } from './ingestFile';

export type IngestItemState =
  | { status: 'waiting' }
  | { status: 'running'; progress: IngestProgressEvent; startedAt: number }
  /** `followed`: a new version of a notebook, how its artifacts were re-derived (docs/DESIGN.md "History"). */
  | { status: 'added'; sessionId: string; sessionName: string; unchanged?: true; followed?: FollowOutcome[] }
  | { status: 'refused'; reason: string }
  | { status: 'cancelled' };

export interface IngestItem {
  key: string;
  name: string;
  state: IngestItemState;
}

export interface BatchDeps<F> {
  ingest: (file: F, signal: AbortSignal, onProgress: (progress: IngestProgressEvent) => void) => Promise<{ id: string; name: string; unchanged?: boolean; followed?: FollowOutcome[] }>;
  /** Called with a new array whenever any item changes. */
  onChange: (items: IngestItem[]) => void;
  /** After a cancel during saving: had the one transaction already committed this session? */
  wasSaved?: (sessionId: string) => Promise<boolean>;
  onAdded?: (sessionId: string) => void;
  /** Start only once this settles (files dropped while another batch runs wait their turn). */
  after?: Promise<unknown>;
  now?: () => number;
}

export interface Batch {
  readonly items: IngestItem[];
  /** Cancel one file: a waiting file is skipped, a running one is stopped (nothing written). */
  cancel(key: string): void;
  /** Settles when every file is added, refused or cancelled (never rejects). */
  done: Promise<IngestItem[]>;
}

let batchCount = 0;

export function startBatch<F extends { name: string }>(files: readonly F[], deps: BatchDeps<F>): Batch {
  const id = ++batchCount;
  let items: IngestItem[] = files.map((f, i) => ({ key: `${id}-${i}`, name: f.name, state: { status: 'waiting' } }));
  const controllers = items.map(() => new AbortController());
  const set = (i: number, state: IngestItemState) => {
    items = items.map((item, j) => (j === i ? { ...item, state } : item));
    deps.onChange(items);
  };

  const now = deps.now ?? Date.now;
  const run = async (): Promise<IngestItem[]> => {
    await deps.after?.catch(() => undefined);
    for (let i = 0; i < files.length; i++) {
      const signal = controllers[i]!.signal;
      if (signal.aborted) continue;
      let savingId: string | undefined;
      // Progress travels on its own channel and can arrive after the result: ignore it then.
      let live = true;
      const startedAt = now();
      set(i, { status: 'running', progress: { phase: 'reading' }, startedAt });
      try {
        const session = await deps
          .ingest(files[i]!, signal, (progress) => {
            if (!live || signal.aborted) return;
            if (progress.phase === 'saving') savingId = progress.sessionId;
            set(i, { status: 'running', progress, startedAt });
          })
          .finally(() => {
            live = false;
          });
        set(i, {
          status: 'added',
          sessionId: session.id,
          sessionName: session.name,
          ...(session.unchanged ? { unchanged: true as const } : {}),
          ...(session.followed?.length ? { followed: session.followed } : {}),
        });
        deps.onAdded?.(session.id);
      } catch (error) {
        if (!signal.aborted) {
          set(i, { status: 'refused', reason: userMessage(error) });
        } else if (savingId && (await deps.wasSaved?.(savingId).catch(() => false))) {
          // Cancelled after the transaction committed: the session is stored, say so.
          set(i, { status: 'added', sessionId: savingId, sessionName: files[i]!.name });
          deps.onAdded?.(savingId);
        } else {
          set(i, { status: 'cancelled' });
        }
      }
    }
    return items;
  };

  return {
    get items() {
      return items;
    },
    cancel(key) {
      const i = items.findIndex((item) => item.key === key);
      const item = items[i];
      if (!item || (item.state.status !== 'waiting' && item.state.status !== 'running')) return;
      controllers[i]!.abort();
      if (item.state.status === 'waiting') set(i, { status: 'cancelled' });
    },
    done: run(),
  };
}

export const isPending = (item: IngestItem) => item.state.status === 'waiting' || item.state.status === 'running';

/** "3 added, 1 unchanged (already stored), 1 refused: b.ipynb — <reason>" once every file is done; undefined while any is pending. */
export function summarizeBatch(items: readonly IngestItem[]): string | undefined {
  if (items.length === 0 || items.some(isPending)) return undefined;
  const added = items.filter((i) => i.state.status === 'added' && !i.state.unchanged).length;
  const unchanged = items.filter((i) => i.state.status === 'added' && i.state.unchanged).length;
  const refused = items.flatMap((i) => (i.state.status === 'refused' ? [`${i.name} — ${i.state.reason}`] : []));
  const cancelled = items.filter((i) => i.state.status === 'cancelled').map((i) => i.name);
  const parts = [`${added} added`];
  if (unchanged > 0) parts.push(`${unchanged} unchanged (already stored)`);
  if (refused.length > 0) parts.push(`${refused.length} refused`);
  if (cancelled.length > 0) parts.push(`${cancelled.length} cancelled`);
  const sentences = [...refused.map(sentence), ...(cancelled.length > 0 ? [sentence(`${refused.length > 0 ? 'Cancelled: ' : ''}${cancelled.join(', ')}`)] : [])];
  return sentences.length > 0 ? `${parts.join(', ')}: ${sentences.join(' ')}` : `${parts.join(', ')}.`;
}

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

const n = (x: number) => x.toLocaleString('en');

/** The running file's line: "Reading a.py…", "Analysing a.py: 1,200 of 5,000", "Saving a.py…". */
export function progressText(name: string, progress: IngestProgressEvent): string {
  switch (progress.phase) {
    case 'reading':
      return `Reading ${name}…`;
    case 'saving':
      return progress.nodes !== undefined ? `Saving ${name} (${n(progress.nodes)} nodes)…` : `Saving ${name}…`;
    case 'analysing':
      return progress.done !== undefined && progress.total !== undefined && progress.total > 0
        ? `Analysing ${name}: ${n(progress.done)} of ${n(progress.total)}`
        : `Analysing ${name}…`;
  }
}

/** 0–1 when the analyser reports counts, else undefined (an indeterminate bar). */
export function progressFraction(progress: IngestProgressEvent): number | undefined {
  if (progress.phase !== 'analysing' || progress.done === undefined || !progress.total) return undefined;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}
