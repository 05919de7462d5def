// Step back, Find and challenges in the page (issue 18): stepping back ten steps and forward
// ten gives the same state; Find loads a failing run whose token replays to the same failure;
// a challenge solved by stepping emits `score` through the embed API to the named origin only.
// Screenshots: a found failure with its preemptions marked, a solved challenge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await browser?.close(); await site?.close(); });

const ready = () => window.interleave?.state().ready === true;
const noErrors = (errors) => assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);

const COUNTER = `import threading

n = 0

def worker():
    global n
    for _ in range(2):
        n += 1

workers = [threading.Thread(target=worker) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
assert n == 4, f"lost update: n == {n}"
print("n =", n)
`;

async function openReady(query = '') {
  const opened = await openPage(browser.context, `${site.url}${query}`);
  await waitForState(opened.page, ready);
  return opened;
}

// What a paused run shows, without the clock: step, threads (state, line), runnable.
const pausedView = (page) => page.evaluate(() => {
  const s = window.interleave.state();
  const { steps, threads, runnable, virtual_time_s: vt } = s.live;
  const marks = [...document.querySelectorAll('.cm-editor [class*="thread"]')].map((e) => e.className + e.textContent).sort();
  return { status: s.status, steps, threads, runnable, vt, stdout: s.stdout ?? null, marks };
});

test('step back ten steps and forward ten gives the same state; a straight run to the same step agrees', async () => {
  const { page, errors } = await openReady('?lesson=race-condition&lang=en&set.iterations=200');
  await page.evaluate(() => window.interleave.step(40));
  const at40 = await pausedView(page);
  assert.equal(at40.steps, 40);
  const back = await page.evaluate(() => window.interleave.stepBack(10));
  assert.equal(back.live.steps, 30);
  const at30 = await pausedView(page);
  await page.evaluate(() => window.interleave.step(10));
  assert.deepEqual(await pausedView(page), at40);
  // The button and the keys go back too.
  await page.click('#step-back');
  await page.waitForFunction(() => window.interleave.state().live?.steps === 39);
  await page.keyboard.press('Shift+Space');
  await page.waitForFunction(() => window.interleave.state().live?.steps === 38);
  await page.keyboard.press('Alt+Space');
  await page.waitForFunction(() => window.interleave.state().live?.steps === 37);
  // A fresh run stepped straight to 30 is the state the step back showed.
  await page.evaluate(() => window.interleave.reset());
  await page.evaluate(() => window.interleave.step(30));
  assert.deepEqual(await pausedView(page), at30);

  // Latency of one step back in a 1,000-step run (a replay from the start).
  await page.evaluate(() => window.interleave.step(970));
  const ms = await page.evaluate(async () => {
    const t0 = performance.now();
    await window.interleave.stepBack(1);
    return performance.now() - t0;
  });
  assert.equal((await pausedView(page)).steps, 999);
  console.log(`step back at step 1000: ${ms.toFixed(1)} ms`);
  noErrors(errors);
  await page.close();
});

test('Find loads a failing run of the unlocked counter whose token replays to the same failure', async () => {
  const { page, errors } = await openReady('?lesson=scratch&lang=en');
  await page.evaluate((code) => window.interleave.run({ code, mode: 'det', seed: 1 }), COUNTER);
  await page.click('#find');
  await page.waitForFunction(() => {
    const box = document.getElementById('explore-status');
    return box && !box.hidden && box.dataset.kind && box.dataset.kind !== 'running';
  }, null, { timeout: 60000 });
  const e = await page.evaluate(() => window.interleave.explore({ strategy: 'exhaustive', max_preemptions: 2 }));
  assert.equal(e.found, true, JSON.stringify(e));
  assert.equal(e.failure.kind, 'exception');
  assert.equal(e.preemptions, 1);
  assert.equal(e.where.length, 1);
  assert.match(e.token, /^s1/);
  const loaded = await waitForState(page, () => window.interleave.state().status === 'paused');
  assert.equal(loaded.live.steps, 0);
  const again = e;
  await page.evaluate((step) => window.interleave.step(step + 150), again.where[0].step);
  await page.waitForTimeout(300);
  await page.screenshot({ path: artifactPath('explore-found-preemption.png') });
  // Continue: the loaded run ends with the same failure, and its schedule is the token.
  const end = await page.evaluate(() => new Promise((resolve) => {
    window.interleave.on('end', resolve);
    document.getElementById('run').click();
  }));
  assert.equal(end.exit_code, 1);
  assert.match(end.stderr, /lost update/);
  assert.equal(end.schedule, e.token);
  // The locked counter: none within the bound, said so.
  const locked = COUNTER.replace('        n += 1', '        with lock:\n            n += 1').replace('n = 0\n', 'n = 0\nlock = threading.Lock()\n');
  await page.evaluate((code) => window.interleave.run({ code, mode: 'det' }), locked);
  const none = await page.evaluate(() => window.interleave.explore({ strategy: 'exhaustive', max_preemptions: 2 }));
  assert.equal(none.found, false);
  assert.equal(none.exhausted, true);
  assert.match(await page.locator('#explore-status').innerText(), /No failing schedule within 2 preemption/);
  // Throughput: 500 random schedules of the locked counter (none fails, so all 500 run).
  await page.evaluate(() => { window.progress = []; window.interleave.on('explore-progress', (p) => window.progress.push(p)); });
  const rnd = await page.evaluate(() => window.interleave.explore({ strategy: 'random', budget: 500 }));
  assert.equal(rnd.tried, 500);
  const progress = await page.evaluate(() => window.progress);
  if (rnd.seconds > 1) assert.ok(progress.length >= 1 && progress.every((p) => p.strategy === 'random'), JSON.stringify(progress));
  console.log(`page explore: exhaustive found after ${e.tried} schedules (${e.per_second.toFixed(0)}/s); ` +
    `locked counter exhaustive ${none.tried} at ${none.per_second.toFixed(0)}/s, random ${rnd.tried} at ${rnd.per_second.toFixed(0)}/s`);
  noErrors(errors);
  await page.close();
});

