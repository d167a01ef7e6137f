import type { CallRule, RuleTable } from './types';

const FIRST = [{ kw: 'path', pos: 0 }] as const;
const SECOND = [{ kw: 'dst', pos: 1 }] as const;

const functions: CallRule[] = [
  { names: ['pickle.dump', 'json.dump', 'marshal.dump', 'yaml.dump', 'yaml.safe_dump', 'cloudpickle.dump', 'dill.dump'], mutates: [1], writes: 'file_system', path: [{ kw: 'file', pos: 1 }, { kw: 'fp', pos: 1 }, { kw: 'stream', pos: 1 }] },
  { names: ['pickle.load', 'json.load', 'marshal.load', 'yaml.load', 'yaml.safe_load', 'cloudpickle.load', 'dill.load'], mutates: [0], reads: 'file_system', path: [{ kw: 'file', pos: 0 }, { kw: 'fp', pos: 0 }, { kw: 'stream', pos: 0 }] },
  { names: ['shutil.copy', 'shutil.copyfile', 'shutil.copy2', 'shutil.copytree'], reads: 'file_system', readPath: [{ kw: 'src', pos: 0 }], writes: 'file_system', path: SECOND },
  { names: ['shutil.move', 'os.rename', 'os.replace'], reads: 'file_system', readPath: [{ kw: 'src', pos: 0 }], writes: 'file_system', path: [{ kw: 'src', pos: 0 }, { kw: 'dst', pos: 1 }] },
  { names: ['shutil.rmtree', 'os.remove', 'os.unlink', 'os.mkdir', 'os.makedirs', 'os.rmdir'], writes: 'file_system', path: FIRST },
  // Unknown paths: a new working directory, a download, archives.
  { names: ['os.chdir', 'tarfile.open', 'zipfile.ZipFile'], writes: 'file_system' },
  { names: ['urllib.request.urlretrieve'], writes: 'file_system', path: [{ kw: 'filename', pos: 1 }] },
  { names: ['os.path.exists', 'os.path.isfile', 'os.path.isdir', 'os.path.getsize', 'os.stat'], reads: 'file_system', path: FIRST },
  { names: ['csv.reader', 'csv.DictReader'], reads: 'file_system', path: [{ kw: 'f', pos: 0 }] },
  // Directory listings see every file: an unknown path.
  { names: ['os.listdir', 'os.scandir', 'os.walk', 'glob.glob', 'glob.iglob', 'os.getcwd'], reads: 'file_system' },
  { names: ['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath'], returns: 'path', path: [0] },
  { names: ['csv.writer', 'csv.DictWriter'], returns: 'csv.writer', path: [{ kw: 'f', pos: 0 }] },
];

const methods: CallRule[] = [
  { names: ['write_text', 'write_bytes', 'mkdir', 'unlink', 'rmdir', 'touch'], receivers: ['path'], writes: 'file_system', path: ['self'] },
  { names: ['rename', 'replace'], receivers: ['path'], writes: 'file_system', path: ['self', { kw: 'target', pos: 0 }] },
  { names: ['read_text', 'read_bytes', 'exists', 'is_file', 'is_dir', 'stat'], receivers: ['path'], reads: 'file_system', path: ['self'] },
  { names: ['glob', 'rglob', 'iterdir'], receivers: ['path'], reads: 'file_system' },
  { names: ['open'], receivers: ['path'], opens: { kw: 'mode', pos: 0 }, path: ['self'], returns: 'file' },
  { names: ['writerow', 'writerows'], receivers: ['csv.writer'], unknownReceiver: true, mutates: ['self'], writes: 'file_system', path: ['self'] },
  { names: ['extractall', 'extract'], unknownReceiver: true, receivers: [], writes: 'file_system' },
];

export const ioRules: RuleTable = { library: 'io', functions, methods };
