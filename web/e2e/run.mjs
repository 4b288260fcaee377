// Browser tests of the dashboard: starts the platform once (platform.mjs), then runs every e2e/specs/*.spec.mjs in
// name order, each test in a fresh browser context of Debian's Chromium. A test fails on any browser console error
// or uncaught page error, unless it declares that error as expected. Screenshots go to target/e2e/screenshots/.
//   npm run e2e [-- NAME_FILTER]        the specs
//   npm run bench                        the performance benchmarks (e2e/bench/*.bench.mjs) instead
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { Platform } from './platform.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const bench = process.argv.includes('--bench');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));
const folder = bench ? 'bench' : 'specs';
const suffix = bench ? '.bench.mjs' : '.spec.mjs';
export const SHOTS = join(HERE, '..', 'target', 'e2e', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const tests = [];
let platformEnv = {};
const registry = {
  /**
   * Registers a test: fn({ page, base, platform, shot(name, screenshotOptions), expectConsoleError(regex), context }).
   * options: viewport, colorScheme ('light' | 'dark'), timeout (ms per page action, default 20 s).
   */
  test(name, fn, options = {}) {
    tests.push({ name, fn, options });
  },
  /** Extra platform environment (merged over all spec files; set it at module top level). */
  platformEnv(env) {
    platformEnv = { ...platformEnv, ...env };
  },
};

for (const file of readdirSync(join(HERE, folder)).filter((f) => f.endsWith(suffix)).sort()) {
  const mod = await import(pathToFileURL(join(HERE, folder, file)).href);
  const before = tests.length;
  mod.default(registry);
  for (const t of tests.slice(before)) t.file = file;
}
const selected = tests.filter((t) => !filter || `${t.file} ${t.name}`.includes(filter));

const platform = new Platform(platformEnv);
let browser;
let failures = 0;
try {
  const started = Date.now();
  await platform.start();
  console.log(`e2e: platform up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${platform.url}`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  for (const t of selected) {
    const context = await browser.newContext({ viewport: t.options.viewport ?? { width: 1280, height: 800 },
      colorScheme: t.options.colorScheme ?? 'light' });
    const page = await context.newPage();
    page.setDefaultTimeout(t.options.timeout ?? 20_000);
    const errors = [];
    const expected = [];
    page.on('console', (m) => {
      // Chromium's "Failed to load resource" text leaves out which resource: its URL is in the location.
      if (m.type() === 'error') errors.push(`console: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    const shot = (name, options = {}) => page.screenshot({ path: join(SHOTS, `${name}.png`), ...options });
    const t0 = Date.now();
    try {
      await t.fn({ page, context, browser, platform, shot, expectConsoleError: (re) => expected.push(re), base: platform.url });
      const unexpected = errors.filter((e) => !expected.some((re) => re.test(e)));
      if (unexpected.length) throw new Error(`browser console errors:\n  ${unexpected.join('\n  ')}`);
      console.log(`  ✓ ${t.file} › ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failures++;
      console.log(`  ✗ ${t.file} › ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n    ${e.stack ?? e}`);
      await page.screenshot({ path: join(SHOTS, `FAILED-${t.name.replace(/[^A-Za-z0-9]+/g, '-')}.png`) })
        .catch(() => {});
    } finally {
      await context.close();
    }
  }
} catch (e) {
  failures++;
  console.log(`e2e: ${e.stack ?? e}`);
} finally {
  await browser?.close();
  await platform.close();
}
console.log(`e2e: ${selected.length - failures} passed, ${failures} failed (${selected.length} ${bench ? 'benchmarks' : 'tests'})`);
if (failures) {
  console.log(`e2e: platform log tail:\n${platform.tail(40)}`);
  process.exitCode = 1;
}
