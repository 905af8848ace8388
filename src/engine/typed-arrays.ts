/**
 * Growing the typed arrays behind the engine's and the model's recycled records (calendar,
 * requests, jobs, batches, samples): the one place that knows how.
 */
type Growable = Float64Array | Int32Array | Int8Array | Uint8Array;

/**
 * A new array of the same element type and length `n` holding `a`'s first `keep` elements
 * (all of them by default); the rest are zero.
 */
export function grown<T extends Growable>(a: T, n: number, keep = a.length): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(keep === a.length ? a : (a.subarray(0, keep) as T));
  return b;
}
