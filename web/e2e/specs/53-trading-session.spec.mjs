// Paper trading session: the access token is renewed before it expires (the page's clock is moved 14.5 minutes
// ahead of a 15-minute token), orders keep working with the new token, the user room follows it, and logging out
// ends the session.
import { accountPlatform, pickAtmCall, registerOnTradeScreen } from '../account.mjs';

export default function (t) {
  accountPlatform(t);
  t.test('the token is renewed before expiry, then logout', async ({ page, base }) => {
    await page.clock.install();
    await registerOnTradeScreen(page, base, 'session');
    const renewed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh'));
    const reconnected = page.waitForEvent('websocket');
    await page.clock.fastForward('14:30');
    const answer = await renewed;
    if (answer.status() !== 200) throw new Error(`refresh answered ${answer.status()}`);
    const body = await answer.json();
    if (!body.token || !body.refresh_token) throw new Error(`refresh answer without tokens: ${JSON.stringify(body)}`);

    // The live connection reconnects with the new token; the fill must arrive through the user room again. The old
    // connection is closed before the new socket opens, so "live" from here on is the new connection's.
    await reconnected;
    await page.locator('.conn[data-state="live"]').waitFor();
    await pickAtmCall(page, 'BUY');
    const placed = page.waitForRequest((r) => r.url().endsWith('/api/trade/order') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Buy MARKET' }).click();
    const auth = (await (await placed).allHeaders()).authorization;
    if (auth !== `Bearer ${body.token}`) throw new Error('the order was not sent with the renewed token');
    await page.getByTestId('event-log').locator('li.event-fill').waitFor();

    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await page.getByRole('button', { name: 'Log out' }).click();
    if ((await loggedOut).status() !== 200) throw new Error('logout failed');
    await page.getByRole('tab', { name: 'Register' }).waitFor();
  });
}
