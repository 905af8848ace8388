/**
 * Writes the made-up demand history of the example import folder scenarios/data/acme/:
 * orders.csv (two years of dated order lines, 2024-01-01 to 2025-12-31) and customers.csv
 * (the HoReCa customers and their segment). Seeded, so the files are the same on every run:
 *   node scripts/make-example-data.mjs
 * Each segment has a known truth the import should find again (see the README walk-through):
 * a yearly season (summer peak), a weekly pattern, an order-size law, and for the webshop a
 * level that moves (the forecast error the import should find).
 */
import { writeFileSync } from 'node:fs';
import seedrandom from 'seedrandom';

const rng = seedrandom('scsim-example-acme');
const DIR = new URL('../scenarios/data/acme/', import.meta.url);

/** Standard normal (Box–Muller). */
const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
/** Gamma(shape, 1) (Marsaglia–Tsang; shape < 1 by the boost U^(1/shape)). */
function gamma(shape) {
  if (shape < 1) return gamma(shape + 1) * rng() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
/** Poisson(mean) by inversion (means here are small). */
function poisson(mean) {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng();
  while (u > cdf && k < 10_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** The segments' truth: orders/day, yearly amplitude and peak day, weekday factors (Sun first), order size. */
const SEGMENTS = [
  { id: 'retail-north', rate: 9, amplitude: 0.3, peak: 190, week: [0.3, 1.2, 1.1, 1.1, 1.1, 1.3, 0.9], size: () => poisson(gamma(5) * 2) }, // negative binomial r = 5, p = 1/3, mean 10
  { id: 'retail-south', rate: 7, amplitude: 0.35, peak: 200, week: [0.3, 1.2, 1.1, 1.1, 1.1, 1.3, 0.9], size: () => poisson(gamma(5) * 2) },
  { id: 'horeca-south', rate: 4, amplitude: 0.45, peak: 205, week: [1.4, 0.6, 0.7, 0.8, 1.0, 1.2, 1.3], size: () => [6, 12, 12, 24][Math.floor(rng() * 4)] }, // packs
  // Lognormal sizes; a level that jumps every 8 weeks (campaigns; lognormal factor, cv ≈ 0.2) on a +15%/year trend.
  { id: 'webshop', rate: 10, amplitude: 0.1, peak: 340, week: [1.2, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0], trend: 0.15, jumps: 0.2, size: () => Math.max(1, Math.round(Math.exp(1 + 0.5 * normal()))) },
];
const CUSTOMERS = Array.from({ length: 40 }, (_, i) => `H${String(i + 1).padStart(3, '0')}`);

for (const s of SEGMENTS) s.levels = Array.from({ length: 14 }, () => (s.jumps ? Math.exp(s.jumps * normal() - (s.jumps * s.jumps) / 2) : 1));
const lines = ['date,segment,customer,product,quantity'];
const start = Date.UTC(2024, 0, 1);
const end = Date.UTC(2025, 11, 31);
for (let t = start, day = 0; t <= end; t += 86_400_000, day++) {
  const date = new Date(t);
  const iso = date.toISOString().slice(0, 10);
  const doy = Math.min(364, Math.round((t - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000));
  for (const s of SEGMENTS) {
    const season = 1 + s.amplitude * Math.cos((2 * Math.PI * (doy - s.peak)) / 365);
    const trend = 1 + ((s.trend ?? 0) * day) / 365;
    const n = poisson(s.rate * season * trend * s.week[date.getUTCDay()] * s.levels[Math.floor(day / 56)]);
    const product = s.id === 'horeca-south' || s.id === 'webshop' ? 'lemonade' : 'cola';
    for (let i = 0; i < n; i++) {
      const q = s.size();
      if (q <= 0) continue; // an order of nothing is no order line
      if (s.id === 'horeca-south') lines.push(`${iso},,${CUSTOMERS[Math.floor(rng() * CUSTOMERS.length)]},${product},${q}`);
      else lines.push(`${iso},${s.id},,${product},${q}`);
    }
  }
}
writeFileSync(new URL('orders.csv', DIR), `${lines.join('\n')}\n`);
writeFileSync(new URL('customers.csv', DIR), `customer,segment\n${CUSTOMERS.map((c) => `${c},horeca-south`).join('\n')}\n`);
console.log(`orders.csv: ${lines.length - 1} order lines`);
