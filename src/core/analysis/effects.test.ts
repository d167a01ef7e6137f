/**
 * Side effects on files and databases, and LineaPy's API in code (issue 14, points 3 and 5):
 * slice texts of small programs.
 */
import { describe, expect, it } from 'vitest';
import { createSlicer } from '../slice/index';
import { analyseCode, type TestGraph } from './testing';

function sliceOf(g: TestGraph, nodeId: string): string {
  return createSlicer({ sourceCodes: g.out.sourceCodes, nodes: g.out.nodes }).slice([nodeId]).code;
}
/** Slice text of a variable's end binding (cells joined in order). */
function sliceVar(code: string | string[], name: string): string {
  const g = analyseCode(code);
  return sliceOf(g, g.binding(name).id);
}
function sliceArtifact(code: string | string[], name: string): string {
  const g = analyseCode(code);
  const a = g.out.artifacts.find((x) => x.name === name);
  if (!a) throw new Error(`no artifact ${name}`);
  return sliceOf(g, a.nodeId);
}
const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

const ISSUE_FILES = lines(
  'import pandas as pd',
  'df = pd.DataFrame({"a": [1]})',
  'with open("notes.txt", "w") as f:',
  '    f.write("hi")',
  'df.to_csv("out.csv")',
  'text = open("notes.txt").read()',
  '(df.assign(b=2)',
  '   .to_csv("out2.csv"))',
  'back = pd.read_csv("out2.csv")',
);

