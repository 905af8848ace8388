import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const dir of process.argv.slice(2)) {
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('file://' + dir + '/report.html');
await page.waitForSelector('body[data-charts]');
const r = await page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('.chart')) {
    const texts = [...el.querySelectorAll('svg text')].filter((t) => {
      const s = getComputedStyle(t);
      return (t.textContent ?? '').trim() !== '' && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && t.getAttribute('opacity') !== '0' && t.getAttribute('fill-opacity') !== '0';
    }).map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].box, b = texts[j].box;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) {
        const area = w * h, small = Math.min(a.width * a.height, b.width * b.height);
        if (area > 0.2 * small) out.push([el.dataset.chart, texts[i].text, texts[j].text, Math.round(area / small * 100)]);
      }
    }
  }
  const body = document.body.innerText;
  const pct = [...body.matchAll(/(^|[^+\u2212\d.-])(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[2])).filter((x) => x > 100);
  const svgPct = [...document.querySelectorAll('svg text')].map((t) => t.textContent).filter((t) => /^\d+(\.\d+)?%$/.test(t) && parseFloat(t) > 100);
  return { overlaps: out.slice(0, 15), nOverlaps: out.length, nan: /NaN/.test(body) || [...document.querySelectorAll('svg text')].some((t) => /NaN/.test(t.textContent)), pct, svgPct };
});
console.log(dir, JSON.stringify(r));
await page.close();
}
await browser.close();
