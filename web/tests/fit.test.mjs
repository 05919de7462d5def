// The page fits the screen it is on: screenshots at 1280x720, 1920x1080 and the 800x600
// embed, zh and en, of three lessons after a run (artifacts/browser/fit-*.png, for people to
// look at), with what can be measured checked here: no toolbar or report text runs past its
// box, the canvas gets the room left, and the split between editor and canvas can be dragged
// and is remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await site?.close(); await browser?.close(); });

const ready = () => window.interleave?.state().ready === true;
const SIZES = [
  { name: '1280x720', width: 1280, height: 720, embed: false },
  { name: '1920x1080', width: 1920, height: 1080, embed: false },
  { name: 'embed-800x600', width: 800, height: 600, embed: true },
];
// Short runs: the picture is the same as with the lessons' defaults, sooner.
const LESSONS = [
  { id: 'race-condition', params: { iterations: 2000 } },
  { id: 'deadlock', params: {} },
  { id: 'process-basics', params: {} },
];

// Elements of the page's HTML whose text is wider than their box (cut or overflowing).
function overflowing() {
  const out = [];
  for (const el of document.querySelectorAll('.toolbar .row > *, .toolbar .row, #run-report, .params-box, .topbar > *')) {
    if (el.offsetParent === null) continue;   // not shown
    if (el.title) continue;                    // cut on purpose, the tooltip has it all
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
      out.push(`${el.id || el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return out;
}

for (const size of SIZES) {
  test(`fit at ${size.name}: three lessons, zh and en`, async () => {
    const { page, errors } = await openPage(browser.context, 'about:blank');
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const lesson of LESSONS) {
      for (const lang of ['zh', 'en']) {
        await page.goto(`${site.url}?lesson=${lesson.id}&lang=${lang}${size.embed ? '&embed=1' : ''}`);
        await waitForState(page, ready);
        const state = await page.evaluate((p) => window.interleave.run({ params: p }), lesson.params);
        assert.ok(['finished', 'deadlock'].includes(state.status), `${lesson.id}: ${state.status}`);
        // A few frames so the canvas shows the run's end (the checks arrive within 100 ms).
        await page.waitForTimeout(400);
        const stage = await page.locator('#stage').boundingBox();
        assert.ok(stage.width >= 500 && stage.height >= 450, `${lesson.id} ${lang}: canvas ${stage.width}x${stage.height}`);
        assert.deepEqual(await page.evaluate(overflowing), [], `${lesson.id} ${lang} at ${size.name}`);
        await page.screenshot({ path: artifactPath(`fit-${lesson.id}-${size.name}-${lang}.png`) });
      }
    }
    assert.deepEqual(errors, []);
  });
}

test('the split between editor and canvas drags, and the width is remembered', async () => {
  const { page } = await openPage(browser.context, 'about:blank');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${site.url}?lesson=race-condition&lang=en`);
  await waitForState(page, ready);
  const before = await page.locator('.workbench').boundingBox();
  const handle = await page.locator('#split').boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 120, handle.y + 200, { steps: 5 });
  await page.mouse.up();
  const after = await page.locator('.workbench').boundingBox();
  assert.ok(Math.abs(after.width - (before.width - 120)) <= 2, `${before.width} -> ${after.width}`);
  // The canvas takes the room (its backing store follows #stage).
  await page.waitForFunction((w) => document.getElementById('stage').getBoundingClientRect().width >= w,
    (await page.locator('#stage').boundingBox()).width, { timeout: 5000 });
  await page.reload();
  await waitForState(page, ready);
  const kept = await page.locator('.workbench').boundingBox();
  assert.ok(Math.abs(kept.width - after.width) <= 2, `remembered ${after.width}, got ${kept.width}`);
  // Never so wide that the canvas has no room, even when the window shrinks.
  await page.evaluate(() => localStorage.setItem('interleave.workbench_width', '5000'));
  await page.reload();
  await waitForState(page, ready);
  const stage = await page.locator('#stage').boundingBox();
  assert.ok(stage.width >= 400, `canvas ${stage.width} px`);
  await page.keyboard.press('Tab');
  await page.locator('#split').dblclick();
  assert.equal(await page.evaluate(() => localStorage.getItem('interleave.workbench_width')), null);
});
