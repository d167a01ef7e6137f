/**
 * Hand-written programs for the side-effect proof (src/core/slice/effects-proof.test.ts):
 * files, databases, `%%writefile`, LineaPy's API in code. Stdlib only, so they run in
 * Pyodide offline.
 *
 * The side-effect programs also write files the target does not need, so the slice is shorter.
 * A program's target is a variable's end binding (`variable`, compared by repr of `check`)
 * or a `lineapy.save` artifact (`artifact`): a value artifact is compared by the repr at the
 * save point, a side-effect artifact (`lineapy.file_system` / `lineapy.db`) by the files.
 */
export interface EffectProgram {
  name: string;
  cells: string[];
  variable?: string;
  /** Expression compared with repr() (default: the variable). */
  check?: string;
  artifact?: string;
  /** The program has statements that do not influence the target: the slice must be shorter. */
  extra: boolean;
}

const v = (name: string, code: string | string[], variable: string, extra = true, check?: string): EffectProgram => ({
  name,
  cells: (Array.isArray(code) ? code : [code]).map((c) => c.replace(/^\n/, '')),
  variable,
  ...(check ? { check } : {}),
  extra,
});
const a = (name: string, code: string | string[], artifact: string, extra = true): EffectProgram => ({
  name,
  cells: (Array.isArray(code) ? code : [code]).map((c) => c.replace(/^\n/, '')),
  artifact,
  extra,
});

