// Shared steps of the paper-trading specs: a fresh account registered through the dashboard's own form.

let seq = 0;

/**
 * Platform settings of the specs that register users: bcrypt at its lowest work factor, so that a busy CI machine
 * does not push registration past the gateway's timeout (the hashing itself is tested in the auth service).
 */
export function accountPlatform(t) {
  t.platformEnv({ BCRYPT_COST: '4' });
}

/** A unique e-mail per call, so specs never collide on "User already exists". */
export function freshEmail(tag) {
  seq += 1;
  return `e2e-${tag}-${Date.now().toString(36)}-${seq}@example.com`;
}

/** Opens the paper-trading screen on `product` and registers a new account; resolves to its e-mail. */
export async function registerOnTradeScreen(page, base, tag, product = 'NIFTY') {
  const email = freshEmail(tag);
  await page.goto(`${base}/trade?product=${product}`);
  await page.getByRole('tab', { name: 'Register' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('secret123');
  await page.getByLabel('Name').fill('E2E Trader');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByTestId('signed-in').waitFor();
  await page.locator('.conn[data-state="live"]').waitFor();
  return email;
}

/** Waits for the quote ladder and clicks the ask (BUY) or bid (SELL) of the ATM call; resolves to the strike. */
export async function pickAtmCall(page, side) {
  const atm = page.locator('table.ladder tr.atm');
  await atm.waitFor({ timeout: 30_000 });
  const strike = (await atm.locator('th.strike').textContent()).replace(/[^\d.]/g, '');
  await page.getByTestId(`ladder-call-${side === 'BUY' ? 'ask' : 'bid'}-${strike}`).click();
  return strike;
}
