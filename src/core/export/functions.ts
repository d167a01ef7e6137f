/**
 * How a session's units become functions: units grouped by the set of artifacts that need
 * them (one shared function per group of several), self-contained definitions hoisted to
 * module level, and the parameters and return values of every generated function.
 */
import type { ArtifactWork, ModuleState, SessionWork, SharedGroup, StepInfo } from './types';
import type { UnitInfo } from './units';

export /** Shared functions and own code: units grouped by the set of artifacts that need them. */
function groupSession(s: SessionWork): void {
  const { artifacts: work, texts, infos } = s;
  const groups = new Map<string, { members: ArtifactWork[]; units: number[] }>();
  const usersOf = new Map<number, ArtifactWork[]>();
  for (const a of work) for (const u of a.units) if (texts.has(u)) {
    const users = usersOf.get(u) ?? [];
    users.push(a);
    usersOf.set(u, users);
  }
  for (const u of [...usersOf.keys()].sort((x, y) => x - y)) {
    const members = usersOf.get(u) ?? [];
    const key = members.map((m) => m.ident).join('\u0000');
    const g = groups.get(key) ?? { members, units: [] };
    g.units.push(u);
    groups.set(key, g);
  }

  const step = (us: number[]): StepInfo => {
    const reads: string[] = [];
    const readSet = new Set<string>();
    const writes = new Set<string>();
    const touched = new Set<string>();
    for (const u of us) {
      const info = infos.get(u);
      if (!info) continue;
      for (const r of info.reads) {
        touched.add(r);
        if (!writes.has(r) && !readSet.has(r)) {
          readSet.add(r);
          reads.push(r);
        }
      }
      for (const w of info.writes) {
        writes.add(w);
        touched.add(w);
      }
    }
    return { units: us, reads, writes, touched };
  };

  const shared: SharedGroup[] = [];
  const own = new Map<ArtifactWork, StepInfo>();
  for (const a of work) own.set(a, step([]));
  for (const [key, g] of groups) {
    if (g.members.length === 1) own.set(g.members[0], step(g.units));
    else shared.push({ key, members: g.members, step: step(g.units), functionName: '', params: [], returns: [] });
  }
  shared.sort((x, y) => y.members.length - x.members.length || x.step.units[0] - y.step.units[0]);
  s.shared = shared;
  s.own = own;
}

/**
 * Moves self-contained `def`/`class` units to module level (so classes pickle and print as
 * in the notebook): those whose free names are written by no unit left in a function, and
 * whose names no other unit binds. Identical definitions from several sessions appear once.
 */
export function hoistDefinitions(sessions: SessionWork[], state: ModuleState): string[] {
  interface Candidate {
    session: SessionWork;
    unit: number;
    text: string;
    info: UnitInfo;
  }
  const candidates: Candidate[] = [];
  for (const session of sessions) {
    for (const [unit, info] of session.infos) {
      const text = session.texts.get(unit) ?? '';
      if (info.definitionOnly) candidates.push({ session, unit, text, info });
    }
  }
  let hoisted = new Set(candidates);
  for (let changed = true; changed; ) {
    changed = false;
    // Names bound by units that stay in functions, and by hoisted units (by text).
    const boundInside = new Set<string>();
    const boundBy = new Map<string, Set<string>>();
    for (const session of sessions) {
      for (const [unit, info] of session.infos) {
        const c = candidates.find((x) => x.session === session && x.unit === unit);
        for (const w of info.writes) {
          if (c && hoisted.has(c)) {
            const texts = boundBy.get(w) ?? new Set<string>();
            texts.add(c.text);
            boundBy.set(w, texts);
          } else boundInside.add(w);
        }
      }
    }
    const keep = new Set<Candidate>();
    for (const c of hoisted) {
      const ok =
        [...c.info.reads].every((r) => c.info.writes.has(r) || !boundInside.has(r)) &&
        [...c.info.writes].every((w) => !boundInside.has(w) && (boundBy.get(w)?.size ?? 0) <= 1);
      if (ok) keep.add(c);
      else changed = true;
    }
    hoisted = keep;
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!hoisted.has(c)) continue;
    c.session.texts.delete(c.unit);
    c.session.infos.delete(c.unit);
    for (const w of c.info.writes) state.moduleNames.add(w);
    if (!seen.has(c.text)) {
      seen.add(c.text);
      out.push(c.text);
    }
  }
  return out;
}

/** Parameters of each `get_<artifact>`, names, parameters and returns of each shared function. */
export function finishSession(s: SessionWork, moduleNames: Set<string>, globals: Set<string>): void {
  const local = (n: string): boolean => !moduleNames.has(n) && !globals.has(n);
  // Parameters of get_<artifact>: the variables of its direct upstream artifacts.
  for (const a of s.artifacts) {
    const seen = new Set<string>();
    a.params = [];
    for (const b of a.direct) {
      if (seen.has(b.variable)) continue;
      seen.add(b.variable);
      a.params.push(globals.has(b.variable) ? `${b.variable}_in` : b.variable);
    }
  }
  // Shared functions: names and signatures.
  const usedNames = new Set<string>();
  s.shared.forEach((g, k) => {
    const joined = g.members.map((m) => m.ident).join('_and_');
    let fn = joined.length <= 60 ? `get_shared_for_${joined}` : `get_shared_${k + 1}_for_${g.members[0].ident}_and_${g.members.length - 1}_more`;
    while (usedNames.has(fn)) fn = `${fn}_`;
    usedNames.add(fn);
    g.functionName = fn;
  });
  const upstreamVarsOf = (a: ArtifactWork): Set<string> => new Set(a.direct.map((b) => b.variable).filter(local));
  s.shared.forEach((g, k) => {
    const available = new Set<string>();
    const common = g.members.map(upstreamVarsOf);
    for (const v of common[0]) if (common.every((c) => c.has(v))) available.add(v);
    for (const before of s.shared.slice(0, k)) {
      if (g.members.every((m) => before.members.includes(m))) for (const w of before.step.writes) available.add(w);
    }
    g.params = g.step.reads.filter((r) => available.has(r) && local(r));
  });
  // Returns: names a shared function writes that later code of any caller reads.
  s.shared.forEach((g, k) => {
    const needed = new Set<string>();
    for (const m of g.members) {
      for (const later of s.shared.slice(k + 1)) if (later.members.includes(m)) for (const p of later.params) needed.add(p);
      for (const r of s.own.get(m)?.reads ?? []) needed.add(r);
      needed.add(m.variable);
    }
    g.returns = [...g.step.writes].filter((w) => needed.has(w) && local(w));
  });
}
