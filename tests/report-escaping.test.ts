/**
 * Strings from scenario and results files stay inert wherever they land: HTML text and
 * attributes, the chart JSON inlined in a <script> element, Markdown, and chart specs (data
 * values only, never part of a vega expression).
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMarkdownBlock, jsonForScript, scriptForInline } from '../src/report/escape.ts';
import type { ReportInputs } from '../src/report/inputs.ts';
import { renderReportFiles } from '../src/report/write.ts';
import { toVega } from '../src/report/render.ts';
import { buildReport } from '../src/report/report.ts';
import { compareFixture, frontierFixture, runFixture } from './report-helpers.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(1)</script>';
const MD = '| * _ [link](javascript:alert(1)) `code` ~~x~~ #';
const EVIL = [IMG, SCRIPT, MD];

describe('escape functions', () => {
  it('escapeHtml neutralises tags, entities and both quote kinds', () => {
    expect(escapeHtml(`${IMG} & "a" 'b'`)).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;a&quot; &#39;b&#39;');
  });

  it('jsonForScript cannot close the script element and reads back unchanged', () => {
    const value = { a: SCRIPT, b: '<!-- x -->', c: 'a\u2028b\u2029c', d: 'x & y' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('scriptForInline hides a literal </script in bundled code without changing what it does', () => {
    const source = 'var s = "</script><!--"; var t = "</SCRIPT>";';
    const inlined = scriptForInline(source);
    expect(inlined).not.toMatch(/<\/script|<!--/i);
    // eslint-disable-next-line no-new-func -- evaluating the test's own string
    expect(new Function(`${inlined}; return [s, t];`)()).toEqual(['</script><!--', '</SCRIPT>']);
  });

  it('escapeMarkdown escapes HTML and every inline Markdown construct, and joins lines', () => {
    expect(escapeMarkdown(IMG)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown(MD)).toBe('\\| \\* \\_ \\[link\\](javascript:alert(1)) \\`code\\` \\~\\~x\\~\\~ \\#');
    expect(escapeMarkdown('a\nb\r\nc')).toBe('a b c');
    expect(escapeMarkdown('plant-madrid')).toBe('plant-madrid');
  });

  it('escapeMarkdownBlock also neutralises a leading list or heading marker', () => {
    expect(escapeMarkdownBlock('- x')).toBe('\\- x');
    expect(escapeMarkdownBlock('+ x')).toBe('\\+ x');
    expect(escapeMarkdownBlock('12. x')).toBe('12\\. x');
    expect(escapeMarkdownBlock('# x')).toBe('\\# x');
    expect(escapeMarkdownBlock('x - y')).toBe('x - y');
  });
});

/** Every string of a vega spec outside inline data values, with its key. */
function structuralStrings(x: unknown, key = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof x === 'string') out.push([key, x]);
  else if (Array.isArray(x)) for (const v of x) structuralStrings(v, key, out);
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) if (k !== 'values') structuralStrings(v, k, out);
  return out;
}

