/** Slice proof programs about user functions and classes: the globals they read, rebind and mutate. */
import { p, type HandProgram } from './define';

/** Functions that read globals when called, or mutate and rebind them. */
export const FUNCTION_PROGRAMS: HandProgram[] = [
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
];

/** Classes: class attributes, methods reading globals, dataclasses, inheritance. */
export const CLASS_PROGRAMS: HandProgram[] = [
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
];
