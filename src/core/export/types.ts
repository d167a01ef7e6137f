/**
 * The exporter's records: the public input and output of `buildPipeline`, and the working
 * state of one export (units, artifacts, shared groups, sessions) that the planning,
 * grouping and rendering steps pass along.
 */
import type { LineageNode, SessionGraph, SliceDiagnostic } from '../model';
import type { UnitInfo } from './units';
import type { GeneratedFile } from './zip';

export type PipelineFramework = 'script' | 'airflow';

export interface PipelineArtifactInput {
  name: string;
  graph: SessionGraph;
  nodeId: string;
  sessionId: string;
  sessionName?: string;
}

export interface PipelineInput {
  name?: string;
  framework: PipelineFramework;
  /**
   * Fine slices (issue 18): each session's unit texts come from one fine slice of all its
   * exported artifacts together, and units that slice drops are left out.
   */
  fine?: boolean;
  artifacts: PipelineArtifactInput[];
}

/** How one artifact was exported (for previews and tests). */
export interface PipelineArtifactPlan {
  name: string;
  /** `get_<ident>` */
  functionName: string;
  sessionId: string;
  /** Names of the upstream artifacts passed as parameters, in parameter order. */
  upstream: string[];
  /** The parameter names of `get_<ident>`. */
  params: string[];
  /** The Airflow task id (framework `airflow`). */
  taskId: string;
  /** What the slice self-check found in this artifact's slice (absent when nothing). */
  diagnostics?: SliceDiagnostic[];
}

export interface Pipeline {
  name: string;
  files: GeneratedFile[];
  artifacts: PipelineArtifactPlan[];
  /** `run_session_including_<ident>` per session, in order. */
  sessions: Array<{ sessionId: string; functionName: string; artifacts: string[] }>;
  /** Shared functions and which artifacts call them. */
  shared: Array<{ functionName: string; artifacts: string[] }>;
}

// ---- working state of one export ---------------------------------------------------

/** One statement unit of a session (the slicer's unit), with its original text. */
export interface Unit {
  index: number;
  sourceCodeId: string;
  start: number;
  end: number;
  text: string;
}

/** One artifact being exported: its node, variable, upstream artifacts, units and parameters. */
export interface ArtifactWork {
  input: PipelineArtifactInput;
  inputIndex: number;
  ident: string;
  node: LineageNode;
  /** Variable holding the value at the end of its function. */
  variable: string;
  /** Save statement to rewrite as `<variable> = <expr>` (artifact saved as an expression). */
  assignSave?: { unitIndex: number; name?: string; expr: string };
  /** Unit to rewrite as `<variable> = <statement>` (a UI-named bare expression statement). */
  assignUnit?: number;
  upstream: ArtifactWork[];
  direct: ArtifactWork[];
  units: number[];
  params: string[];
  diagnostics?: SliceDiagnostic[];
}

/** The code of one function: its units, what it reads before writing, writes and touches. */
export interface StepInfo {
  units: number[];
  reads: string[];
  writes: Set<string>;
  touched: Set<string>;
}

/** Units needed by the same set of several artifacts: one shared function. */
export interface SharedGroup {
  key: string;
  members: ArtifactWork[];
  step: StepInfo;
  functionName: string;
  params: string[];
  returns: string[];
}

/** One session's share of the export: its artifacts, unit texts and the functions cut from them. */
export interface SessionWork {
  sessionId: string;
  sessionName?: string;
  artifacts: ArtifactWork[];
  texts: Map<number, string>;
  infos: Map<number, UnitInfo>;
  shared: SharedGroup[];
  own: Map<ArtifactWork, StepInfo>;
}

/** Module-wide state built while planning sessions: hoisted imports, module names, modules, globals. */
export interface ModuleState {
  hoisted: string[];
  hoistedSet: Set<string>;
  moduleNames: Set<string>;
  modules: Set<string>;
  globals: Set<string>;
}
