// Strategy builder: a long straddle from the template gets its payoff chart, breakevens around the strike, an
// unlimited max profit and a max loss equal to the premium; a leg clicked in the quotes joins the strategy.
export default function (t) {
  t.test('build a straddle and see breakevens', async ({ page, base, shot }) => {
    await page.goto(`${base}/strategy?product=NIFTY`);
    await page.locator('table.ladder tr.atm').waitFor({ timeout: 30_000 });
    const strike = Number((await page.locator('table.ladder tr.atm th.strike').textContent()).replace(/[^\d.]/g, ''));
    await page.getByTestId('template').selectOption('long_straddle');
    await page.getByRole('button', { name: 'Build' }).click();
    await page.locator('[data-testid="legs"] tbody tr').nth(1).waitFor();
    const be = page.getByTestId('breakevens');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="breakevens"] b').textContent));
    const values = (await be.locator('b').textContent()).split('·').map((s) => Number(s.replace(/[^\d.]/g, '')));
    if (values.length !== 2 || !(values[0] < strike && strike < values[1])) {
      throw new Error(`breakevens ${values} do not straddle the strike ${strike}`);
    }
    const summary = await page.getByTestId('strategy-summary').textContent();
    if (!/Max profit\s*Unlimited/.test(summary)) throw new Error(`max profit not unlimited: ${summary}`);
    if (!/Probability of profit\s*\d+(\.\d)?%/.test(summary)) throw new Error(`no probability of profit: ${summary}`);
    await page.locator('canvas').first().waitFor();
    // A click on a put ask adds a third leg.
    await page.getByTestId(`ladder-put-ask-${strike - 50}`).click();
    await page.locator('[data-testid="legs"] tbody tr').nth(2).waitFor();
    await page.getByRole('button', { name: `Remove BUY NIFTY` }).last().click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="legs"] tbody tr').length === 2);
    await page.waitForTimeout(500);
    await shot('strategy');
  });
}
