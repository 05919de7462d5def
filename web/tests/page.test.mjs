// The page in a real browser: isolation, live worker thread, no console errors, a canvas
// that draws, and, when the page is not isolated, a plain message and det mode still running.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveSite, launchBrowser, openPage, waitForState, artifactPath, canvasPixelStats,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('isolated page: ready, worker counting, canvas drawn, no console errors', async () => {
  const site = await serveSite();
  try {
    const { page, errors } = await openPage(browser.context, site.url);
    const first = await waitForState(page, () => window.interleave?.state().ready === true);
    assert.equal(first.isolated, true, 'crossOriginIsolated must be true');
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    assert.equal(first.threads_supported, true);
    assert.match(first.build.version, /^\d+\.\d+\.\d+$/);

    // The counter lives on a pthread (a Web Worker): it must advance on its own.
    const later = await waitForState(page,
      `window.interleave.state().worker_count > ${first.worker_count + 50}`);
    assert.ok(later.worker_count > first.worker_count);

    const stats = await canvasPixelStats(page, artifactPath('canvas-isolated.png'));
    assert.ok(stats.width >= 500 && stats.height >= 600, `canvas is ${stats.width}x${stats.height}`);
    assert.ok(stats.variance > 20, `canvas looks blank (luma variance ${stats.variance.toFixed(1)})`);
    await page.screenshot({ path: artifactPath('page-isolated.png') });
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  } finally {
    await site.close();
  }
});

test('the canvas follows the window size and the device pixel ratio', async () => {
  const site = await serveSite();
  try {
    const { page } = await openPage(browser.context, site.url);
    await waitForState(page, () => window.interleave?.state().ready === true);
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.waitForFunction(() => {
      const c = document.getElementById('canvas');
      return c.width === Math.round(c.getBoundingClientRect().width * devicePixelRatio);
    }, null, { timeout: 5000 });
  } finally {
    await site.close();
  }
});

test('without isolation headers the page says so plainly', async () => {
  const site = await serveSite({ isolation: false });
  try {
    const { page, errors } = await openPage(browser.context, site.url);
    const state = await waitForState(page, () => window.interleave?.state().ready);
    assert.equal(state.isolated, false);
    assert.equal(state.threads_supported, false);
    const notice = page.locator('#notices');
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.innerText(), /跨源隔离/);
    await page.click('button[data-lang="en"]');
    assert.match(await notice.innerText(), /not cross-origin isolated/);
    // The build without threads: free mode is off, det mode runs (on the page's thread).
    assert.equal(await page.locator('#mode option[value="free"]').isDisabled(), true);
    assert.equal(await page.locator('#run').isDisabled(), false);
    await page.evaluate(() => window.interleave.select('race-condition', { iterations: 2000 }));
    const done = await page.evaluate(() => window.interleave.run({ mode: 'det' }));
    assert.equal(done.status, 'finished');
    assert.ok(done.results.lost_updates > 0, 'det mode loses updates without a lock');
    await assert.rejects(page.evaluate(() => window.interleave.run({ mode: 'free' })), /free mode/i);
    await page.screenshot({ path: artifactPath('page-not-isolated.png') });
    assert.deepEqual(errors, []);
  } finally {
    await site.close();
  }
});
