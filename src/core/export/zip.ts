/** The pipeline download: generated files in one `.zip` (fflate, synchronous, pure). */
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface GeneratedFile {
  path: string;
  content: string;
}

/** Zips text files (UTF-8). Paths keep their folders; a later duplicate path wins. */
export function zipFiles(files: readonly GeneratedFile[]): Uint8Array {
  const tree: Zippable = {};
  for (const file of files) tree[file.path] = [strToU8(file.content), { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }];
  return zipSync(tree);
}
