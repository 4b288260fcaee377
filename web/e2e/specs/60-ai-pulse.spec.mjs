// AI analyst: the pulse of the selected product reads the live chain; a question gets an answer with its sources.
export default function (t) {
  t.test('the AI pulse shows and the chat answers', async ({ page, base, shot, platform }) => {
    await page.goto(`${base}/ai?product=BANKNIFTY`);
    const pulse = page.getByTestId('pulse');
    // Until the first chain is enriched the pulse says so; refresh until the reading has figures.
    for (let i = 0; i < 30 && !(await pulse.locator('.figures').count()); i++) {
      await page.waitForTimeout(1000);
      await page.getByRole('button', { name: 'Refresh pulse' }).click();
      await pulse.locator('.analysis').waitFor();
    }
    const text = await pulse.locator('.analysis').textContent();
    if (!/BANKNIFTY, expiry \d{4}-\d{2}-\d{2}/.test(text) || !/PCR\(OI\)/.test(text)) {
      throw new Error(`unexpected pulse: ${text}`);
    }
    await pulse.getByText('Max pain strike').waitFor();
    // The answer ranks passages by keywords until the embedding index is built in the background; give it a while so
    // that the picture shows the hybrid ranking (the test passes either way).
    for (let i = 0; i < 30; i++) {
      const health = await fetch(`http://127.0.0.1:${platform.ports.AI_ANALYST}/health`).then((r) => r.json())
        .catch(() => ({}));
      if (health.retrieval?.ranking === 'hybrid') break;
      await page.waitForTimeout(1000);
    }
    await page.getByLabel('Question').fill('How is the margin of a short option computed?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('[data-testid="chat-history"] li').first();
    await answer.locator('.answer').waitFor();
    if (!(await answer.locator('.answer').textContent()).trim()) throw new Error('empty chat answer');
    await answer.locator('.sources').waitFor();
    // Quoted passages are Markdown shown as such: a citation line per passage, no raw table pipes or heading marks.
    if (!(await answer.locator('.answer .cite').count())) throw new Error('no citation line in the answer');
    const shown = await answer.locator('.answer').textContent();
    if (/(^|\n)\s*\||\*\*|(^|\n)#{1,6} /.test(shown)) throw new Error(`raw Markdown in the answer: ${shown}`);
    await shot('ai', { fullPage: true });
  }, { timeout: 60_000 });
}
