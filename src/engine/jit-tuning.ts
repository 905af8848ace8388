/**
 * V8 tuning for the event loop, applied by the programs (the CLI and the benchmark), never by
 * the library: V8 flags are process-wide.
 *
 * Why: one event runs a chain of small methods (handle → orderArrival → demand → ship →
 * finishCustomer → review → placeOrder …). With V8's default inlining budget the optimizing
 * compiler stops inlining halfway, so floats cross call boundaries boxed and the rest is
 * compiled as separate calls. Three times the budget lets the chain compile as one piece:
 * measured with `npm run bench` and interleaved A/B runs on this 2-core machine, +10–25%
 * events/s on the default scenario and the single-site model, and a steadier figure from
 * process to process. Results do not change: inlining never changes arithmetic.
 */
import { setFlagsFromString } from 'node:v8';

let tuned = false;

/** Raises the inlining budgets (3× V8's defaults). Call at start-up; worker threads inherit it. */
export function tuneJitForSimulation(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--max-inlined-bytecode-size=920');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=2760');
}
