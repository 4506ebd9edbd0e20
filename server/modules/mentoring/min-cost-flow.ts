// Exact capacitated assignment, pure: the most pairs possible, and among those the cheapest (min-cost max-flow).
//
// Network: source → each mentee (capacity 1) → each candidate mentor (capacity 1, the pair's cost) →
// sink (capacity = the mentor's free places). Primal-dual: a Dijkstra on reduced costs gives the
// shortest distance to the sink and new potentials; then a maximum flow (Dinic) over the arcs of
// reduced cost zero augments along every shortest path at once. Each augmentation is along a
// shortest path, so the flow stays a cheapest one of its size (successive shortest paths); the loop
// ends when no path remains, i.e. at a maximum flow. Costs are integers, all arithmetic is exact.

export interface AssignmentProblem {
  left: number;
  right: number;
  /** Free places of each right node. */
  capacity: ArrayLike<number>;
  edges: { count: number; mentee: ArrayLike<number>; mentor: ArrayLike<number>; cost: ArrayLike<number> };
}

export interface AssignmentSolution {
  /** For each left node, the index of its chosen edge, or −1. */
  chosen: Int32Array;
  matched: number;
  cost: number;
  phases: number;
}

export function solveAssignment(p: AssignmentProblem): AssignmentSolution {
  const g = new Network(p);
  const { V, S, T, start, head, cap, cost, rev } = g;
  const pot = new Float64Array(V), dist = new Float64Array(V), level = new Int32Array(V), iter = new Int32Array(V);
  const dead = new Uint8Array(V);
  const heap = new MinHeap(V, dist);
  const queue = new Int32Array(V), stack = new Int32Array(V), via = new Int32Array(V);
  let phases = 0;

  for (;;) {
    g.markDead(dead, queue);
    // Dijkstra on reduced costs, stopped past the sink's distance: farther nodes get that distance.
    dist.fill(Infinity);
    dist[S] = 0;
    heap.push(S);
    while (heap.size && heap.minKey() <= dist[T]!) {
      const u = heap.pop();
      const base = dist[u]! + pot[u]!;
      for (let a = start[u]!, end = start[u + 1]!; a < end; a++) {
        const v = head[a]!;
        if (cap[a]! <= 0 || dead[v]) continue;
        const d = base + cost[a]! - pot[v]!;
        if (d < dist[v]!) { dist[v] = d; heap.pushOrDecrease(v); }
      }
    }
    heap.clear();
    const D = dist[T]!;
    if (D === Infinity) break;
    phases++;
    for (let v = 0; v < V; v++) pot[v]! += Math.min(dist[v]!, D);

    // Dinic on the admissible arcs (residual, reduced cost zero) among the nodes no farther than the
    // sink (only those lie on shortest paths): augments along all shortest paths at once. Levels
    // are counted back from the sink, so a round looks only at nodes that can still get there.
    for (;;) {
      level.fill(-1);
      level[T] = 0;
      let qh = 0, qt = 0;
      queue[qt++] = T;
      while (qh < qt && level[S] === -1) {
        const v = queue[qh++]!, next = level[v]! + 1, pv = pot[v]!;
        for (let a = start[v]!, end = start[v + 1]!; a < end; a++) {
          const u = head[a]!, back = rev[a]!;
          if (level[u] === -1 && cap[back]! > 0 && dist[u]! <= D && cost[back]! + pot[u]! === pv) { level[u] = next; queue[qt++] = u; }
        }
      }
      if (level[S] === -1) break;
      iter.set(start.subarray(0, V));
      // Depth-first search without recursion: paths may be thousands of arcs long.
      for (;;) {
        let depth = 0;
        stack[0] = S;
        while (depth >= 0 && stack[depth] !== T) {
          const u = stack[depth]!, pu = pot[u]!, want = level[u]! - 1;
          let a = iter[u]!;
          const end = start[u + 1]!;
          for (; a < end; a++) {
            const v = head[a]!;
            if (level[v] === want && cap[a]! > 0 && cost[a]! + pu === pot[v]!) break;
          }
          iter[u] = a;
          if (a < end) { via[depth] = a; stack[++depth] = head[a]!; continue; }
          level[u] = -1; // a dead end for the rest of this round
          if (--depth >= 0) iter[stack[depth]!]!++;
        }
        if (depth < 0) break;
        // Every path starts with a source arc of capacity 1: it carries one unit.
        for (let d = 0; d < depth; d++) { const a = via[d]!; cap[a]!--; cap[rev[a]!]!++; }
      }
    }
  }

  const chosen = new Int32Array(p.left).fill(-1);
  let matched = 0, total = 0;
  for (let e = 0; e < p.edges.count; e++) {
    if (cap[g.edgeArc[e]!] === 0) { chosen[p.edges.mentee[e]!] = e; matched++; total += p.edges.cost[e]!; }
  }
  return { chosen, matched, cost: total, phases };
}

