/**
 * Mutation/view/side-effect rules are data. Each library has a table of CallRules; the
 * analyser interprets them (see ../calls.ts, `applyRules`).
 */

/** Pseudo-values that stand for the outside world. */
export type PseudoValue = 'file_system' | 'db';

/** An argument of a call: `'self'` (the receiver), a position, or a keyword name. */
export type ArgRef = 'self' | number | { kw: string; pos?: number };

export interface CallRule {
  /**
   * Function rules: fully qualified names (`pandas.read_csv`), after the aliases in
   * QUALNAME_ALIASES are applied. Method rules: method names; `'*'` matches any.
   */
  names: readonly string[];
  /** Function rules only: a pattern over the qualified name instead of (or besides) `names`. */
  pattern?: RegExp;
  /** Method rules only: receiver types it applies to (`'*'` = any known type). */
  receivers?: readonly string[];
  /** Method rules: also apply when the receiver's type is unknown. */
  unknownReceiver?: boolean;
  /** Method rules: method names excluded from a `'*'` rule. */
  except?: RegExp;
  /** Only when this keyword argument is given as this literal. */
  when?: { kw: string; equals: boolean | string | number };
  /** Arguments mutated in place. For function rules, `'self'` is the module object before the dot (e.g. `plt`). */
  mutates?: readonly ArgRef[];
  /** The result is a view of (aliases) these arguments. */
  viewOf?: readonly ArgRef[];
  /**
   * Method rules: the receiver now holds these arguments (`rows.append(x)`), so mutating
   * one of them mutates the receiver (containment, conservative: they join one view set).
   */
  holds?: readonly ArgRef[];
  /** Method rules: the receiver now holds the elements of these arguments (`rows.extend(xs)`). */
  holdsElementsOf?: readonly ArgRef[];
  /** Inferred type of the result. */
  returns?: string;
  /** The call reads the outside world. */
  reads?: PseudoValue;
  /** The call writes the outside world. */
  writes?: PseudoValue;
  /**
   * Where a file reader or writer points (see ../effects.ts): each argument given is a path
   * (a string literal, or a file handle / `Path` whose literal path is known) or an unknown
   * path. None given: an unknown path.
   */
  path?: readonly ArgRef[];
  /** For a call that reads one file and writes another (`shutil.copy`): the paths read (default `path`). */
  readPath?: readonly ArgRef[];
  /** The call opens a file: this argument is the mode; `w`, `a`, `x` or `+` make it a writer, else a reader. */
  opens?: ArgRef;
  /** The write happens only when the receiver was opened for writing (`f.close()` flushes). */
  flushes?: boolean;
  /** Only when this argument is given (`print(..., file=f)`). */
  requires?: ArgRef;
  /** A database call whose first argument is a literal query starting with SELECT only reads (`conn.execute("select …")`). */
  sqlQuery?: boolean;
}

export interface RuleTable {
  library: string;
  functions: readonly CallRule[];
  methods: readonly CallRule[];
}
