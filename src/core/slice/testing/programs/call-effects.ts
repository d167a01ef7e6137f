/** Slice proof programs about what a call to a user function does: parameter and global mutation, recursion, methods (issue 14). */
import { each, type HandProgram } from './define';

/** Effects of calls resolved from the callee body and the rule tables. */
export const CALL_EFFECT_PROGRAMS: HandProgram[] = [
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
];
