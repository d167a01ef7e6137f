/** Slice proof programs about statement kinds: loops, comprehensions, assorted statements and syntax corners. */
import { each, p, type HandProgram } from './define';

/** for and while loops that mutate or only read. */
export const LOOP_PROGRAMS: HandProgram[] = [
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
];

/** List, dict, set and generator comprehensions. */
export const COMPREHENSION_PROGRAMS: HandProgram[] = [
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
];

/** Unpacking, try, with, f-strings, imports, multi-line and one-line statements, if, closures, del. */
export const STATEMENT_PROGRAMS: HandProgram[] = [
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

/** Walrus targets, comments inside calls and displays, statements over several lines (issue 14). */
export const SYNTAX_CORNER_PROGRAMS: HandProgram[] = [
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
];
