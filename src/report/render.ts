/**
 * Charts as files, rendered in Node without a browser: vega-lite → vega → SVG (vega's
 * headless renderer), SVG → PNG (resvg, with font files passed explicitly so labels never
 * silently vanish).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { findChartFonts, type ChartFonts } from './fonts.ts';

/** The vega spec a vega-lite spec compiles to; vega-lite warnings are not printed. */
export function toVega(spec: TopLevelSpec): vega.Spec {
  const quiet = { level: () => quiet, error: () => quiet, warn: () => quiet, info: () => quiet, debug: () => quiet } as never;
  return compile(spec, { logger: quiet }).spec as vega.Spec;
}

/** The chart as a standalone SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // No loader access: a report's data is inline, and the chart must not read files or URLs.
  const loader = vega.loader({ mode: 'http' });
  loader.load = async (uri: string) => {
    throw new Error(`chart tried to load "${uri}"; report charts carry their data inline`);
  };
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'none', loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Pixel density of PNG charts (2 = sharp on high-density screens and in slides). */
export const PNG_SCALE = 2;

/** The SVG as a PNG, drawn with the given (or discovered) fonts. */
export function renderPng(svg: string, fonts: ChartFonts = findChartFonts()): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: 'white',
    font: {
      fontFiles: fonts.files,
      loadSystemFonts: false,
      defaultFontFamily: fonts.family,
      sansSerifFamily: fonts.family,
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
