/**
 * View sets: union-find over value nodes (roots), with member lists so that a mutation
 * can reach every view of a value. Small sets are merged into large ones.
 */
export class ViewSets {
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, string[]>();

  find(id: string): string {
    let root = id;
    let p = this.parent.get(root);
    while (p !== undefined && p !== root) {
      root = p;
      p = this.parent.get(root);
    }
    // Path compression.
    let cur = id;
    while (cur !== root) {
      const next = this.parent.get(cur);
      if (next === undefined) break;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const ma = this.members.get(ra) ?? [ra];
    const mb = this.members.get(rb) ?? [rb];
    const [big, small, bigList, smallList] = ma.length >= mb.length ? [ra, rb, ma, mb] : [rb, ra, mb, ma];
    this.parent.set(small, big);
    for (const m of smallList) bigList.push(m);
    this.members.set(big, bigList);
    this.members.delete(small);
  }

  /** Every member of the view set of `id` (including itself). */
  viewsOf(id: string): readonly string[] {
    const root = this.find(id);
    return this.members.get(root) ?? [id];
  }
}
