/**
 * Slice proof programs about iterators: a loop, `next`, a comprehension, any call or a file
 * read advances an iterator, so a later use of it depends on every earlier consumer.
 */
import { p, type HandProgram } from './define';

export const ITERATOR_PROGRAMS: HandProgram[] = [
  p('a for loop consumes an iterator', `
it = iter([1, 2, 3])
for v in it:
    pass
rest = list(it)
`, 'rest', false),
  p('a loop that breaks leaves the rest', `
it = iter([1, 2, 3, 4])
for v in it:
    if v == 2:
        break
noise = [0]
rest = list(it)
`, 'rest'),
  p('next advances an iterator', `
it = iter([1, 2, 3])
head = next(it)
other = 7
rest = list(it)
`, 'rest'),
  p('a list consumes map and filter iterators', `
m = map(str, [1, 2, 3])
first = list(m)
again = list(m)
f = filter(None, [0, 1, 2])
seen = sum(f)
left = list(f)
out = (again, left)
`, 'out', false),
  p('a comprehension consumes a generator expression', `
g = (x * 2 for x in range(5))
small = [y for y in g if y < 4]
rest = list(g)
`, 'rest', false),
  p('zip and enumerate iterators consumed by a loop', `
z = zip([1, 2], "ab")
pairs = 0
for a, b in z:
    pairs += a
e = enumerate("xyz")
first = next(e)
rest = (list(z), list(e))
`, 'rest', false),
  p('a generator argument consumes the iterator it reads', `
it = iter(range(6))
total = sum(v for v in it if v < 3)
rest = list(it)
`, 'rest', false),
  p('iterating a file moves its position', `
with open("lines.txt", "w") as w:
    w.write("one\\ntwo\\nthree\\n")
h = open("lines.txt")
for line in h:
    break
rest = h.read()
h.close()
`, 'rest'),
  p('itertools iterators are consumed too', `
import itertools
c = itertools.count(10)
first = next(c)
second = next(c)
third = next(c)
`, 'third', false),
  p('a call of a generator function is consumed by a loop', `
def gen(n):
    for i in range(n):
        yield i * i
g = gen(5)
for v in g:
    if v > 3:
        break
unrelated = gen(2)
rest = list(g)
`, 'rest'),
  p('an instance of a class with __next__ is an iterator', `
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n
c = Countdown(4)
for v in c:
    break
rest = list(c)
`, 'rest', false),
  p('map over an iterator: consuming the map advances the iterator', `
it = iter([1, 2, 3, 4])
m = map(str, it)
firsts = [next(m), next(m)]
rest = list(it)
`, 'rest', false),
  p('an iterator sees its list changed after it was made', `
xs = [1, 2]
it = iter(xs)
xs.append(3)
noise = len(xs)
r = list(it)
`, 'r'),
  p('a generator expression reads its list when consumed', `
xs = [1, 2]
g = (x * 10 for x in xs)
xs.extend([3, 4])
other = [0]
r = sum(g)
`, 'r'),
  p('map, zip and enumerate over a list do not change the list', `
xs = [3, 1, 2]
y = list(map(str, xs))
pairs = dict(zip(xs, "abc"))
for i, x in enumerate(xs):
    print(i, x)
z = xs[0]
`, 'z'),
  p('a list is not consumed by a loop (its loop may go)', `
xs = [1, 2, 3]
for v in xs:
    print(v)
rest = list(xs)
`, 'rest'),
  // Iterators the analysis knows only by how they are made (a function returning one, a lambda,
  // a library generator): each consumer before a later use must stay.
  p('a function returning a generator expression, advanced by islice', `
import itertools
def squares():
    return (i * i for i in range(10))
it = squares()
head = list(itertools.islice(it, 2))
other = 3
rest = list(it)
`, 'rest'),
  p('a function returning map, advanced by zip', `
def labels(xs):
    return map(str, xs)
it = labels([1, 2, 3, 4, 5])
pairs = list(zip(it, range(2)))
other = 3
rest = list(it)
`, 'rest'),
  p('a lambda returning a generator, a loop that breaks', `
make = lambda n: (i for i in range(n))
it = make(8)
for v in it:
    if v > 2:
        break
other = 3
rest = list(it)
`, 'rest'),
  p('any() over a generator of a made iterator stops early', `
def make():
    return iter([1, 5, 2, 7, 3])
it = make()
found = any(x > 4 for x in it)
other = 3
remaining = sum(it)
`, 'remaining'),
  p('next on an iterator of unknown make', `
import re
matches = re.finditer(r"[0-9]+", "a1 b22 c333 d4")
first = next(matches)
other = 3
rest = [m.group() for m in matches]
`, 'rest'),
];

