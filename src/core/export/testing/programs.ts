/**
 * Multi-artifact programs for the pipeline proof (stdlib only). Each session is a list of
 * cells (one cell ⇒ a script); artifacts are `lineapy.save` calls. `deps` gives, per
 * artifact, the upstream artifacts its `get_` function must take (and the Airflow edges).
 */
export interface PipelineProgram {
  name: string;
  sessions: string[][];
  deps: Record<string, string[]>;
}

export const PIPELINE_PROGRAMS: PipelineProgram[] = [
  {
    name: 'two artifacts share a list',
    sessions: [[`import lineapy
nums = [3, 1, 2]
nums.append(5)
total = sum(nums)
lineapy.save(total, "total")
biggest = max(nums)
lineapy.save(biggest, "biggest")
`]],
    deps: { total: [], biggest: [] },
  },
  {
    name: 'a chain of three',
    sessions: [[`import lineapy
a = 2
b = a * 10
lineapy.save(b, "b")
c = b + 1
lineapy.save(c, "c")
d = [c] * 3
lineapy.save(d, "d")
`]],
    deps: { b: [], c: ['b'], d: ['c'] },
  },
  {
    name: 'a diamond',
    sessions: [[`import lineapy
base = {"x": 1, "y": 2}
lineapy.save(base, "base")
left = base["x"] + 10
lineapy.save(left, "left")
right = base["y"] * 3
lineapy.save(right, "right")
both = (left, right)
lineapy.save(both, "both")
`]],
    deps: { base: [], left: ['base'], right: ['base'], both: ['left', 'right'] },
  },
  {
    name: 'two sessions',
    sessions: [
      [`import lineapy
import math
r = 3
area = round(math.pi * r ** 2, 4)
lineapy.save(area, "area")
`],
      [`import lineapy
import math
words = "the quick brown fox".split()
longest = max(words, key=len)
lineapy.save(longest, "longest")
n = math.factorial(len(words))
lineapy.save(n, "perms")
`],
    ],
    deps: { area: [], longest: [], perms: [] },
  },
  {
    name: 'two sessions reuse variable names',
    sessions: [
      [`import lineapy
x = [1, 2, 3]
y = sum(x)
lineapy.save(y, "first_sum")
`],
      [`import lineapy
x = [10, 20]
y = sum(x) * 2
lineapy.save(y, "second_sum")
z = y + len(x)
lineapy.save(z, "second_z")
`],
    ],
    deps: { first_sum: [], second_sum: [], second_z: ['second_sum'] },
  },
  {
    name: 'mutation after save',
    sessions: [[`import lineapy
items = [1, 2]
lineapy.save(items, "items")
items.append(3)
count = len(items)
lineapy.save(count, "count")
`]],
    deps: { items: [], count: ['items'] },
  },
  {
    name: 'helper function shared, reading a global constant',
    sessions: [[`import lineapy
RATE = 0.2
def taxed(amount):
    return round(amount * (1 + RATE), 2)
price = taxed(100)
lineapy.save(price, "price")
fee = taxed(7.5)
lineapy.save(fee, "fee")
`]],
    deps: { price: [], fee: [] },
  },
  {
    name: 'function with a global statement',
    sessions: [[`import lineapy
counter = 0
def bump(k):
    global counter
    counter += k
    return counter
bump(2)
bump(3)
lineapy.save(counter, "counter")
doubled = counter * 2
lineapy.save(doubled, "doubled")
`]],
    deps: { counter: [], doubled: ['counter'] },
  },
  {
    name: 'for loop builds a dict',
    sessions: [[`import lineapy
text = "a b a c b a"
freq = {}
for w in text.split():
    freq[w] = freq.get(w, 0) + 1
lineapy.save(freq, "freq")
top = sorted(freq.items(), key=lambda kv: -kv[1])[0]
lineapy.save(top, "top")
distinct = len(set(text.split()))
lineapy.save(distinct, "distinct")
`]],
    deps: { freq: [], top: ['freq'], distinct: [] },
  },
  {
    name: 'class shared by two artifacts',
    sessions: [[`import lineapy
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(3, 4)
lineapy.save(p.norm2(), "norm2")
q = Point(1, 1)
lineapy.save(q, "unit")
`]],
    deps: { norm2: [], unit: [] },
  },
  {
    name: 'artifacts saved as expressions',
    sessions: [[`import lineapy
vals = [4, 8, 15]
lineapy.save(sum(vals) / len(vals), "mean")
lineapy.save([v * 2 for v in vals], "doubled")
`]],
    deps: { mean: [], doubled: [] },
  },
  {
    name: 'imports hoisted and deduplicated',
    sessions: [
      [`import lineapy
import statistics
import json
data = [1, 5, 9, 2]
med = statistics.median(data)
lineapy.save(med, "med")
encoded = json.dumps({"m": med})
lineapy.save(encoded, "encoded")
`],
      [`import lineapy
import statistics
sd = round(statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]), 3)
lineapy.save(sd, "sd")
`],
    ],
    deps: { med: [], encoded: ['med'], sd: [] },
  },
  {
    name: 'notebook with artifacts in different cells',
    sessions: [[
      'import lineapy\nimport collections',
      'scores = {"ann": 3, "bob": 5, "cy": 5}',
      'ranked = sorted(scores, key=lambda k: (-scores[k], k))\nlineapy.save(ranked, "ranked")',
      'hist = collections.Counter(scores.values())\nlineapy.save(dict(hist), "hist")',
      'winner = ranked[0]\nlineapy.save(winner, "winner")',
    ]],
    deps: { ranked: [], hist: [], winner: ['ranked'] },
  },
  {
    name: 'one value saved under two names',
    sessions: [[`import lineapy
s = "hello"
t = s.upper()
lineapy.save(t, "shout")
lineapy.save(t, "loud")
u = t + "!"
lineapy.save(u, "exclaim")
`]],
    deps: { shout: [], loud: ['shout'], exclaim: ['loud'] },
  },
  {
    name: 'shared code that reads an upstream artifact',
    sessions: [[`import lineapy
seed = [2, 3]
lineapy.save(seed, "seed")
scaled = [s * 10 for s in seed]
first = scaled[0]
lineapy.save(first, "first")
last = scaled[-1]
lineapy.save(last, "last")
`]],
    deps: { seed: [], first: ['seed'], last: ['seed'] },
  },
  {
    name: 'tuple unpacking',
    sessions: [[`import lineapy
q, r = divmod(47, 5)
lineapy.save(q, "quotient")
lineapy.save(r, "remainder")
`]],
    deps: { quotient: [], remainder: [] },
  },
  {
    name: 'string processing with Counter',
    sessions: [[`import lineapy
from collections import Counter
doc = "it was the best of times it was the worst of times"
tokens = doc.split()
counts = Counter(tokens)
common = counts.most_common(2)
lineapy.save(common, "common")
vocab = sorted(set(tokens))
lineapy.save(vocab, "vocab")
`]],
    deps: { common: [], vocab: [] },
  },
  {
    name: 'dict mutated through setitem',
    sessions: [[`import lineapy
config = {"lr": 0.1}
config["epochs"] = 3
lineapy.save(config, "config")
config["lr"] = 0.01
summary = f"{config['lr']}x{config['epochs']}"
lineapy.save(summary, "summary")
`]],
    deps: { config: [], summary: ['config'] },
  },
  {
    name: 'with statement and csv',
    sessions: [[`import lineapy
import csv
import io
raw = "name,age\\nann,31\\nbob,27\\n"
with io.StringIO(raw) as fh:
    rows = list(csv.DictReader(fh))
lineapy.save(rows, "rows")
ages = [int(r["age"]) for r in rows]
lineapy.save(ages, "ages")
oldest = max(rows, key=lambda r: int(r["age"]))["name"]
lineapy.save(oldest, "oldest")
`]],
    deps: { rows: [], ages: ['rows'], oldest: ['rows'] },
  },
  {
    name: 'try/except block',
    sessions: [[`import lineapy
values = ["1", "x", "3"]
parsed = []
for v in values:
    try:
        parsed.append(int(v))
    except ValueError:
        parsed.append(None)
lineapy.save(parsed, "parsed")
clean = [p for p in parsed if p is not None]
lineapy.save(clean, "clean")
bad = parsed.count(None)
lineapy.save(bad, "bad")
`]],
    deps: { parsed: [], clean: ['parsed'], bad: ['parsed'] },
  },
  {
    name: 'an intermediate used by an artifact and its upstream',
    sessions: [[`import lineapy
xs = [1, 2, 3, 4]
total = sum(xs)
lineapy.save(total, "total")
mean = total / len(xs)
lineapy.save(mean, "mean")
`]],
    deps: { total: [], mean: ['total'] },
  },
  {
    name: 'while loop',
    sessions: [[`import lineapy
fib = [0, 1]
while len(fib) < 10:
    fib.append(fib[-1] + fib[-2])
lineapy.save(fib, "fib")
evens = [f for f in fib if f % 2 == 0]
lineapy.save(evens, "evens")
limit = 50
small = [f for f in fib if f < limit]
lineapy.save(small, "small")
`]],
    deps: { fib: [], evens: ['fib'], small: ['fib'] },
  },
  {
    name: 'decorated function and dataclass',
    sessions: [[`import lineapy
import functools
from dataclasses import dataclass
@functools.lru_cache(maxsize=None)
def tri(n):
    return n if n < 2 else n + tri(n - 1)
@dataclass
class Box:
    w: int
    h: int
t10 = tri(10)
lineapy.save(t10, "t10")
box = Box(t10, 2)
lineapy.save(box, "box")
t5 = tri(5)
lineapy.save(t5, "t5")
`]],
    deps: { t10: [], box: ['t10'], t5: [] },
  },
  {
    name: 'unrelated code is left out',
    sessions: [[`import lineapy
import random
junk = [random.random() for _ in range(3)]
a = 7
b = a * 6
lineapy.save(b, "answer")
noise = len(junk)
c = b - a
lineapy.save(c, "rest")
`]],
    deps: { answer: [], rest: ['answer'] },
  },
  {
    name: 'multi-line string, lineapy alias and a nested save',
    sessions: [[`import lineapy as lp
from lineapy import save as keep
template = """Dear {name},
  your total is {total}.
"""
amounts = [5, 7]
checked = []
for a in amounts:
    checked.append(lp.save(a, "in_loop"))
letter = template.format(name="Ann", total=sum(checked))
keep(letter, "letter")
keep(len(letter.splitlines()), "line_count")
`]],
    deps: { letter: [], line_count: ['letter'] },
  },
];

