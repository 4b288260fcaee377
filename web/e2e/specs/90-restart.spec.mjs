// A server restart is survived: the page shows it is reconnecting, then reconnects, resubscribes and updates again.
export default function (t) {
  t.test('a server restart is survived (reconnect and resubscribe)', async ({ page, base, platform, expectConsoleError }) => {
    // While the platform is down the browser logs its failed connection attempts; nothing else may appear. A request
    // caught by the shutdown can also be answered 503 by the gateway (seen once, on a loaded machine).
    expectConsoleError(/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE/);
    expectConsoleError(/Failed to load resource: the server responded with a status of 503/);
    await page.goto(`${base}/chain?product=SPY`);
    await page.locator('.conn[data-state="live"]').waitFor();
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    await platform.stop();
    await page.locator('.conn[data-state="reconnecting"]').waitFor({ timeout: 30_000 });
    const before = await page.locator('[data-stat="updated"]').textContent();
    await platform.start();
    await page.locator('.conn[data-state="live"]').waitFor({ timeout: 60_000 });
    // New chains arrive only if the chain room was joined again on the new connection.
    await page.waitForFunction((prev) => document.querySelector('[data-stat="updated"]').textContent !== prev,
      before, { timeout: 60_000 });
    if (await page.locator('tr[data-strike]').count() !== 21) throw new Error('chain lost its rows after the restart');
  }, { timeout: 60_000 });
}
