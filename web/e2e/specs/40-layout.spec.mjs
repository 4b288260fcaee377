// Layout: the dark theme (remembered), a tablet in portrait, keyboard-reachable controls.
async function noPageOverflow(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`the page scrolls sideways by ${overflow}px`);
}

export default function (t) {
  t.test('dark theme: chosen by the system, toggled and remembered', async ({ page, base, shot }) => {
    await page.goto(`${base}/chain?product=BANKNIFTY`);
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    if (await page.evaluate(() => document.documentElement.dataset.theme) !== 'dark') {
      throw new Error('dark system preference not followed');
    }
    await page.waitForTimeout(1200);
    await shot('chain-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.reload();
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    if (await page.evaluate(() => document.documentElement.dataset.theme) !== 'light') {
      throw new Error('theme choice not remembered');
    }
  }, { colorScheme: 'dark' });

  t.test('tablet in portrait: no sideways page scroll, the chain scrolls in its panel', async ({ page, base, shot }) => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="overview-table"] tbody tr').nth(7).waitFor();
    await noPageOverflow(page);
    await page.goto(`${base}/chain?product=TSLA`);
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    await noPageOverflow(page);
    await page.goto(`${base}/analytics?product=TSLA`);
    await page.locator('[data-chart="smile"] .chart[data-series]').waitFor({ timeout: 30_000 });
    await noPageOverflow(page);
    await page.waitForTimeout(500);
    await shot('analytics-tablet');
  }, { viewport: { width: 768, height: 1024 } });

  t.test('keyboard: the nav and an overview row open the chain', async ({ page, base }) => {
    await page.goto(`${base}/`);
    const row = page.locator('tr[data-product="QQQ"]');
    await row.waitFor();
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/chain\?product=QQQ/);
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Analytics' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/analytics\?product=QQQ/);
  });
}
