// Strategy builder to paper trading: a bull call spread built from the template is placed as two market orders
// (the bought leg first) and both legs show up as positions.
import { accountPlatform, registerOnTradeScreen } from '../account.mjs';

export default function (t) {
  accountPlatform(t);
  t.test('place a strategy as orders', async ({ page, base, shot }) => {
    await registerOnTradeScreen(page, base, 'strategy');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Strategy' }).click();
    await page.locator('table.ladder tr.atm').waitFor({ timeout: 30_000 });
    await page.getByTestId('template').selectOption('bull_call_spread');
    await page.getByRole('button', { name: 'Build' }).click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="breakevens"] b')?.textContent ?? ''));
    await page.getByRole('button', { name: 'Place as 2 market orders' }).click();
    const results = page.locator('ul.placed li');
    await results.nth(1).waitFor();
    const texts = await results.allTextContents();
    if (!/^BUY 75 NIFTY\d{8}C\d+: filled/.test(texts[0]) || !/^SELL 75 NIFTY\d{8}C\d+: filled/.test(texts[1])) {
      throw new Error(`unexpected placement results: ${texts.join(' | ')}`);
    }
    await shot('strategy-placed');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Paper trading' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="positions"] tbody tr').length === 2);
  });
}