describe('issue 14: file writers and readers', () => {
  it('a reader keeps the with block that writes its path, not a write of another path', () => {
    expect(sliceVar(ISSUE_FILES, 'text')).toBe(lines('with open("notes.txt", "w") as f:', '    f.write("hi")', 'text = open("notes.txt").read()'));
  });
  it('a write at the end of a multi-line method chain is a writer of its path', () => {
    expect(sliceVar(ISSUE_FILES, 'back')).toBe(
      lines('import pandas as pd', 'df = pd.DataFrame({"a": [1]})', '(df.assign(b=2)', '   .to_csv("out2.csv"))', 'back = pd.read_csv("out2.csv")'),
    );
  });
  it('a reader without a literal path depends on every earlier writer (path-insensitive)', () => {
    const code = lines('import os', 'open("a.txt", "w").write("a")', 'open("b.txt", "w").write("b")', 'name = "a" + ".txt"', 'got = open(name).read()', 'skip = 1');
    expect(sliceVar(code, 'got')).toBe(lines('open("a.txt", "w").write("a")', 'open("b.txt", "w").write("b")', 'name = "a" + ".txt"', 'got = open(name).read()'));
  });
  it('a writer with an unknown path is seen by a later literal-path reader, also of a path first written after it', () => {
    const code = lines('p = "c" + ".txt"', 'open(p, "w").write("?")', 'open("d.txt", "w").write("d")', 'got = open("c.txt").read()', 'other = open("d.txt").read()');
    expect(sliceVar(code, 'got')).toBe(lines('p = "c" + ".txt"', 'open(p, "w").write("?")', 'got = open("c.txt").read()'));
    expect(sliceVar(code, 'other')).toBe(lines('p = "c" + ".txt"', 'open(p, "w").write("?")', 'open("d.txt", "w").write("d")', 'other = open("d.txt").read()'));
  });
  it('earlier writes of the same path come along (append), later ones do not', () => {
    const code = lines('with open("log.txt", "w") as f:', '    f.write("a")', 'with open("log.txt", "a") as f:', '    f.write("b")', 'got = open("log.txt").read()', 'open("log.txt", "w").write("late")');
    expect(sliceVar(code, 'got')).toBe(lines('with open("log.txt", "w") as f:', '    f.write("a")', 'with open("log.txt", "a") as f:', '    f.write("b")', 'got = open("log.txt").read()'));
  });
  it('a file opened for writing at top level and written through the handle', () => {
    const code = lines('fh = open("o.txt", "w")', 'fh.write("x")', 'fh.close()', 'open("p.txt", "w").write("p")', 'got = open("o.txt").read()');
    expect(sliceVar(code, 'got')).toBe(lines('fh = open("o.txt", "w")', 'fh.write("x")', 'fh.close()', 'got = open("o.txt").read()'));
  });
  it('print(..., file=f) in a with block writes the file', () => {
    const code = lines('with open("p.txt", "w") as out:', '    print("hello", file=out)', 'print("screen")', 'got = open("p.txt").read()');
    expect(sliceVar(code, 'got')).toBe(lines('with open("p.txt", "w") as out:', '    print("hello", file=out)', 'got = open("p.txt").read()'));
  });
  it('near miss: print without file= writes nothing', () => {
    const g = analyseCode('print("hi")');
    expect(g.ofKind('Mutate')).toHaveLength(0);
  });
  it('near miss: open in read mode is a reader, not a writer', () => {
    const g = analyseCode('with open("a.txt") as f:\n    t = f.read()\n    f.close()\nwith open("a.txt", "rb") as f:\n    u = f.read()\nfh = open("a.txt")\nfh.close()');
    expect(g.ofKind('Mutate').filter((m) => g.node(m.sourceId).kind === 'Lookup')).toHaveLength(0);
  });
  it('writelines, "x" and "+" modes write', () => {
    const code = lines('with open("w.txt", "x") as f:', '    f.writelines(["a"])', 'with open("w.txt", "r+") as f:', '    f.seek(0)', 'got = open("w.txt").read()');
    expect(sliceVar(code, 'got')).toBe(code.split('\n').slice(0, 5).join('\n') + '\n');
  });
  it('pathlib write_text / read_text', () => {
    const code = lines('from pathlib import Path', 'Path("a.txt").write_text("a")', 'Path("b.txt").write_text("b")', 'got = Path("a.txt").read_text()');
    expect(sliceVar(code, 'got')).toBe(lines('from pathlib import Path', 'Path("a.txt").write_text("a")', 'got = Path("a.txt").read_text()'));
  });
  it('a Path bound to a name keeps its path', () => {
    const code = lines('import pathlib', 'p = pathlib.Path("a.bin")', 'q = pathlib.Path("b.bin")', 'p.write_bytes(b"1")', 'q.write_bytes(b"2")', 'got = p.read_bytes()');
    expect(sliceVar(code, 'got')).toBe(lines('import pathlib', 'p = pathlib.Path("a.bin")', 'p.write_bytes(b"1")', 'got = p.read_bytes()'));
  });
  it('shutil.copy reads its source and writes its destination', () => {
    const code = lines('import shutil', 'open("a.txt", "w").write("a")', 'open("z.txt", "w").write("z")', 'shutil.copy("a.txt", "b.txt")', 'got = open("b.txt").read()');
    expect(sliceVar(code, 'got')).toBe(lines('import shutil', 'open("a.txt", "w").write("a")', 'shutil.copy("a.txt", "b.txt")', 'got = open("b.txt").read()'));
  });
  it('os.remove writes its path; os.path.exists reads it', () => {
    const code = lines('import os', 'open("t.txt", "w").write("t")', 'open("u.txt", "w").write("u")', 'os.remove("t.txt")', 'gone = os.path.exists("t.txt")');
    expect(sliceVar(code, 'gone')).toBe(lines('import os', 'open("t.txt", "w").write("t")', 'os.remove("t.txt")', 'gone = os.path.exists("t.txt")'));
  });
  it('pickle and json dump/load through handles in with blocks', () => {
    const code = lines(
      'import pickle, json',
      'm = {"a": 1}',
      'with open("m.pkl", "wb") as fh:',
      '    pickle.dump(m, fh)',
      'with open("m.json", "w") as jh:',
      '    json.dump(m, jh)',
      'with open("m.pkl", "rb") as rh:',
      '    back = pickle.load(rh)',
    );
    expect(sliceVar(code, 'back')).toBe(lines('import pickle, json', 'm = {"a": 1}', 'with open("m.pkl", "wb") as fh:', '    pickle.dump(m, fh)', 'with open("m.pkl", "rb") as rh:', '    back = pickle.load(rh)'));
  });
  it('joblib, numpy, torch: dump and load by path', () => {
    const code = lines('import joblib', 'import numpy as np', 'import torch', 'a = np.arange(3)', 'np.save("a.npy", a)', 'np.savetxt("a.txt", a)', 'joblib.dump(a, "a.joblib")', 'torch.save(a, "a.pt")', 'x = np.load("a.npy")', 'y = np.loadtxt("a.txt")', 'z = joblib.load("a.joblib")', 't = torch.load("a.pt")');
    expect(sliceVar(code, 'x')).toBe(lines('import numpy as np', 'a = np.arange(3)', 'np.save("a.npy", a)', 'x = np.load("a.npy")'));
    expect(sliceVar(code, 'y')).toBe(lines('import numpy as np', 'a = np.arange(3)', 'np.savetxt("a.txt", a)', 'y = np.loadtxt("a.txt")'));
    expect(sliceVar(code, 'z')).toBe(lines('import joblib', 'import numpy as np', 'a = np.arange(3)', 'joblib.dump(a, "a.joblib")', 'z = joblib.load("a.joblib")'));
    expect(sliceVar(code, 't')).toBe(lines('import numpy as np', 'import torch', 'a = np.arange(3)', 'torch.save(a, "a.pt")', 't = torch.load("a.pt")'));
  });
  it('numpy savez, tofile and genfromtxt', () => {
    const code = lines('import numpy as np', 'a = np.ones(2)', 'np.savez("a.npz", a=a)', 'a.tofile("a.raw")', 'b = np.genfromtxt("a.raw")', 'c = np.load("a.npz")');
    expect(sliceVar(code, 'b')).toBe(lines('import numpy as np', 'a = np.ones(2)', 'a.tofile("a.raw")', 'b = np.genfromtxt("a.raw")'));
    expect(sliceVar(code, 'c')).toBe(lines('import numpy as np', 'a = np.ones(2)', 'np.savez("a.npz", a=a)', 'c = np.load("a.npz")'));
  });
  it('matplotlib savefig and PIL open/save', () => {
    const code = lines('import matplotlib.pyplot as plt', 'from PIL import Image', 'plt.plot([1])', 'plt.savefig("a.png")', 'img = Image.open("a.png")', 'img.save("b.png")', 'other = Image.open("c.png")', 'again = Image.open("b.png")');
    expect(sliceVar(code, 'again')).toBe(lines('import matplotlib.pyplot as plt', 'from PIL import Image', 'plt.plot([1])', 'plt.savefig("a.png")', 'img = Image.open("a.png")', 'img.save("b.png")', 'again = Image.open("b.png")'));
  });
  it('keras save / save_weights / load_model', () => {
    const code = lines('from tensorflow import keras', 'model = keras.Sequential([])', 'model.save("m.keras")', 'model.save_weights("w.h5")', 'm2 = keras.models.load_model("m.keras")');
    expect(sliceVar(code, 'm2')).toBe(lines('from tensorflow import keras', 'model = keras.Sequential([])', 'model.save("m.keras")', 'm2 = keras.models.load_model("m.keras")'));
  });
  it('pandas writers and readers in a for block', () => {
    const code = lines('import pandas as pd', 'df = pd.DataFrame({"a": [1]})', 'for i in range(2):', '    df.to_parquet("p.parquet")', 'df.to_json("j.json")', 'back = pd.read_parquet("p.parquet")');
    expect(sliceVar(code, 'back')).toBe(lines('import pandas as pd', 'df = pd.DataFrame({"a": [1]})', 'for i in range(2):', '    df.to_parquet("p.parquet")', 'back = pd.read_parquet("p.parquet")'));
  });
  it('a file in a directory needs the write that made the directory; a directory reader sees files written in it', () => {
    const code = lines('import os', 'os.makedirs("d/e")', 'os.makedirs("x")', 'open("./d/e/f.txt", "w").write("deep")', 'got = open("d/e/f.txt").read()', 'there = os.path.exists("d")');
    expect(sliceVar(code, 'got')).toBe(lines('import os', 'os.makedirs("d/e")', 'open("./d/e/f.txt", "w").write("deep")', 'got = open("d/e/f.txt").read()'));
    expect(sliceVar(code, 'there')).toBe(lines('import os', 'os.makedirs("d/e")', 'open("./d/e/f.txt", "w").write("deep")', 'there = os.path.exists("d")'));
  });
  it('a reader in a generator argument', () => {
    const code = lines('open("a.txt", "w").write("a")', 'junk = 1', 'n = sum(len(open(p).read()) for p in ["a.txt"])');
    expect(sliceVar(code, 'n')).toBe(lines('open("a.txt", "w").write("a")', 'n = sum(len(open(p).read()) for p in ["a.txt"])'));
  });
  it('exec with a namespace fills it', () => {
    const code = lines('open("h.py", "w").write("V = 1")', 'ns = {}', 'exec(open("h.py").read(), ns)', 'v = ns["V"]');
    expect(sliceVar(code, 'v')).toBe(code);
  });
  it('a user function that writes a file is a writer when called, not when defined', () => {
    const code = lines('def dump(text):', '    with open("f.txt", "w") as fh:', '        fh.write(text)', 'open("g.txt", "w").write("g")', 'dump("hi")', 'got = open("f.txt").read()');
    expect(sliceVar(code, 'got')).toBe(lines('def dump(text):', '    with open("f.txt", "w") as fh:', '        fh.write(text)', 'dump("hi")', 'got = open("f.txt").read()'));
  });
  it('a block calling a user function that writes is a writer', () => {
    const code = lines('def dump(i):', '    open("f.txt", "a").write(str(i))', 'for i in range(3):', '    dump(i)', 'got = open("f.txt").read()');
    expect(sliceVar(code, 'got')).toBe(code);
  });
});

