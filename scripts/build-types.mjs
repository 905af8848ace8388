/**
 * Writes the library's type declarations into dist/types/ (package.json `exports` → `types`),
 * so a TypeScript project that installs scsim gets its types: `tsc` over src/ with
 * tsconfig.types.json, then every relative `./x.ts` specifier in the declarations becomes
 * `./x.js`, the form a consumer's compiler resolves to `./x.d.ts` (the sources import with
 * `.ts` extensions, which tsc copies into declarations as written).
 *
 * Run by `npm pack` / `npm publish` (the `prepack` script) and by `npm run build:types`; it
 * takes ≈ 10 s, which is why `scsim`'s own rebuild (scripts/build.mjs) does not run it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'types');

/** Every file below `dir`. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.types.json')], { stdio: 'inherit', cwd: ROOT });
for (const file of files(OUT)) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2');
  if (fixed !== text) writeFileSync(file, fixed);
}
