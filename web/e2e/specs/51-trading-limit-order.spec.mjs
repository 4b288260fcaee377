// Paper trading: a DAY limit order below the bid rests in the book, is modified, then cancelled; the order book
// follows each step.
import { accountPlatform, pickAtmCall, registerOnTradeScreen } from '../account.mjs';

export default function (t) {
  accountPlatform(t);
  t.test('rest, modify and cancel a limit order', async ({ page, base, shot }) => {
    await registerOnTradeScreen(page, base, 'limit');
    await pickAtmCall(page, 'BUY');
    await page.getByLabel('Order type').selectOption('LIMIT');
    // The ladder put the ask into the ticket.
    const picked = Number(await page.getByLabel('Limit price').inputValue());
    if (!(picked > 0)) throw new Error('the ladder did not fill a price');
    // 10% under the ask, on the 0.05 tick: inside the price band, below every synthetic offer.
    const resting = (Math.round(picked * 0.9 / 0.05) * 0.05).toFixed(2);
    await page.getByLabel('Limit price').fill(resting);
    await page.getByRole('button', { name: 'Buy LIMIT' }).click();
    const row = page.locator('[data-testid="orders"] tbody tr[data-status="OPEN"]').first();
    await row.waitFor();
    const id = await row.getAttribute('data-order');

    await row.getByRole('button', { name: `Modify ${id}` }).click();
    const edit = page.locator(`tr.editing[data-order="${id}"]`);
    const lower = (Math.round(picked * 0.85 / 0.05) * 0.05).toFixed(2);
    await edit.getByLabel('Price').fill(lower);
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(([o, p]) => {
      const tr = document.querySelector(`[data-testid="orders"] tr[data-order="${o}"]`);
      return tr && !tr.classList.contains('editing') && tr.textContent.includes(Number(p).toFixed(2));
    }, [id, lower]);
    await shot('trading-orders');

    await page.locator(`[data-testid="orders"] tr[data-order="${id}"]`).getByRole('button', { name: `Cancel ${id}` })
      .click();
    await page.locator(`[data-testid="orders"] tr[data-order="${id}"][data-status="CANCELLED"]`).waitFor();
    await page.getByTestId('event-log').locator('li').filter({ hasText: 'Cancelled' }).waitFor();
  });
}
