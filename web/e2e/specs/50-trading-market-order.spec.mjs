// Paper trading: register, log out, log in again, buy the ATM call at market from the quotes, see the fill
// arrive from the user room, the position, and its P&L move with the live marks.
import { accountPlatform, pickAtmCall, registerOnTradeScreen } from '../account.mjs';

export default function (t) {
  accountPlatform(t);
  t.test('register, log in, market order from the chain, live position P&L', async ({ page, base, shot,
    expectConsoleError }) => {
    // The browser logs the 401 answer to the deliberately wrong password as a failed resource load.
    expectConsoleError(/status of 401/);
    const email = await registerOnTradeScreen(page, base, 'market');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-password1');
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid credentials' }).waitFor();
    await page.getByLabel('Password').fill('secret123');
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('signed-in').waitFor();

    await pickAtmCall(page, 'BUY');
    const symbol = await page.getByLabel('Instrument').inputValue();
    if (!/^NIFTY\d{8}C\d+$/.test(symbol)) throw new Error(`the ladder filled an odd symbol: ${symbol}`);
    await page.getByRole('button', { name: 'Buy MARKET' }).click();

    // The fill comes back over the user room (socket authenticated with the token), not from the REST answer.
    await page.getByTestId('event-log').locator('li.event-fill').filter({ hasText: symbol }).waitFor();
    const row = page.locator(`[data-testid="positions"] tr[data-symbol="${symbol}"]`);
    await row.waitFor();
    const qty = await row.locator('td').nth(1).textContent();
    if (qty.replace(/\D/g, '') !== '75') throw new Error(`position quantity ${qty}, expected 75`);
    const pnl = row.getByTestId('unrealized');
    const first = await pnl.textContent();
    await page.waitForFunction(([s, prev]) => document.querySelector(
      `[data-testid="positions"] tr[data-symbol="${s}"] [data-testid="unrealized"]`).textContent !== prev,
    [symbol, first], { timeout: 30_000 });
    const funds = await page.getByTestId('funds').textContent();
    if (!/Margin available/.test(funds) || !/Equity/.test(funds)) throw new Error(`funds panel incomplete: ${funds}`);
    await page.getByRole('tab', { name: 'Trades' }).click();
    await page.locator('[data-testid="trades"] tbody tr').first().waitFor();
    await page.getByRole('tab', { name: 'Positions (1)' }).click();
    await shot('trading');
  }, { timeout: 40_000 });
}
