import { describe, expect, it } from 'vitest';
import type { CallNode } from '../model';
import { analyseCode } from './testing';

const mutated = (code: string, name: string): boolean => analyseCode(code).isMutated(name);

describe('builtins: containers', () => {
  it('list.append mutates the list', () => expect(mutated('xs = [1]\nxs.append(2)', 'xs')).toBe(true));
  it('list.extend / insert / sort / reverse mutate', () => {
    for (const m of ['extend([2])', 'insert(0, 1)', 'sort()', 'reverse()', 'clear()', 'remove(1)', 'pop()']) {
      expect(mutated(`xs = [1]\nxs.${m}`, 'xs')).toBe(true);
    }
  });
  it('near miss: list.index / count do not mutate', () => {
    expect(mutated('xs = [1]\nxs.index(1)', 'xs')).toBe(false);
    expect(mutated('xs = [1]\nxs.count(1)', 'xs')).toBe(false);
  });
  it('dict.update / setdefault / popitem mutate', () => {
    for (const m of ['update(a=1)', 'setdefault("a", 1)', 'popitem()', 'pop("a")']) expect(mutated(`d = {}\nd.${m}`, 'd')).toBe(true);
  });
  it('near miss: dict.get / keys do not mutate', () => {
    expect(mutated('d = {}\nd.get("a")', 'd')).toBe(false);
    expect(mutated('d = {}\nd.keys()', 'd')).toBe(false);
  });
  it('set.add / discard mutate', () => {
    expect(mutated('s = set()\ns.add(1)', 's')).toBe(true);
    expect(mutated('s = set()\ns.discard(1)', 's')).toBe(true);
  });
  it('append on a value of unknown type still mutates it', () => expect(mutated('xs = make()\nxs.append(1)', 'xs')).toBe(true));
  it('near miss: an unknown method on a value of unknown type is pure', () => expect(mutated('o = make()\no.frobnicate(1)', 'o')).toBe(false));
  it('setattr() and the operator module setitem mutate their first argument', () => {
    expect(mutated('o = make()\nsetattr(o, "a", 1)', 'o')).toBe(true);
    expect(mutated('import operator\no = {}\noperator.setitem(o, "a", 1)', 'o')).toBe(true);
  });
  it('the mutation is a Mutate node whose callId is the call and sourceId the old version', () => {
    const g = analyseCode('xs = [1]\nxs.append(2)');
    const m = g.binding('xs');
    if (m.kind !== 'Mutate') throw new Error('not mutated');
    expect(m.sourceId).toBe(g.ofKind('Call').find((c) => g.calleeName(c) === 'l_list')?.id);
    expect(g.calleeName(g.node(m.callId) as CallNode)).toBe('append');
    expect(m.names).toEqual(['xs']);
    expect(m.location).toMatchObject({ line: 2 });
  });
  it('later reads use the newest version', () => {
    const g = analyseCode('xs = [1]\nxs.append(2)\nn = len(xs)');
    expect((g.binding('n') as CallNode).args[0].id).toBe(g.binding('xs').id);
  });
});

describe('views', () => {
  it('mutating a value mutates its aliases', () => {
    const g = analyseCode('a = [1]\nb = a\na.append(2)');
    expect(g.isMutated('b')).toBe(true);
    expect(g.ofKind('Mutate')).toHaveLength(2);
  });
  it('mutating an alias mutates the original', () => {
    const g = analyseCode('a = [1]\nb = a\nb.append(2)\nz = a');
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4]);
  });
  it('near miss: a copy is not a view', () => {
    const g = analyseCode('a = [1]\nb = list(a)\nb.append(2)');
    expect(g.isMutated('a')).toBe(false);
  });
  it('numpy reshape is a view of the array', () => {
    const g = analyseCode('import numpy as np\na = np.zeros(4)\nb = a.reshape(2, 2)\nb.fill(1)');
    expect(g.isMutated('a')).toBe(true);
  });
});

