/** Slice proof programs about helper functions a fine slice trims (issue 18.3): what a call can show must stay. */
import { p, type HandProgram } from './define';

export const HELPER_PROGRAMS: HandProgram[] = [
  p('a helper whose dropped statement raised, caught by the caller', `
def parse(s):
    n = int(s)
    return s
try:
    r = parse("x")
    ok = True
except ValueError:
    ok = False
unrelated = 5
`, 'ok'),
  p('a helper that suppresses the error its dropped statement raised', `
from contextlib import suppress
def check(v):
    w = 1 // v
    return v
done = 0
with suppress(ZeroDivisionError):
    check(0)
    done = 1
unrelated = 5
`, 'done'),
  p('a helper changes a parameter through a local alias', `
def fill(target):
    t = target
    dbg = len(t)
    t.append(3)
    t[0] = 9
xs = [1]
fill(xs)
ys = xs
unrelated = 5
`, 'ys'),
  p('a helper appends to a module list and bumps a global', `
LOG = []
count = 0
def step(v):
    global count
    note = f"{v}"
    LOG.append("seen")
    count += 1
    return v
step(1)
step(2)
out = (LOG, count)
unrelated = 5
`, 'out'),
  p('a helper returns early from a loop', `
def first_big(xs, limit=2):
    seen = 0
    for x in xs:
        seen += 1
        if x > limit:
            return x
        print("small", x)
    return None
r = first_big([1, 5, 7])
unrelated = 5
`, 'r'),
  p('a helper changes a dict it is given, among prints', `
def count_into(d, key):
    print("counting", key)
    before = len(d)
    d[key] = d.get(key, 0) + 1
    after = len(d)
    return after - before
cfg = {}
count_into(cfg, "a")
count_into(cfg, "a")
seen = cfg
unrelated = 5
`, 'seen'),
  p('a local that shadows a module list changes nothing outside', `
xs = [1, 2]
def f(v):
    xs = [v]
    xs.append(1)
    return v + 1
r = f(3)
z = (r, xs)
unrelated = 5
`, 'z'),
  p('an import inside a helper does not make a module-level name local', `
path = []
def f(v):
    import os.path
    junk = v
    path.append(1)
    return v
f(1)
z = path
unrelated = 5
`, 'z'),
  p('helpers calling helpers, recursively', `
def inc(v):
    dbg = v * 10
    return v + 1
def total(k):
    label = str(k)
    if k <= 0:
        return 0
    return inc(k) + total(k - 1)
r = total(4)
unrelated = 5
`, 'r'),
];
