/** The files being added on the sessions page: progress, cancel, and one summary per set of files. */
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { DEFAULT_SETTINGS, getSession } from '../../store';
import { startBatch, isPending, type Batch, type IngestItem } from '../actions/ingestBatch';
import { ingestFile } from '../actions/ingestFile';
import { appDb } from '../lib/db';
import { useSettings } from './queries';
import { invalidateWorkerWrite } from './sync';

export interface IngestQueue {
  /** Every file since the queue was last idle, in the order they were given. */
  items: IngestItem[];
  /** True while any file is waiting or being added. */
  pending: boolean;
  add(files: readonly File[]): void;
  cancel(key: string): void;
  dismiss(): void;
}

export function useIngestQueue(onAdded?: (sessionId: string) => void): IngestQueue {
  const qc = useQueryClient();
  const settings = useSettings().data ?? DEFAULT_SETTINGS;
  const [items, setItems] = useState<IngestItem[]>([]);
  const batches = useRef(new Map<number, { batch?: Batch; items: IngestItem[] }>());
  const last = useRef<Promise<unknown>>(Promise.resolve());
  const nextId = useRef(0);
  const onAddedRef = useRef(onAdded);
  onAddedRef.current = onAdded;
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const publish = useCallback(() => setItems([...batches.current.values()].flatMap((b) => b.items)), []);

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      // Starting from idle: forget the previous results.
      if (![...batches.current.values()].some((b) => b.items.some(isPending))) batches.current.clear();
      const id = nextId.current++;
      const entry: { batch?: Batch; items: IngestItem[] } = { items: [] };
      batches.current.set(id, entry);
      const { author, maxIngestMB, maxNodes } = settingsRef.current;
      const batch = startBatch(files, {
        after: last.current,
        ingest: async (file, signal, onProgress) => {
          const result = await ingestFile(file, author, { signal, onProgress, maxIngestBytes: maxIngestMB * 1024 * 1024, maxNodes });
          return { id: result.session.id, name: result.session.name, ...(result.unchanged ? { unchanged: true } : {}), ...(result.followed ? { followed: result.followed } : {}) };
        },
        wasSaved: (sessionId) => getSession(appDb(), sessionId).then(
          () => true,
          () => false,
        ),
        onChange: (next) => {
          entry.items = next;
          publish();
        },
        onAdded: (sessionId) => {
          void invalidateWorkerWrite(qc);
          onAddedRef.current?.(sessionId);
        },
      });
      entry.batch = batch;
      entry.items = batch.items;
      last.current = batch.done;
      publish();
    },
    [publish, qc],
  );

  const cancel = useCallback((key: string) => {
    for (const { batch } of batches.current.values()) batch?.cancel(key);
  }, []);

  const dismiss = useCallback(() => {
    for (const [id, b] of batches.current) if (!b.items.some(isPending)) batches.current.delete(id);
    publish();
  }, [publish]);

  return { items, pending: items.some(isPending), add, cancel, dismiss };
}
