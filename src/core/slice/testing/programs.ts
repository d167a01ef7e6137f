/**
 * Hand-written Python programs for the slice proof (src/core/slice/proof.test.ts).
 *
 * Each program names its target either as a `lineapy.save` artifact (`artifact`, with
 * `variable` the name it saves, evaluated at the end of the slice) or as a variable's
 * binding at the end (`variable` alone). `extra` says whether the program has
 * statements that do not influence the target, so the slice must be strictly shorter.
 */
export interface HandProgram {
  name: string;
  cells: string[];
  /** lineapy.save name; the target is the saved node. */
  artifact?: string;
  /** The variable whose binding (at the end, or as saved) is the target. */
  variable: string;
  /** Expression compared with repr() (default: the variable). */
  check: string;
  /** The program has statements that do not influence the target. */
  extra: boolean;
}

const p = (name: string, code: string | string[], variable: string, extra = true, artifact?: string): HandProgram => ({
  name,
  cells: (Array.isArray(code) ? code : [code]).map((c) => c.replace(/^\n/, '')),
  variable: variable.split(':')[0],
  check: variable.includes(':') ? variable.slice(variable.indexOf(':') + 1) : variable,
  extra,
  ...(artifact ? { artifact } : {}),
});

export const HAND_PROGRAMS: HandProgram[] = [
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

  // ---- loops
  p('loop that mutates', `
acc = []
for i in range(4):
    acc.append(i * i)
other = [1]
`, 'acc'),
  p('loop that only reads', `
data = [1, 2, 3]
total = 0
for x in data:
    total += x
junk = 'j'
`, 'total'),
  p('loop reads the list but the artifact is the list', `
data = [1, 2, 3]
s = 0
for x in data:
    s += x
data.append(4)
`, 'data'),
  p('while loop mutates', `
n = 5
out = []
while n > 0:
    out.append(n)
    n -= 2
z = 0
`, 'out'),
  p('loop mutates a dict via subscript', `
words = ['a', 'b', 'a']
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
noise = len(words)
`, 'freq'),
  p('nested loops build a matrix', `
m = []
for i in range(2):
    row = []
    for j in range(3):
        row.append(i + j)
    m.append(row)
ignored = 1
`, 'm'),
  p('loop over dict only reads', `
prices = {'a': 2, 'b': 3}
best = None
for k, v in prices.items():
    if best is None or v > prices[best]:
        best = k
extra = 9
`, 'best'),

  // ---- functions reading globals
  p('function reads a global', `
rate = 3
def scale(x):
    return x * rate
y = scale(2)
z = 10
`, 'y'),
  p('function reads a global rebound before the call', `
k = 1
def f(x):
    return x + k
k = 5
r = f(1)
unused = k * 2
`, 'r'),
  p('function calls another function', `
base = 10
def g(x):
    return x + base
def h(x):
    return g(x) * 2
out = h(1)
no = 0
`, 'out'),
  p('lambda reads a global', `
offset = 4
add = lambda v: v + offset
res = add(1)
left = 3
`, 'res'),
  p('default argument from a global', `
n = 7
def f(a, b=n):
    return a + b
v = f(1)
m = 1
`, 'v'),

  // ---- functions mutating globals
  p('function with global statement', `
counter = 0
def bump():
    global counter
    counter += 1
bump()
bump()
x = 5
`, 'counter'),
  p('function mutates a global list', `
log = []
def record(msg):
    log.append(msg)
record('a')
record('b')
other = []
`, 'log'),
  p('function mutates its argument', `
def add_one(xs):
    xs.append(1)
data = []
add_one(data)
add_one(data)
spare = [0]
`, 'data'),
  p('function mutates a global dict', `
cache = {}
def remember(k, v):
    cache[k] = v
remember('a', 1)
remember('b', 2)
w = 0
`, 'cache'),
  p('function sets a global from a computation', `
result = None
def compute(n):
    global result
    result = sum(range(n))
compute(5)
noise = 1
`, 'result'),

  // ---- classes
  p('class with class attribute', `
class Config:
    size = 3
    def area(self):
        return self.size * self.size
c = Config()
a = c.area()
b = 2
`, 'a'),
  p('class reads a global in a method', `
factor = 2
class Scaler:
    def apply(self, v):
        return v * factor
s = Scaler().apply(5)
junk = 1
`, 's'),
  p('dataclass', `
from dataclasses import dataclass
@dataclass
class Point:
    x: int
    y: int
pt = Point(1, 2)
q = Point(0, 0)
`, 'pt'),
  p('inheritance', `
class A:
    def f(self):
        return 1
class B(A):
    def f(self):
        return super().f() + 1
v = B().f()
w = A().f()
`, 'v'),
  p('class attribute mutated through the class', `
class Registry:
    items = []
Registry.items.append('a')
r = Registry()
s = 2
`, 'r:r.items'),

  // ---- comprehensions
  p('list comprehension', `
xs = [1, 2, 3]
sq = [x * x for x in xs]
ys = [0]
`, 'sq'),
  p('dict comprehension reading a global', `
keys = ['a', 'b']
val = 5
d = {k: val for k in keys}
other = {}
`, 'd'),
  p('set and generator', `
xs = [1, 1, 2]
s = {x for x in xs}
g = sum(x for x in xs)
w = 1
`, 's'),
  p('nested comprehension', `
n = 3
grid = [[i * j for j in range(n)] for i in range(n)]
extra = n + 1
`, 'grid'),

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

  // ---- misc statements
  p('tuple unpacking', `
pair = (1, 2)
a, b = pair
c = a + 10
d = b
`, 'c'),
  p('starred unpacking', `
first, *rest = [1, 2, 3, 4]
n = len(rest)
m = first
`, 'n'),
  p('augmented assignment on a name', `
x = 1
x += 2
y = 3
y *= 2
`, 'x'),
  p('try/except binding', `
try:
    v = int('x')
except ValueError:
    v = -1
w = 0
`, 'v'),
  p('with statement', `
import io
buf = io.StringIO()
with buf:
    buf.write('hi')
    text = buf.getvalue()
other = 1
`, 'text'),
  p('f-string', `
name = 'ada'
greeting = f'hi {name}'
age = 3
`, 'greeting'),
  p('import alias and from-import', `
import collections as col
from functools import reduce
c = col.Counter('abca')
s = reduce(lambda a, b: a + b, [1, 2, 3])
`, 'c'),
  p('multi-line call and parenthesised expression', `
a = 1
b = 2
total = (
    a
    + b
)
other = max(
    a,
    3,
)
`, 'total'),
  p('semicolons on one line', `
a = 1; b = 2
c = a + 1
d = b
`, 'c', true),
  p('if statement binds', `
flag = True
if flag:
    out = 'yes'
else:
    out = 'no'
spare = 1
`, 'out'),
  p('closure', `
def make(n):
    def add(x):
        return x + n
    return add
add3 = make(3)
r = add3(4)
s = make(1)
`, 'r'),
  p('del of a name', `
a = [1]
b = a + [2]
del a
c = 0
`, 'b'),
  p('sorted with key function', `
people = [('b', 2), ('a', 1)]
ordered = sorted(people, key=lambda p: p[1])
count = len(people)
`, 'ordered'),
  p('string methods are pure', `
s = 'Hello'
t = s.lower()
u = s.upper()
`, 't'),
  p('everything influences the target', `
a = [1]
a.append(2)
b = len(a)
`, 'b', false),
];