/** The residual network in compressed rows: the arcs out of node v are start[v] … start[v+1]−1. */
class Network {
  readonly V: number; readonly S = 0; readonly T: number;
  readonly start: Int32Array; readonly head: Int32Array; readonly cap: Int32Array; readonly cost: Float64Array; readonly rev: Int32Array;
  /** The forward arc of each mentee → mentor edge. */
  readonly edgeArc: Int32Array;

  constructor(p: AssignmentProblem) {
    const L = p.left, R = p.right, E = p.edges.count;
    this.T = L + R + 1;
    const V = (this.V = L + R + 2);
    const degree = new Int32Array(V);
    degree[0] = L; degree[this.T] = R;
    for (let i = 1; i <= L; i++) degree[i] = 1;
    for (let j = 0; j < R; j++) degree[1 + L + j] = 1;
    for (let e = 0; e < E; e++) { degree[1 + p.edges.mentee[e]!]!++; degree[1 + L + p.edges.mentor[e]!]!++; }
    const start = (this.start = new Int32Array(V + 1));
    for (let v = 0; v < V; v++) start[v + 1] = start[v]! + degree[v]!;
    const arcs = start[V]!;
    this.head = new Int32Array(arcs); this.cap = new Int32Array(arcs); this.cost = new Float64Array(arcs); this.rev = new Int32Array(arcs);
    this.edgeArc = new Int32Array(E);
    const fill = start.slice(0, V);
    const arc = (u: number, v: number, c: number, w: number): number => {
      if (w < 0 || !Number.isInteger(w)) throw new Error("costs must be non-negative integers");
      const f = fill[u]!++, b = fill[v]!++;
      this.head[f] = v; this.cap[f] = c; this.cost[f] = w; this.rev[f] = b;
      this.head[b] = u; this.cap[b] = 0; this.cost[b] = -w; this.rev[b] = f;
      return f;
    };
    for (let i = 0; i < L; i++) arc(0, 1 + i, 1, 0);
    for (let e = 0; e < E; e++) this.edgeArc[e] = arc(1 + p.edges.mentee[e]!, 1 + L + p.edges.mentor[e]!, 1, p.edges.cost[e]!);
    for (let j = 0; j < R; j++) arc(1 + L + j, this.T, Math.max(0, p.capacity[j]!), 0);
  }

  /**
   * Marks the nodes that can no longer reach the sink. Augmenting adds arcs only between nodes that
   * reach it, so a node that cannot reach the sink never will again: it drops out of every later
   * search. This is what keeps the country scale fast once the places run short.
   */
  markDead(dead: Uint8Array, queue: Int32Array): void {
    const { V, T, start, head, cap, rev } = this;
    const reaches = new Uint8Array(V);
    reaches[T] = 1;
    let qh = 0, qt = 0;
    queue[qt++] = T;
    while (qh < qt) {
      const v = queue[qh++]!;
      // u → v is residual when the reverse of v's arc to u has capacity.
      for (let a = start[v]!, end = start[v + 1]!; a < end; a++) {
        const u = head[a]!;
        if (!reaches[u] && !dead[u] && cap[rev[a]!]! > 0) { reaches[u] = 1; queue[qt++] = u; }
      }
    }
    for (let v = 0; v < V; v++) if (!reaches[v]) dead[v] = 1;
  }
}

/** A binary min-heap of node ids keyed by `key[id]`, with decrease-key through positions. */
class MinHeap {
  private readonly items: Int32Array;
  private readonly pos: Int32Array;
  size = 0;
  constructor(capacity: number, private readonly key: Float64Array) {
    this.items = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }
  push(id: number) { this.items[this.size] = id; this.pos[id] = this.size; this.up(this.size++); }
  pushOrDecrease(id: number) { const at = this.pos[id]!; if (at < 0) this.push(id); else this.up(at); }
  minKey(): number { return this.key[this.items[0]!]!; }
  pop(): number {
    const top = this.items[0]!;
    this.pos[top] = -1;
    if (--this.size > 0) { this.items[0] = this.items[this.size]!; this.pos[this.items[0]!] = 0; this.down(0); }
    return top;
  }
  clear() { for (let i = 0; i < this.size; i++) this.pos[this.items[i]!] = -1; this.size = 0; }
  private up(i: number) {
    const { items, pos, key } = this;
    const id = items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1, q = items[parent]!;
      if (key[q]! <= key[id]!) break;
      items[i] = q; pos[q] = i; i = parent;
    }
    items[i] = id; pos[id] = i;
  }
  private down(i: number) {
    const { items, pos, key } = this;
    const id = items[i]!, n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && key[items[c + 1]!]! < key[items[c]!]!) c++;
      if (key[items[c]!]! >= key[id]!) break;
      items[i] = items[c]!; pos[items[i]!] = i; i = c;
    }
    items[i] = id; pos[id] = i;
  }
}