describe('issue 14: databases', () => {
  const pre = lines('import sqlite3', 'conn = sqlite3.connect(":memory:")');
  it('execute writes the database; a SELECT only reads it', () => {
    const code = pre + lines('conn.execute("create table t (a)")', 'conn.execute("insert into t values (1)")', 'rows = conn.execute("select a from t").fetchall()', 'n = conn.execute("select count(*) from t").fetchone()');
    expect(sliceVar(code, 'n')).toBe(pre + lines('conn.execute("create table t (a)")', 'conn.execute("insert into t values (1)")', 'n = conn.execute("select count(*) from t").fetchone()'));
  });
  it('writes in a with block (SQLAlchemy style) are seen by read_sql', () => {
    const code = lines('import pandas as pd', 'from sqlalchemy import create_engine, text', 'engine = create_engine("sqlite://")', 'with engine.begin() as c:', '    c.execute(text("create table t (a int)"))', 'df = pd.DataFrame({"a": [1]})', 'df.to_sql("u", engine)', 'back = pd.read_sql("select * from t", engine)');
    expect(sliceVar(code, 'back')).toContain('    c.execute(text("create table t (a int)"))');
    expect(sliceVar(code, 'back')).toContain('df.to_sql("u", engine)');
  });
});

describe('issue 14: side-effect artifacts', () => {
  const program = lines(
    'import lineapy',
    'import json',
    'data = {"a": 1}',
    'with open("d.json", "w") as f:',
    '    json.dump(data, f)',
    'noise = [1, 2]',
    'open("e.txt", "w").write(str(noise))',
    'back = json.load(open("d.json"))',
    'lineapy.save(lineapy.file_system, "fs")',
  );
  it('lineapy.save(lineapy.file_system, name) slices every write and its ancestors, no reader', () => {
    expect(sliceArtifact(program, 'fs')).toBe(lines('import json', 'data = {"a": 1}', 'with open("d.json", "w") as f:', '    json.dump(data, f)', 'noise = [1, 2]', 'open("e.txt", "w").write(str(noise))'));
  });
  it('through an alias, or imported by name', () => {
    expect(sliceArtifact(program.replace('lineapy.save(lineapy.file_system, "fs")', 'v = lineapy.file_system\nlineapy.save(v, "fs")'), 'fs')).toBe(sliceArtifact(program, 'fs'));
    expect(sliceArtifact(program.replace('import lineapy', 'from lineapy import file_system, save').replace('lineapy.save(lineapy.file_system, "fs")', 'save(file_system, "fs")'), 'fs')).toBe(sliceArtifact(program, 'fs'));
  });
  it('only the writes before the save', () => {
    expect(sliceArtifact(`${program}open("late.txt", "w").write("x")\n`, 'fs')).toBe(sliceArtifact(program, 'fs'));
  });
  it('lineapy.db slices every database write', () => {
    const code = lines('import lineapy', 'import sqlite3', 'conn = sqlite3.connect("a.db")', 'conn.execute("create table t (a)")', 'x = conn.execute("select * from t").fetchall()', 'open("f.txt", "w").write("f")', 'lineapy.save(lineapy.db, "db")');
    expect(sliceArtifact(code, 'db')).toBe(lines('import sqlite3', 'conn = sqlite3.connect("a.db")', 'conn.execute("create table t (a)")'));
  });
  it('a side-effect save with no write before it declares nothing and says so', () => {
    const g = analyseCode('import lineapy\nx = 1\nlineapy.save(lineapy.file_system, "fs")');
    expect(g.out.artifacts).toEqual([]);
    expect(g.diagnostics.map((d) => d.code)).toEqual(['lineapy-save-no-side-effect']);
    expect(g.diagnostics[0].message).toMatch(/nothing before it writes a file/);
  });
  it('%%writefile is a writer of its literal path', () => {
    const cells = ['%%writefile notes.txt\nhello\nworld\n', 'x = 1', 'text = open("notes.txt").read()'];
    const g = analyseCode(cells);
    // The whole cell, its last empty line too: IPython writes all of it.
    expect(sliceOf(g, g.binding('text').id)).toBe(lines('%%writefile notes.txt', 'hello', 'world', '', 'text = open("notes.txt").read()'));
    expect(g.diagnostics.map((d) => d.code)).toEqual(['writefile-cell']);
  });
  it('%%writefile -a appends: earlier writes of the path come along', () => {
    const cells = ['open("n.txt", "w").write("a")', '%%writefile -a n.txt\nb', 'text = open("n.txt").read()'];
    const g = analyseCode(cells);
    expect(sliceOf(g, g.binding('text').id)).toBe(lines('open("n.txt", "w").write("a")', '%%writefile -a n.txt', 'b', 'text = open("n.txt").read()'));
  });
});

