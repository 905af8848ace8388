/**
 * End to end in a real browser: shipped reports opened from disk in headless Chromium (Debian's
 * `chromium`, driven by playwright-core). Every chart must draw (its SVG has marks), the page
 * must make no network request and log no error or warning, and hostile names must stay text
 * (no dialog, no injected element), tooltips included. Screenshots go to
 * reports/test-screenshots/ (git-ignored).
 *
 * Without Chromium the test is skipped with a message saying so — except in CI (CI=true),
 * where a missing browser fails the run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiText } from '../src/report/model.ts';
import { DEFAULT_HEADLINE } from '../src/report/sections/headline.ts';
import { writeReport, writeReportFrom } from '../src/report/write.ts';
import { compareFixture, frontierFixture, runFixture, writeResultsFolder } from './report-helpers.ts';
import { SHIPPED, makeShippedReport } from './report-shipped.ts';

const CHROMIUM = process.env.SCSIM_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const SCREENSHOTS = fileURLToPath(new URL('../reports/test-screenshots/', import.meta.url));

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(1)</script>';

if (!HAVE_CHROMIUM && IN_CI)
  it('Chromium is installed (required in CI)', () => {
    throw new Error(`no Chromium at ${CHROMIUM}: CI must install it (apt-get install -y chromium), or set SCSIM_CHROMIUM`);
  });
else if (!HAVE_CHROMIUM) {
  process.stderr.write(`report-browser: SKIPPED — no Chromium at ${CHROMIUM} (Debian/Ubuntu: apt-get install -y chromium; or set SCSIM_CHROMIUM)\n`);
  it.skip(`report in a browser: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium)`, () => {});
}

interface PageCheck {
  charts: Array<{ id: string; chart: string | null; rendered: string | null; marks: number; texts: number }>;
  state: string | null;
  requests: string[];
  messages: string[];
  dialogs: string[];
  h1: string;
  imgs: number;
  /** Text of the tooltip after hovering each point of the first chart. */
  tooltips: string[];
  /** Panels (views of a concatenated chart) without a single data mark: `chart/panel`. */
  emptyPanels: string[];
  /** Pairs of visible labels whose boxes overlap by more than a fifth of the smaller one. */
  overlaps: string[];
  /** Text with NaN in it (page text and chart text). */
  nan: string[];
  /** Unsigned percentages above 100% (page text and chart text). */
  over100: string[];
  /** Tick labels that appear twice on one axis (`~s` rounding 1.52M and 1.54M both to 1.5M). */
  duplicateTicks: string[];
  /** The summary's text. */
  summary: string;
}

