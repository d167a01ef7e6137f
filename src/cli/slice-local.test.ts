/**
 * `threadline slice` on a script whose work lives in `main()` (issue 18.2): `--var main.ranker`
 * slices a local, a bare local name is answered with the function's locals, and `--fine`
 * cuts inside blocks.
 */
import { describe, expect, it } from 'vitest';
import { capture, scratchFiles } from './testing';
import { run } from './slice';

const { write: file } = scratchFiles('slice-local');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** A demo script in the shape of xgboost's examples: everything happens in main(). */
const DEMO = `import argparse
import json
import math

SEED = 7
UNUSED = "not needed"


def load(n):
    return [((i * SEED) % 11, i % 3) for i in range(n)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20)
    rows = 20
    data = load(rows)
    report = {"rows": rows}
    ranker = []
    for x, label in data:
        if label == 0:
            continue
        ranker.append(math.sqrt(x))
        report["seen"] = report.get("seen", 0) + 1
    ranker.sort()
    with open("report.json", "w") as fh:
        json.dump(report, fh)
    print(len(ranker))


if __name__ == "__main__":
    main()
`;

describe('threadline slice --var FUNCTION.NAME', () => {
  const demo = file('demo.py', DEMO);

  it('slices a local of main(): the header, the statements it needs, and the module code main needs', async () => {
    const r = await cli([demo, '--var', 'main.ranker']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // Calls with effects Threadline cannot see through (argparse, the `with` that writes a
    // file) stay, with what they read; `UNUSED`, `import`-free code and `print` go.
    expect(r.out).toBe(`import argparse
import json
import math
SEED = 7
def load(n):
    return [((i * SEED) % 11, i % 3) for i in range(n)]
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20)
    rows = 20
    data = load(rows)
    report = {"rows": rows}
    ranker = []
    for x, label in data:
        if label == 0:
            continue
        ranker.append(math.sqrt(x))
        report["seen"] = report.get("seen", 0) + 1
    ranker.sort()
    with open("report.json", "w") as fh:
        json.dump(report, fh)
`);
    expect(r.out).not.toContain('UNUSED');
    expect(r.out).not.toContain('print(');
    expect(r.out).not.toContain('__main__');
  });

  it('a bare local name says the work is inside main() and lists its locals', async () => {
    const r = await cli([demo, '--var', 'ranker']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('No variable named "ranker" is bound at the end of demo.py.');
    expect(r.err).toContain('This script does its work inside main() (called from `if __name__ == "__main__":`).');
    expect(r.err).toContain('"ranker" is a local of main(): use --var main.ranker.');
    expect(r.err).toContain('The locals of main(): parser, rows, data, report, ranker, x, label, fh.');
  });

  it('an unknown local lists the locals; an unknown function says so', async () => {
    const a = await cli([demo, '--var', 'main.rankr']);
    expect(a.code).toBe(1);
    expect(a.err).toContain('Function "main" has no local named "rankr". Its locals: parser, rows, data, report, ranker');
    const b = await cli([demo, '--var', 'mian.ranker']);
    expect(b.err).toContain('No function named "mian" is defined at module level.');
  });
});

describe('threadline slice --fine', () => {
  it('keeps only the loop statements the variable needs', async () => {
    const code = `total = 0
log = []
for i in range(10):
    log.append(i)
    if i % 2:
        total += i
print(total)
`;
    const f = file('loop.py', code);
    const whole = await cli([f, '--var', 'total']);
    expect(whole.out).toBe('total = 0\nlog = []\nfor i in range(10):\n    log.append(i)\n    if i % 2:\n        total += i\n');
    const fine = await cli([f, '--var', 'total', '--fine']);
    expect(fine.err).toBe('');
    expect(fine.out).toBe('total = 0\nfor i in range(10):\n    if i % 2:\n        total += i\n');
  });
});
