/**
 * Generated huge inputs (issue 13): each is under the 100 MB ingest limit and used to take
 * minutes or crash Node. Shared by `bench/huge.bench.ts` and the unit tests.
 */

/** `xs = [0, 1, 2, …]` on one line, about `bytes` long (5 MB ≈ 760,000 ints). */
export function oneLineList(bytes: number): string {
  const parts: string[] = [];
  let size = 6;
  for (let i = 0; size < bytes; i++) {
    const s = String(i % 1000);
    parts.push(s);
    size += s.length + 2;
  }
  return `xs = [${parts.join(', ')}]\n`;
}

/** A script of about `bytes` of short lines (`a12 = 3`, `b = a12 + 1`, `print(b)` …). */
export function shortLines(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = i % 3 === 0 ? `a${i % 500} = ${i % 97}` : i % 3 === 1 ? `b = a${(i - 1) % 500} + 1` : 'c = b';
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** `v0 = v1 = … = v{n-1} = 1`. */
export function chainedAssignment(n: number): string {
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push(`v${i}`);
  return `${names.join(' = ')} = 1\n`;
}

/** `s = "a0" + "a1" + …` with `n` terms. */
export function longConcatenation(n: number): string {
  const terms: string[] = [];
  for (let i = 0; i < n; i++) terms.push(`"a${i}"`);
  return `s = ${terms.join(' + ')}\n`;
}

/** `depth` levels of nested lists around a name, `count` times (legal: under Python's 200). */
export function deepNesting(depth: number, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`d${i} = ${'['.repeat(depth)}x${']'.repeat(depth)}`);
  return `x = 1\n${lines.join('\n')}\n`;
}
