/**
 * Names a fresh Python module can read without binding them: `dir(builtins)` of
 * CPython 3.14 as Pyodide 314 ships it (3.11–3.13 have the same names minus
 * `PythonFinalizationError` and `_IncompleteInputError`; `builtins.test.ts` checks the
 * list against Pyodide), the module attributes every `__main__` has, and the names
 * IPython puts in a notebook's namespace.
 */

/** `sorted(dir(builtins))` in Pyodide 314 (Python 3.14), without Pyodide's own helper. */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError ' +
    'BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup ' +
    'False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ' +
    'ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError ' +
    'MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError ' +
    'OverflowError PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError RecursionError ' +
    'ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError ' +
    'SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError ' +
    'UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ' +
    'ZeroDivisionError _IncompleteInputError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ ' +
    '__package__ __spec__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod ' +
    'compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset ' +
    'getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max ' +
    'memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice ' +
    'sorted staticmethod str sum super tuple type vars zip'
  ).split(' '),
);

/**
 * Module attributes of `__main__` (`__file__` only when run as a script, `__annotations__`
 * once an annotation is evaluated: both are counted as present, to stay quiet).
 */
export const MODULE_ATTRIBUTES: ReadonlySet<string> = new Set([
  '__name__', '__doc__', '__builtins__', '__spec__', '__loader__', '__package__', '__file__', '__cached__', '__annotations__', '__dict__',
]);

/** Names IPython defines in a notebook's namespace (a slice of a notebook may read them). */
export const IPYTHON_NAMES: ReadonlySet<string> = new Set(['display', 'get_ipython', 'In', 'Out', '_', '__', '___', '_i', '_ii', '_iii', '_oh', '_dh', '_ih', 'exit', 'quit']);

/** Is `name` readable in a fresh module (builtins, module attributes, IPython's namespace)? */
export function isPredefinedName(name: string): boolean {
  return PYTHON_BUILTINS.has(name) || MODULE_ATTRIBUTES.has(name) || IPYTHON_NAMES.has(name) || /^_i?\d+$/.test(name);
}
