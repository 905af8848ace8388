/**
 * Queueing closed forms: Erlang's loss and delay formulas, M/M/1, M/M/c and M/G/1
 * (Pollaczek–Khinchine). Rates are per day, times in days.
 *
 * Source: Gross, Shortle, Thompson & Harris, "Fundamentals of Queueing Theory", 4th ed.
 * (M/M/1 §2.2, M/M/c §2.3, Erlang B §2.5, M/G/1 §5.1); Kleinrock, "Queueing Systems" vol. 1.
 */

export interface QueueMeasures {
  /** Server utilisation ρ = λ E[S] / c. */
  utilisation: number;
  /** Probability that an arriving customer waits (all servers busy, PASTA). */
  probWait: number;
  /** Mean wait in queue before service Wq [days]. */
  meanWait: number;
}

/**
 * Erlang B: probability that all c servers are busy in an M/G/c/c loss system with offered load
 * a = λ E[S] (insensitive to the service distribution). Stable recursion
 *   B(0) = 1,  B(k) = a B(k−1) / (k + a B(k−1)).
 */
export function erlangB(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`erlangB: servers must be a non-negative integer, got ${c}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: probability of waiting in M/M/c with offered load a = λ/μ < c,
 *   C(c, a) = c B(c, a) / (c − a (1 − B(c, a))).
 */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`erlangC: offered load ${a} must be below the ${c} servers`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c with arrival rate λ and mean service time E[S]: Wq = C(c, a) · E[S] / (c − a). */
export function mmc(lambda: number, meanService: number, c: number): QueueMeasures {
  const a = lambda * meanService;
  const probWait = erlangC(c, a);
  return { utilisation: a / c, probWait, meanWait: (probWait * meanService) / (c - a) };
}

/** M/M/1: ρ = λE[S], P(wait) = ρ, Wq = ρ E[S] / (1 − ρ). */
export function mm1(lambda: number, meanService: number): QueueMeasures {
  const rho = lambda * meanService;
  if (!(rho < 1)) throw new RangeError(`mm1: utilisation ${rho} must be below 1`);
  return { utilisation: rho, probWait: rho, meanWait: (rho * meanService) / (1 - rho) };
}

/**
 * M/G/1 by Pollaczek–Khinchine: Wq = λ E[S²] / (2(1 − ρ)), P(wait) = ρ (PASTA: an arrival waits
 * iff the single server is busy). M/D/1 is the case Var[S] = 0: Wq = ρ E[S] / (2(1 − ρ)).
 */
export function mg1(lambda: number, meanService: number, varianceService: number): QueueMeasures {
  const rho = lambda * meanService;
  if (!(rho < 1)) throw new RangeError(`mg1: utilisation ${rho} must be below 1`);
  const secondMoment = varianceService + meanService * meanService;
  return { utilisation: rho, probWait: rho, meanWait: (lambda * secondMoment) / (2 * (1 - rho)) };
}
