/**
 * Safety-stock placement by the guaranteed-service model (Graves & Willems 2000, "Optimizing
 * strategic safety stock placement in supply chains", M&SOM 2(1)): pure functions.
 *
 * Each stage j (a stock) has a processing time T_j [days: its replenishment time once its
 * inputs are available], a holding cost h_j [money per unit-day], and sees demand with
 * standard deviation σ_j per day (the demand of everything it feeds, aggregated). Stage j
 * quotes its customers an outbound committed service time S_j and is quoted an inbound one,
 * SI_j ≥ S_i for every supplying stage i (and ≥ the external si_j for a raw supply). It must
 * cover demand over its net lead time NLT_j = SI_j + T_j − S_j ≥ 0, so it holds safety stock
 * z·σ_j·√NLT_j and base stock μ_j·NLT_j + z·σ_j·√NLT_j. A stage facing customers has S_j ≤ s_j
 * (its promised service time; 0 = serve from stock). The model chooses every S_j (integers)
 * to minimise Σ h_j·z·σ_j·√NLT_j.
 *
 * The algorithm is the spanning-tree dynamic program: root the (undirected) tree anywhere;
 * for each stage, its subtree's least cost as a function of the one variable it shares with
 * its parent — F_j(x) = min over SI_j ≥ x when the parent supplies j (x = the parent's S),
 * G_j(y) = min over S_j ≤ y when j supplies the parent (y = the parent's SI) — built leaves
 * first, over every feasible (SI_j, S_j). Time values range over 0…M with M = Σ T + max si,
 * so the program is exact and runs in O(n·M²).
 */

/** One stage of the guaranteed-service model. */
export interface GsmStage {
  id: string;
  /** Processing time T [days], a non-negative integer. */
  processingTime: number;
  /** Holding cost [money per unit-day]. */
  holdingCost: number;
  /** Standard deviation of the demand this stage serves [units per √day]. */
  sigma: number;
  /** Mean demand this stage serves [units per day] (for base-stock levels; default 0). */
  mean?: number;
  /** Safety factor z (the demand bound: μ·τ + z·σ·√τ over τ days). */
  z: number;
  /** External inbound service time si [days] (a raw supply); default 0. */
  externalInboundCst?: number;
  /** Most outbound service time s [days] this stage may quote (customers' promise); default none. */
  maxOutboundCst?: number;
}

/** A supply relation: `from` replenishes `to`. */
export interface GsmEdge {
  from: string;
  to: string;
}

export interface GsmStagePlan {
  /** Outbound committed service time S [days]. */
  S: number;
  /** Inbound committed service time SI [days]. */
  SI: number;
  /** SI + T − S [days]. */
  netLeadTime: number;
  /** z·σ·√NLT [units]. */
  safetyStock: number;
  /** μ·NLT + z·σ·√NLT [units]. */
  baseStock: number;
  /** h·safety stock [money per day]. */
  cost: number;
}

export interface GsmSolution {
  /** Total safety-stock holding cost [money per day]. */
  cost: number;
  stages: Record<string, GsmStagePlan>;
}

/** The plan of one stage at given SI and S. */
export function stagePlan(st: GsmStage, SI: number, S: number): GsmStagePlan {
  const nlt = SI + st.processingTime - S;
  const safetyStock = st.z * st.sigma * Math.sqrt(nlt);
  return { S, SI, netLeadTime: nlt, safetyStock, baseStock: (st.mean ?? 0) * nlt + safetyStock, cost: st.holdingCost * safetyStock };
}