// ---- function effects, containment across blocks, walrus (issue 14 points 2, 4, 6)
/** One program per variable: the slice of each must reproduce it. */
const each = (name: string, code: string, variables: string[], extra = true): HandProgram[] => variables.map((v) => p(`${name} [${v}]`, code, v, extra));

HAND_PROGRAMS.push(
  ...each('a function that only reads a module', `
import math
def scale(v):
    return math.sqrt(v) * 2
a = scale(16)
b = math.floor(2.5)
`, ['a', 'b']),
  ...each('a function mutating its parameter', `
xs = [3, 1, 2]
ys = [9, 8]
def sort_in_place(v):
    v.sort()
sort_in_place(xs)
n = len(ys)
`, ['xs', 'n']),
  ...each('a keyword argument is the one mutated', `
log = []
keep = [0]
def add(x, into=None):
    into.append(x)
add(1, into=log)
add(2, into=log)
r = len(keep)
`, ['log', 'r']),
  ...each('a function mutating a global', `
seen = []
other = [1]
def note(x):
    seen.append(x)
    return x * 2
d = note(3)
e = len(other)
`, ['seen', 'd', 'e']),
  ...each('global rebinding', `
count = 0
unrelated = 5
def bump():
    global count
    count = count + 1
bump()
bump()
u = unrelated * 2
`, ['count', 'u']),
  ...each('composed calls', `
a = []
b = []
def push(t):
    t.append(1)
def outer(u):
    push(u)
    push(u)
outer(b)
ra = len(a)
`, ['b', 'ra']),
  ...each('a composed call through a global helper', `
store = {}
spare = {}
def put(k, v):
    store[k] = v
def put_twice(k, v):
    put(k, v)
    put(k + '2', v)
put_twice('x', 1)
s = len(spare)
`, ['store', 's']),
  ...each('recursion', `
acc = []
keep = [7]
def walk(n):
    if n > 0:
        acc.append(n)
        walk(n - 1)
walk(3)
k = len(keep)
`, ['acc', 'k']),
  ...each('mutual recursion', `
evens = []
odds = []
side = [0]
def even(n):
    if n >= 0:
        evens.append(n)
        odd(n - 1)
def odd(n):
    if n >= 0:
        odds.append(n)
        even(n - 1)
even(4)
z = len(side)
`, ['evens', 'odds', 'z']),
  ...each('methods on a user class', `
class Box:
    def __init__(self):
        self.items = []
    def size(self):
        return len(self.items)
    def put(self, x):
        self.items.append(x)
b = Box()
c = Box()
n = b.size()
c.put(1)
c.put(2)
rb = b.items
rc = c.items
`, ['rb', 'rc', 'n']),
  ...each('a method mutating its argument', `
class Filler:
    def fill(self, target, k):
        for i in range(k):
            target.append(i)
f = Filler()
dst = []
other = []
f.fill(dst, 3)
m = len(other)
`, ['dst', 'm']),
  ...each('__init__ mutating its argument', `
class Reg:
    def __init__(self, registry):
        registry.append(self)
reg = []
spare = []
r = Reg(reg)
w = len(spare)
`, ['reg:len(reg)', 'w']),
  ...each('a helper that only reads statistics', `
import statistics
data = [1, 2, 3, 4]
def centre(v):
    return statistics.mean(v)
c = centre(data)
m = statistics.median([5, 6, 7])
`, ['c', 'm']),
  ...each('a function passed as a key mutates a global', `
calls = []
xs = [3, 1, 2]
def key(v):
    calls.append(v)
    return v
ordered = sorted(xs, key=key)
q = len(xs)
`, ['calls', 'ordered', 'q']),
  ...each('a lambda stored and called', `
bag = []
unused = 1
add = lambda v: bag.append(v)
add(1)
add(2)
t = unused + 1
`, ['bag', 't']),
  ...each('a function with a default from a global', `
base = [1]
extra = 0
def grow(v=base):
    v.append(2)
    return len(v)
g = grow()
h = extra + 1
`, ['base', 'g', 'h'], false),
  ...each('an attribute store on a global object', `
class Cfg:
    pass
cfg = Cfg()
cfg.x = 0
other = Cfg()
def setx(v):
    cfg.x = v
setx(5)
r = cfg.x
o = other
`, ['r']),
  ...each('a loop that only reads a module', `
import math
total = 0
for i in range(4):
    total += math.sqrt(i)
r = math.pi
`, ['total', 'r']),
  ...each('a function calling collections', `
import collections
words = ['a', 'b', 'a']
def tally(ws):
    return collections.Counter(ws)
t = tally(words)
d = collections.OrderedDict()
`, ['t', 'd']),
  ...each('a counter updated in a function', `
import collections
cnt = collections.Counter()
keep = collections.Counter()
def see(w):
    cnt[w] += 1
see('a')
see('b')
see('a')
k = len(keep)
`, ['cnt', 'k']),
  ...each('a dict mutated by an unknown method on a parameter', `
d = {'a': 1}
e = {'b': 2}
def pop_a(m):
    m.pop('a')
pop_a(d)
n = len(e)
`, ['d', 'n']),
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
  ...each('walrus inside an expression', `
x = [3]
z = (y := x) + [1]
w = ((v := len(x)), 2)
other = 1
`, ['y', 'z', 'v', 'w']),
  ...each('walrus in a call and a mutation through it', `
x = [3]
print((y := x))
y.append(1)
q = 0
`, ['x', 'y']),
  ...each('walrus in a comprehension condition', `
data = [1, 5, 9]
big = [d for d in data if (last := d) > 2]
other = 0
`, ['big', 'last']),
  ...each('a keyword argument after a comment', `
weights = {0: 1.0, 1: 3.0}
def train(x, w=None):
    return (x, w)
result = train(
    5,
    # the weights go here
    w=weights)
spare = 0
`, ['result']),
  ...each('comments inside displays and subscripts', `
k = 1
d = {'a': 2}
y = (  # note
    k + 1)
z = d[  # key
    'a']
w = [  # first
    k,
    # second
    y]
spare = 0
`, ['y', 'z', 'w']),
  ...each('a multi-line statement reading names on each line', `
a = 1
b = 2
c = 3
r = (a +
     b) * [
  c]
q = 0
`, ['r']),
  ...each('a method calling another method on self', `
class Acc:
    def __init__(self):
        self.total = []
    def _add(self, v):
        self.total.append(v)
    def add_all(self, vs):
        for v in vs:
            self._add(v)
    def peek(self):
        return list(self.total)
a = Acc()
b = Acc()
a.add_all([1, 2])
p = b.peek()
ta = a.total
`, ['ta', 'p']),
  ...each('a function returning a new list leaves its argument alone', `
src = [1, 2]
other = [0]
def doubled(v):
    return [i * 2 for i in v]
d = doubled(src)
other.append(1)
`, ['d', 'src']),
  ...each('a generator function consuming a global', `
queue = [1, 2, 3]
spare = []
def drain():
    while queue:
        yield queue.pop()
got = list(drain())
s = len(spare)
`, ['got', 'queue', 's']),
  ...each('a local alias of a parameter in a body', `
a = [1]
b = [0]
def f(p):
    q = p
    q.append(2)
def g(p):
    for row in p:
        row.append(0)
rows = [[1], [2]]
f(a)
g(rows)
s = b
`, ['a', 'rows', 's']),
);
