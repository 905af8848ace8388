/**
 * Font files for PNG rendering. resvg draws text only with fonts it is handed; with none it
 * silently drops every label. So the files are found at run time (well-known places first,
 * then a walk of the system font folders), passed explicitly, and their absence is an error.
 */
import { existsSync, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ChartFonts {
  /** Font files handed to resvg. */
  files: string[];
  /** Family that replaces the generic `sans-serif` and unknown families. */
  family: string;
}

/** Preferred sans-serif families, best first, with the usual file names of their regular and bold faces. */
const PREFERRED: Array<{ family: string; files: string[] }> = [
  { family: 'DejaVu Sans', files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] },
  { family: 'Liberation Sans', files: ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'] },
  { family: 'Noto Sans', files: ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'] },
  { family: 'Arial', files: ['Arial.ttf', 'arial.ttf', 'Arial Bold.ttf', 'arialbd.ttf'] },
];

/** Folders searched for fonts; SCSIM_FONT_DIR (path-list) comes first. */
export function fontDirs(): string[] {
  const fromEnv = (process.env.SCSIM_FONT_DIR ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  return [
    ...fromEnv,
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(homedir(), '.local/share/fonts'),
    join(homedir(), '.fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts',
    join(homedir(), 'Library/Fonts'),
    'C:\\Windows\\Fonts',
  ].filter((d) => existsSync(d));
}

let cached: ChartFonts | undefined;

/** The fonts for PNG charts; throws a clear error when the system has none. */
export function findChartFonts(searchDirs?: string[]): ChartFonts {
  if (searchDirs === undefined) return (cached ??= findChartFonts(fontDirs()));
  const dirs = searchDirs;
  const all = dirs.flatMap((d) => listFontFiles(d, 6));
  const byName = new Map<string, string>();
  for (const f of all) byName.set(basename(f), byName.get(basename(f)) ?? f);
  for (const p of PREFERRED) {
    const files = p.files.map((n) => byName.get(n)).filter((f): f is string => f !== undefined);
    if (files.length > 0) return { files, family: p.family };
  }
  // Any TrueType/OpenType font will do; read its family from the font's own name table.
  for (const f of all) {
    const family = fontFamily(f);
    if (family) return { files: [f], family };
  }
  throw new Error(
    `no TrueType or OpenType font found for PNG charts (searched ${dirs.join(', ') || 'no existing font folder'}); ` +
      'install one (Debian/Ubuntu: apt-get install fonts-dejavu-core) or point SCSIM_FONT_DIR at a folder of .ttf files',
  );
}

const basename = (f: string) => f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);

function listFontFiles(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (/\.(ttf|otf)$/i.test(e)) out.push(p);
    else {
      try {
        if (statSync(p).isDirectory()) out.push(...listFontFiles(p, depth - 1));
      } catch {
        // unreadable entry: not a font we can use
      }
    }
  }
  return out;
}

/** Family name (name id 1) from a TrueType/OpenType file's `name` table; null if unreadable. */
export function fontFamily(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const read = (pos: number, len: number) => {
      const b = Buffer.alloc(len);
      readSync(fd!, b, 0, len, pos);
      return b;
    };
    const head = read(0, 12);
    const tables = head.readUInt16BE(4);
    const dir = read(12, tables * 16);
    for (let t = 0; t < tables; t++) {
      if (dir.toString('latin1', t * 16, t * 16 + 4) !== 'name') continue;
      const offset = dir.readUInt32BE(t * 16 + 8);
      const length = dir.readUInt32BE(t * 16 + 12);
      const name = read(offset, length);
      const count = name.readUInt16BE(2);
      const strings = name.readUInt16BE(4);
      for (let r = 0; r < count; r++) {
        const rec = 6 + r * 12;
        const platform = name.readUInt16BE(rec);
        const nameId = name.readUInt16BE(rec + 6);
        if (nameId !== 1) continue;
        const len = name.readUInt16BE(rec + 8);
        const off = strings + name.readUInt16BE(rec + 10);
        const raw = name.subarray(off, off + len);
        if (platform === 3 || platform === 0) return raw.swap16().toString('utf16le');
        if (platform === 1) return raw.toString('latin1');
      }
    }
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
