/**
 * scsim as a real package: `npm pack` makes a tarball, a plain Node ESM project installs it
 * (dependencies from the local npm cache first) and runs the README's library example —
 * the ```js block after the `library-example` marker, as it is written there — with no
 * TypeScript loader; a TypeScript file in that project type-checks against the shipped
 * declarations; and the installed `scsim` command runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The README's library example, exactly as written. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- library-example[^>]*-->\n```js\n([\s\S]*?)\n```/.exec(readme);
  if (!m) throw new Error('README.md has no ```js block after the library-example marker');
  return `${m[1]}\n`;
}

let project = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scsim-package-'));
  const packed = await run(NPM, ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, maxBuffer: 1 << 24 });
  const tarball = join(dir, packed.stdout.trim().split('\n').at(-1)!);
  project = join(dir, 'project');
  await run('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'scsim-user', private: true, type: 'module' }, null, 2)}\n`);
  await run(NPM, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, maxBuffer: 1 << 24 });
}, 600_000);

describe('the packed package, installed into a plain Node project', () => {
  it('runs the README library example as written', async () => {
    writeFileSync(join(project, 'example.mjs'), readmeExample());
    const { stdout } = await run(process.execPath, ['example.mjs'], { cwd: project });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^fill rate \d+\.\d% \[\d+\.\d, \d+\.\d\]$/);
    expect(lines.slice(1).map((l) => l.slice(0, l.indexOf(':'))).sort()).toEqual(['dc-safety-stock', 'key-accounts']);
    for (const l of lines.slice(1)) expect(l).toMatch(/: NPV -?\d+ \[-?\d+, -?\d+\], beats the base in \d+(\.\d+)?% of replications$/);
  });

  it('ships type declarations a TypeScript project resolves', async () => {
    writeFileSync(
      join(project, 'check.ts'),
      [
        "import { run, shippedScenario, type ResultsDocument } from 'scsim';",
        "const doc: ResultsDocument = await run(shippedScenario('perishable-pharmacy'), { replications: 2 });",
        'const mean: number | null = doc.kpis.fillRate!.mean;',
        '// @ts-expect-error replications is a number',
        "await run('x.yaml', { replications: 'many' });",
        'export { mean };',
        '',
      ].join('\n'),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'check.ts'];
    await expect(run(process.execPath, [tsc, ...args], { cwd: project })).resolves.toBeDefined();
  });

  it('installs the scsim command', async () => {
    const { stdout } = await run(process.execPath, [join(project, 'node_modules', 'scsim', 'bin', 'scsim.js'), 'validate', join(project, 'node_modules', 'scsim', 'scenarios', 'scm-vs-crm.yaml')]);
    expect(stdout).toMatch(/✔ .*scm-vs-crm\.yaml: valid/);
  });
});
