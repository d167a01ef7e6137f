import { describe, expect, it } from 'vitest';
import { analyseCode } from './analysis/testing';
import { createSlicer } from './slice/index';
import { writeTargetOf } from './side-effects';

/** Node ids located on `line` (the statement's members, as the statement view groups them). */
function statementAt(code: string | string[], line: number, cell = 0) {
  const g = analyseCode(code);
  const sc = g.out.sourceCodes[cell].id;
  const members = g.nodes.filter((n) => n.location && n.location.sourceCodeId === sc && n.location.line === line).map((n) => n.id);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const target = writeTargetOf({ sourceCodes: g.out.sourceCodes, nodes: g.nodes }, byId, members);
  const slice = (id: string) => createSlicer({ sourceCodes: g.out.sourceCodes, nodes: g.nodes }).slice([id]).code;
  return { target, slice };
}

describe('writeTargetOf: what a statement writes', () => {
  const code = 'x = "hi"\nwith open("notes.txt", "w") as f:\n    f.write(x)\nwith open("notes.txt", "a") as f:\n    f.write("!")\nopen("other.txt", "w").write("o")\n';
  it('a with block writing one path: the path as the block leaves it', () => {
    const { target, slice } = statementAt(code, 2);
    expect(target).toMatchObject({ label: 'notes.txt', suggestedName: 'notes.txt' });
    expect(slice(target!.nodeId)).toBe('x = "hi"\nwith open("notes.txt", "w") as f:\n    f.write(x)\n');
  });
  it('an append brings the earlier writes of the path, not other files', () => {
    const { target, slice } = statementAt(code, 4);
    expect(slice(target!.nodeId)).toBe(code.split('\n').slice(0, 5).join('\n') + '\n');
  });
  it('a database write: the writing call', () => {
    const { target, slice } = statementAt('import sqlite3\nc = sqlite3.connect(":memory:")\nc.execute("create table t (a)")\nz = 1\n', 3);
    expect(target).toMatchObject({ label: 'the database', suggestedName: 'database' });
    expect(slice(target!.nodeId)).toBe('import sqlite3\nc = sqlite3.connect(":memory:")\nc.execute("create table t (a)")\n');
  });
  it('several paths: the writing call', () => {
    const { target } = statementAt('import shutil\nshutil.move("a", "b")\n', 2);
    expect(target?.label).toBe('2 files');
  });
  it('near miss: a reader writes nothing', () => {
    expect(statementAt('t = open("notes.txt").read()\n', 1).target).toBeUndefined();
    expect(statementAt('xs = []\nxs.append(1)\n', 2).target).toBeUndefined();
  });
});
