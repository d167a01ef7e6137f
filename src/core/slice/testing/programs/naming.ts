/** Slice proof programs about naming and cells: rebinding after a save, star imports, multi-cell notebooks. */
import { p, type HandProgram } from './define';

/** The artifact is pinned to its value when saved: later rebinding and mutation stay out. */
export const NAMING_PROGRAMS: HandProgram[] = [
  // ---- re-binding after naming
  p('rebinding after save', `
import lineapy
x = [1]
lineapy.save(x, 'x0')
x = [2]
y = x
`, 'x', true, 'x0'),
  p('mutation after save excluded', `
import lineapy
x = [1]
x.append(2)
lineapy.save(x, 'x1')
x.append(3)
`, 'x', true, 'x1'),
  p('rebinding with a computation after save', `
import lineapy
a = 2
b = a * 3
lineapy.save(b, 'b')
b = b + 1
a = 0
`, 'b', true, 'b'),
  p('two artifacts, one named twice', `
import lineapy
total = 1
lineapy.save(total, 'first')
total = total + 10
lineapy.save(total, 'second')
`, 'total', true, 'first'),
  p('dict mutated by setitem after save', `
import lineapy
d = {'a': 1}
lineapy.save(d, 'd')
d['b'] = 2
`, 'd', true, 'd'),
];

/** `from m import *` names read in statements, loops and comprehensions. */
export const STAR_IMPORT_PROGRAMS: HandProgram[] = [
  // ---- star imports
  p('star import from math', `
from math import *
r = sqrt(16) + pi
u = floor(2.5)
`, 'r'),
  p('star import used inside a comprehension', `
from math import *
roots = [sqrt(x) for x in range(4)]
u = floor(2.5)
`, 'roots'),
  p('star import used inside a loop', `
from math import *
acc = []
for i in range(3):
    acc.append(factorial(i))
u = 1
`, 'acc'),
  p('star import from itertools', `
from itertools import *
pairs = list(combinations([1, 2, 3], 2))
other = list(repeat(0, 2))
`, 'pairs'),
  p('star import from string', `
from string import *
up = ascii_uppercase[:3]
low = ascii_lowercase
`, 'up'),
];

/** Notebooks of several cells. */
export const MULTI_CELL_PROGRAMS: HandProgram[] = [
  // ---- multi-cell notebooks
  p('multi-cell: definitions and use', [
    'import math\nbase = 2',
    'print("noise")\nunused = 3',
    'def f(v):\n    return math.pow(base, v)',
    'result = f(3)',
  ], 'result'),
  p('multi-cell: mutation in a later cell', [
    'xs = []',
    'xs.append(1)',
    'ys = [2]\nunused = len(ys)',
    'xs.extend(ys)',
  ], 'xs'),
  p('multi-cell with lineapy', [
    'import lineapy\nimport json',
    'data = {"a": 1}',
    'text = json.dumps(data, sort_keys=True)\nlineapy.save(text, "text")',
    'data["b"] = 2',
  ], 'text', true, 'text'),
  p('multi-cell: loop over cells', [
    'acc = 0',
    'for i in range(3):\n    acc += i',
    'z = acc * 2\nq = 1',
  ], 'z'),
  p('multi-cell: class in one cell, use in another', [
    'class P:\n    def __init__(self, v):\n        self.v = v',
    'a = P(1)\nb = P(2)',
    'b.v = 5',
    'w = a.v',
  ], 'w'),
];
