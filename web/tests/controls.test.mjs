// The det scheduler's controls in a real browser: settings from the URL reach the run and
// its report, a bad value gives the page's notice naming the range while the rest applies,
// the Scheduler group shows the lesson's settings and is inactive in free mode, run(opts)
// validates, and share links carry what the learner changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await site?.close(); await browser?.close(); });

const ready = () => window.interleave?.state().ready === true;

test('gil off and cores 4 from the URL: the run uses them and the report says so', async () => {
  const { page, errors } = await openPage(browser.context, `${site.url}?lesson=race-condition&lang=en&gil=off&cores=4&set.threads=2`);
  await waitForState(page, ready);
  const state = await page.evaluate(() => window.interleave.run({ params: { iterations: 1000 } }));
  assert.equal(state.status, 'finished');
  assert.equal(state.scheduler.gil, false);
  assert.equal(state.scheduler.cores, 4);
  assert.equal(state.selected.scheduler.gil, 'off');
  const line = await page.locator('#run-report .run-scheduler').textContent();
  assert.match(line, /GIL off · 4 cores · any · 4 ns\/bytecode/);
  assert.match(await page.locator('#scheduler-summary').textContent(), /GIL off · 4 cores/);
  // The share link keeps what differs from the lesson (gil), and a reload reads it back.
  const link = await page.evaluate(() => window.interleave.shareUrl());
  const q = new URL(link).searchParams;
  assert.equal(q.get('gil'), 'off');
  assert.deepEqual(errors, []);
});

test('a bad value gives the notice naming the range and keeps the rest', async () => {
  const { page } = await openPage(browser.context, `${site.url}?lesson=race-condition&lang=en&gil=off&cores=99&instruction_ns=fast`);
  const state = await waitForState(page, ready);
  const notice = await page.locator('#notices').textContent();
  assert.match(notice, /cores must be a whole number from 1 to 64, got '99'/);
  assert.match(notice, /instruction_ns must be a number from 0 to 1000000, got 'fast'/);
  assert.equal(state.selected.scheduler.gil, 'off', 'the valid setting still applies');
  assert.equal(await page.locator('#sched-cores').inputValue(), String(state.selected.scheduler.cores));
});

test('the controls show the lesson settings, change the next run and are inactive in free mode', async () => {
  const { page } = await openPage(browser.context, `${site.url}?lesson=race-condition&lang=zh`);
  const state = await waitForState(page, ready);
  const lessonRun = await page.evaluate(() => window.interleave.lessons().find((l) => l.id === 'race-condition').run);
  assert.equal(await page.locator('#sched-cores').inputValue(), String(lessonRun.cores));
  assert.equal(await page.locator('#sched-gil').inputValue(), lessonRun.gil ? 'on' : 'off');
  assert.equal(state.selected.scheduler.cores, lessonRun.cores);

  await page.locator('#scheduler summary').click();
  await page.locator('#sched-cores').fill('2');
  await page.screenshot({ path: artifactPath('controls-scheduler-1280x720-zh.png') });
  await page.locator('#sched-switch_points').selectOption('cpython');
  const after = await page.evaluate(() => window.interleave.state().selected.scheduler);
  assert.equal(after.cores, 2);
  assert.equal(after.switch_points, 'cpython');
  await page.locator('#sched-cores').fill('65');
  assert.equal(await page.locator('#sched-cores').getAttribute('class'), 'invalid');
  assert.equal(await page.locator('#sched-cores').getAttribute('title'), "cores must be a whole number from 1 to 64, got '65'");
  assert.equal((await page.evaluate(() => window.interleave.state().selected.scheduler)).cores, 2, 'an invalid value is not taken');
  const report = await page.evaluate(() => window.interleave.run({ params: { iterations: 1000 } }));
  assert.equal(report.scheduler.cores, 2);
  assert.equal(report.scheduler.switch_points, 'cpython');
  assert.match(await page.locator('#run-report .run-scheduler').textContent(), /调度: GIL (开|关) · 2 核 · cpython/);

  await page.locator('#mode').selectOption('free');
  assert.equal(await page.locator('#sched-cores').isDisabled(), true);
  assert.match(await page.locator('#scheduler summary').getAttribute('title'), /自由模式（free）运行在真正的线程上/);
});

