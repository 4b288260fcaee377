// Paper trading: an order over the freeze quantity is refused by the simulator's risk checks; the ticket shows the
// reason and the rejection also arrives live from the user room.
import { accountPlatform, pickAtmCall, registerOnTradeScreen } from '../account.mjs';

export default function (t) {
  accountPlatform(t);
  t.test('a risk rejection is shown', async ({ page, base, shot, expectConsoleError }) => {
    // The browser logs the 400 answer of the refused order as a failed resource load.
    expectConsoleError(/status of 400/);
    await registerOnTradeScreen(page, base, 'risk');
    await pickAtmCall(page, 'BUY');
    await page.getByLabel('Lots').fill('25');
    await page.getByRole('button', { name: 'Buy MARKET' }).click();
    const error = page.getByTestId('ticket-error');
    await error.waitFor();
    const text = await error.textContent();
    if (!/exceeds the freeze quantity/.test(text)) throw new Error(`unexpected ticket error: ${text}`);
    await page.getByTestId('event-log').locator('li.event-reject').filter({ hasText: 'freeze quantity' }).waitFor();
    await page.getByRole('tab', { name: /Orders/ }).click();
    await page.locator('[data-testid="orders"] tr[data-status="REJECTED"]').waitFor();
    await page.getByRole('tab', { name: 'Risk' }).click();
    await page.getByTestId('risk').getByText('Freeze quantity (lots)').waitFor();
    await shot('trading-risk');
  });
}
