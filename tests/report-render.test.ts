/**
 * Charts rendered in Node: SVG through vega's headless renderer, PNG through resvg with font
 * files passed explicitly. The PNG must actually contain the text: it is compared with the
 * same chart rendered with no fonts at all, which is what silently happens when none are given.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontierChart } from '../src/report/charts/frontier.ts';
import { findChartFonts, fontFamily } from '../src/report/fonts.ts';
import { PNG_SCALE, renderPng, renderSvg } from '../src/report/render.ts';

const spec = frontierChart(
  [
    { label: 'S=80', cost: { mean: 1e6, ciLow: 0.95e6, ciHigh: 1.05e6 }, service: { mean: 0.8, ciLow: 0.78, ciHigh: 0.82 }, dominated: false },
    { label: 'S=120', cost: { mean: 1.4e6, ciLow: 1.35e6, ciHigh: 1.45e6 }, service: { mean: 0.93, ciLow: 0.92, ciHigh: 0.94 }, dominated: false },
    { label: 'S=100', cost: { mean: 1.5e6, ciLow: 1.45e6, ciHigh: 1.55e6 }, service: { mean: 0.9, ciLow: 0.89, ciHigh: 0.91 }, dominated: true },
  ],
  { costLabel: 'Inventory cost', costKind: 'money', serviceLabel: 'Fill rate', serviceKind: 'percent' },
);

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk header). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('renderSvg', () => {
  it('draws the axis titles, the point labels and the marks as SVG', async () => {
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['Inventory cost [money]', 'Fill rate [%]', 'S=80', 'S=120', 'Pareto-efficient', 'dominated']));
    // Data marks drawn (asserted as booleans: a failure should not print the whole SVG).
    expect(/class="mark-symbol role-mark[ "]/.test(svg)).toBe(true);
    expect(/class="mark-line role-mark[ "]/.test(svg)).toBe(true);
    expect(svg.match(/aria-roledescription="point"/g)?.length).toBe(3);
  });
});

describe('renderPng', () => {
  it('finds font files and hands them to resvg', () => {
    const fonts = findChartFonts();
    expect(fonts.files.length).toBeGreaterThan(0);
    expect(fonts.family.length).toBeGreaterThan(0);
    // The family must be the one inside the file, or resvg would not match it to the text.
    expect(fontFamily(fonts.files[0]!)).toBe(fonts.family);
  });

  it('renders a PNG at twice the SVG size, with the text drawn', async () => {
    const svg = await renderSvg(spec);
    const png = renderPng(svg);
    const { width, height } = pngSize(png);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
    const svgHeight = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(svgWidth * PNG_SCALE);
    expect(height).toBe(svgHeight * PNG_SCALE);
    expect(png.length).toBeGreaterThan(20_000);
    // Without fonts resvg drops every label silently; the real render must differ from that
    // and carry more detail (glyph edges compress worse than empty background).
    const fonts = findChartFonts();
    const textless = renderPng(svg, { files: [], family: fonts.family });
    expect(Buffer.from(png).equals(Buffer.from(textless))).toBe(false);
    expect(png.length).toBeGreaterThan(textless.length * 1.1);
  });

  it('says clearly when the system has no fonts', () => {
    const empty = mkdtempSync(join(tmpdir(), 'scsim-nofonts-'));
    expect(() => findChartFonts([empty])).toThrow(/no TrueType or OpenType font found for PNG charts.*fonts-dejavu-core.*SCSIM_FONT_DIR/);
  });
});
