/**
 * Display-only statements: the ones that only show something (`print(…)`, `display(df)`,
 * `clear_output()`, a bare `df.head()` whose value the notebook shows, a plotting call with
 * no binding). They bind no name, change no value the program reads later and write nothing
 * outside, so a lineage reader can dim or hide them. Hiding them from a view re-routes the
 * edges through them (`keepNodes`), so no dependency is lost.
 * Pure; unit-tested in display.test.ts against the real analyser.
 */
import type { LineageNode, SessionGraph } from '../model';
import { keepNodes, type GraphView } from './view';

/** Statements that start with a keyword are not expressions (`assert`, `del`, `raise` …). */
const NOT_AN_EXPRESSION = /^(assert|del|raise|return|pass|global|nonlocal|import|from|break|continue|yield|async|await|def|class|for|while|if|with|try|lambda)\b/;
/** Plotting modules: their calls mutate only the plotting state (pyplot is a state machine). */
const PLOTTING_MODULE = /^(matplotlib|seaborn|plotly|pylab|bokeh|altair)(\.|$)/;
/** The text of a plotting call on a figure or axes (`ax.set_title(…)`, `axes[0].plot(…)`, `df.plot(…)`). */
const PLOTTING_CALL = /^(plt|sns|px|ax\w*|axs|axes|fig\w*)\b[\w.[\], ]*\.\w+\(|\.(plot|hist|scatter|imshow|bar|barh|boxplot|show)\(/;

/** An assignment's `=` (not `==`, `<=`, `>=`, `!=`) before any bracket: `x = …`, `df["a"] = …`, `a.b += 1`. */
const ASSIGNMENT = /^[\w.[\]"', ]+(?:[-+*/%&|^@]|\*\*|\/\/|>>|<<)?=(?!=)/;

type Effect = 'write' | 'plot' | 'mutate';

/** The node a chain of mutations starts from. */
function rootOf(byId: ReadonlyMap<string, LineageNode>, id: string): LineageNode | undefined {
  let n = byId.get(id);
  for (let guard = 0; n && n.kind === 'Mutate' && guard < 100_000; guard++) n = byId.get(n.sourceId);
  return n;
}

/** What each mutating call does, by call id: writes outside, changes the plot, or changes a value. */
function effectsByCall(graph: SessionGraph, byId: ReadonlyMap<string, LineageNode>): Map<string, Effect[]> {
  const out = new Map<string, Effect[]>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Mutate') continue;
    const root = rootOf(byId, n.sourceId);
    let effect: Effect = 'mutate';
    if (root?.kind === 'Lookup' && !root.location && /^(file:|file_system|db$)/.test(root.name)) effect = 'write';
    else if (root?.kind === 'Import' && PLOTTING_MODULE.test(root.name)) effect = 'plot';
    const list = out.get(n.callId) ?? [];
    list.push(effect);
    out.set(n.callId, list);
  }
  return out;
}

/** The first line of code of a statement's text. */
function firstCodeLine(text: string): string {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t && !t.startsWith('#')) return t;
  }
  return '';
}

/**
 * The ids of the statement-view nodes that only display: an expression statement (not a
 * block, not an import, not `lineapy.…`) that binds no name and whose calls mutate nothing
 * but the plotting state, and only when the text is a plotting call; nothing it does writes
 * outside.
 */
export function displayOnlyStatements(graph: SessionGraph, statements: GraphView): Set<string> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const effects = effectsByCall(graph, byId);
  const out = new Set<string>();
  for (const s of statements.nodes) {
    if (s.cell || s.isBlock || s.kind === 'Import') continue;
    const line = firstCodeLine(s.title || s.label);
    if (!line || NOT_AN_EXPRESSION.test(line) || line.startsWith('lineapy.') || ASSIGNMENT.test(line)) continue;
    const plotting = PLOTTING_CALL.test(line);
    const members = s.memberIds.map((id) => byId.get(id));
    const only = members.every((m) => {
      if (!m || m.kind === 'Import' || m.kind === 'Global') return false;
      // A mutation is judged by the call that made it (a member too); it carries the mutated name.
      if (m.kind === 'Mutate') return true;
      if (m.names.length > 0) return false;
      return (effects.get(m.id) ?? []).every((e) => e === 'plot' || (e === 'mutate' && plotting));
    });
    if (only) out.add(s.id);
  }
  return out;
}

/**
 * The view nodes that only display, for any view: statement nodes by the rule above, lineage
 * nodes (all-nodes view) that belong to such a statement, and cells whose every statement only
 * displays (a cell with no lineage node shows a value).
 */
export function displayOnlyIn(view: GraphView, statements: GraphView, displayStatements: ReadonlySet<string>): Set<string> {
  if (view.mode === 'statement') return new Set([...displayStatements].filter((id) => view.groupOf.has(id)));
  const out = new Set<string>();
  for (const n of view.nodes) {
    if (n.cell) {
      if (n.cell.statementIds.every((id) => displayStatements.has(id))) out.add(n.id);
      continue;
    }
    const statement = statements.groupOf.get(n.memberIds[0] ?? n.id);
    if (statement !== undefined && displayStatements.has(statement)) out.add(n.id);
  }
  return out;
}

/** The view without its display-only nodes; edges are re-routed through them. */
export function hideDisplayOnly(view: GraphView, displayOnly: ReadonlySet<string>): GraphView {
  return keepNodes(view, (n) => !displayOnly.has(n.id));
}