describe('issue 14: LineaPy API in code', () => {
  const ISSUE_GET = lines('import lineapy', 'x = 1', 'lineapy.save(x, "x")', 'res = lineapy.get("x")', 'y = res.get_value() + 1');
  it('lineapy.get keeps import lineapy, the save it reads and the get line', () => {
    expect(sliceVar(ISSUE_GET, 'y')).toBe(ISSUE_GET);
  });
  it('the saved value itself does not need the get', () => {
    expect(sliceArtifact(ISSUE_GET, 'x')).toBe(lines('x = 1'));
  });
  it('get reads the latest save of the name before it', () => {
    const code = lines('import lineapy', 'a = 1', 'lineapy.save(a, "v")', 'b = 2', 'lineapy.save(b, "v")', 'y = lineapy.get("v").get_value()', 'c = 3', 'lineapy.save(c, "v")');
    expect(sliceVar(code, 'y')).toBe(lines('import lineapy', 'b = 2', 'lineapy.save(b, "v")', 'y = lineapy.get("v").get_value()'));
  });
  it('get_code on the artifact is a call on it', () => {
    const code = lines('import lineapy', 'x = [1]', 'art = lineapy.save(x, "x")', 'code = lineapy.get("x").get_code()');
    expect(sliceVar(code, 'code')).toBe(lines('import lineapy', 'x = [1]', 'art = lineapy.save(x, "x")', 'code = lineapy.get("x").get_code()'));
  });
  it('a get of a name saved elsewhere keeps only the import and the get', () => {
    expect(sliceVar(lines('import lineapy', 'z = 0', 'm = lineapy.get("model").get_value()'), 'm')).toBe(lines('import lineapy', 'm = lineapy.get("model").get_value()'));
  });
  it('lineapy.delete is declared in order among the saves', () => {
    const g = analyseCode(lines('import lineapy', 'x = 1', 'lineapy.save(x, "x")', 'lineapy.save(x, "x")', 'lineapy.delete("x", version="latest")', 'lineapy.delete("x", version=0)', 'lineapy.save(x, "x")', 'lineapy.delete("x", "all")'));
    expect(g.out.artifactDeletions?.map((d) => [d.name, d.version, d.after, d.location?.line])).toEqual([
      ['x', 'latest', 2, 5],
      ['x', 0, 2, 6],
      ['x', 'all', 3, 8],
    ]);
  });
  it('a delete without literal name and version is ignored with a warning', () => {
    const g = analyseCode('import lineapy\nv = pick()\nlineapy.delete("x", version=v)');
    expect(g.out.artifactDeletions).toEqual([]);
    expect(g.diagnostics.map((d) => d.code)).toEqual(['lineapy-delete-unknown']);
  });
  it('artifact_store, catalog and to_pipeline never mutate anything nor break a slice', () => {
    const code = lines('import lineapy', 'xs = [1]', 'lineapy.save(xs, "xs")', 'store = lineapy.artifact_store()', 'store.update()', 'cat = lineapy.catalog()', 'cat.clear()', 'lineapy.to_pipeline(["xs"], framework="SCRIPT", output_dir=".")', 'ys = xs + [2]');
    const g = analyseCode(code);
    expect(g.ofKind('Mutate')).toHaveLength(0);
    expect(sliceOf(g, g.binding('ys').id)).toBe(lines('xs = [1]', 'ys = xs + [2]'));
    expect(sliceOf(g, g.binding('store').id)).toBe(lines('import lineapy', 'store = lineapy.artifact_store()'));
  });
});
