// Screens 4-7 on a tablet in portrait (no sideways page scroll) and in the dark theme.
import { accountPlatform, pickAtmCall, registerOnTradeScreen } from '../account.mjs';

async function noPageOverflow(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${where} scrolls sideways by ${overflow}px`);
}

export default function (t) {
  accountPlatform(t);
  t.test('strategy, trading, AI and calculator fit a tablet in portrait', async ({ page, base, shot }) => {
    await page.goto(`${base}/strategy?product=SENSEX`);
    await page.locator('table.ladder tr.atm').waitFor({ timeout: 30_000 });
    await page.getByTestId('template').selectOption('iron_condor');
    await page.getByRole('button', { name: 'Build' }).click();
    await page.locator('[data-testid="legs"] tbody tr').nth(3).waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="breakevens"] b')?.textContent ?? ''));
    await noPageOverflow(page, 'the strategy builder');
    await registerOnTradeScreen(page, base, 'tablet', 'SENSEX');
    await pickAtmCall(page, 'SELL');
    await page.getByRole('button', { name: 'Sell MARKET' }).click();
    await page.locator('[data-testid="positions"] tbody tr').first().waitFor();
    await page.getByRole('tab', { name: /Orders/ }).click();
    await noPageOverflow(page, 'paper trading');
    await shot('trading-tablet', { fullPage: true });
    for (const path of ['/ai?product=SENSEX', '/calculator?product=SENSEX']) {
      await page.goto(`${base}${path}`);
      await page.locator('h1').waitFor();
      await noPageOverflow(page, path);
    }
  }, { viewport: { width: 768, height: 1024 }, timeout: 30_000 });

  t.test('the strategy builder in the dark theme', async ({ page, base, shot }) => {
    await page.goto(`${base}/strategy?product=AAPL`);
    await page.locator('table.ladder tr.atm').waitFor({ timeout: 30_000 });
    await page.getByTestId('template').selectOption('short_strangle');
    await page.getByRole('button', { name: 'Build' }).click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="breakevens"] b')?.textContent ?? ''));
    const summary = await page.getByTestId('strategy-summary').textContent();
    if (!/Max loss\s*Unlimited/.test(summary)) throw new Error(`a short strangle's loss is unlimited: ${summary}`);
    if (!/\$/.test(summary)) throw new Error(`AAPL amounts should be in dollars: ${summary}`);
    await page.waitForTimeout(500);
    await shot('strategy-dark');
  }, { colorScheme: 'dark' });
}
