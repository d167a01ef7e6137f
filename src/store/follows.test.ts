/** The `follows` table: add, list in order, save file states in one write, stop following. */
import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors';
import { addFollow, listFollows, removeFollow, saveFollowFiles, type FollowedFile } from './follows';
import { freshDb, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

describe('follows', () => {
  it('lists follows in the order they were added, with their handle as stored', async () => {
    const db = track(freshDb());
    let t = 100;
    const a = await addFollow(db, { kind: 'folder', name: 'notebooks', handle: { stand: 'in', depth: 1 } }, () => t++);
    const b = await addFollow(db, { kind: 'file', name: 'churn.ipynb', handle: { stand: 'in', depth: 2 } }, () => t++);
    const list = await listFollows(db);
    expect(list.map((f) => f.id)).toEqual([a.id, b.id]);
    expect(list[0]).toMatchObject({ kind: 'folder', name: 'notebooks', handle: { stand: 'in', depth: 1 }, files: [] });
  });

  it('replaces the file states of a follow, and refuses a follow that was stopped', async () => {
    const db = track(freshDb());
    const f = await addFollow(db, { kind: 'folder', name: 'nb', handle: {} });
    const files: FollowedFile[] = [
      { path: 'a.ipynb', lastModified: 1, size: 10, digest: 'd1', sessionId: 's1', state: 'current', updatedAt: 5 },
      { path: 'sub/b.ipynb', lastModified: 2, size: 0, state: 'waiting', message: 'half-written' },
    ];
    await saveFollowFiles(db, f.id, files);
    expect((await listFollows(db))[0]!.files).toEqual(files);
    await removeFollow(db, f.id);
    expect(await listFollows(db)).toEqual([]);
    await expect(saveFollowFiles(db, f.id, files)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listFollows(db)).toEqual([]);
  });
});