/** Checks one report's files: HTML, Markdown and chart specs. */
function assertInert(files: Map<string, string | Uint8Array>, inputs: ReportInputs): void {
  const html = files.get('report.html') as string;
  // (MD carries no HTML-active character: in HTML it is plain text as it stands.)
  for (const s of [IMG, SCRIPT]) expect(html.includes(s), `raw ${s} in HTML`).toBe(false);
  // Exactly the page's own script elements: chart data, three bundles, the init script.
  expect(html.match(/<script/gi)).toHaveLength(5);
  expect(html.match(/<\/script/gi)).toHaveLength(5);
  // Outside the (bundled, trusted) scripts, no element but the page's own.
  const page = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
  const tags = new Set([...page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
  const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'section', 'ul', 'li', 'figure', 'div', 'figcaption', 'noscript', 'strong', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'footer', 'script'];
  expect([...tags].filter((t) => !allowed.includes(t))).toEqual([]);
  expect(page.includes('&lt;img src=x onerror=alert(1)&gt;')).toBe(true);
  // The chart data survives the trip through the <script> element intact.
  const json = /<script type="application\/json" id="scsim-charts">([^<]*)<\/script>/.exec(html)![1]!;
  const specs = JSON.parse(json) as unknown[];
  expect(specs).toEqual(buildReport(inputs).charts.map((c) => c.spec));

  const md = files.get('summary.md') as string;
  expect(/<img|<script|<\/script/i.test(md)).toBe(false);
  expect(md.includes('[link](')).toBe(false);
  // Table rows keep their shape: as many unescaped pipes as the header row.
  for (const table of md.split('\n### ').filter((t) => t.includes('\n| '))) {
    const rows = table.split('\n').filter((l) => l.startsWith('| '));
    const pipes = (l: string) => l.match(/(?<!\\)\|/g)!.length;
    for (const r of rows) expect(pipes(r), r).toBe(pipes(rows[0]!));
  }

  for (const [name, content] of files) {
    if (!name.endsWith('.vl.json')) continue;
    const spec = JSON.parse(content as string);
    // User strings live in data values only: never in a title, a field name or an expression…
    for (const [key, s] of structuralStrings(spec)) expect(s.includes('alert'), `${name}: ${key} = ${s}`).toBe(false);
    // …nor in any expression of the vega spec vega-lite compiles it to.
    for (const [key, s] of structuralStrings(toVega(spec))) expect(s.includes('alert'), `${name} (vega): ${key} = ${s}`).toBe(false);
  }
  for (const [name, content] of files) {
    if (!name.endsWith('.svg')) continue;
    const svg = content as string;
    expect(/<img|<script/i.test(svg), name).toBe(false);
  }
}

describe('a report of hostile names', () => {
  it('run: scenario name, description, site and segment ids stay text', async () => {
    const fixture = await runFixture(({ doc, scenario }) => {
      doc.scenario = `${SCRIPT} ${MD}`;
      doc.description = IMG;
      const [seg] = Object.keys(doc.bySegment);
      doc.bySegment[IMG] = doc.bySegment[seg!]!;
      delete doc.bySegment[seg!];
      (scenario.segments as Record<string, unknown>)[IMG] = scenario.segments[seg!];
      const [site] = Object.keys(doc.bySite);
      doc.bySite[MD] = doc.bySite[site!]!;
      doc.bySite[MD]!.productionUtilisation = { ...doc.bySite[MD]!.fillRate!, mean: 0.99 };
      delete doc.bySite[site!];
    });
    const inputs: ReportInputs = { results: fixture.doc, scenario: fixture.scenario };
    const files = await renderReportFiles(inputs);
    assertInert(files, inputs);
    const report = buildReport(inputs);
    expect(report.title).toBe(`${SCRIPT} ${MD}`);
    // The hostile site is the busiest: it is named in the summary, as text.
    expect(report.summary.join(' ')).toContain(MD);
    expect((files.get('report.html') as string).includes('\\u003cimg src=x onerror=alert(1)\\u003e')).toBe(true);
  });

  it('compare: option and base names stay text', async () => {
    const results = compareFixture(EVIL);
    results.base = IMG as 'base';
    const inputs: ReportInputs = { results };
    assertInert(await renderReportFiles(inputs), inputs);
  });

  it('frontier: plan labels and parameter paths stay text', async () => {
    const results = frontierFixture([...EVIL, 'S=140', 'S=160', 'S=180']);
    results.points[0]!.parameters = { [IMG]: SCRIPT };
    const inputs: ReportInputs = { results };
    const files = await renderReportFiles(inputs);
    assertInert(files, inputs);
    // Labels are drawn by vega as SVG text, escaped.
    expect((files.get('frontier.svg') as string).includes('&lt;img src=x onerror=alert(1)&gt;')).toBe(true);
  });
});
