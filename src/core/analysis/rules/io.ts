import type { CallRule, RuleTable } from './types';

const functions: CallRule[] = [
  { names: ['pickle.dump', 'json.dump', 'marshal.dump', 'yaml.dump', 'yaml.safe_dump', 'cloudpickle.dump', 'dill.dump'], mutates: [1], writes: 'file_system' },
  { names: ['pickle.load', 'json.load', 'marshal.load', 'yaml.load', 'yaml.safe_load', 'cloudpickle.load', 'dill.load'], mutates: [0], reads: 'file_system' },
  { names: ['shutil.copy', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'shutil.rmtree', 'os.remove', 'os.unlink', 'os.rename', 'os.replace', 'os.mkdir', 'os.makedirs', 'os.rmdir', 'os.chdir', 'urllib.request.urlretrieve', 'tarfile.open', 'zipfile.ZipFile'], writes: 'file_system' },
  { names: ['os.listdir', 'os.scandir', 'os.walk', 'os.path.exists', 'os.path.isfile', 'os.path.isdir', 'os.path.getsize', 'glob.glob', 'glob.iglob', 'csv.reader', 'csv.DictReader', 'os.getcwd'], reads: 'file_system' },
  { names: ['pathlib.Path'], returns: 'path' },
];

const methods: CallRule[] = [
  { names: ['write_text', 'write_bytes', 'mkdir', 'unlink', 'rmdir', 'touch', 'rename', 'replace'], receivers: ['path'], writes: 'file_system' },
  { names: ['read_text', 'read_bytes', 'exists', 'is_file', 'is_dir', 'glob', 'rglob', 'iterdir', 'open'], receivers: ['path'], reads: 'file_system' },
  { names: ['writerow', 'writerows'], unknownReceiver: true, receivers: [], mutates: ['self'], writes: 'file_system' },
  { names: ['extractall', 'extract'], unknownReceiver: true, receivers: [], writes: 'file_system' },
];

export const ioRules: RuleTable = { library: 'io', functions, methods };
