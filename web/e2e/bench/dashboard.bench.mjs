// Browser benchmark of the dashboard (figures in docs/performance.md). Run: cd web && npm run bench
//   BENCH_SECONDS   how long the live-update measurement runs (default 60)
//   BENCH_HEAP_MINUTES  also measure JS heap growth over this many minutes of live updates (default 0 = skip)
// The platform publishes 101-strike chains, each product's chain of each of 2 expiries once a second.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'target', 'dist');

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const f = (v) => v.toFixed(2);
  return `n=${s.length} p50=${f(percentile(s, 50))} p95=${f(percentile(s, 95))} p99=${f(percentile(s, 99))} `
    + `max=${f(s[s.length - 1] ?? NaN)} ms`;
}

function size(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Bytes of the JS files a page loaded: raw, gzip and brotli twins from the build. */
function jsBytes(urls) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  for (const u of urls) {
    const file = join(DIST, new URL(u).pathname);
    raw += size(file);
    gz += size(`${file}.gz`) || size(file);
    br += size(`${file}.br`) || size(file);
  }
  return { raw, gz, br, files: urls.length };
}

const ALL_COLUMNS = ['buildup', 'oi', 'oi_change', 'volume', 'iv', 'delta', 'gamma', 'theta', 'vega', 'last', 'bid',
  'ask'];

export default function (t) {
  t.platformEnv({ FEED_STRIKES: '101', FEED_INTERVAL: '0.2', FEED_CHAIN_EVERY: '5', FEED_EXPIRIES: '2' });

  t.test('JS shipped for the first screen', async ({ page, base }) => {
    const js = new Set();
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) js.add(r.url());
    });
    await page.goto(`${base}/`);
    await page.locator('[data-testid="overview-table"] tbody tr').first().waitFor();
    const overview = jsBytes([...js]);
    console.log(`    bench: first screen (overview) JS: ${overview.files} files, ${(overview.raw / 1024).toFixed(1)} KB raw, `
      + `${(overview.gz / 1024).toFixed(1)} KB gzip, ${(overview.br / 1024).toFixed(1)} KB brotli`);
    await page.goto(`${base}/chain?product=NIFTY`);
    await page.locator('tr[data-strike]').first().waitFor({ timeout: 60_000 });
    const chain = jsBytes([...js].filter((u) => !u.includes('/Overview-')));
    console.log(`    bench: chain screen JS (direct load): ${chain.files} files, ${(chain.gz / 1024).toFixed(1)} KB gzip`);
    await page.goto(`${base}/analytics?product=NIFTY`);
    await page.locator('[data-chart="oi"] .chart[data-series]').waitFor({ timeout: 60_000 });
    const analytics = jsBytes([...js].filter((u) => !u.includes('/Overview-') && !u.includes('/ChainScreen-')));
    console.log(`    bench: analytics screen JS (direct load, with ECharts): ${analytics.files} files, `
      + `${(analytics.gz / 1024).toFixed(1)} KB gzip`);
    if (overview.gz > 300 * 1024) throw new Error('first screen JS above 300 KB gzip');
  });

  t.test('first meaningful paint of the option chain', async ({ browser, base }) => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${base}/chain?product=NIFTY`);
      await page.waitForFunction(() => performance.getEntriesByName('chain-painted').length > 0, null,
        { timeout: 60_000 });
      const { painted, fcp } = await page.evaluate(() => ({
        painted: performance.getEntriesByName('chain-painted')[0].startTime,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      times.push(painted);
      console.log(`    bench: cold load ${i + 1}: first contentful paint ${fcp.toFixed(0)} ms, chain painted `
        + `${painted.toFixed(0)} ms after navigation start`);
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(`    bench: chain first meaningful paint: median ${times[2].toFixed(0)} ms, max ${times[4].toFixed(0)} ms`);
  }, { timeout: 60_000 });

  t.test('101-strike chain and 8-product overview under live updates', async ({ browser, context, page, base }) => {
    const seconds = Number(process.env.BENCH_SECONDS ?? 60);
    await context.addInitScript((columns) => {
      localStorage.setItem('deltastream.chain.strikes', '101');
      localStorage.setItem('deltastream.chain.columns', JSON.stringify(columns));
    }, ALL_COLUMNS);
    await page.goto(`${base}/chain?product=NIFTY`);
    await page.locator('tr[data-strike]').nth(100).waitFor({ timeout: 60_000 });
    // Its own context: a page of the same site in the same context would share the chain page's renderer thread.
    const overviewContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const overview = await overviewContext.newPage();
    await overview.goto(`${base}/`);
    await overview.locator('[data-testid="overview-table"] tbody tr').nth(7).waitFor();
    const reset = () => {
      const r = globalThis.__deltastreamPerf;
      r.samples = {};
      r.counts = {};
    };
    await page.evaluate(reset);
    await overview.evaluate(reset);
    await page.waitForTimeout(seconds * 1000);
    const chain = await page.evaluate(() => globalThis.__deltastreamPerf);
    const ov = await overview.evaluate(() => globalThis.__deltastreamPerf);
    const cells = await page.locator('tr[data-strike] td').count();
    console.log(`    bench: chain 101 strikes x ${ALL_COLUMNS.length * 2} columns (${cells} cells), ${seconds} s: `
      + `update with style and layout ${summary(chain.samples['chain-update'] ?? [])}; script alone `
      + `${summary(chain.samples['chain-script'] ?? [])}`);
    console.log(`    bench: chain updates received ${chain.counts['chain-received'] ?? 0}, rendered `
      + `${chain.counts['chain-update'] ?? 0}`);
    console.log(`    bench: overview 8 products, ${seconds} s: render ${summary(ov.samples['overview-update'] ?? [])}`);
    await overviewContext.close();
    if ((chain.counts['chain-received'] ?? 0) !== (chain.counts['chain-update'] ?? 0)) {
      throw new Error('dropped chain updates');
    }
  }, { timeout: 60_000 });

  t.test('JS heap growth under live updates', async ({ context, page, base }) => {
    const minutes = Number(process.env.BENCH_HEAP_MINUTES ?? 0);
    if (!(minutes > 0)) {
      console.log('    bench: heap growth skipped (BENCH_HEAP_MINUTES=10 to measure it)');
      return;
    }
    await context.addInitScript(() => localStorage.setItem('deltastream.chain.strikes', '101'));
    await page.goto(`${base}/chain?product=NIFTY`);
    await page.locator('tr[data-strike]').nth(100).waitFor({ timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.waitForTimeout(30_000);
    const start = await heap();
    const samples = [];
    for (let m = 1; m <= minutes; m++) {
      await page.waitForTimeout(60_000);
      samples.push(await heap());
      console.log(`    bench: heap after ${m} min: ${(samples[samples.length - 1] / 1048576).toFixed(2)} MB`);
    }
    const end = samples[samples.length - 1];
    const received = await page.evaluate(() => globalThis.__deltastreamPerf.counts['chain-received']);
    console.log(`    bench: JS heap after GC: ${(start / 1048576).toFixed(2)} MB at 30 s, ${(end / 1048576).toFixed(2)} MB `
      + `after ${minutes} more min (${received} chain updates): growth ${((end - start) / 1048576).toFixed(2)} MB`);
  }, { timeout: 120_000 });
}
