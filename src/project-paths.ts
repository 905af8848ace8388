/**
 * Files shipped with scsim (scenarios, package.json, bundles), found from the installation's
 * root: the nearest directory above this module that holds a package.json. The same lookup
 * works from the TypeScript sources (src/…) and from the bundle in dist/, which sit at
 * different depths.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`scsim: no package.json above ${from}`);
  }
}

/** Root directory of the scsim installation. */
export const PROJECT_ROOT = findRoot(fileURLToPath(import.meta.url));

/** Absolute path of a file of the installation, e.g. `projectFile('scenarios', 'x.yaml')`. */
export function projectFile(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

/**
 * True when running from the esbuild bundle in dist/ (scripts/build.mjs defines it), false
 * when running the TypeScript sources (tsx, vitest).
 */
export const BUNDLED: boolean = (globalThis as { __SCSIM_BUNDLED__?: boolean }).__SCSIM_BUNDLED__ === true;

let version: string | undefined;

/** scsim's version, from its package.json. */
export function scsimVersion(): string {
  version ??= (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * The path of a scenario shipped with scsim, by name: `shippedScenario('scm-vs-crm')` →
 * `<installation>/scenarios/scm-vs-crm.yaml`; `'validation/newsvendor'` for the theory cases.
 * Works the same from the repository and from an installed package. Throws naming the shipped
 * scenarios when there is none of that name.
 */
export function shippedScenario(name: string): string {
  const base = name.replace(/\.ya?ml$/, '');
  const file = projectFile('scenarios', `${base}.yaml`);
  if (existsSync(file)) return file;
  const shipped = readdirSync(projectFile('scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length));
  throw new Error(`no shipped scenario "${name}" (shipped: ${shipped.join(', ')}; and validation/<case>)`);
}