describe.runIf(HAVE_CHROMIUM)('report.html in headless Chromium', () => {
  let browser: Browser;
  let root: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    root = mkdtempSync(join(tmpdir(), 'scsim-report-browser-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report, lets every chart draw, and reports what the page did. */
  async function open(reportDir: string, shot: string, hover = false): Promise<PageCheck> {
    const url = pathToFileURL(join(reportDir, 'report.html')).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const messages: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Anything but the page itself is refused (and recorded above).
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url);
    await page.waitForSelector('body[data-charts]', { timeout: 30_000 });
    const tooltips: string[] = [];
    if (hover)
      for (const mark of await page.$$('#chart-0 svg .mark-symbol.role-mark path')) {
        await mark.hover({ force: true });
        await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5000 });
        tooltips.push(await page.$eval('#vg-tooltip-element', (el) => (el.querySelector('img, script, iframe') ? '<element injected>' : (el.textContent ?? ''))));
        // Move away until the tooltip hides, so the next read cannot see this point's text.
        await page.mouse.move(1, 1);
        await page.waitForSelector('#vg-tooltip-element:not(.visible)', { state: 'attached', timeout: 5000 });
      }
    const result = await page.evaluate(() => ({
      state: document.body.getAttribute('data-charts'),
      charts: [...document.querySelectorAll('.chart')].map((el) => ({
        id: el.id,
        chart: el.getAttribute('data-chart'),
        rendered: el.getAttribute('data-rendered'),
        marks: el.querySelectorAll('svg .role-mark > *').length,
        texts: el.querySelectorAll('svg text').length,
      })),
      h1: document.querySelector('h1')?.textContent ?? '',
      imgs: document.querySelectorAll('img, iframe, object, embed').length,
      summary: document.getElementById('summary')?.textContent ?? '',
      emptyPanels: [...document.querySelectorAll('.chart')].flatMap((el) =>
        [...el.querySelectorAll('g.role-scope')]
          .filter((g) => /concat_\d+_group/.test(g.getAttribute('class') ?? ''))
          .filter((g) => ![...g.querySelectorAll('g.role-mark')].some((m) => /mark-(rect|symbol|line|area)/.test(m.getAttribute('class') ?? '') && !m.closest('.role-axis, .role-legend, .role-title') && m.children.length > 0))
          .map((g) => `${(el as HTMLElement).dataset.chart}/${/concat_\d+/.exec(g.getAttribute('class') ?? '')![0]}`),
      ),
      overlaps: [...document.querySelectorAll('.chart')].flatMap((el) => {
        const texts = [...el.querySelectorAll('svg text')]
          .filter((t) => {
            const st = getComputedStyle(t);
            return (t.textContent ?? '').trim() !== '' && st.visibility !== 'hidden' && st.display !== 'none' && Number(st.opacity) > 0 && t.getAttribute('opacity') !== '0';
          })
          .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
        const out: string[] = [];
        for (let i = 0; i < texts.length; i++)
          for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i]!.box;
            const b = texts[j]!.box;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 1 && h > 1 && w * h > 0.2 * Math.min(a.width * a.height, b.width * b.height))
              out.push(`${(el as HTMLElement).dataset.chart}: "${texts[i]!.text}" / "${texts[j]!.text}"`);
          }
        return out;
      }),
      duplicateTicks: [...document.querySelectorAll('.chart')].flatMap((el) =>
        [...el.querySelectorAll('g.role-axis')].flatMap((axis) => {
          const labels = [...axis.querySelectorAll('g.role-axis-label text')].map((t) => t.textContent ?? '').filter((t) => t !== '');
          return labels.filter((t, i) => labels.indexOf(t) !== i).map((t) => `${(el as HTMLElement).dataset.chart}: tick "${t}" twice`);
        }),
      ),
      nan: [document.body.innerText, ...[...document.querySelectorAll('svg text')].map((t) => t.textContent ?? '')].filter((t) => /\bNaN\b/.test(t)).map((t) => t.slice(0, 120)),
      over100: [document.body.innerText, ...[...document.querySelectorAll('svg text')].map((t) => t.textContent ?? '')].flatMap((t) =>
        [...t.matchAll(/(^|[^+\u2212\d.,-])(\d[\d,]*(?:\.\d+)?)%/g)].filter((m) => Number(m[2]!.replace(/,/g, '')) > 100).map((m) => `${m[0]} in "${t.slice(0, 80)}"`),
      ),
    }));
    await page.screenshot({ path: join(SCREENSHOTS, `${shot}.png`), fullPage: true });
    await page.close();
    return { ...result, requests, messages, dialogs, tooltips };
  }

  function expectHealthy(check: PageCheck, url: string, charts: string[]): void {
    expect(check.state).toBe('ready');
    expect(check.charts.map((c) => c.chart)).toEqual(charts);
    for (const c of check.charts) {
      expect(c.rendered, c.chart!).toBe('true');
      expect(c.marks, `${c.chart} has no marks`).toBeGreaterThan(0);
      expect(c.texts, `${c.chart} has no text`).toBeGreaterThan(0);
    }
    expect(check.requests).toEqual([url]);
    expect(check.messages).toEqual([]);
    expect(check.dialogs).toEqual([]);
  }

  it('a run report draws all its charts offline, without errors', async () => {
    const fixture = await runFixture();
    const { dir } = await writeReport(fixture.dir, { out: join(root, 'run') });
    const check = await open(dir, 'run');
    expectHealthy(check, pathToFileURL(join(dir, 'report.html')).href, ['segment-service', 'cost-breakdown', 'cash-cycle', 'back-office', 'service-over-time', 'on-hand', 'cash', 'kpi-distributions']);
    expect(check.h1).toBe(fixture.doc.scenario);
  });

  it('comparison and frontier reports draw too', async () => {
    const compare = await writeReport(writeResultsFolder(mkdtempSync(join(root, 'c-')), compareFixture()), { out: join(root, 'compare') });
    expectHealthy(await open(compare.dir, 'compare'), pathToFileURL(join(compare.dir, 'report.html')).href, ['headline-changes', 'options-compared', 'cost-breakdown']);
    const frontier = await writeReport(writeResultsFolder(mkdtempSync(join(root, 'f-')), frontierFixture()), { out: join(root, 'frontier') });
    expectHealthy(await open(frontier.dir, 'frontier'), pathToFileURL(join(frontier.dir, 'report.html')).href, ['frontier', 'cost-breakdown']);
  });

  describe('every shipped scenario', () => {
    const reports = new Map<string, string>();
    beforeAll(async () => {
      const out = mkdtempSync(join(root, 'shipped-'));
      for (const e of SHIPPED) reports.set(e.id, await makeShippedReport(e, out));
    }, 600_000);

    it.each(SHIPPED.map((e) => ({ id: e.id })))('$id: a report with its headline, and no NaN, empty panel, overlapping text or share above 100%', async ({ id }) => {
      const dir = reports.get(id)!;
      const check = await open(dir, `shipped-${id}`);
      expect(check.state).toBe('ready');
      for (const c of check.charts) {
        expect(c.rendered, c.chart!).toBe('true');
        expect(c.marks, `${c.chart} has no marks`).toBeGreaterThan(0);
      }
      expect(check.messages).toEqual([]);
      expect(check.emptyPanels).toEqual([]);
      expect(check.overlaps).toEqual([]);
      expect(check.duplicateTicks).toEqual([]);
      expect(check.nan).toEqual([]);
      expect(check.over100).toEqual([]);
      const scenario = JSON.parse(readFileSync(join(dir, '..', 'scenario.json'), 'utf8')) as { headline?: string[]; question?: string };
      const shipped = !SHIPPED.find((e) => e.id === id)!.scenario.startsWith('../');
      if (shipped) expect(scenario.headline?.length, 'the shipped scenario declares its headline KPIs').toBeGreaterThan(0);
      for (const kpi of scenario.headline ?? DEFAULT_HEADLINE) expect(check.summary.toLowerCase(), `summary misses headline KPI ${kpi}`).toContain(kpiText(kpi).toLowerCase());
      if (id === 'holiday-run') expect(check.summary).toMatch(/Bottleneck: the order desk/);
    });
  });

  it('hostile names stay text: no script runs, no element is injected, tooltips included', async () => {
    const results = frontierFixture([IMG, SCRIPT, 'S=120', 'S=140', 'S=160', 'S=180']);
    results.scenario = `${IMG}${SCRIPT}`;
    results.description = SCRIPT;
    const { dir } = await writeReportFrom({ results }, { out: join(root, 'hostile') });
    const check = await open(dir, 'hostile', true);
    expectHealthy(check, pathToFileURL(join(dir, 'report.html')).href, ['frontier', 'cost-breakdown']);
    expect(check.h1).toBe(`${IMG}${SCRIPT}`);
    expect(check.imgs).toBe(0);
    // Each point's tooltip shows its label as text (vega-tooltip escapes it).
    expect(check.tooltips).toHaveLength(6);
    expect(check.tooltips.some((t) => t.includes(IMG))).toBe(true);
    expect(check.tooltips.some((t) => t.includes(SCRIPT))).toBe(true);
  });
});
