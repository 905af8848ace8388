/**
 * a / b for KPIs, or NaN when b is not positive: a rate with no denominator (no demand, no
 * orders, no cycles) has no value, and NaN keeps it out of means rather than counting it as 0.
 */
export const div = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
