/**
 * A tiny builder of hand-made SessionGraph values, for slicer/dataflow tests and the
 * benchmark. Not used by the app.
 */
import type {
  CallKwarg,
  LineageNode,
  LiteralValue,
  SessionGraph,
  SourceCode,
  SourceLocation,
} from '../../model';

export interface Span {
  cell: string;
  line: number;
  endLine?: number;
  col?: number;
  endCol?: number;
}

export class GraphBuilder {
  readonly sessionId = 'session-1';
  readonly sourceCodes: SourceCode[] = [];
  readonly nodes: LineageNode[] = [];
  private counter = 0;

  /** Adds a source code (cell) and returns its id. */
  cell(code: string): string {
    const id = `cell-${this.sourceCodes.length}`;
    this.sourceCodes.push({ id, sessionId: this.sessionId, code, cellIndex: this.sourceCodes.length });
    return id;
  }

  private base(span: Span | undefined, names: string[]) {
    const id = `n${this.counter}`;
    const seq = this.counter++;
    const location: SourceLocation | undefined = span
      ? { sourceCodeId: span.cell, line: span.line, endLine: span.endLine ?? span.line, col: span.col ?? 0, endCol: span.endCol ?? 1 }
      : undefined;
    return { id, sessionId: this.sessionId, seq, names, ...(location ? { location } : {}) };
  }

  private push<T extends LineageNode>(node: T): string {
    this.nodes.push(node);
    return node.id;
  }

  lookup(name: string, span?: Span): string {
    return this.push({ ...this.base(span, []), kind: 'Lookup', name });
  }

  literal(value: LiteralValue, span?: Span, names: string[] = []): string {
    const valueType = typeof value === 'string' ? 'str' : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value === 'boolean' ? 'bool' : 'NoneType';
    return this.push({ ...this.base(span, names), kind: 'Literal', value, valueType });
  }

  importModule(name: string, span?: Span, names: string[] = []): string {
    return this.push({ ...this.base(span, names), kind: 'Import', name, packageName: name.split('.')[0] });
  }

  call(
    functionId: string,
    args: string[],
    span?: Span,
    extra: {
      names?: string[];
      kwargs?: Array<Omit<CallKwarg, 'starred'>>;
      globalReads?: Record<string, string>;
      implicitDeps?: string[];
      blackBox?: string;
    } = {},
  ): string {
    return this.push({
      ...this.base(span, extra.names ?? []),
      kind: 'Call',
      functionId,
      args: args.map((id) => ({ id, starred: false })),
      kwargs: (extra.kwargs ?? []).map((k) => ({ ...k, starred: false })),
      globalReads: extra.globalReads ?? {},
      implicitDeps: extra.implicitDeps ?? [],
      ...(extra.blackBox !== undefined ? { blackBox: extra.blackBox } : {}),
    });
  }

  mutate(sourceId: string, callId: string, span?: Span, names: string[] = []): string {
    return this.push({ ...this.base(span, names), kind: 'Mutate', sourceId, callId });
  }

  global(name: string, callId: string, span?: Span): string {
    return this.push({ ...this.base(span, [name]), kind: 'Global', name, callId });
  }

  graph(): SessionGraph {
    return { sourceCodes: this.sourceCodes, nodes: this.nodes };
  }
}
