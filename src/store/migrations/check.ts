/** The numbering rule every migration list follows (database and bundle): versions 1, 2, 3 … in order, no gap or repeat. */

/** Throws unless the list numbers its versions 1, 2, 3 … in order (`what` names the list in the message). */
export function checkMigrationList(list: ReadonlyArray<{ version: number }>, what: string): void {
  if (list.length === 0) throw new Error(`${what}: the list is empty; it must start at version 1.`);
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      const previous = i === 0 ? 'the start' : `version ${list[i - 1].version}`;
      throw new Error(`${what}: entry ${i} has version ${String(m.version)} after ${previous}; versions must be 1, 2, 3 … with no gap or repeat.`);
    }
  });
}
