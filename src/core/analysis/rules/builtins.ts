import type { CallRule, RuleTable } from './types';

const CONTAINERS = ['list', 'dict', 'set', 'bytearray', 'deque', 'defaultdict', 'OrderedDict', 'Counter'];

/**
 * Types whose values are iterators: a loop, a comprehension, `next`, or any call given one
 * advances it (../calls.ts, ../opaque.ts), so a later use depends on every earlier consumer.
 * A file handle is its own iterator over lines.
 */
export const ITERATOR_TYPES: ReadonlySet<string> = new Set(['iterator', 'file']);

const functions: CallRule[] = [
  { names: ['builtins.setattr', 'builtins.delattr', 'operator.setitem', 'operator.delitem', 'operator.iadd', 'operator.isub', 'operator.imul', 'operator.iconcat'], mutates: [0] },
  { names: ['builtins.list', 'builtins.sorted'], returns: 'list' },
  { names: ['builtins.dict'], returns: 'dict' },
  { names: ['builtins.set'], returns: 'set' },
  { names: ['builtins.bytearray'], returns: 'bytearray' },
  { names: ['collections.deque'], returns: 'deque' },
  { names: ['collections.defaultdict'], returns: 'defaultdict' },
  { names: ['collections.OrderedDict'], returns: 'OrderedDict' },
  { names: ['collections.Counter'], returns: 'Counter' },
  { names: ['random.shuffle'], mutates: [0] },
  // Iterators (ITERATOR_TYPES): what consumes them is in ../calls.ts and ../opaque.ts.
  // `next(x)` advances x whatever the analysis knows of its type (it fails on anything else).
  { names: ['builtins.next'], mutates: [0] },
  { names: ['re.finditer', 'os.scandir', 'os.walk', 'glob.iglob'], returns: 'iterator' },
  { names: ['builtins.iter', 'builtins.map', 'builtins.filter', 'builtins.zip', 'builtins.enumerate', 'builtins.reversed', 'csv.reader', 'csv.DictReader'], returns: 'iterator' },
  { names: [], pattern: /^itertools\.(count|cycle|repeat|accumulate|batched|chain|chain\.from_iterable|compress|dropwhile|filterfalse|groupby|islice|pairwise|starmap|takewhile|zip_longest|product|permutations|combinations|combinations_with_replacement)$/, returns: 'iterator' },
  // exec/eval with a namespace put the names they bind into it.
  { names: ['builtins.exec', 'builtins.eval'], mutates: [1, 2] },
  // A reader in "r" mode, a writer in "w"/"a"/"x"/"+" modes (../effects.ts); the handle keeps the path.
  { names: ['builtins.open', 'io.open', 'codecs.open'], opens: { kw: 'mode', pos: 1 }, path: [{ kw: 'file', pos: 0 }], returns: 'file' },
  { names: ['builtins.print'], requires: { kw: 'file' }, writes: 'file_system', path: [{ kw: 'file' }] },
  { names: ['builtins.input'], reads: 'file_system' },
];

const methods: CallRule[] = [
  // Container mutators. Unknown receivers count too: these names almost always mutate.
  { names: ['append', 'extend', 'insert', 'remove', 'clear', 'sort', 'reverse', 'update', 'setdefault', 'popitem', 'discard', 'appendleft', 'extendleft', 'popleft', 'rotate'], receivers: CONTAINERS, unknownReceiver: true, mutates: ['self'] },
  // Containment: what a container is given, it holds.
  { names: ['append', 'appendleft'], receivers: CONTAINERS, unknownReceiver: true, holds: [0] },
  { names: ['insert', 'setdefault'], receivers: CONTAINERS, unknownReceiver: true, holds: [1] },
  // `add` on an unknown receiver (a set display is opaque): it mutates and holds, to be safe.
  { names: ['add'], receivers: CONTAINERS, unknownReceiver: true, holds: [0] },
  { names: ['add'], receivers: [], unknownReceiver: true, mutates: ['self'] },
  { names: ['extend', 'extendleft', 'update'], receivers: CONTAINERS, unknownReceiver: true, holdsElementsOf: [0] },
  { names: ['pop', 'add', 'difference_update', 'intersection_update', 'symmetric_difference_update', '__setitem__', '__delitem__'], receivers: CONTAINERS, mutates: ['self'] },
  { names: ['pop', '__setitem__', '__delitem__'], unknownReceiver: true, receivers: [], mutates: ['self'] },
  // `x.copy()` keeps the container type.
  ...CONTAINERS.map((t): CallRule => ({ names: ['copy'], receivers: [t], returns: t })),
  // Dict views see later changes of the dict (unknown receivers too, to be safe).
  { names: ['keys', 'values', 'items'], receivers: ['dict', 'defaultdict', 'OrderedDict', 'Counter'], unknownReceiver: true, viewOf: ['self'] },
  // Generators made by methods (pandas' row iterators, a compiled pattern's finditer).
  { names: ['iterrows', 'itertuples', 'finditer'], receivers: [], unknownReceiver: true, returns: 'iterator' },
  // Files.
  { names: ['write', 'writelines', 'truncate', 'flush'], receivers: ['file'], mutates: ['self'], writes: 'file_system', path: ['self'] },
  { names: ['read', 'readline', 'readlines'], receivers: ['file'], mutates: ['self'], reads: 'file_system', path: ['self'] },
  // Closing a handle opened for writing flushes it: a write of its path.
  { names: ['close'], receivers: ['file'], mutates: ['self'], writes: 'file_system', path: ['self'], flushes: true },
  { names: ['seek'], receivers: ['file'], mutates: ['self'] },
];

export const builtinsRules: RuleTable = { library: 'builtins', functions, methods };
