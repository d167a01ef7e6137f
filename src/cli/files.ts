/**
 * The CLI's file-system door. Input: only regular files, checked with fstat before a byte is
 * read, and at most `maxBytes` of them. Output: never through a symbolic link, a hard link or
 * anything but a regular file, checked for every file before the first one is written.
 * Every failure is a CliFileError holding a sentence, never a raw `EEXIST: …` line.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { DEFAULT_MAX_INGEST_BYTES } from '../core/ingest';
import { quoted } from './output';

/** The default `--max-bytes`: the app's ingest size limit. */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_INGEST_BYTES;

/** Exit codes (documented in `threadline --help`). */
export const EXIT = {
  ok: 0,
  /** The input was refused or not found: missing, unreadable, not a regular file, too big, not Python, unknown name. */
  input: 1,
  usage: 2,
  /** The output could not be written (a file-system error or an unsafe target). */
  output: 3,
  /** A bug in Threadline. */
  internal: 4,
} as const;

/** A file-system problem, told as a sentence; `exitCode` says whether the input or the output failed. */
export class CliFileError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliFileError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EEXIST: 'something already exists there',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  ELOOP: 'it is a symbolic link, or a loop of them (Threadline does not write through links)',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
  ENXIO: 'it is a socket or a device with nothing attached',
  EBUSY: 'it is busy',
  ETXTBSY: 'it is a running program',
  EFBIG: 'the file would be too large',
  EINVAL: 'the name is not valid here',
};

/** Why a file-system call failed, as the end of a sentence. */
export function fsReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && REASONS[code]) return REASONS[code];
  return `the file system refused (${typeof code === 'string' ? code : 'unknown error'})`;
}

/** What a file that is not a regular file is, for a sentence. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** `2 MB`, `900 KB`, or `1,000 bytes`, for a sentence. */
export function sizeText(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${(bytes / mb).toLocaleString('en')} MB`;
  if (bytes >= 10 * mb) return `${Math.round(bytes / mb).toLocaleString('en')} MB`;
  if (bytes >= 10 * 1024) return `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
  return `${bytes.toLocaleString('en')} byte${bytes === 1 ? '' : 's'}`;
}

/** `--max-bytes` text (`1000`, `64k`, `200M`, `1G`) → bytes, or undefined when it does not parse. */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+)\s*([kmg]?)b?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 1024 * 1024;

/**
 * The bytes of a regular file of at most `maxBytes`. Opening never blocks (O_NONBLOCK, so a FIFO
 * without a writer does not hang), fstat refuses anything but a regular file before reading,
 * and reading stops once the file turns out bigger than the limit (it may grow after fstat).
 */
export async function readRegularFile(path: string, maxBytes: number = DEFAULT_MAX_BYTES): Promise<Uint8Array> {
  const cannot = (why: string) => new CliFileError(`cannot read ${quoted(path)}: ${why}.`, EXIT.input);
  const tooBig = (size: string) =>
    new CliFileError(`${quoted(path)} is ${size}, over the size limit of ${sizeText(maxBytes)}, so it was not read. Use --max-bytes to raise the limit.`, EXIT.input);
  let fh: FileHandle;
  try {
    fh = await open(path, READ_FLAGS);
  } catch (e) {
    const code = (e as { code?: string }).code;
    // open() on a Unix socket fails with ENXIO: say what it is.
    const st = code === 'ENXIO' ? await stat(path).catch(() => null) : null;
    throw cannot(code === 'ENOENT' ? 'no such file' : st && !st.isFile() ? `it is ${kindOf(st)}, not a regular file` : fsReason(e));
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw cannot(`it is ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) throw tooBig(sizeText(st.size));
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buf = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooBig(`more than ${sizeText(maxBytes)}`);
    }
    if (chunks.length === 1) return chunks[0];
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  } catch (e) {
    throw e instanceof CliFileError ? e : cannot(fsReason(e));
  } finally {
    await fh.close().catch(() => {});
  }
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Makes sure `dir` is a real folder (creating it when missing): refuses a symbolic link, a
 * file or anything else there.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  const refuse = (why: string) => new CliFileError(`cannot write to ${quoted(dir)}: ${why}. Nothing was written.`, EXIT.output);
  try {
    let st = await lstatOrNull(dir);
    if (st === null) {
      await mkdir(dir, { recursive: true });
      st = await lstat(dir);
    }
    if (st.isSymbolicLink()) throw refuse('it is a symbolic link; give the real directory');
    if (!st.isDirectory()) throw refuse(`it is ${st.isFile() ? 'a file' : kindOf(st)}, not a directory`);
  } catch (e) {
    throw e instanceof CliFileError ? e : refuse(fsReason(e));
  }
}

/** Why an existing path may not be written, or null when it is an ordinary file of its own. */
function unsafeTarget(st: Stats): string | null {
  if (st.isSymbolicLink()) return 'it is a symbolic link; Threadline does not write through links';
  if (!st.isFile()) return `it is ${kindOf(st)}, not a regular file`;
  if (st.nlink > 1) return 'it has other hard links; Threadline does not overwrite shared files';
  return null;
}

const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Writes each file, creating or replacing it. Every target is checked (lstat) before the
 * first write, so one unsafe target means nothing is written. Each file is then opened with
 * O_NOFOLLOW and checked again with fstat before it is truncated: a link or FIFO swapped in
 * meanwhile is refused, never written through.
 */
export async function writeOutputFiles(files: Array<{ path: string; content: string }>): Promise<void> {
  const refuse = (path: string, why: string, written: number) =>
    new CliFileError(`cannot write ${quoted(path)}: ${why}. ${written === 0 ? 'Nothing was written.' : `Only the first ${written} file${written === 1 ? ' was' : 's were'} written.`}`, EXIT.output);
  for (const f of files) {
    let st: Stats | null;
    try {
      st = await lstatOrNull(f.path);
    } catch (e) {
      throw refuse(f.path, fsReason(e), 0);
    }
    const why = st && unsafeTarget(st);
    if (why) throw refuse(f.path, why, 0);
  }
  let written = 0;
  for (const f of files) {
    let fh: FileHandle | undefined;
    try {
      fh = await open(f.path, WRITE_FLAGS, 0o644);
      const why = unsafeTarget(await fh.stat());
      if (why) throw refuse(f.path, why, written);
      await fh.truncate(0);
      await fh.writeFile(f.content);
    } catch (e) {
      throw e instanceof CliFileError ? e : refuse(f.path, fsReason(e), written);
    } finally {
      await fh?.close().catch(() => {});
    }
    written++;
  }
}