/** Checks the stages and edges: integer times, known ids, no stage with two parents in a cycle (a tree or forest). */
function checkTree(stages: readonly GsmStage[], edges: readonly GsmEdge[]): void {
  const ids = new Set<string>();
  for (const s of stages) {
    if (ids.has(s.id)) throw new RangeError(`stage ${s.id} given twice`);
    ids.add(s.id);
    for (const [k, v] of [['processingTime', s.processingTime], ['externalInboundCst', s.externalInboundCst ?? 0]] as const)
      if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`stage ${s.id}: ${k} must be a non-negative integer [days], got ${v}`);
    if (s.maxOutboundCst !== undefined && !(Number.isInteger(s.maxOutboundCst) && s.maxOutboundCst >= 0))
      throw new RangeError(`stage ${s.id}: maxOutboundCst must be a non-negative integer [days], got ${s.maxOutboundCst}`);
  }
  for (const e of edges) if (!ids.has(e.from) || !ids.has(e.to)) throw new RangeError(`edge ${e.from} → ${e.to}: unknown stage`);
  // A forest has fewer edges than stages in every component: union-find catches any cycle.
  const parent = new Map([...ids].map((id) => [id, id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const e of edges) {
    const a = find(e.from);
    const b = find(e.to);
    if (a === b) throw new RangeError(`the network is not a tree: ${e.from} → ${e.to} closes a cycle`);
    parent.set(a, b);
  }
}

/** Solves the guaranteed-service model on a tree (or forest) of stages. */
export function solveGsm(stages: readonly GsmStage[], edges: readonly GsmEdge[]): GsmSolution {
  checkTree(stages, edges);
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const M = stages.reduce((a, s) => a + s.processingTime, 0) + Math.max(0, ...stages.map((s) => s.externalInboundCst ?? 0));
  /** Neighbours: [stage, true when the neighbour is downstream (this stage supplies it)]. */
  const adj: Array<Array<[number, boolean]>> = stages.map(() => []);
  for (const e of edges) {
    adj[index.get(e.from)!]!.push([index.get(e.to)!, true]);
    adj[index.get(e.to)!]!.push([index.get(e.from)!, false]);
  }
  const n = stages.length;
  /** Subtree value per shared variable 0…M and the (SI, S) achieving it. */
  const value: number[][] = new Array(n);
  const arg: Array<Array<[number, number]>> = new Array(n);
  const visited = new Array<boolean>(n).fill(false);
  const chosen: Array<[number, number]> = new Array(n);
  let total = 0;

  /** Cost table of j given its children (all but `parent`), and j's relation to its parent. */
  const solve = (j: number, parent: number, parentIsDownstream: boolean | null): void => {
    visited[j] = true;
    const kids = adj[j]!.filter(([k]) => k !== parent);
    for (const [k, down] of kids) solve(k, j, !down);
    const st = stages[j]!;
    const si = st.externalInboundCst ?? 0;
    const sMax = Math.min(M, st.maxOutboundCst ?? M);
    // best(SI, S) = own cost + F_k(S) for stages j supplies + G_k(SI) for stages supplying j.
    const cell = (SI: number, S: number): number => {
      let c = stagePlan(st, SI, S).cost;
      for (const [k, down] of kids) c += value[k]![down ? S : SI]!;
      return c;
    };
    const v = new Array<number>(M + 1).fill(Infinity);
    const a = new Array<[number, number]>(M + 1).fill([-1, -1]);
    if (parentIsDownstream === null || parentIsDownstream) {
      // G_j(y): min over S ≤ y (root: y = M, every S).
      let best = Infinity;
      let at: [number, number] = [-1, -1];
      for (let y = 0; y <= M; y++) {
        if (y <= sMax)
          for (let SI = Math.max(si, y - st.processingTime); SI <= M; SI++) {
            const c = cell(SI, y);
            if (c < best - 1e-12) {
              best = c;
              at = [SI, y];
            }
          }
        v[y] = best;
        a[y] = at;
      }
    } else {
      // F_j(x): min over SI ≥ x, walking x down so each SI is visited once.
      let best = Infinity;
      let at: [number, number] = [-1, -1];
      for (let x = M; x >= 0; x--) {
        if (x >= si)
          for (let S = 0; S <= Math.min(sMax, x + st.processingTime); S++) {
            const c = cell(x, S);
            if (c < best + 1e-12) {
              best = c;
              at = [x, S];
            }
          }
        v[x] = best;
        a[x] = at;
      }
    }
    value[j] = v;
    arg[j] = a;
  };
  /** Fixes j's (SI, S) from its parent's choice, then its children's. */
  const assign = (j: number, parent: number, pick: [number, number]): void => {
    chosen[j] = pick;
    for (const [k, down] of adj[j]!) if (k !== parent) assign(k, j, arg[k]![down ? pick[1] : pick[0]]!);
  };
  for (let r = 0; r < n; r++) {
    if (visited[r]) continue;
    solve(r, -1, null);
    const pick = arg[r]![M]!;
    if (pick[0] < 0) throw new RangeError(`no feasible service times for the tree containing ${stages[r]!.id}`);
    total += value[r]![M]!;
    assign(r, -1, pick);
  }
  const out: Record<string, GsmStagePlan> = {};
  stages.forEach((st, j) => (out[st.id] = stagePlan(st, chosen[j]![0], chosen[j]![1])));
  return { cost: total, stages: out };
}
