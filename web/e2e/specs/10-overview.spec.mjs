// Overview: every product's row fills from the live feed over Socket.IO.
export default function (t) {
  t.test('overview shows every product live', async ({ page, base, shot }) => {
    await page.goto(`${base}/`);
    await page.locator('.conn[data-state="live"]').waitFor();
    const rows = page.locator('[data-testid="overview-table"] tbody tr');
    await rows.nth(7).waitFor();
    if ((await rows.count()) !== 8) throw new Error(`expected 8 products, got ${await rows.count()}`);
    // Every product gets a spot price and its nearest chain's figures (ATM IV, PCR) from the stream.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="overview-table"] tbody tr')]
      .every((tr) => /\d/.test(tr.querySelector('[data-field="spot"]').textContent)
        && /\d/.test(tr.querySelector('[data-field="pcr"]').textContent)
        && /%/.test(tr.querySelector('[data-field="atm_iv"]').textContent)), null, { timeout: 30_000 });
    const nifty = await page.locator('tr[data-product="NIFTY"] [data-field="spot"]').textContent();
    if (!/^\d{1,2},\d{2},\d{3}\.\d{2}$|^\d{1,3}(,\d{3})*\.\d{2}$/.test(nifty)) throw new Error(`odd NIFTY spot ${nifty}`);
    const first = await page.locator('tr[data-product="AAPL"] [data-field="spot"]').textContent();
    await page.waitForFunction((prev) =>
      document.querySelector('tr[data-product="AAPL"] [data-field="spot"]').textContent !== prev, first);
    await shot('overview');
  });
}