export const EFFECT_PROGRAMS: EffectProgram[] = [
  // ---- open, with blocks, handles
  v('issue 14: reader of a file written in a with block', `
with open("notes.txt", "w") as f:
    f.write("hi")
with open("other.txt", "w") as g:
    g.write("other")
text = open("notes.txt").read()
`, 'text'),
  v('append mode: every earlier write of the path', `
with open("log.txt", "w") as f:
    f.write("a\\n")
with open("junk.txt", "w") as j:
    j.write("junk")
with open("log.txt", "a") as f2:
    f2.write("b\\n")
lines = open("log.txt").read().splitlines()
`, 'lines'),
  v('top-level handle, write and close', `
fh = open("o.txt", "w")
fh.write("x")
fh.close()
gh = open("p.txt", "w")
gh.write("p")
gh.close()
got = open("o.txt").read()
`, 'got'),
  v('print to a file', `
with open("p.txt", "w") as out:
    print("hello", 42, file=out)
print("to the screen")
got = open("p.txt").read()
`, 'got'),
  v('writelines', `
with open("w.txt", "w") as f:
    f.writelines(["a\\n", "b\\n"])
spare = ["c"]
got = open("w.txt").readlines()
`, 'got'),
  v('x mode creates', `
with open("new.txt", "x") as f:
    f.write("fresh")
with open("else.txt", "x") as e:
    e.write("else")
got = open("new.txt").read()
`, 'got'),
  v('r+ mode rewrites in place', `
open("r.txt", "w").write("abcdef")
open("s.txt", "w").write("s")
with open("r.txt", "r+") as f:
    f.seek(2)
    f.write("ZZ")
got = open("r.txt").read()
`, 'got'),
  v('binary write and read', `
with open("b.bin", "wb") as f:
    f.write(bytes([1, 2, 3]))
with open("c.bin", "wb") as c:
    c.write(b"c")
with open("b.bin", "rb") as rb:
    got = list(rb.read())
`, 'got'),
  v('write in a for loop', `
for i in range(3):
    with open("loop.txt", "a") as f:
        f.write(str(i))
for k in range(2):
    open("k.txt", "a").write(str(k))
got = open("loop.txt").read()
`, 'got'),
  v('write in an if block', `
flag = True
if flag:
    open("if.txt", "w").write("yes")
else:
    open("if.txt", "w").write("no")
other = 5
got = open("if.txt").read()
`, 'got'),
  v('write in a try block', `
try:
    with open("t.txt", "w") as f:
        f.write("tried")
except OSError:
    pass
unused = [1]
got = open("t.txt").read()
`, 'got'),
  v('a user function that writes, called later', `
def dump(path, text):
    with open(path, "w") as fh:
        fh.write(text)
dump("f.txt", "from f")
open("g.txt", "w").write("g")
got = open("f.txt").read()
`, 'got'),
  v('a loop calling a writer function', `
def add(i):
    with open("acc.txt", "a") as fh:
        fh.write(str(i))
for i in range(4):
    add(i)
noise = "n"
got = open("acc.txt").read()
`, 'got'),
  v('a writer with an unknown path is seen by a literal reader', `
name = "dyn"
open(name + ".txt", "w").write("dynamic")
open("lit.txt", "w").write("literal")
got = open("dyn.txt").read()
`, 'got'),
  v('a reader with an unknown path sees every writer', `
import os
open("a1.txt", "w").write("1")
open("a2.txt", "w").write("2")
names = sorted(n for n in os.listdir(".") if n.startswith("a"))
spare = 3
`, 'names'),
  v('the path through a variable', `
path = "var.txt"
with open(path, "w") as f:
    f.write("by variable")
open("z.txt", "w").write("z")
got = open(path).read()
`, 'got'),
  v('a later overwrite is not in the slice of an earlier read', `
open("ow.txt", "w").write("first")
got = open("ow.txt").read()
open("ow.txt", "w").write("second")
`, 'got'),

  // ---- pathlib, shutil, os
  v('pathlib write_text and read_text', `
from pathlib import Path
Path("a.txt").write_text("alpha")
Path("b.txt").write_text("beta")
got = Path("a.txt").read_text()
`, 'got'),
  v('pathlib write_bytes through names', `
import pathlib
p = pathlib.Path("a.bin")
q = pathlib.Path("b.bin")
p.write_bytes(b"\\x01\\x02")
q.write_bytes(b"\\x03")
got = p.read_bytes()
`, 'got'),
  v('pathlib open in write mode', `
from pathlib import Path
with Path("po.txt").open("w") as f:
    f.write("path open")
Path("pp.txt").write_text("pp")
got = Path("po.txt").read_text()
`, 'got'),
  v('shutil.copy', `
import shutil
open("src.txt", "w").write("copied")
open("zz.txt", "w").write("zz")
shutil.copy("src.txt", "dst.txt")
got = open("dst.txt").read()
`, 'got'),
  v('shutil.move', `
import shutil
open("m1.txt", "w").write("moved")
open("keep.txt", "w").write("keep")
shutil.move("m1.txt", "m2.txt")
got = open("m2.txt").read()
`, 'got'),
  v('os.remove then exists', `
import os
open("rm.txt", "w").write("x")
open("stay.txt", "w").write("y")
os.remove("rm.txt")
gone = os.path.exists("rm.txt")
`, 'gone'),
  v('os.rename', `
import os
open("old.txt", "w").write("renamed")
open("other.txt", "w").write("o")
os.rename("old.txt", "new.txt")
got = open("new.txt").read()
`, 'got'),
  v('os.makedirs and a file inside', `
import os
os.makedirs("d/e")
open("d/e/f.txt", "w").write("deep")
open("top.txt", "w").write("top")
got = open("d/e/f.txt").read()
`, 'got'),

  // ---- pickle, json, csv
  v('pickle dump and load', `
import pickle
m = {"a": [1, 2]}
with open("m.pkl", "wb") as fh:
    pickle.dump(m, fh)
pickle.dump([0], open("n.pkl", "wb"))
with open("m.pkl", "rb") as rh:
    back = pickle.load(rh)
`, 'back'),
  v('json dump and load', `
import json
cfg = {"k": 1}
with open("cfg.json", "w") as fh:
    json.dump(cfg, fh)
json.dump([9], open("x.json", "w"))
with open("cfg.json") as rh:
    back = json.load(rh)
`, 'back'),
  v('csv writer and reader', `
import csv
with open("t.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["a", "b"])
    w.writerow([1, 2])
with open("u.csv", "w") as uh:
    uh.write("u")
with open("t.csv", newline="") as rh:
    rows = list(csv.reader(rh))
`, 'rows'),

  // ---- sqlite3
  v('sqlite3: writes, then a query', `
import sqlite3
conn = sqlite3.connect(":memory:")
conn.execute("create table t (a)")
conn.execute("insert into t values (1)")
conn.execute("insert into t values (2)")
peek = conn.execute("select count(*) from t").fetchone()
total = conn.execute("select sum(a) from t").fetchone()
`, 'total'),
  v('sqlite3 on disk: executemany and commit', `
import sqlite3
conn = sqlite3.connect("shop.db")
conn.execute("create table items (name, price)")
conn.executemany("insert into items values (?, ?)", [("a", 1), ("b", 2)])
conn.commit()
other = [1, 2]
rows = conn.execute("select name from items order by name").fetchall()
`, 'rows'),
  v('sqlite3 in a with block', `
import sqlite3
conn = sqlite3.connect(":memory:")
with conn:
    conn.execute("create table t (a)")
    conn.execute("insert into t values (7)")
spare = 0
got = conn.execute("select a from t").fetchall()
`, 'got'),

  // ---- %%writefile (converted form in the run)
  v('%%writefile then read', ['%%writefile notes.txt\nhello\nworld', 'x = 1', 'text = open("notes.txt").read()'], 'text'),
  v('%%writefile -a appends to an earlier write', ['open("n.txt", "w").write("a\\n")', 'open("m.txt", "w").write("m")', '%%writefile -a n.txt\nb', 'text = open("n.txt").read()'], 'text'),
  v('%%writefile of a module, then import-like exec', ['%%writefile helper.py\nVALUE = 41\n', 'unused = 2', 'ns = {}\nexec(open("helper.py").read(), ns)\ngot = ns["VALUE"] + 1'], 'got'),

  // ---- side-effect artifacts
  a('lineapy.file_system: every write and its ancestors', `
import lineapy
import json
data = {"a": 1}
with open("d.json", "w") as f:
    json.dump(data, f)
noise = [1, 2]
open("e.txt", "w").write(str(noise))
back = json.load(open("d.json"))
unrelated = back["a"] * 2
lineapy.save(lineapy.file_system, "fs")
`, 'fs'),
  a('lineapy.file_system through an alias', `
import lineapy
open("one.txt", "w").write("1")
count = 2
with open("two.txt", "w") as f:
    f.write(str(count))
seen = open("one.txt").read()
fs = lineapy.file_system
lineapy.save(fs, "files")
`, 'files'),
  a('lineapy.file_system with pathlib, shutil and os', `
import lineapy, shutil, os
from pathlib import Path
Path("p.txt").write_text("p")
shutil.copy("p.txt", "q.txt")
os.makedirs("out")
Path("out/r.txt").write_text("r")
listing = sorted(os.listdir("."))
lineapy.save(lineapy.file_system, "fs")
`, 'fs'),
  a('lineapy.file_system with %%writefile', ['import lineapy', '%%writefile a.txt\nA', 'x = [1]', 'open("b.txt", "w").write("B")', 'lineapy.save(lineapy.file_system, "fs")'], 'fs'),
  a('lineapy.file_system with a writer function', `
import lineapy
def write(name, text):
    with open(name, "w") as fh:
        fh.write(text)
write("w1.txt", "one")
total = sum([1, 2])
write("w2.txt", str(total))
lineapy.save(lineapy.file_system, "fs")
`, 'fs'),
  a('lineapy.db: every database write', `
import lineapy
import sqlite3
conn = sqlite3.connect("a.db")
conn.execute("create table t (a)")
conn.execute("insert into t values (1)")
conn.commit()
rows = conn.execute("select * from t").fetchall()
side = len(rows)
lineapy.save(lineapy.db, "db")
`, 'db'),
  a('lineapy.db imported by name', `
from lineapy import db, save
import sqlite3
conn = sqlite3.connect("b.db")
with conn:
    conn.execute("create table u (x)")
    conn.execute("insert into u values (5)")
peek = conn.execute("select x from u").fetchone()
save(db, "the_db")
`, 'the_db'),

  // ---- LineaPy's API in code
  v('issue 14: lineapy.get reads the earlier save', `
import lineapy
x = 1
lineapy.save(x, "x")
res = lineapy.get("x")
y = res.get_value() + 1
`, 'y', false),
  v('lineapy.get of the latest of two saves', `
import lineapy
a = [1]
lineapy.save(a, "v")
b = [2]
lineapy.save(b, "v")
got = lineapy.get("v").get_value()
c = [3]
`, 'got'),
  v('lineapy.get value is a copy: later mutation of the original does not reach it', `
import lineapy
xs = [1]
lineapy.save(xs, "xs")
xs.append(2)
got = lineapy.get("xs").get_value()
`, 'got', false),
  v('lineapy.delete latest, then get the earlier version', `
import lineapy
a = 10
lineapy.save(a, "n")
b = 20
lineapy.save(b, "n")
lineapy.delete("n", version="latest")
got = lineapy.get("n").get_value()
`, 'got', false),
  v('artifact_store, catalog and to_pipeline leave the slice alone', `
import lineapy
xs = [1, 2]
lineapy.save(xs, "xs")
store = lineapy.artifact_store()
cat = lineapy.catalog()
lineapy.to_pipeline(["xs"], framework="SCRIPT", output_dir=".")
ys = xs + [3]
`, 'ys'),
  v('get_code on an artifact read back', `
import lineapy
x = [1]
lineapy.save(x, "x")
code = lineapy.get("x").get_code()
other = 0
`, 'code'),
];
