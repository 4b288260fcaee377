// Calculator: Hull's textbook call (S=42, K=40, r=10%, sigma=20%, six months) prices at 4.76, and its price gives
// back the 20% volatility; a bad field is named.
export default function (t) {
  t.test('the calculator answers', async ({ page, base, shot }) => {
    await page.goto(`${base}/calculator?product=AAPL`);
    const set = async (label, v) => page.getByLabel(new RegExp(`^${label}`)).fill(v);
    await set('Spot', '42');
    await set('Strike', '40');
    await set('Days to expiry', '182.5');
    await set('Rate', '10');
    await set('Dividend yield', '0');
    await set('Volatility', '20');
    await set('Option price', 'abc');
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.getByText('Option price must be a number').waitFor();
    await set('Option price', '4.76');
    await page.getByRole('button', { name: 'Calculate' }).click();
    const priceCell = page.getByTestId('calc-price');
    await priceCell.waitFor();
    const p = Number((await priceCell.textContent()).replace(/[^\d.]/g, ''));
    if (Math.abs(p - 4.76) > 0.005) throw new Error(`call price ${p}, expected 4.76`);
    const iv = await page.getByTestId('calc-iv').textContent();
    const v = Number(/(\d+\.\d+)%/.exec(iv)?.[1]);
    if (Math.abs(v - 20) > 0.1) throw new Error(`implied volatility ${iv}, expected about 20%`);
    await shot('calculator');
  });
}
