/**
 * Minimal programs whose slices are wrong today because of an analyser gap: the analyser's
 * to-do list. proof.test.ts runs each as `it.fails`, so the suite is green while the gap is
 * open and turns red when a fix lands: then move the case into the always-on proof (and,
 * for generated shapes, turn its `Feature` on in proof.test.ts).
 *
 * Each was found by the generated proof (the `feature` it is gated under in ./generate.ts)
 * and shrunk by hand. A closed gap keeps its reproducer, marked `fixedBy`, as a regression test.
 */
import type { Feature } from './generate';
import type { FailureClass, Target } from './prove';

export interface KnownGap {
  name: string;
  /** What goes wrong, and the fix it waits for. */
  note: string;
  /** Generator feature kept out of the always-on set because of this gap. */
  feature: Feature;
  /** How the proof fails today. */
  fails: FailureClass;
  code: string;
  target: Target;
  /** The minimal slice, when the gap is a slice that is right but too big. */
  slice?: string;
  /** The fix that closed it: the case then runs as an ordinary proof, so it stays closed. */
  fixedBy?: string;
}

const v = (name: string): Target => ({ kind: 'variable', name });
const FILES: Target = { kind: 'files' };

export const KNOWN_GAPS: KnownGap[] = [
  // ---- function effects (slices right, but too big)
  {
    name: 'a user function that reads math, called before an unrelated use of math',
    note: 'calling f marks every module it reads as mutated, so the slice of b keeps def f and a = f(4) (needs function effect summaries)',
    feature: 'functions',
    fixedBy: 'function effect summaries (issue 14, point 2)',
    fails: 'not-minimal',
    code: 'import math\ndef f(x):\n    return math.sqrt(x)\na = f(4)\nb = math.floor(2.5)',
    target: v('b'),
    slice: 'import math\nb = math.floor(2.5)\n',
  },
  {
    name: 'a user function that reads json, called before an unrelated use of json',
    note: 'the same with json.dumps',
    feature: 'functions',
    fixedBy: 'function effect summaries (issue 14, point 2)',
    fails: 'not-minimal',
    code: 'import json\ndef f(d):\n    return json.dumps(d)\ns = f({})\nt = json.dumps([1])',
    target: v('t'),
    slice: 'import json\nt = json.dumps([1])\n',
  },
  // ---- containment through opaque blocks
  {
    name: 'list appended to a container inside if, then mutated',
    note: 'box holds inner only inside an opaque `if`: inner.append(2) is not a mutation of box',
    feature: 'blockContainment',
    fixedBy: 'containment through blocks (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: 'inner = [1]\nbox = [[0]]\nif len(inner) > 0:\n    box.append(inner)\ninner.append(2)',
    target: v('box'),
  },
  {
    name: 'list appended to a container inside with, then mutated',
    note: 'containment through an opaque `with` block',
    feature: 'blockContainment',
    fixedBy: 'containment through blocks (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: 'import contextlib\ninner = [1]\nbox = [[0]]\nwith contextlib.suppress(KeyError):\n    box.append(inner)\ninner.append(2)',
    target: v('box'),
  },
  {
    name: 'list appended to a container inside try, then mutated',
    note: 'containment through an opaque `try` block',
    feature: 'blockContainment',
    fixedBy: 'containment through blocks (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: 'inner = [1]\nbox = [[0]]\ntry:\n    box.append(inner)\nexcept IndexError:\n    pass\ninner.append(2)',
    target: v('box'),
  },
  {
    name: 'list appended to a container inside for, then mutated',
    note: 'containment through an opaque `for` block',
    feature: 'blockContainment',
    fixedBy: 'containment through blocks (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: 'inner = [1]\nbox = [[0]]\nfor x in range(2):\n    box.append(inner)\ninner.append(2)',
    target: v('box'),
  },
  {
    name: 'elements mutated through a loop over a container filled in a block',
    note: 'for row in box: row.append(5) mutates box (known), but not inner, which box holds since the `if`',
    feature: 'blockContainment',
    fixedBy: 'containment through blocks (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: 'inner = [1]\nbox = [[0]]\nif len(inner) > 0:\n    box.append(inner)\nfor row in box:\n    row.append(5)',
    target: v('inner'),
  },
  {
    name: "d[k] = inner inside try, then inner mutated",
    note: 'd[k] = inner is containment at top level, not inside an opaque `try`',
    feature: 'blockContainment',
    fixedBy: 'containment through blocks (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: "inner = [1]\nd = {'k': 1}\ntry:\n    d['in'] = inner\nexcept KeyError:\n    pass\ninner.append(2)",
    target: v('d'),
  },
  // ---- containment in user objects
  {
    name: 'obj.attr = inner, then inner mutated',
    note: 'attribute assignment is not containment (setattr gap in docs/notes/slicer-analyser-gaps.md § 1)',
    feature: 'setattr',
    fixedBy: 'setattr containment (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: "class Box:\n    def __repr__(self):\n        return f'Box({self.extra!r})'\ninner = [1]\no = Box()\no.extra = inner\ninner.append(2)",
    target: v('o'),
  },
  {
    name: "setattr(obj, 'attr', inner), then inner mutated",
    note: 'the setattr() builtin is not containment either',
    feature: 'setattr',
    fails: 'repr-mismatch',
    code: "class Box:\n    def __repr__(self):\n        return f'Box({self.extra!r})'\ninner = [1]\no = Box()\nsetattr(o, 'extra', inner)\ninner.append(2)",
    target: v('o'),
  },
  {
    name: 'a user object built from a list, then the list mutated',
    note: 'H(inner) may keep inner (it does: self.t = t); a user constructor call should hold its mutable arguments',
    feature: 'setObjects',
    fails: 'repr-mismatch',
    code: "class H:\n    def __init__(self, t):\n        self.t = t\n    def __repr__(self):\n        return f'H({self.t!r})'\ninner = [1]\nh = H(inner)\ninner.append(2)",
    target: v('h'),
  },
  {
    name: 'a set of hashable user objects holding a list, then the list mutated',
    note: 'the same, inside a set display',
    feature: 'setObjects',
    fails: 'repr-mismatch',
    code: "class Key:\n    def __init__(self, k, tags):\n        self.k = k\n        self.tags = tags\n    def __hash__(self):\n        return self.k\n    def __repr__(self):\n        return f'Key({self.k!r}, {self.tags!r})'\ninner = [1]\ns = {Key(1, inner)}\ninner.append(2)",
    target: v('s'),
  },
  // ---- set displays
  {
    name: 'set display, then add',
    note: "a `{…}` set display is not typed as a set, so `add` (a mutation only on known set receivers) is not one; `set(...)` works",
    feature: 'setDisplay',
    fixedBy: 'set containment (issue 14, point 4)',
    fails: 'repr-mismatch',
    code: 's = {(1, 2)}\ns.add((3, 4))',
    target: v('s'),
  },
  // ---- comments in multi-line calls
  {
    name: 'comment after a positional argument',
    note: 'the argument after `a,  # first` is not read (the self-check net adds `b = 2`)',
    feature: 'commentArgs',
    fixedBy: 'comments between arguments (issue 14)',
    fails: 'slice-incomplete',
    code: 'a = 1\nb = 2\nm = max(\n    a,  # first\n    b,\n)',
    target: v('m'),
  },
  {
    name: 'comment line before a keyword argument',
    note: 'the keyword argument after a comment line is not read',
    feature: 'commentArgs',
    fixedBy: 'comments between arguments (issue 14)',
    fails: 'slice-incomplete',
    code: 'a = 1\nb = 2\nd = dict(\n    k=a,\n    # another\n    j=b,\n)',
    target: v('d'),
  },
  {
    name: 'trailing comment before a keyword argument',
    note: 'the keyword argument after `k=a,  # key` is not read',
    feature: 'commentArgs',
    fixedBy: 'comments between arguments (issue 14)',
    fails: 'slice-incomplete',
    code: 'a = 1\nb = 2\nd = dict(\n    k=a,  # key\n    j=b,\n)',
    target: v('d'),
  },
  // ---- files
  {
    name: "fh.write inside with open(..., 'w')",
    note: 'a write inside a `with` block does not mutate the file_system pseudo-value: there is no file-system node to slice',
    feature: 'withFiles',
    fixedBy: 'file and database effects (issue 14, point 3)',
    fails: 'no-target',
    code: "with open('a.txt', 'w') as fh:\n    fh.write('x')",
    target: FILES,
  },
  {
    name: 'the file system after write_text then a with-block write',
    note: "the file-system slice keeps write_text but not the later `with open(..., 'w')` write, so a.txt ends '1', not '2'",
    feature: 'withFiles',
    fixedBy: 'file and database effects (issue 14, point 3)',
    fails: 'file-mismatch',
    code: "import pathlib\npathlib.Path('a.txt').write_text('1')\nwith open('a.txt', 'w') as fh:\n    fh.write('2')",
    target: FILES,
  },
  {
    name: 'write_text, then fh.read() inside with open(...)',
    note: 'a read inside a `with` block does not depend on the file system: the slice drops the write and raises FileNotFoundError',
    feature: 'withFiles',
    fixedBy: 'file and database effects (issue 14, point 3)',
    fails: 'slice-raised',
    code: "import pathlib\npathlib.Path('b.txt').write_text('hi')\nwith open('b.txt') as fh:\n    s = fh.read()",
    target: v('s'),
  },
  {
    name: 'fh.write on a handle, then a read through another handle',
    note: "fh.write mutates fh but not the file system, so g.read() does not depend on it: the slice writes '' (the file rule catches it too)",
    feature: 'withFiles',
    fixedBy: 'file and database effects (issue 14, point 3)',
    fails: 'repr-mismatch',
    code: "fh = open('a.txt', 'w')\nfh.write('x')\nfh.close()\ng = open('a.txt')\ns = g.read()",
    target: v('s'),
  },
];