/**
 * Programs whose loops and branches compute more than the artifacts need: a fine export
 * (issue 18) trims those blocks. Run in both modes by the pipeline proof.
 */
export const FINE_PIPELINE_PROGRAMS: PipelineProgram[] = [
  {
    name: 'fine: two accumulators in one loop, a print on a branch',
    sessions: [[`import lineapy
n = 10
total = 0
squares = 0
for i in range(n):
    total += i
    squares += i * i
    if i % 3 == 0:
        print("step", i, squares)
lineapy.save(total, "total")
doubled = total * 2
lineapy.save(doubled, "doubled")
`]],
    deps: { total: [], doubled: ['total'] },
  },
  {
    name: 'fine: a loop over a list that is only iterated, branches on both artifacts',
    sessions: [[`import lineapy
prices = [3, 8, 1, 9]
cheap = 0
dear = 0
log = ""
for p in prices:
    if p < 5:
        cheap += p
        log += "c"
    else:
        dear += p
        log += "d"
lineapy.save(cheap, "cheap")
lineapy.save(dear, "dear")
`]],
    deps: { cheap: [], dear: [] },
  },
  {
    name: 'fine: two sessions, a while loop with break',
    sessions: [
      [`import lineapy
k = 0
acc = 1
noise = 0
while True:
    k += 1
    acc *= 2
    noise += k * 7 % 5
    if k >= 5:
        break
lineapy.save(acc, "acc")
`],
      [`import lineapy
xs = [1, 2, 3]
evens = []
odds = []
for x in range(6):
    if x % 2 == 0:
        evens.append(x)
    else:
        odds.append(x)
lineapy.save(len(evens), "even_count")
lineapy.save(odds, "odds")
`],
    ],
    deps: { acc: [], even_count: [], odds: [] },
  },
];
