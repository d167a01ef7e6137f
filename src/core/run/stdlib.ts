/**
 * The standard-library modules a fresh Pyodide can import without loading a package: its
 * `sys.stdlib_module_names` (Python 3.14, Pyodide 314) less the ones Pyodide leaves out
 * (tkinter, curses, readline, venv, …). Data, checked against the real interpreter by
 * stdlib.test.ts, so a Pyodide upgrade that changes the list fails that test.
 */
const NAMES = [
  '__future__ _abc _ast _ast_unparse _asyncio _bisect _blake2 _bz2 _codecs _codecs_cn _codecs_hk',
  '_codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _collections _collections_abc _colorize',
  '_compat_pickle _contextvars _csv _ctypes _datetime _decimal _elementtree _frozen_importlib',
  '_frozen_importlib_external _functools _heapq _hmac _imp _io _json _locale _lsprof _lzma',
  '_markupbase _md5 _multibytecodec _opcode _opcode_metadata _operator _pickle _posixsubprocess',
  '_py_abc _py_warnings _pydatetime _pyio _pylong _pyrepl _queue _random _remote_debugging _sha1',
  '_sha2 _sha3 _signal _sitebuiltins _socket _sqlite3 _sre _ssl _stat _statistics _string',
  '_strptime _struct _suggestions _symtable _sysconfig _thread _threading_local _tokenize',
  '_tracemalloc _types _typing _warnings _weakref _weakrefset _zoneinfo _zstd abc annotationlib',
  'antigravity argparse array ast asyncio atexit base64 bdb binascii bisect builtins bz2 cProfile',
  'calendar cmath cmd code codecs codeop collections colorsys compileall compression concurrent',
  'configparser contextlib contextvars copy copyreg csv ctypes dataclasses datetime decimal',
  'difflib dis doctest email encodings enum errno faulthandler fcntl filecmp fileinput fnmatch',
  'fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib gzip hashlib',
  'heapq hmac html http imaplib importlib inspect io ipaddress itertools json keyword linecache',
  'locale logging lzma mailbox marshal math mimetypes mmap modulefinder multiprocessing netrc',
  'ntpath nturl2path numbers opcode operator optparse os pathlib pdb pickle pickletools pkgutil',
  'platform plistlib poplib posix posixpath pprint profile pstats pty py_compile pyclbr pydoc',
  'pyexpat queue quopri random re reprlib rlcompleter runpy sched secrets select selectors shelve',
  'shlex shutil signal site smtplib socket socketserver sqlite3 sre_compile sre_constants',
  'sre_parse ssl stat statistics string stringprep struct subprocess symtable sys sysconfig',
  'tabnanny tarfile tempfile termios textwrap this threading time timeit token tokenize tomllib',
  'trace traceback tracemalloc tty types typing unicodedata unittest urllib uuid warnings wave',
  'weakref webbrowser wsgiref xml xmlrpc zipapp zipfile zipimport zlib zoneinfo',
].join(' ');

/** Top-level module names of the standard library as Pyodide ships it. */
export const PYODIDE_STDLIB: ReadonlySet<string> = new Set(NAMES.split(' '));

/** Pyodide's own modules, importable in every interpreter (the JS bridge and Pyodide's Python API). */
export const PYODIDE_OWN_MODULES: ReadonlySet<string> = new Set(['js', 'pyodide', 'pyodide_js', '_pyodide']);