// Solves race-condition's "lose-an-update" by stepping: the two workers alternate every few
// yield points, so one reads the counter while the other is between its read and write.
async function solveByStepping(target) {
  return target.evaluate(async () => {
    const api = window.interleave;
    for (let i = 0; i < 400; ++i) {
      const s = api.state();
      if (s.report) return s;
      const workers = (s.live?.threads ?? []).filter((t) => t.name !== 'MainThread' && t.state !== 'done').map((t) => t.tid);
      await api.step(3, workers[i % Math.max(1, workers.length)] ?? 0);
    }
    return api.state();
  });
}

test('a challenge solved by stepping shows as solved and emits score to the named origin only', async () => {
  // Top level first: the panel, the solve, the screenshot.
  const { page, errors } = await openReady('?lesson=race-condition&lang=en&set.iterations=3');
  const list = await page.evaluate(() => window.interleave.challenges());
  assert.deepEqual(list.map((c) => c.id), ['lose-an-update', 'unbalance']);
  assert.match(await page.locator('#challenge').innerText(), /Two threads, only 3 increments each/);
  const scores = [];
  await page.exposeFunction('noteScore', (s) => scores.push(s));
  await page.evaluate(() => window.interleave.on('score', (s) => window.noteScore(s)));
  const end = await solveByStepping(page);
  assert.ok(end.results.final < end.results.expected, JSON.stringify(end.results));
  await page.waitForFunction(() => document.getElementById('challenge').dataset.solved === 'true');
  assert.equal(scores.length, 1);
  assert.deepEqual({ ...scores[0], steps: typeof scores[0].steps },
    { challenge: 'lose-an-update', lesson: 'race-condition', solved: true, steps: 'number', attempts: 1 });
  assert.match(await page.locator('#challenge').innerText(), /Solved!/);
  await page.screenshot({ path: artifactPath('challenge-solved.png') });
  noErrors(errors);
  await page.close();

  // Embedded: two course pages at two origins embed the lesson naming only the first.
  const pageHtml = (frameUrl, playOrigin) => `<!doctype html><meta charset="utf-8"><body style="margin:0">
<iframe id="lesson" src="${frameUrl}" width="800" height="600" style="border:0" allow="cross-origin-isolated"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.origin === '${playOrigin}' && e.data.event) window.events.push(e.data); });
</script>`;
  const servers = [];
  const origins = [];
  for (let i = 0; i < 2; ++i) {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8',
        'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
      res.end(server.html);
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
    origins.push(`http://127.0.0.1:${server.address().port}`);
  }
  const frameUrl = `${site.url}?lesson=race-condition&lang=zh&embed=1&set.iterations=3&origin=${encodeURIComponent(origins[0])}`;
  const playOrigin = new URL(site.url).origin;
  const results = [];
  for (let i = 0; i < 2; ++i) {
    servers[i].html = pageHtml(frameUrl, playOrigin);
    const host = await browser.context.newPage();
    await host.goto(`${origins[i]}/course.html`);
    const frame = await (async () => {
      for (let k = 0; k < 200; ++k) {
        const f = host.frames().find((x) => x.url().startsWith(site.url));
        if (f) return f;
        await host.waitForTimeout(50);
      }
      throw new Error('no frame');
    })();
    await frame.waitForFunction(() => window.interleave?.state().ready === true, null, { timeout: 20000 });
    const local = [];
    await frame.evaluate(() => { window.localScores = []; window.interleave.on('score', (s) => window.localScores.push(s)); });
    await solveByStepping(frame);
    await frame.waitForFunction(() => window.localScores.length === 1);
    local.push(...await frame.evaluate(() => window.localScores));
    await host.waitForTimeout(300);
    const got = await host.evaluate(() => window.events.filter((e) => e.event === 'score').map((e) => e.data));
    results.push({ local, got });
    await host.close();
  }
  assert.equal(results[0].local[0].solved, true);
  assert.deepEqual(results[0].got, results[0].local, 'the named origin gets the score');
  assert.equal(results[1].local[0].solved, true);
  assert.deepEqual(results[1].got, [], 'another origin gets nothing');
  for (const s of servers) { s.closeAllConnections(); await new Promise((ok) => s.close(ok)); }
});
