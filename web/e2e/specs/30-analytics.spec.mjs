// Analytics: every chart draws from live data; the smile has market points and the SVI fit line.
function series(page, chart) {
  return page.locator(`[data-chart="${chart}"] .chart`).getAttribute('data-series');
}

/** Waits until the chart draws at least `min[name]` points in each named series (the page's CSP forbids eval). */
async function waitForSeries(page, chart, min) {
  await page.waitForFunction(({ chart, min }) => {
    const s = document.querySelector(`[data-chart="${chart}"] .chart`)?.dataset.series;
    if (!s) return false;
    const counts = Object.fromEntries(s.split(',').map((x) => {
      const i = x.lastIndexOf(':');
      return [x.slice(0, i), Number(x.slice(i + 1))];
    }));
    return Object.entries(min).every(([name, n]) => counts[name] >= n);
  }, { chart, min }, { timeout: 30_000 });
}

export default function (t) {
  t.test('the smile chart has market points and a fit line; every chart draws', async ({ page, base, shot }) => {
    await page.goto(`${base}/analytics?product=NIFTY`);
    await waitForSeries(page, 'smile', { 'Market IV': 10, 'SVI fit': 20 });
    await waitForSeries(page, 'oi', { 'Calls OI': 10, 'Puts OI': 10 });
    await waitForSeries(page, 'oi-change', { 'Calls OI change': 10 });
    await waitForSeries(page, 'surface', { 'IV %': 10 });
    await waitForSeries(page, 'candles', { Price: 1, Ticks: 1 });
    await waitForSeries(page, 'pcr', { 'PCR (OI)': 1 });
    // The candle window switch reloads the history in that window.
    await page.locator('[data-testid="candle-window"]').selectOption('1');
    if (!page.url().includes('candles=1')) throw new Error(`candle window not in the URL: ${page.url()}`);
    await waitForSeries(page, 'candles', { Price: 1 });
    await page.waitForTimeout(600);
    await shot('analytics', { fullPage: true });
    const smile = await series(page, 'smile');
    if (!/Market IV:\d+,SVI fit:\d+/.test(smile)) throw new Error(`smile series ${smile}`);
  });
}