test('run(opts) takes the settings and refuses a bad one with its range', async () => {
  const { page } = await openPage(browser.context, `${site.url}?lesson=race-condition&lang=en`);
  await waitForState(page, ready);
  const state = await page.evaluate(() => window.interleave.run({ gil: false, cores: 8, instruction_ns: 250, params: { iterations: 1000 } }));
  assert.deepEqual(state.scheduler, { switch_points: 'any', gil: false, cores: 8, instruction_ns: 250 });
  const error = await page.evaluate(() => window.interleave.run({ cores: 0 }).then(() => 'ran', (e) => e.message));
  assert.equal(error, "cores must be a whole number from 1 to 64, got '0'");
  const link = new URL(await page.evaluate(() => window.interleave.shareUrl()));
  assert.equal(link.searchParams.get('cores'), '8');
  assert.equal(link.searchParams.get('instruction_ns'), '250');
});

test('the Scheduler popover opens inside the window, on the page and in the 800x600 embed', async () => {
  for (const [width, height, embed] of [[1280, 720, false], [800, 600, true]]) {
    const { page } = await openPage(browser.context, 'about:blank');
    await page.setViewportSize({ width, height });
    await page.goto(`${site.url}?lesson=deadlock&lang=en${embed ? '&embed=1' : ''}`);
    await waitForState(page, ready);
    await page.locator('#scheduler summary').click();
    const box = await page.locator('.scheduler-pop').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width && box.y + box.height <= height, `${width}x${height}: ${JSON.stringify(box)}`);
    await page.screenshot({ path: artifactPath(`controls-scheduler-${embed ? 'embed-800x600' : '1280x720'}-en.png`) });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.scheduler-pop').isVisible(), false, 'Escape closes it');
    await page.close();
  }
});

test('settings a lesson parameter sets follow the parameter and cannot be chosen apart from it', async () => {
  // concurrency-vs-parallelism binds its `cores` and `gil` parameters to run.cores and run.gil.
  const { page } = await openPage(browser.context, `${site.url}?lesson=concurrency-vs-parallelism&lang=en&cores=8&set.tasks=2&set.work_s=0.1`);
  await waitForState(page, ready);
  const notice = await page.locator('#notices').textContent();
  assert.match(notice, /cores is set by this lesson's parameter 'cores': change that parameter instead/);
  assert.equal(await page.locator('#sched-cores').inputValue(), '1', 'the parameter\'s value, not the URL\'s');
  assert.equal(await page.locator('#sched-cores').isDisabled(), true);
  assert.equal(await page.locator('#sched-gil').inputValue(), 'on');
  assert.equal(await page.locator('#sched-gil').isDisabled(), true);
  assert.equal(await page.locator('#sched-switch_points').isDisabled(), false, 'unbound settings stay free');

  // Changing the parameters moves the scheduler group and the run.
  await page.locator('#params [data-param="cores"] input').fill('2');
  await page.locator('#params [data-param="gil"] input').uncheck();
  assert.equal(await page.locator('#sched-cores').inputValue(), '2');
  assert.equal(await page.locator('#sched-gil').inputValue(), 'off');
  assert.match(await page.locator('#scheduler-summary').textContent(), /GIL off · 2 cores/);
  await page.locator('#scheduler summary').click();
  assert.match(await page.locator('#scheduler-bound').textContent(), /cores, gil/);
  await page.screenshot({ path: artifactPath('controls-scheduler-bound-1280x720-en.png') });
  const report = await page.evaluate(() => window.interleave.run());
  assert.equal(report.status, 'finished');
  assert.equal(report.scheduler.cores, 2);
  assert.equal(report.scheduler.gil, false);
  assert.ok(Math.abs(report.results.virtual_time_s - 0.1) < 0.05, `two tasks on two cores without a GIL: ${report.results.virtual_time_s}`);

  const error = await page.evaluate(() => window.interleave.run({ gil: true }).then(() => 'ran', (e) => e.message));
  assert.equal(error, "gil is set by this lesson's parameter 'gil': change that parameter instead");
});

test('a scratch program runs with the runtime\'s own settings, as the controls say', async () => {
  const { page } = await openPage(browser.context, `${site.url}?lesson=scratch&lang=en`);
  await waitForState(page, ready);
  const report = await page.evaluate(() => window.interleave.run({ code: 'x = 0\nfor i in range(1000):\n    x += i\nprint(x)\n' }));
  assert.equal(report.status, 'finished');
  const shown = await page.evaluate(() => window.interleave.state().selected.scheduler);
  assert.deepEqual({ ...report.scheduler, gil: report.scheduler.gil ? 'on' : 'off' }, shown);
  assert.equal(await page.locator('#sched-instruction_ns').inputValue(), String(report.scheduler.instruction_ns));
});
