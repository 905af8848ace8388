/**
 * Captures what a command writes to stdout and stderr during each test of the calling file
 * (or describe block): call once at the top level of it, read `.out` / `.err` in the tests.
 */
import { afterEach, beforeEach, vi } from 'vitest';

export interface Captured {
  out: string;
  err: string;
}

export function captureOutput(): Captured {
  const captured: Captured = { out: '', err: '' };
  beforeEach(() => {
    captured.out = '';
    captured.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.err += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return captured;
}
