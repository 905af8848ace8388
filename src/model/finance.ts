/**
 * Money over time: receivables, payables and cash, measured over the window [warm-up, horizon].
 *
 * Every invoice or supplier bill is known in full when it is raised (amount, and when it will
 * be paid), so its contribution to the time integrals of receivables and payables is added at
 * once, clipped to the window; no payment events are needed. These accumulators are never
 * reset at the end of warm-up: clipping already counts exactly the part inside the window.
 */
import { SampleBuffer } from '../engine/samples.ts';

export class Finance {
  /** Window start and end [days]. */
  readonly from: number;
  readonly to: number;
  /** ∫ receivables dt [money-days] and ∫ payables dt [money-days]. */
  receivablesIntegral = 0;
  payablesIntegral = 0;
  /** Customer payments received in the window [money]. */
  receipts = 0;
  /** Supplier payments and operating expenses paid in the window [money]. */
  payments = 0;
  /** Net cash flow per day of the window [money]. */
  readonly dailyNetFlow: Float64Array;
  /** Order-to-cash times of orders placed in the window [days]. */
  readonly orderToCash = new SampleBuffer();
  /** Requisition-to-payment times of purchase orders placed in the window [days]. */
  readonly requisitionToPayment = new SampleBuffer();

  constructor(from: number, to: number) {
    this.from = from;
    this.to = to;
    this.dailyNetFlow = new Float64Array(Math.max(1, Math.ceil(to - from)));
  }

  reset(): void {
    this.receivablesIntegral = 0;
    this.payablesIntegral = 0;
    this.receipts = 0;
    this.payments = 0;
    this.dailyNetFlow.fill(0);
    this.orderToCash.clear();
    this.requisitionToPayment.clear();
  }

  private overlap(a: number, b: number): number {
    const lo = a > this.from ? a : this.from;
    const hi = b < this.to ? b : this.to;
    return hi > lo ? hi - lo : 0;
  }

  /**
   * A cash flow at time t. The window is that of the event loop and the cost lines: an event at
   * exactly the end of warm-up belongs to warm-up (statistics are reset after it), an event at
   * exactly the horizon still runs; without warm-up the window starts at 0 inclusive. Day d of
   * the cash series covers (from + d, from + d + 1].
   */
  private flow(t: number, amount: number): void {
    if (amount === 0 || t > this.to || (this.from > 0 ? t <= this.from : t < 0)) return;
    const day = Math.ceil(t - this.from) - 1;
    this.dailyNetFlow[day > 0 ? day : 0]! += amount;
    if (amount >= 0) this.receipts += amount;
    else this.payments -= amount;
  }

  /** A customer invoice raised at `time`, paid at `payTime` [days]. */
  invoice(time: number, amount: number, payTime: number): void {
    this.receivablesIntegral += amount * this.overlap(time, payTime);
    this.flow(payTime, amount);
  }

  /** A supplier bill for goods received at `time`, paid at `payTime` [days]. */
  bill(time: number, amount: number, payTime: number): void {
    this.payablesIntegral += amount * this.overlap(time, payTime);
    this.flow(payTime, -amount);
  }

  /** An operating expense paid at once (transport, production, fixed costs) [money]. */
  expense(time: number, amount: number): void {
    this.flow(time, -amount);
  }

  /** A cost paid evenly over every day of the window [money per day]. */
  dailyExpense(perDay: number): void {
    if (perDay === 0) return;
    const days = this.dailyNetFlow.length;
    for (let d = 0; d < days; d++) {
      const share = Math.min(1, this.to - this.from - d);
      this.dailyNetFlow[d]! -= perDay * share;
      this.payments += perDay * share;
    }
  }

  /** Lowest cash balance over the window, starting from `initial` [money], day by day. */
  minimumCash(initial: number): number {
    let cash = initial;
    let min = initial;
    for (let d = 0; d < this.dailyNetFlow.length; d++) {
      cash += this.dailyNetFlow[d]!;
      if (cash < min) min = cash;
    }
    return min;
  }
}
