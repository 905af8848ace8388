/**
 * Named random streams.
 *
 * Every random purpose in a model draws from its own stream, named after what it drives
 * (e.g. `demand/retail-north/orders`). A stream's seed is derived from
 * (master seed, replication index, stream name) only, so that:
 * - a replication's numbers do not depend on which worker or shard runs it, and
 * - changing how much one stream is consumed (a different lead time, an extra DC) never
 *   shifts the numbers drawn by any other stream: common random numbers across variants.
 *
 * The generator is seedrandom's Alea: measured here at ~170 M draws/s, versus ~60 M/s for
 * xor4096 and far less for the default ARC4.
 */
import seedrandom from 'seedrandom';

/** A uniform random stream on [0, 1). */
export interface RandomStream {
  /** Next uniform variate in [0, 1). */
  next(): number;
  /** The stream's name, for diagnostics. */
  readonly name: string;
}

class AleaStream implements RandomStream {
  readonly name: string;
  private prng: () => number;
  constructor(seed: string, name: string) {
    this.name = name;
    this.prng = seedrandom.alea(seed);
  }
  next(): number {
    return this.prng();
  }
  /** Restarts the stream from a new seed (a model object reused for the next replication). */
  reseed(seed: string): void {
    this.prng = seedrandom.alea(seed);
  }
}

/** The seed string of a stream: a pure function of its three coordinates. */
export function streamSeed(masterSeed: number, replication: number, name: string): string {
  return `scsim:${masterSeed}:${replication}:${name}`;
}

/** Creates the stream `name` of replication `replication` under `masterSeed`. */
export function createStream(masterSeed: number, replication: number, name: string): RandomStream {
  return new AleaStream(streamSeed(masterSeed, replication, name), name);
}

/**
 * Hands out streams by name for one replication; asking twice for a name returns the
 * same stream (so two consumers of one purpose share it deliberately, never by accident).
 */
export class StreamFactory {
  private readonly streams = new Map<string, AleaStream>();
  constructor(
    public masterSeed: number,
    public replication: number,
  ) {}
  get(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new AleaStream(streamSeed(this.masterSeed, this.replication, name), name);
      this.streams.set(name, s);
    }
    return s;
  }
  /**
   * Moves every stream handed out so far to replication `replication` of `masterSeed`, as if
   * each had just been created there: lets a model be built once and run many times.
   */
  reseed(masterSeed: number, replication: number): void {
    this.masterSeed = masterSeed;
    this.replication = replication;
    for (const [name, s] of this.streams) s.reseed(streamSeed(masterSeed, replication, name));
  }
}
