// Shared browser-test plumbing: serve the built site, drive Debian's Chromium through
// playwright-core, and save screenshots where people can look at them.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../server/serve.mjs';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SITE = process.env.INTERLEAVE_SITE ?? join(ROOT, 'build/web/site');
export const ARTIFACTS = process.env.INTERLEAVE_ARTIFACTS ?? join(ROOT, 'artifacts/browser');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Flags that keep headless Chromium quiet on a closed network (TOOLCHAIN.md).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

export async function serveSite({ isolation = true } = {}) {
  const server = await startServer({ root: SITE, port: 0, isolation });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

// Launches a fresh browser profile; returns { browser, close }.
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'interleave-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true,
    viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1,
  });
  return {
    context,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

// Opens `url` in a new page, collecting console errors and uncaught exceptions.
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  return { page, errors };
}

export async function waitForState(page, predicateSource, timeout = 20000) {
  await page.waitForFunction(predicateSource, null, { timeout, polling: 50 });
  return page.evaluate(() => window.interleave.state());
}

export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

// Luma variance of what the canvas shows on screen. WebGL's drawing buffer is cleared after
// compositing, so read the composited pixels: a screenshot of the element, decoded in the page.
export async function canvasPixelStats(page, screenshotPath) {
  const png = await page.locator('#canvas').screenshot({ path: screenshotPath });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, c.width, c.height);
    let sum = 0, sum2 = 0, n = 0;
    for (let i = 0; i < data.length; i += 16) {   // every 4th pixel is plenty
      const y = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      sum += y; sum2 += y * y; ++n;
    }
    const mean = sum / n;
    return { width: c.width, height: c.height, mean, variance: sum2 / n - mean * mean };
  }, png.toString('base64'));
}
