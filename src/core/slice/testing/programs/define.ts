/**
 * The shape of a hand-written slice proof program, and the two ways the theme files write one.
 *
 * Each program names its target either as a `lineapy.save` artifact (`artifact`, with
 * `variable` the name it saves, evaluated at the end of the slice) or as a variable's
 * binding at the end (`variable` alone). `extra` says whether the program has
 * statements that do not influence the target, so the slice must be strictly shorter.
 */
export interface HandProgram {
  name: string;
  cells: string[];
  /** lineapy.save name; the target is the saved node. */
  artifact?: string;
  /** The variable whose binding (at the end, or as saved) is the target. */
  variable: string;
  /** Expression compared with repr() (default: the variable). */
  check: string;
  /** The program has statements that do not influence the target. */
  extra: boolean;
}

export const p = (name: string, code: string | string[], variable: string, extra = true, artifact?: string): HandProgram => ({
  name,
  cells: (Array.isArray(code) ? code : [code]).map((c) => c.replace(/^\n/, '')),
  variable: variable.split(':')[0],
  check: variable.includes(':') ? variable.slice(variable.indexOf(':') + 1) : variable,
  extra,
  ...(artifact ? { artifact } : {}),
});

/** One program per variable: the slice of each must reproduce it. */
export const each = (name: string, code: string, variables: string[], extra = true): HandProgram[] => variables.map((v) => p(`${name} [${v}]`, code, v, extra));
