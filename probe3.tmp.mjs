import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const dir of process.argv.slice(2)) {
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('file://' + dir + '/report.html');
await page.waitForSelector('body[data-charts]');
const r = await page.evaluate(() => {
  const nan = [...document.querySelectorAll('body *')].filter((e) => e.children.length === 0 && /NaN/.test(e.textContent)).map((e) => (e.closest('[data-chart]')?.dataset.chart ?? e.tagName) + ':' + e.textContent.slice(0, 80));
  const pct = [...document.querySelectorAll('svg text')].filter((t) => /^\d+(\.\d+)?%$/.test(t.textContent) && parseFloat(t.textContent) > 100).map((t) => t.closest('[data-chart]').dataset.chart);
  return { nan: nan.slice(0, 5), pct };
});
console.log(dir, JSON.stringify(r));
await page.close();
}
await browser.close();
