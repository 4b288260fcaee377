// Option chain: fills from the socket snapshot, then updates live; switching expiry; bid/ask clicks make legs.

/**
 * In the page: counts the chain's row rebuilds that keep the same strikes in window.__sameStrikeBuilds. A rebuild
 * replaces the rows in one mutation, so the strikes it removed and added tell whether the grid moved (the synthetic
 * grid follows spot, and then a rebuild is right, even if a later update moves it back).
 */
function countSameStrikeBuilds() {
  window.__sameStrikeBuilds = 0;
  const strikes = (nodes) => [...nodes].filter((n) => n.dataset?.strike !== undefined)
    .map((n) => n.dataset.strike).join(',');
  new MutationObserver((records) => {
    for (const r of records) {
      const added = strikes(r.addedNodes);
      if (added !== '' && added === strikes(r.removedNodes)) window.__sameStrikeBuilds++;
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Waits for the chain's next update (its "Updated" time moves on). */
async function nextUpdate(page) {
  const updated = await page.locator('[data-stat="updated"]').textContent();
  await page.waitForFunction((prev) => document.querySelector('[data-stat="updated"]').textContent !== prev,
    updated, { timeout: 30_000 });
}

export default function (t) {
  t.test('chain fills and then updates live', async ({ page, base, shot }) => {
    await page.goto(`${base}/chain?product=NIFTY`);
    const rows = page.locator('[data-testid="chain-table"] tbody tr[data-strike]');
    await rows.nth(20).waitFor({ timeout: 30_000 });
    const n = await rows.count();
    if (n !== 21) throw new Error(`expected 21 strikes, got ${n}`);
    // Strikes ascend and the spot line sits between the strikes around spot.
    const strikes = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.strike))));
    if (!strikes.every((s, i) => i === 0 || s > strikes[i - 1])) throw new Error(`strikes not ascending: ${strikes}`);
    const spotLine = page.locator('tr.spot-line');
    if (!/Spot [\d,]+\.\d\d/.test(await spotLine.textContent())) throw new Error('no spot line');
    // Calls below spot are in the money (shaded), puts above.
    const itm = await page.evaluate(() => {
      const spot = Number(document.querySelector('[data-stat="spot"]').textContent.replace(/[^\d.]/g, ''));
      return [...document.querySelectorAll('tr[data-strike]')].every((tr) => {
        const k = Number(tr.dataset.strike);
        return tr.querySelector('td.c.last').classList.contains('itm') === (k < spot)
          && tr.querySelector('td.p.last').classList.contains('itm') === (k > spot);
      });
    });
    if (!itm) throw new Error('ITM shading does not follow spot');
    const firstBid = await page.locator('tr[data-strike] td.c.bid').first().textContent();
    if (!/^\d[\d,]*\.\d\d$/.test(firstBid)) throw new Error(`odd bid ${firstBid}`);
    // Live: the chain's time moves on and cells flash, while the table's rows stay the same elements.
    await page.evaluate(() => { window.__table = document.querySelector('[data-testid="chain-table"]'); });
    await page.evaluate(countSameStrikeBuilds);
    await nextUpdate(page);
    await page.waitForSelector('td > .v[class*="flash-"]');
    const [sameTable, needless] = await page.evaluate(() => [
      window.__table === document.querySelector('[data-testid="chain-table"]'), window.__sameStrikeBuilds]);
    if (!sameTable) throw new Error('the table was replaced on an update');
    if (needless !== 0) throw new Error(`the table was rebuilt ${needless} time(s) on an update instead of patched`);
    // The picture: right after the next update, once its flashes have faded.
    await nextUpdate(page);
    await page.waitForTimeout(1000);
    await shot('chain');
  });

  t.test('a chain that comes before the product list is drawn once, in its currency', async ({ page, base }) => {
    // The product list (with each product's currency) is held back until a chain has come over the socket.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/data/instruments', async (route) => {
      await held;
      await route.continue();
    });
    const chainCame = new Promise((resolve) => page.on('websocket', (ws) => ws.on('framereceived', (frame) => {
      if (String(frame.payload).includes('chain_update')) resolve();
    })));
    await page.addInitScript(countSameStrikeBuilds);
    await page.goto(`${base}/chain?product=NIFTY`);
    let timer;
    await Promise.race([chainCame, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('no chain_update came over the WebSocket in 30 s')), 30_000);
    })]);
    clearTimeout(timer);
    const early = await page.locator('tr[data-strike]').count();
    release();
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    // Two updates more: a table drawn in a guessed currency would be rebuilt on the first.
    await nextUpdate(page);
    await nextUpdate(page);
    const rebuilt = await page.evaluate(() => window.__sameStrikeBuilds);
    if (early !== 0) throw new Error(`${early} rows drawn before the product's currency was known`);
    if (rebuilt !== 0) throw new Error(`the table was rebuilt ${rebuilt} time(s) with the same strikes`);
    // Lakh grouping: the table is in the product's currency (INR), not the fallback.
    const oi = await page.locator('tr[data-strike] td.c.oi').evaluateAll((tds) => tds.map((td) => td.textContent));
    if (!oi.some((t) => /^\d{1,2}(,\d\d)+,\d{3}$/.test(t))) throw new Error(`OI not grouped in lakhs: ${oi.join(' ')}`);
  });

  t.test('switching expiry shows that expiry\'s chain', async ({ page, base }) => {
    await page.goto(`${base}/chain?product=BANKNIFTY`);
    const select = page.locator('[data-testid="expiry-select"]');
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="expiry-select"] option').length >= 2,
      null, { timeout: 30_000 });
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
    const before = await select.inputValue();
    const dteBefore = await page.locator('[data-stat="dte"]').textContent();
    const other = options.find((o) => o !== before);
    await select.selectOption(other);
    await page.waitForFunction((d) => document.querySelector('[data-stat="dte"]').textContent !== d, dteBefore);
    if (!page.url().includes(`expiry=${other}`)) throw new Error(`expiry not in the URL: ${page.url()}`);
    if (await select.inputValue() !== other) throw new Error('expiry picker did not keep the choice');
    const dte = Number(await page.locator('[data-stat="dte"]').textContent());
    if (!(dte > Number(dteBefore))) throw new Error(`later expiry should have more days left: ${dteBefore} -> ${dte}`);
  });

  t.test('101 strikes: rows scrolled into view show the latest figures', async ({ page, base }) => {
    await page.goto(`${base}/chain?product=NIFTY`);
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('Strikes').selectOption('101');
    // The feed publishes 21 strikes here: the window shows what the chain has.
    const rows = page.locator('tr[data-strike]');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-strike]').length >= 21);
    const n = await rows.count();
    await page.locator('.chain-host').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const last = rows.nth(n - 1);
    await page.waitForFunction((i) => /\d/.test(document.querySelectorAll('tr[data-strike]')[i]
      .querySelector('td.p.bid').textContent), n - 1);
    if (!/^\d[\d,]*\.\d\d$/.test(await last.locator('td.c.ask').textContent())) throw new Error('last row empty');
  }, { viewport: { width: 1280, height: 420 } });

  t.test('clicking an ask adds a BUY leg and says so', async ({ page, base }) => {
    await page.goto(`${base}/chain?product=AAPL`);
    const ask = page.locator('tr.atm td.c.ask');
    await ask.waitFor({ timeout: 30_000 });
    await ask.click();
    await page.locator('.notice-info', { hasText: 'Strategy leg added: BUY 1 lot AAPL' }).waitFor();
    const bid = page.locator('tr.atm td.p.bid');
    await bid.focus();
    await page.keyboard.press('Enter');
    await page.locator('.notice-info', { hasText: 'Strategy leg added: SELL 1 lot AAPL' }).waitFor();
  });
}
