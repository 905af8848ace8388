import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('file://' + process.argv[2] + '/report.html');
await page.waitForSelector('body[data-charts]');
const r = await page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('.chart')) {
    const scopes = [...el.querySelectorAll('g.role-scope')];
    const info = scopes.map((g) => { const cls = g.getAttribute("class");
      const marks = [...g.querySelectorAll(':scope > g > g.role-mark, :scope g.role-mark')].filter((m) => !m.closest('.role-axis, .role-legend, .role-title'));
      const n = marks.reduce((a, m) => a + m.children.length, 0);
      return cls.replace("mark-group role-scope ","") + ":" + n;
    });
    out.push([el.dataset.chart, scopes.length, info.join(',')]);
  }
  return out;
});
console.log(JSON.stringify(r));
await browser.close();
