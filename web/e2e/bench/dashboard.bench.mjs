// Browser benchmark of the dashboard (figures in docs/performance.md). Run: cd web && npm run bench
//   BENCH_SECONDS   how long the live-update measurement runs (default 60)
//   BENCH_HEAP_MINUTES  also measure JS heap growth over this many minutes of live updates (default 0 = skip)
//   BENCH_PRODUCTS  publish only these products (FEED_PRODUCTS, comma-separated; default all 8): for a machine too
//                   busy for the platform to enrich every product's 101-strike chains in time. The chain page's work
//                   per update is the same; the overview then shows only these products.
//   BENCH_TRACE     also record a Chromium performance trace of the chain page's first 15 s of live updates to this
//                   file and print where the renderer's main thread spent its time (style, layout, paint, script)
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

/**
 * Where the chain page's renderer main thread spent its time in a trace: total ms per event kind (nested events are
 * counted inside their parents too), and how much of the tree each layout had to visit.
 */
export function traceBreakdown(events, updates) {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frame = started?.args?.data?.frames?.find((f) => String(f.url).includes('/chain'));
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && (!frame || e.pid === frame.processId));
  if (!main) return '    bench: trace: no chain renderer thread found';
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const kinds = ['RunTask', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize',
    'Commit', 'HitTest'];
  const totals = Object.fromEntries(kinds.map((k) => [k, 0]));
  const layouts = [];
  for (const e of own) {
    if (e.name in totals) totals[e.name] += (e.dur ?? 0) / 1000;
    if (e.name === 'Layout') layouts.push(e);
  }
  const dirty = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0);
  const total = layouts.map((e) => e.args?.beginData?.totalObjects ?? 0);
  const mean = (a) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
  const per = (k) => `${k} ${totals[k].toFixed(0)} ms (${(totals[k] / Math.max(1, updates)).toFixed(2)}/update)`;
  return `    bench: trace of ${updates} chain updates, chain renderer main thread: ${kinds.map(per).join(', ')}; `
    + `${layouts.length} layouts visiting mean ${mean(dirty).toFixed(0)} dirty of ${mean(total).toFixed(0)} objects`;
}

export const ALL_COLUMNS = ['buildup', 'oi', 'oi_change', 'volume', 'iv', 'delta', 'gamma', 'theta', 'vega', 'last', 'bid',
  'ask'];

export default function (t) {
  const products = process.env.BENCH_PRODUCTS;
  t.platformEnv({ FEED_STRIKES: '101', FEED_INTERVAL: '0.2', FEED_CHAIN_EVERY: '5', FEED_EXPIRIES: '2',
    ...(products ? { FEED_PRODUCTS: products } : {}) });
  const productCount = products ? products.split(',').length : 8;

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

  t.test('101-strike chain and the overview under live updates', async ({ browser, context, page, base }) => {
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
    await overview.locator('[data-testid="overview-table"] tbody tr').nth(productCount - 1).waitFor();
    const reset = () => {
      const r = globalThis.__deltastreamPerf;
      r.samples = {};
      r.counts = {};
    };
    await page.evaluate(reset);
    await overview.evaluate(reset);
    const traceFile = process.env.BENCH_TRACE;
    if (traceFile) {
      await browser.startTracing(page, { path: traceFile, screenshots: false,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      await page.waitForTimeout(15_000);
      const trace = JSON.parse((await browser.stopTracing()).toString());
      const updates = await page.evaluate(() => globalThis.__deltastreamPerf.counts['chain-update'] ?? 0);
      console.log(traceBreakdown(trace.traceEvents ?? trace, updates));
      await page.waitForTimeout(Math.max(0, seconds - 15) * 1000);
    } else {
      await page.waitForTimeout(seconds * 1000);
    }
    const chain = await page.evaluate(() => globalThis.__deltastreamPerf);
    const ov = await overview.evaluate(() => globalThis.__deltastreamPerf);
    const cells = await page.locator('tr[data-strike] td').count();
    console.log(`    bench: chain 101 strikes x ${ALL_COLUMNS.length * 2} columns (${cells} cells), ${seconds} s: `
      + `update with style and layout ${summary(chain.samples['chain-update'] ?? [])}; script alone `
      + `${summary(chain.samples['chain-script'] ?? [])}; from arrival to the next frame produced (paint included) `
      + `${summary(chain.samples['chain-frame'] ?? [])}`);
    console.log(`    bench: chain updates received ${chain.counts['chain-received'] ?? 0}, rendered `
      + `${chain.counts['chain-update'] ?? 0}`);
    console.log(`    bench: overview ${productCount} products, ${seconds} s: render ${summary(ov.samples['overview-update'] ?? [])}`);
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
