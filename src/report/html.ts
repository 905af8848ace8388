/**
 * The report as one self-contained HTML page that works offline: the vega, vega-lite and
 * vega-embed browser bundles are inlined from node_modules, the chart specs travel as JSON
 * in a non-executed <script> element, and a Content-Security-Policy allows only the page's
 * own scripts (by hash) and no network access at all — so even a string that escaped its
 * escaping could neither run nor phone home.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { escapeHtml, jsonForScript, scriptForInline } from './escape.ts';
import type { Report, ReportTable } from './model.ts';

/** The browser bundles, in load order (vega-lite needs vega; vega-embed needs both). */
const BUNDLES = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
] as const;

let bundles: string[] | undefined;

/** Source of the three browser bundles, ready to inline (source-map comments removed: no fetches). */
export function browserBundles(): string[] {
  if (bundles) return bundles;
  const require = createRequire(import.meta.url);
  bundles = BUNDLES.map(([pkg, file]) => {
    // The packages export only their module entry; the browser build sits next to it in build/.
    const path = join(dirname(require.resolve(pkg)), file);
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`cannot read the ${pkg} browser bundle at ${path}; reinstall dependencies (npm ci)`);
    }
    return scriptForInline(source.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n'));
  });
  return bundles;
}

/**
 * Draws every chart into its <div id="chart-i">; marks each as drawn (data-rendered) or
 * shows the error in its place, and flags the body when all are done. `ast: true` makes
 * vega interpret expressions instead of compiling them with `new Function`, so the page
 * needs no 'unsafe-eval'.
 */
const INIT = `(function () {
  var specs = JSON.parse(document.getElementById('scsim-charts').textContent);
  var failures = 0;
  Promise.all(specs.map(function (spec, i) {
    var el = document.getElementById('chart-' + i);
    return vegaEmbed(el, spec, { actions: false, renderer: 'svg', ast: true })
      .then(function () { el.setAttribute('data-rendered', 'true'); })
      .catch(function (err) {
        failures++;
        el.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
        console.error(err);
      });
  })).then(function () { document.body.setAttribute('data-charts', failures ? 'failed' : 'ready'); });
})();`;

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1180px; padding: 24px 32px 48px; line-height: 1.45; }
  h1 { font-size: 1.7em; margin-bottom: 0.2em; }
  h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 2em; }
  .description { font-size: 1.1em; color: #444; margin-top: 0; }
  .question { font-size: 1.15em; margin: 0.2em 0 0.4em; }
  .facts { color: #666; font-size: 0.9em; }
  #summary ul { padding-left: 1.2em; }
  #summary li { margin: 0.45em 0; font-size: 1.05em; }
  figure { margin: 1.5em 0 2.5em; }
  figure h3 { margin-bottom: 0.3em; }
  figcaption { color: #555; font-size: 0.92em; max-width: 900px; }
  .chart { overflow-x: auto; min-height: 60px; }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; margin: 0.5em 0 0.4em; font-size: 0.9em; }
  caption { text-align: left; font-weight: bold; font-size: 1.1em; padding: 0.6em 0 0.3em; }
  th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
  th:first-child, td:first-child { text-align: left; position: sticky; left: 0; background: #fff; }
  thead th { border-bottom: 2px solid #ccc; }
  .note { color: #666; font-size: 0.85em; margin: 0 0 1.5em; }
  footer { margin-top: 3em; color: #888; font-size: 0.85em; }
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function renderHtml(report: Report): string {
  const scripts = [...browserBundles(), INIT];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    // vega-embed and vega-tooltip add <style> elements at run time.
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const e = escapeHtml;
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(report.title)} — scsim report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${e(report.title)}</h1>`,
  );
  if (report.question) out.push(`<p class="question" id="question"><strong>Question:</strong> ${e(report.question)}</p>`);
  if (report.description) out.push(`<p class="description">${e(report.description)}</p>`);
  out.push(`<p class="facts">${e(report.facts)}</p>`, '</header>');
  out.push('<section id="summary">', '<h2>Summary</h2>', '<ul>', ...report.summary.map((s) => `<li>${e(s)}</li>`), '</ul>', '</section>');
  if (report.charts.length > 0) {
    out.push('<section id="charts">', '<h2>Charts</h2>');
    report.charts.forEach((c, i) => {
      out.push(
        `<figure id="figure-${e(c.id)}">`,
        `<h3>${e(c.title)}</h3>`,
        `<div class="chart" id="chart-${i}" data-chart="${e(c.id)}" role="img" aria-label="${e(c.title)}"></div>`,
        `<figcaption>${e(c.caption)}</figcaption>`,
        '</figure>',
      );
    });
    out.push('<noscript><p>The charts need JavaScript; the same charts are in this folder as .svg and .png files.</p></noscript>', '</section>');
  }
  if (report.tables.length > 0) out.push('<section id="tables">', '<h2>Tables</h2>', ...report.tables.map(htmlTable), '</section>');
  out.push('<footer>Generated by scsim. This page is self-contained: it loads nothing from the network.</footer>');
  out.push(`<script type="application/json" id="scsim-charts">${jsonForScript(report.charts.map((c) => c.spec))}</script>`);
  for (const s of scripts) out.push(`<script>${s}</script>`);
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function htmlTable(t: ReportTable): string {
  const e = escapeHtml;
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${e(c)}</th>` : `<td>${e(c)}</td>`)).join('')}</tr>`);
  return [
    '<div class="table-wrap">',
    '<table>',
    `<caption>${e(t.title)}</caption>`,
    `<thead><tr>${t.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
    t.note ? `<p class="note">${e(t.note)}</p>` : '',
  ].join('\n');
}
