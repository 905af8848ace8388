#!/usr/bin/env node
// The scsim command. It runs the bundled CLI in dist/, rebuilt first when any source file is
// newer (scripts/build.mjs, ≈ 0.1 s), so an edit never runs stale. If the bundle cannot be
// built (say, a read-only installation), it runs the TypeScript sources through the tsx loader
// instead: the same results, only slower.
import { ensureBuilt } from '../scripts/build.mjs';

let bundled = true;
try {
  await ensureBuilt();
} catch {
  bundled = false;
}
if (bundled) await import('../dist/cli.mjs');
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
