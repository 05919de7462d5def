// Step mode within a thread in the page: the coroutine picker lists the asyncio loop's ready
// tasks, a click (or interleave.chooseCoroutine) makes one run next, "Step coroutine" (or
// interleave.stepCoroutine) runs one coroutine's turn, and the replay token keeps the choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import lzString from 'lz-string';
import { serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await browser?.close(); await site?.close(); });

const ready = () => window.interleave?.state().ready === true;
const { compressToEncodedURIComponent } = lzString;
const TASKS = `import asyncio

async def worker(name):
    for i in range(2):
        print(name, i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(worker("a"), worker("b"), worker("c"))

asyncio.run(main())
`;

const noErrors = (errors) => assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
const mainThread = (s) => s.live.threads.find((t) => t.name === 'MainThread');

test('coroutine picker: choose the next task, step one coroutine, replay the choice', async () => {
  const { page, errors } = await openPage(browser.context, `${site.url}?lesson=scratch&lang=en#code=${compressToEncodedURIComponent(TASKS)}`);
  await waitForState(page, ready);
  // Ten steps at a time until the loop has a task ready, then five at a time until three are
  // (Task-1 goes on for far more than five steps after making the third).
  let s = await page.evaluate(() => window.interleave.step(10));
  for (let i = 0; i < 2000 && !mainThread(s)?.ready?.length; ++i) s = await page.evaluate(() => window.interleave.step(10));
  for (let i = 0; i < 1000 && !(mainThread(s)?.ready?.length >= 3); ++i) s = await page.evaluate(() => window.interleave.step(5));
  const th = mainThread(s);
  assert.ok(th?.ready, `no ready coroutines after ${s.live.steps} steps: ${JSON.stringify(s.live.threads)}`);
  assert.deepEqual(th.ready.map((c) => c.name), ['Task-2', 'Task-3', 'Task-4']);

  // The picker shows them, the loop's next pick pressed.
  await page.waitForSelector('#coroutine-picker:not([hidden]) .coroutine-chip');
  const chips = page.locator('#coroutine-picker .coroutine-chip');
  assert.deepEqual(await chips.allTextContents(), ['Task-2', 'Task-3', 'Task-4']);
  assert.equal(await chips.first().getAttribute('aria-pressed'), 'true');

  // A click on Task-4 makes it the next pick.
  const task4 = th.ready.find((c) => c.name === 'Task-4');
  await page.click(`#coroutine-picker .coroutine-chip[data-index="${task4.index}"]`);
  await page.waitForFunction(() => window.interleave.state().live.threads.find((t) => t.name === 'MainThread').ready[0].name === 'Task-4');
  await page.waitForFunction(() => document.querySelector('#coroutine-picker .coroutine-chip[aria-pressed="true"]')?.textContent === 'Task-4');
  await page.screenshot({ path: artifactPath('page-coroutine-picker.png') });

  // Step coroutine: Task-1 ends its turn at its await; the next step runs Task-4 (worker c) to its await.
  s = await page.evaluate((tid) => window.interleave.stepCoroutine(tid), th.tid);
  assert.equal(s.status, 'paused');
  await page.click(`#coroutine-picker .step-coroutine[data-tid="${th.tid}"]`);
  await page.waitForFunction((n) => window.interleave.state().live.steps > n, s.live.steps);
  s = await page.evaluate(() => window.interleave.state());
  assert.deepEqual(mainThread(s).ready.map((c) => c.name), ['Task-2', 'Task-3', 'Task-4']);
  assert.equal(mainThread(s).coroutine, 0);  // back in the loop

  // Errors name what is valid.
  await assert.rejects(page.evaluate((tid) => window.interleave.chooseCoroutine(tid, 99), th.tid), /no ready coroutine at index 99 \(ready: \d+ Task-2/);
  await assert.rejects(page.evaluate(() => window.interleave.chooseCoroutine(999, 0)), /no thread 999/);

  // Task-3 next as well, then the rest of the run.
  const task3 = mainThread(s).ready.find((c) => c.name === 'Task-3');
  s = await page.evaluate(([tid, i]) => window.interleave.chooseCoroutine(tid, i), [th.tid, task3.index]);
  assert.equal(mainThread(s).ready[0].name, 'Task-3');
  assert.match(s.live.schedule, /^s1[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/);
  const steered = 'c 0\nb 0\na 0\nc 1\nb 1\na 1\n';

  // Back a few steps (the page replays the run, coroutine choices too) and on to the end.
  s = await page.evaluate(() => window.interleave.stepBack(5));
  assert.equal(s.status, 'paused');
  await page.click('#run');  // a paused det run resumes
  s = await waitForState(page, () => window.interleave.state().status === 'finished');
  assert.equal(s.stdout, steered);
  assert.match(s.schedule, /\./);
  noErrors(errors);
});

test('coroutine picker: an unsteered run is unchanged; before the loop starts there is nothing to pick', async () => {
  const { page, errors } = await openPage(browser.context, `${site.url}?lesson=scratch&lang=zh#code=${compressToEncodedURIComponent(TASKS)}`);
  await waitForState(page, ready);
  const s = await page.evaluate(() => window.interleave.run({ mode: 'det' }));
  assert.equal(s.stdout, 'a 0\nb 0\nc 0\na 1\nb 1\nc 1\n');
  assert.doesNotMatch(s.schedule, /\./);
  await page.evaluate(() => window.interleave.step(1));
  assert.equal(await page.locator('#coroutine-picker').isHidden(), true);  // no loop yet: nothing to pick
  await assert.rejects(page.evaluate(() => window.interleave.chooseCoroutine(1, 0)), /没有第 0 项|没有线程 1/);
  noErrors(errors);
});
