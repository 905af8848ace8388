/**
 * The README's What-ifs example stays true: the scenario after the `whatif-example` marker is
 * valid with its variant and options, and compare, frontier and optimize run on it from its
 * own sections, giving the results the README's reading of it describes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare, frontier, loadScenario, optimize } from '../src/index.ts';
import { validateCommand } from '../src/cli/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function exampleFile(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- whatif-example[^>]*-->\n```yaml\n([\s\S]*?)\n```/.exec(readme);
  if (!m) throw new Error('README.md has no ```yaml block after the whatif-example marker');
  const file = join(tmpdir(), `two-dcs-${process.pid}.yaml`);
  writeFileSync(file, `${m[1]}\n`);
  return file;
}

describe('the README What-ifs example', () => {
  const file = exampleFile();

  it('is valid, variants and options included', async () => {
    const s = loadScenario(file);
    expect(Object.keys(s.variants)).toEqual(['one-dc']);
    expect(s.options.map((o) => [o.name, o.kind])).toEqual([
      ['safety-stock', 'scm'],
      ['fast-lane-south', 'scm'],
      ['key-account-priority', 'crm'],
    ]);
    expect(await validateCommand({ file, variants: true })).toBe(0);
  });

  it('compare: safety stock pays (NPV interval above 0), the fast lane does not (below 0)', async () => {
    const r = await compare(file, {});
    const by = Object.fromEntries(r.options.map((o) => [o.name, o]));
    expect(r.ranking[0]).toBe('safety-stock');
    expect(by['safety-stock']!.npv.ciLow).toBeGreaterThan(0);
    expect(by['fast-lane-south']!.npv.ciHigh).toBeLessThan(0);
    expect(by['key-account-priority']!.npv.ciHigh).toBeLessThan(0);
  });

  it('frontier: the one-DC design holds less stock but its OTIF is far lower', async () => {
    const f = await frontier(file, { replications: 10 });
    const at = (variant: string, level: number) => f.points.find((p) => p.parameters.variant === variant && p.parameters['sites.dc-*.policy.targetServiceLevel'] === level)!;
    expect(at('one-dc', 0.95).cost.mean!).toBeLessThan(at('base', 0.95).cost.mean!);
    expect(at('one-dc', 0.95).service.mean!).toBeLessThan(0.7);
    expect(at('base', 0.95).service.mean!).toBeGreaterThan(0.9);
  });

  it('optimize: finds targets that keep every segment at a 95% fill rate', async () => {
    const o = await optimize(file, { replications: 10 });
    expect(o.status).toBe('optimal');
    expect(o.chosen.service).toHaveLength(3); // one constraint per segment
    for (const c of o.chosen.service) expect(c.met && c.mean! >= 0.95).toBe(true);
  });
});
