/** Slice proof programs about values: aliases, views, in-place mutation (methods, subscripts, attributes) and containment. */
import { each, p, type HandProgram } from './define';

/** Aliases, views and mutation through methods, subscripts and attributes. */
export const VALUE_PROGRAMS: HandProgram[] = [
  // ---- aliasing
  p('alias then append through the original', `
a = [1, 2]
b = a
a.append(3)
c = [9]
`, 'b'),
  p('alias then append through the alias', `
a = [1, 2]
b = a
b.append(3)
unrelated = 5
`, 'a'),
  p('alias chain', `
a = {'k': 1}
b = a
c = b
c['z'] = 2
noise = [0]
`, 'a'),
  p('alias saved before the mutation', `
import lineapy
a = [1]
b = a
lineapy.save(b, 'b0')
a.append(2)
`, 'b', true, 'b0'),
  p('alias of an element list, mutated via the alias', `
rows = [[1], [2]]
first = rows[0]
first.append(10)
other = len(rows)
`, 'rows'),
  p('augmented assignment keeps the alias, then a loop mutates', `
a = [1]
b = a
a += [2]
for i in range(2):
    a.append(i)
c = 0
`, 'b'),
  p('alias rebound does not mutate', `
a = [1]
b = a
b = [2]
b.append(3)
`, 'a'),

  // ---- views
  p('dict keys view sees later insertions', `
d = {'a': 1}
ks = d.keys()
d['b'] = 2
junk = 7
`, 'ks:list(ks)'),
  p('dict items view', `
d = {'a': 1}
items = d.items()
d.update(c=3)
z = 1
`, 'items:sorted(items)'),
  p('nested list element is shared', `
inner = [0]
outer = [inner, inner]
inner.append(1)
spare = []
`, 'outer'),
  p('values view after pop', `
d = {'x': 1, 'y': 2}
vals = d.values()
d.pop('x')
w = 3
`, 'vals:list(vals)'),

  // ---- mutation via method calls
  p('append', `
xs = []
xs.append(1)
ys = [5]
xs.append(2)
`, 'xs'),
  p('extend and sort', `
xs = [3, 1]
xs.extend([2, 0])
xs.sort()
n = 4
`, 'xs'),
  p('dict update and setdefault', `
d = {}
d.update({'a': 1})
d.setdefault('b', []).append(2)
e = {}
`, 'd'),
  p('set add and discard', `
s = set()
s.add(1)
s.add(2)
s.discard(1)
t = 0
`, 's'),
  p('insert and pop', `
xs = [1, 2, 3]
xs.insert(0, 0)
last = xs.pop()
unused = 'u'
`, 'xs'),
  p('reverse and clear of a copy', `
xs = [1, 2, 3]
ys = list(xs)
ys.clear()
xs.reverse()
`, 'xs'),
  p('remove on a list', `
xs = [1, 2, 2]
xs.remove(2)
other = [2]
other.remove(2)
`, 'xs'),
  p('deque methods', `
from collections import deque
q = deque([1, 2])
q.appendleft(0)
q.rotate(1)
r = deque()
`, 'q'),

  // ---- mutation via subscripts
  p('setitem on a list', `
xs = [0, 0, 0]
xs[1] = 5
ys = [1]
ys[0] = 2
`, 'xs'),
  p('setitem on a dict', `
d = {}
d['a'] = 1
d['b'] = d['a'] + 1
e = 1
`, 'd'),
  p('delitem', `
xs = [1, 2, 3]
del xs[0]
ys = [1, 2]
`, 'xs'),
  p('slice assignment', `
xs = [1, 2, 3, 4]
xs[1:3] = [9]
k = 2
`, 'xs'),
  p('nested setitem', `
grid = [[0, 0], [0, 0]]
grid[1][0] = 7
flat = 1
`, 'grid'),
  p('augmented assignment on a subscript', `
counts = {'a': 1}
counts['a'] += 4
other = {'b': 2}
`, 'counts'),

  // ---- attributes
  p('setattr on an object', `
class Box:
    pass
b = Box()
b.v = 3
b.w = b.v * 2
c = Box()
`, 'b:(b.v, b.w)'),
  p('method that mutates self', `
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self):
        self.n += 1
c = Counter()
c.inc()
c.inc()
d = Counter()
`, 'c:c.n'),
  p('attribute list mutated', `
class Bag:
    def __init__(self):
        self.items = []
bag = Bag()
bag.items.append('x')
spare = Bag()
`, 'bag:bag.items'),
];

/** A container holds a value put into it in a block, a call or a store; mutating either shows in the other (issue 14). */
export const CONTAINMENT_PROGRAMS: HandProgram[] = [
  ...each('a list filled in an if block holds its element', `
x = [0]
c = True
if c:
    y = [x]
y.append(1)
x.append(2)
z = 0
`, ['x', 'y']),
  ...each('a for loop fills a container with rows', `
rows = [[1], [2]]
out = []
for r in rows:
    out.append(r)
out[0].append(9)
k = 0
`, ['rows', 'out']),
  ...each('a subscript store in a block', `
box = {}
items = [0]
if True:
    box['k'] = items
items.append(3)
s = 0
`, ['box', 'items']),
  ...each('a with block fills a dict', `
import contextlib
reg = {}
vals = [1]
with contextlib.suppress(KeyError):
    reg['v'] = vals
vals.append(2)
u = 3
`, ['reg']),
  ...each('a try block fills a list', `
bucket = []
item = {'n': 1}
try:
    bucket.append(item)
except ValueError:
    pass
item['n'] = 2
q = 4
`, ['bucket', 'item']),
  ...each('setattr containment', `
class O:
    pass
inner = [0]
o = O()
o.attr = inner
inner.append(5)
z = 1
`, ['o:o.attr', 'inner']),
  ...each('set containment', `
class P:
    def __init__(self):
        self.v = 0
p1 = P()
s = set()
s.add(p1)
p1.v = 3
got = [e.v for e in s]
z = 2
`, ['got']),
  ...each('a set display mutated', `
s = {1}
s.add(2)
t = 0
`, ['s']),
  ...each('a def body fills a global container', `
holder = []
thing = [1]
def keep(v):
    holder.append(v)
keep(thing)
thing.append(2)
n = 0
`, ['holder', 'thing']),
];