describe('io and pickle', () => {
  it('open() reads the file system', () => {
    const g = analyseCode('f = open("x.txt")');
    const fs = g.lookups('file_system');
    expect(fs).toHaveLength(1);
    expect((g.binding('f') as CallNode).implicitDeps).toEqual([fs[0].id]);
    expect(fs[0].location).toBeUndefined();
  });
  it('file.write mutates the file and the file system', () => {
    const g = analyseCode('f = open("x.txt", "w")\nf.write("hi")');
    expect(g.isMutated('f')).toBe(true);
    expect(g.ofKind('Mutate').some((m) => m.kind === 'Mutate' && g.node(m.sourceId).kind === 'Lookup')).toBe(true);
  });
  it('pickle.dump writes; a later pickle.load depends on the write', () => {
    const g = analyseCode('import pickle\nm = {"a": 1}\nfh = open("m.pkl", "wb")\npickle.dump(m, fh)\nfh2 = open("m.pkl", "rb")\nm2 = pickle.load(fh2)');
    expect(g.sliceLines('m2')).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('near miss: pickle.dumps does not touch the file system', () => {
    const g = analyseCode('import pickle\nm = {}\ns = pickle.dumps(m)');
    expect(g.lookups('file_system')).toHaveLength(0);
  });
  it('json.dump mutates the file handle', () => expect(mutated('import json\nfh = open("a", "w")\njson.dump({}, fh)', 'fh')).toBe(true));
});

describe('pandas', () => {
  const pre = 'import pandas as pd\ndf = pd.read_csv("a.csv")\n';
  it('inplace=True mutates the frame', () => expect(mutated(`${pre}df.dropna(inplace=True)`, 'df')).toBe(true));
  it('near miss: dropna() without inplace does not mutate', () => expect(mutated(`${pre}df2 = df.dropna()`, 'df')).toBe(false));
  it('near miss: inplace=False does not mutate', () => expect(mutated(`${pre}df.dropna(inplace=False)`, 'df')).toBe(false));
  it('inplace=True works on a value whose type is unknown', () => expect(mutated('df = load()\ndf.fillna(0, inplace=True)', 'df')).toBe(true));
  it('methods keep the DataFrame type through chains', () => expect(mutated(`${pre}d2 = df.dropna().reset_index()\nd2.pop("a")`, 'd2')).toBe(true));
  it('pop and insert mutate a known frame', () => {
    expect(mutated(`${pre}df.pop("a")`, 'df')).toBe(true);
    expect(mutated(`${pre}df.insert(0, "b", 1)`, 'df')).toBe(true);
  });
  it('column assignment mutates the frame', () => expect(mutated(`${pre}df["b"] = 1`, 'df')).toBe(true));
  it('df.loc[...] = v mutates the frame', () => expect(mutated(`${pre}df.loc[0, "a"] = 1`, 'df')).toBe(true));
  it('read_csv depends on the file system', () => {
    const g = analyseCode(pre);
    expect((g.binding('df') as CallNode).implicitDeps).toEqual([g.lookups('file_system')[0].id]);
  });
  it('to_csv writes the file system; a later read_csv depends on it', () => {
    const g = analyseCode(`${pre}df["b"] = 2\ndf.to_csv("b.csv")\nother = pd.read_csv("b.csv")`);
    expect(g.sliceLines('other')).toEqual([1, 2, 3, 4, 5]);
  });
  it('near miss: to_dict does not write the file system', () => {
    const g = analyseCode(`${pre}d = df.to_dict()`);
    expect(g.ofKind('Mutate')).toHaveLength(0);
  });
  it('to_sql writes the db; read_sql depends on it', () => {
    const g = analyseCode(`${pre}df.to_sql("t", con)\nback = pd.read_sql("select * from t", con)`);
    const db = g.lookups('db');
    expect(db).toHaveLength(1);
    expect(g.sliceLines('back')).toEqual([1, 2, 3, 4]);
  });
  it('pd.DataFrame(...) is a DataFrame (rules apply)', () => expect(mutated('import pandas as pd\nd = pd.DataFrame({})\nd.pop("x")', 'd')).toBe(true));
});

describe('sklearn', () => {
  const pre = 'from sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression()\n';
  it('fit mutates the estimator', () => expect(mutated(`${pre}model.fit(X, y)`, 'model')).toBe(true));
  it('near miss: predict does not mutate', () => expect(mutated(`${pre}p = model.predict(X)`, 'model')).toBe(false));
  it('near miss: transform does not mutate', () => expect(mutated('from sklearn.preprocessing import StandardScaler\ns = StandardScaler()\nt = s.transform(X)', 's')).toBe(false));
  it('fit_transform mutates the estimator', () => expect(mutated('from sklearn.preprocessing import StandardScaler\ns = StandardScaler()\nt = s.fit_transform(X)', 's')).toBe(true));
  it('the result of fit is a view of the estimator', () => {
    const g = analyseCode(`${pre}fitted = model.fit(X, y)\nmodel.set_params(C=2)`);
    expect(g.isMutated('fitted')).toBe(true);
  });
  it('fit on an estimator of unknown type still mutates it', () => expect(mutated('m = make_model()\nm.fit(X, y)', 'm')).toBe(true));
  it('a prediction depends on the fit', () => {
    const g = analyseCode(`X = [[1]]\ny = [1]\n${pre}model.fit(X, y)\np = model.predict(X)`);
    expect(g.sliceLines('p')).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('pipelines are estimators', () => expect(mutated('from sklearn.pipeline import make_pipeline\np = make_pipeline(a, b)\np.fit(X, y)', 'p')).toBe(true));
});

describe('matplotlib', () => {
  const pre = 'import matplotlib.pyplot as plt\n';
  it('pyplot calls mutate the pyplot state', () => expect(mutated(`${pre}plt.plot([1, 2])`, 'plt')).toBe(true));
  it('savefig depends on earlier pyplot calls and writes the file system', () => {
    const g = analyseCode(`${pre}plt.plot([1])\nplt.title("t")\nplt.savefig("a.png")\nimg = read_png("a.png")`);
    expect(g.lookups('file_system')).toHaveLength(1);
    expect(g.isMutated('plt')).toBe(true);
  });
  it('axes methods mutate the axes', () => expect(mutated(`${pre}fig, ax = plt.subplots()\nax.plot([1])`, 'ax')).toBe(true));
  it('near miss: axes getters do not mutate', () => expect(mutated(`${pre}fig, ax = plt.subplots()\nl = ax.get_xlim()`, 'ax')).toBe(false));
  it('near miss: a pure value is not affected by plotting', () => expect(mutated(`${pre}xs = [1]\nplt.plot(xs)`, 'xs')).toBe(false));
});

describe('numpy, joblib, PIL, keras, torch', () => {
  it('np.save writes; np.load reads it back', () => {
    const g = analyseCode('import numpy as np\na = np.arange(3)\nnp.save("a.npy", a)\nb = np.load("a.npy")');
    expect(g.sliceLines('b')).toEqual([1, 2, 3, 4]);
  });
  it('ndarray.sort mutates; near miss: ndarray.sum does not', () => {
    expect(mutated('import numpy as np\na = np.array([2, 1])\na.sort()', 'a')).toBe(true);
    expect(mutated('import numpy as np\na = np.array([2, 1])\ns = a.sum()', 'a')).toBe(false);
  });
  it('np.random.shuffle mutates its argument', () => expect(mutated('import numpy as np\na = np.arange(3)\nnp.random.shuffle(a)', 'a')).toBe(true));
  it('joblib.dump / load round trip', () => {
    const g = analyseCode('import joblib\nm = {"w": 1}\njoblib.dump(m, "m.joblib")\nm2 = joblib.load("m.joblib")');
    expect(g.sliceLines('m2')).toEqual([1, 2, 3, 4]);
  });
  it('PIL Image.open reads; img.save writes', () => {
    const g = analyseCode('from PIL import Image\nimg = Image.open("a.png")\nimg.thumbnail((2, 2))\nimg.save("b.png")');
    expect(g.isMutated('img')).toBe(true);
    expect(g.lookups('file_system')).toHaveLength(1);
  });
  it('keras: compile and fit mutate the model; save writes; load_model reads', () => {
    const g = analyseCode('from tensorflow import keras\nmodel = keras.Sequential([])\nmodel.compile(loss="mse")\nmodel.fit(X, y)\nmodel.save("m.keras")\nm2 = keras.models.load_model("m.keras")');
    expect(g.isMutated('model')).toBe(true);
    expect(g.sliceLines('m2')).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('near miss: keras predict does not mutate', () => expect(mutated('from tensorflow import keras\nmodel = keras.Sequential([])\np = model.predict(X)', 'model')).toBe(false));
  it('torch: save/load and module.eval()', () => {
    const g = analyseCode('import torch\nnet = torch.nn.Linear(2, 1)\nnet.eval()\ntorch.save(net, "n.pt")\nn2 = torch.load("n.pt")');
    expect(g.isMutated('net')).toBe(true);
    expect(g.sliceLines('n2')).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('lineapy', () => {
  it('lineapy.save declares an artifact pinned to the value at that point', () => {
    const g = analyseCode('import lineapy\nxs = [1]\nlineapy.save(xs, "my_list")\nxs.append(2)');
    expect(g.out.artifacts).toHaveLength(1);
    const a = g.out.artifacts[0];
    expect(a.name).toBe('my_list');
    expect(g.node(a.nodeId)).toMatchObject({ kind: 'Call' });
    expect(g.binding('xs').id).not.toBe(a.nodeId);
    expect(a.location).toMatchObject({ line: 3 });
  });
  it('lineapy.save with a keyword name', () => {
    const g = analyseCode('import lineapy\nx = 1\nlineapy.save(x, name="one")');
    expect(g.out.artifacts.map((a) => a.name)).toEqual(['one']);
  });
  it('lineapy.get of an earlier save reads it: the value depends on the save and the saved value', () => {
    const g = analyseCode('import lineapy\nx = [1]\nlineapy.save(x, "a")\ny = lineapy.get("a").get_value()');
    expect(g.sliceLines('y')).toEqual([1, 2, 3, 4]);
    expect(g.binding('y').id).not.toBe(g.out.artifacts[0].nodeId);
  });
  it('lineapy.get of an unknown name is a call', () => {
    const g = analyseCode('import lineapy\ny = lineapy.get("elsewhere")');
    expect(g.calleeName(g.binding('y') as CallNode)).toBe('get');
  });
  it('a block that mentions lineapy does not hide later top-level saves', () => {
    const g = analyseCode('import lineapy\nfor a in [1]:\n    lineapy.save(a, "x")\ny = 2\nlineapy.save(y, "y")');
    expect(g.out.artifacts.map((a) => [a.name, a.nodeId])).toEqual([['y', g.binding('y').id]]);
    expect(g.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['lineapy-save-in-block', 'info', 3]]);
    expect(g.diagnostics[0].message).toMatch(/not tracked/);
  });
  it('a block that only reads lineapy does not hide later saves either', () => {
    const g = analyseCode('import lineapy\nif True:\n    v = lineapy.__name__\ny = [2]\nlineapy.save(y, "y")');
    expect(g.out.artifacts.map((a) => a.name)).toEqual(['y']);
    expect(g.diagnostics).toEqual([]);
  });
  it('import lineapy as lp: lp.save declares an artifact', () => {
    const g = analyseCode('import lineapy as lp\nwhile False:\n    lp.save(0, "no")\nz = [3]\nlp.save(z, "zed")');
    expect(g.out.artifacts.map((a) => [a.name, a.nodeId])).toEqual([['zed', g.binding('z').id]]);
  });
  it('from lineapy import save: save() declares an artifact, also after a block mentioning it', () => {
    const g = analyseCode('from lineapy import save\nfor i in range(2):\n    save(i, "i")\nw = {1: 2}\nsave(w, "w")');
    expect(g.out.artifacts.map((a) => [a.name, a.nodeId])).toEqual([['w', g.binding('w').id]]);
  });
  it('near miss: a save on another object is not an artifact', () => {
    const g = analyseCode('import numpy as np\nnp.save("a.npy", 1)');
    expect(g.out.artifacts).toHaveLength(0);
  });
});
