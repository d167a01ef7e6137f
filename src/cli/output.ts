/**
 * What the CLI prints, made safe for a terminal: control characters from the input are escaped,
 * and large output (a `--json` graph, a long variable list) is written in chunks, never built
 * as one giant string.
 */

/**
 * C0 controls (but `\n` and `\t`, which may be layout), DEL, C1 controls, the Unicode line and
 * paragraph separators, and the bidi controls (ALM, LRM, RLM, embeddings, overrides, isolates).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_INLINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text from the input, safe to print: every control character becomes `\uXXXX`. With
 * `layout` (the default), `\n` and `\t` are kept; without it (a file name, a variable name, a
 * one-line message) they are escaped too. The `\uXXXX` form is also a valid JSON escape, so the
 * same helper makes JSON output safe (JSON.stringify leaves DEL, C1 and bidi controls raw).
 * Escaping is idempotent: what it prints contains nothing it would escape again.
 */
export function escapeControls(text: string, layout = true): string {
  return text.replace(layout ? UNSAFE : UNSAFE_INLINE, escapeOne);
}

/** A name or path from the input, in double quotes, on one line. */
export function quoted(text: string): string {
  return `"${escapeControls(text, false)}"`;
}

/** Writes the pieces to `sink` in chunks of about 64 KB (never one giant string). */
export async function writeChunked(pieces: Iterable<string>, sink: (chunk: string) => Promise<void>, chunkSize = 64 * 1024): Promise<void> {
  let parts: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    parts.push(piece);
    size += piece.length;
    if (size >= chunkSize) {
      await sink(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) await sink(parts.join(''));
}

/** How deep `jsonPieces` streams before it stringifies a value whole. */
const STREAM_DEPTH = 2;

/**
 * `JSON.stringify(value, null, 2)` plus a final newline, in pieces: the top-level object and the
 * arrays and objects inside it are streamed member by member, and only the values below (one
 * node, one diagnostic) are stringified whole. The joined pieces equal JSON.stringify's text.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  yield* pieces(value, 0, false);
  yield '\n';
}

/** How many array elements `arrayInBatches` stringifies at once. */
const BATCH = 256;

/**
 * An array whose elements are stringified whole, a batch at a time (much faster than one by
 * one): JSON.stringify(batch, null, 2) is `[\n  a,\n  b\n]`; its inside, indented by `pad`, is
 * what the elements look like in place.
 */
function* arrayInBatches(value: unknown[], pad: string): Generator<string> {
  for (let i = 0; i < value.length; i += BATCH) {
    const text = JSON.stringify(value.slice(i, i + BATCH), null, 2);
    yield `${i === 0 ? '[' : ','}${text.slice(1, -2).replace(/\n/g, `\n${pad}`)}`;
  }
  yield `\n${pad}]`;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function* pieces(value: unknown, depth: number, inArray: boolean): Generator<string> {
  const pad = '  '.repeat(depth);
  if (depth >= STREAM_DEPTH || !isContainer(value)) {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    // In an array JSON.stringify writes null for what it cannot represent (undefined, functions).
    // Strings in JSON hold no raw line breaks, so every \n here is layout.
    yield text === undefined ? (inArray ? 'null' : '') : depth === 0 ? text : text.replace(/\n/g, `\n${pad}`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    if (depth + 1 >= STREAM_DEPTH) return yield* arrayInBatches(value, pad);
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${pad}  `;
      yield* pieces(value[i], depth + 1, true);
    }
    return yield `\n${pad}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) return yield '{}';
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    yield `${i === 0 ? '{' : ','}\n${pad}  ${JSON.stringify(k)}: `;
    yield* pieces(v, depth + 1, false);
  }
  yield `\n${pad}}`;
}
