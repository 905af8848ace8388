/**
 * vitest global setup: every test file's temporary files go under one directory made for this
 * run (TMPDIR, which os.tmpdir() and the CLIs the tests spawn both read), removed when the run
 * ends, so a test that forgets to clean up leaves nothing behind in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'scsim-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
